/** The size-band view: its tables, for the page and the exports. */
import type { JurisdictionScope, SectorFilters } from "~/domain/sector/filters";
import type { SectorTable } from "~/domain/sector/table";
import type { AppLocale, Translate } from "~/utils/i18n";
import { breakdownTableIds, loadBreakdown } from "./breakdowns.server";

export const SIZE_TABLE_IDS = breakdownTableIds("size");

/** levels-by-size, medians-by-size, weakest-by-size, change-by-size. */
export async function sizeTables(jurisdiction: JurisdictionScope, filters: SectorFilters, t: Translate, locale: AppLocale): Promise<SectorTable[]> {
  return (await loadBreakdown(jurisdiction, filters, t, locale, "size")).tables;
}
