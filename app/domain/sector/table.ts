/**
 * The one table shape of the authority views (issue 12): every view builds its tables from
 * published values only (app/domain/disclosure), the page renders them, and the CSV/XLSX exports
 * write the very same tables (docs/open-data.md documents their schema). Pure and isomorphic.
 */
import type { PublishedCount, PublishedQuantiles, PublishedShare } from "~/domain/disclosure/types";

/** One cell: a published value, a code/label, or a suppression marker. Never a raw count. */
export type SectorCell =
  | { kind: "label"; code: string; label: string }
  | { kind: "count"; value: PublishedCount }
  | { kind: "share"; value: PublishedShare }
  | { kind: "score"; value: PublishedQuantiles; pick: "p25" | "p50" | "p75" | "p90" }
  /** A change between periods (e.g. median score), 2 decimals; null when either side is not published. */
  | { kind: "change"; value: number | null };

export interface SectorColumn {
  /** Stable machine name for exports (snake_case, documented in docs/open-data.md). */
  key: string;
  /** Translated header shown on the page and in XLSX. */
  label: string;
}

export interface SectorTable {
  /** Stable id: the export's ?table= value and the file name (e.g. "levels-by-industry"). */
  id: string;
  title: string;
  columns: readonly SectorColumn[];
  rows: readonly (readonly SectorCell[])[];
  /** An optional total row (complementary suppression already applied to the rows above it). */
  total?: readonly SectorCell[];
  /** Notes shown under the table and exported with it (method, period, suppression legend). */
  notes: readonly string[];
}
