/**
 * The shapes that cross the disclosure boundary (issue 12, ADR 0018, docs/privacy.md).
 *
 *   Raw*        what the aggregates hold: true counts, record-key sums, score histograms. Server-only;
 *               never serialised into a loader's data, an export or a log.
 *   Published*  what app/domain/disclosure decided may be shown: counts perturbed (cell-key method) or
 *               suppressed below k, quantiles only from QUANTILE_MIN_N contributors (a coarse band
 *               below), ranks coarsened, every value at the precision the page shows, the synthetic
 *               marker a flag. Loaders, exports and charts only ever receive these.
 *
 * Pure and isomorphic. Scores are held in hundredths (0…500): the published precision is 0.01, and
 * every statistic is defined on scores rounded to it, so the histogram is the complete data.
 */
import type { PeerGroupSpec } from "~/domain/benchmark/groups";

/** Scores are aggregated in hundredths: 0 … 500 (0.00 … 5.00). */
export const SCORE_SCALE = 100;
export const SCORE_BINS = 501;
/** Levels L0 … L5. */
export const LEVEL_COUNT = 6;
/** Each contributor carries a random record key 0…255; a cell's key is the sum of its contributors' keys mod 256. */
export const RECORD_KEY_MODULUS = 256;

/** A true count and its cell key (Σ record keys mod 256). */
export interface RawCount {
  n: number;
  key: number;
}

/** One item's scores over a group: how many scored it and the histogram of hundredths (length SCORE_BINS). */
export interface RawItem {
  n: number;
  histogram: readonly number[];
}

/**
 * One group's maintained aggregate: distinct factories (each counted once, by its latest submission
 * in the scope), their levels, and per item (OVERALL_ITEM_ID "overall", dimension ids, capability ids)
 * the score histogram. `synthetic` is how many are synthetic — only ever published as a flag.
 */
export interface RawGroup extends RawCount {
  spec: PeerGroupSpec;
  synthetic: number;
  /** Index = level 0…5. */
  levels: readonly RawCount[];
  /** Only filled when asked for (the item histograms cost more to read than the counts). */
  items: ReadonlyMap<string, RawItem>;
}

// ---------------------------------------------------------------------------------------------
// Published shapes

/** A count as published: a perturbed whole number ≥ k, or suppressed ("fewer than k"). */
export type PublishedCount = { status: "ok"; value: number } | { status: "suppressed" };

/** Quantiles of an item: exact (2 decimals) from QUANTILE_MIN_N on; a median band below it; nothing below k. */
export type PublishedQuantiles =
  | { status: "ok"; p25: number; p50: number; p75: number; p90: number }
  | { status: "band"; medianFrom: number; medianTo: number }
  | { status: "suppressed" };

/** Where one score stands in the group: a whole percent (large groups), a band of percent, or nothing. */
export type PublishedRank = { status: "exact"; percent: number } | { status: "band"; from: number; to: number } | { status: "suppressed" };

/** A share (e.g. factories meeting a programme threshold) in whole percent, or suppressed. */
export type PublishedShare = { status: "ok"; percent: number } | { status: "suppressed" };

export interface PublishedLevels {
  total: PublishedCount;
  /** Index = level 0…5; complementary suppression already applied. */
  counts: readonly PublishedCount[];
  /** Whole percent of the published total, null where the count is suppressed. */
  shares: readonly (number | null)[];
}

export interface PublishedItem {
  itemId: string;
  n: PublishedCount;
  quantiles: PublishedQuantiles;
}

/** A published group: what a page or an export may show about it. */
export interface PublishedGroup {
  spec: PeerGroupSpec;
  n: PublishedCount;
  levels: PublishedLevels;
  items: readonly PublishedItem[];
  /** The group holds synthetic (demo) factories: a flag, never a count. */
  containsSynthetic: boolean;
}
