/** The industries view (by division, or by category): its tables, for the page and the exports. */
import type { JurisdictionScope, SectorFilters } from "~/domain/sector/filters";
import type { SectorTable } from "~/domain/sector/table";
import type { AppLocale, Translate } from "~/utils/i18n";
import { breakdownTableIds, loadBreakdown } from "./breakdowns.server";

export const INDUSTRY_TABLE_IDS = breakdownTableIds("division");
export const INDUSTRY_CATEGORY_TABLE_IDS = breakdownTableIds("category");

/** By division: levels-by-division, medians-by-division, weakest-by-division, change-by-division. */
export async function industryTables(jurisdiction: JurisdictionScope, filters: SectorFilters, t: Translate, locale: AppLocale): Promise<SectorTable[]> {
  return (await loadBreakdown(jurisdiction, filters, t, locale, "division")).tables;
}

/** By category: levels-by-category, medians-by-category, weakest-by-category, change-by-category. */
export async function industryCategoryTables(jurisdiction: JurisdictionScope, filters: SectorFilters, t: Translate, locale: AppLocale): Promise<SectorTable[]> {
  return (await loadBreakdown(jurisdiction, filters, t, locale, "category")).tables;
}
