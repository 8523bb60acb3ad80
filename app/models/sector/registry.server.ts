/**
 * Every exportable authority table: its id (the export's ?table= value and file name) → the view
 * builder that makes it. The exports build the very tables the page shows, from the same filters,
 * so a file never holds a figure the page would not (docs/open-data.md).
 */
import type { JurisdictionScope, SectorFilters } from "~/domain/sector/filters";
import type { SectorTable } from "~/domain/sector/table";
import type { AppLocale, Translate } from "~/utils/i18n";
import { INDUSTRY_CATEGORY_TABLE_IDS, INDUSTRY_TABLE_IDS, industryCategoryTables, industryTables } from "./industries.server";
import { OVERVIEW_TABLE_IDS, overviewTables } from "./overview.server";
import { PROGRAMME_TABLE_IDS, programmeTables } from "./programmes.server";
import { REGION_TABLE_IDS, regionTables } from "./regions.server";
import { SIZE_TABLE_IDS, sizeTables } from "./sizes.server";

type ViewTables = (jurisdiction: JurisdictionScope, filters: SectorFilters, t: Translate, locale: AppLocale) => Promise<SectorTable[]>;

const VIEWS: readonly { ids: readonly string[]; build: ViewTables }[] = [
  { ids: OVERVIEW_TABLE_IDS, build: overviewTables },
  { ids: INDUSTRY_TABLE_IDS, build: industryTables },
  { ids: INDUSTRY_CATEGORY_TABLE_IDS, build: industryCategoryTables },
  { ids: SIZE_TABLE_IDS, build: sizeTables },
  { ids: REGION_TABLE_IDS, build: regionTables },
  { ids: PROGRAMME_TABLE_IDS, build: programmeTables },
];

/** Every table id an export accepts. */
export const EXPORTABLE_TABLE_IDS: readonly string[] = VIEWS.flatMap((view) => view.ids);

export function isExportableTable(id: string): boolean {
  return EXPORTABLE_TABLE_IDS.includes(id);
}

/** The table `id` for the jurisdiction and filters, or null for an unknown id. */
export async function buildExportTable(id: string, jurisdiction: JurisdictionScope, filters: SectorFilters, t: Translate, locale: AppLocale): Promise<SectorTable | null> {
  const view = VIEWS.find((candidate) => candidate.ids.includes(id));
  if (!view) return null;
  const tables = await view.build(jurisdiction, filters, t, locale);
  return tables.find((table) => table.id === id) ?? null;
}
