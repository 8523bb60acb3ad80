/**
 * What an authority page's loader returns besides its tables: only published or public values
 * (reference names, period labels, k), shared by the routes and app/components/sector. Pure.
 */
import type { SectorHeadline } from "./build";
import type { SectorTable } from "./table";

/** The filters as the filter bar and links carry them (URL values; null = the default). */
export interface SelectedFilters {
  industry: string | null;
  region: string | null;
  size: string | null;
  period: string | null;
}

export interface SectorMeta {
  version: string | null;
  period: string | null;
  /** Periods with data in the jurisdiction, newest first. */
  periods: string[];
  /** The filtered group in words. */
  scope: string;
  minGroup: number;
  quantileMinN: number;
  /** No questionnaire version, or no contribution in the period asked for: the page shows its empty state. */
  empty: boolean;
  /** The group holds synthetic (demo) factories: a flag, never a count. */
  containsSynthetic: boolean;
  selected: SelectedFilters;
  /** Index = level 0…5, names of the version shown. */
  levelNames: string[];
  jurisdiction: { regionCode: string; regionName: string; industryCode: string | null; industryName: string | null };
}

export interface SectorView {
  meta: SectorMeta;
  tables: SectorTable[];
}

export interface OverviewView extends SectorView {
  headline: SectorHeadline;
}

export function findTable<T extends Pick<SectorTable, "id">>(tables: readonly T[], id: string): T | undefined {
  return tables.find((table) => table.id === id);
}
