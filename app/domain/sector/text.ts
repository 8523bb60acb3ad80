/**
 * The message keys the pure sector builders use. Typed here (the domain does not import the app's
 * i18n), so the app's `Translate` fits only while every key below exists in the locale files.
 */
import type { SizeBand } from "~/domain/reference/size-band";

export const SECTOR_TABLE_TITLES = [
  "participation",
  "levels",
  "dimensionMedians",
  "trend",
  "levelsBy",
  "mediansBy",
  "weakestBy",
  "changeBy",
] as const;
export type SectorTableTitle = (typeof SECTOR_TABLE_TITLES)[number];

export const SECTOR_COLUMNS = [
  "period",
  "registered",
  "participating",
  "participationShare",
  "level",
  "factories",
  "share",
  "item",
  "p25",
  "median",
  "p75",
  "industry",
  "category",
  "size",
  "overallMedian",
  "weakest",
  "weakestMedian",
  "previousMedian",
  "currentMedian",
  "change",
] as const;
export type SectorColumnName = (typeof SECTOR_COLUMNS)[number];

export type SectorBreakdown = "division" | "category" | "size";

export type SectorTextKey =
  | `sector.tables.${SectorTableTitle}`
  | `sector.columns.${SectorColumnName}`
  | `sector.breakdown.${SectorBreakdown}`
  | "sector.common.total"
  | "sector.common.overall"
  | "sector.common.notListed"
  | "sector.notes.scope"
  | "sector.notes.suppressed"
  | "sector.notes.perturbed"
  | "sector.notes.band"
  | "sector.notes.registered"
  | "sector.notes.synthetic"
  | "sector.notes.hiddenRows"
  | "sector.notes.weakest"
  | "sector.notes.change"
  | "sector.notes.noPrevious"
  | "sector.notes.noData"
  | `sizeBand.${SizeBand}`;

export type SectorText = (key: SectorTextKey, vars?: Record<string, string | number>) => string;
