/**
 * The benchmark statistics, defined once. PostgreSQL computes them (app/models/benchmark.server.ts);
 * this file is the definition and the independent TypeScript implementation the tests compare
 * the SQL with. See docs/benchmarking.md for why these definitions.
 *
 * percentile rank  PR(x) = 100 · (#{peers < x − ε} + ½ · #{peers within ε of x}) / n
 *                  "ahead of PR % of peers": ties count half, so a factory equal to every peer is
 *                  at 50 %, never at 0 % or 100 %. ε = 1e-9 absorbs float noise only (as the engine's
 *                  SCORE_TOLERANCE does).
 * quantile q       PostgreSQL's percentile_cont(q): sort the n values v₀ ≤ … ≤ vₙ₋₁, h = q·(n − 1),
 *                  result = v⌊h⌋ + (h − ⌊h⌋)·(v⌈h⌉ − v⌊h⌋)  (linear interpolation, "type 7").
 * k                an item's statistics exist only when at least k peers have a score for it.
 */
import type { PublishedGroup } from "~/domain/disclosure/types";
import type { AssessmentResult } from "~/domain/scoring";

export const TIE_TOLERANCE = 1e-9;

export const QUANTILES = { p25: 0.25, p50: 0.5, p75: 0.75, p90: 0.9 } as const;
export type QuantileKey = keyof typeof QUANTILES;

export type ItemType = "OVERALL" | "DIMENSION" | "CAPABILITY";
export const OVERALL_ITEM_ID = "overall";

/** Statistics of one item (overall score, a dimension or a capability) over a peer group. */
export type ItemBenchmark =
  | {
      itemType: ItemType;
      itemId: string;
      status: "ok";
      /** Peers with a score for this item (≥ k). */
      n: number;
      p25: number;
      p50: number;
      p75: number;
      p90: number;
      /** 0–100, null when the factory itself has no score for the item. */
      percentileRank: number | null;
    }
  | { itemType: ItemType; itemId: string; status: "too-few-peers" };

/** percentile_cont over values sorted ascending (PostgreSQL's algorithm, step for step). */
export function percentileCont(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) throw new RangeError("percentileCont of no values");
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`fraction must lie in [0, 1], got ${fraction}`);
  const position = fraction * (sorted.length - 1);
  const first = Math.floor(position);
  const second = Math.ceil(position);
  const low = sorted[first]!;
  if (first === second) return low;
  const high = sorted[second]!;
  // float8_lerp: lo + (hi − lo) · pct
  return low + (high - low) * (position - first);
}

/** Share of `values` below `own` plus half of the ties, in percent (0–100). */
export function percentileRank(values: readonly number[], own: number): number {
  if (values.length === 0) throw new RangeError("percentileRank against no values");
  let below = 0;
  let tied = 0;
  const low = own - TIE_TOLERANCE;
  const high = own + TIE_TOLERANCE;
  for (const value of values) {
    if (value < low) below++;
    else if (value <= high) tied++;
  }
  return (100 * (below + 0.5 * tied)) / values.length;
}

/** The statistics of one item, or "too-few-peers" when fewer than k peers have a score. */
export function itemBenchmark(itemType: ItemType, itemId: string, peerScores: readonly (number | null)[], own: number | null, minGroup: number): ItemBenchmark {
  const values = peerScores.filter((score): score is number => score !== null).sort((a, b) => a - b);
  if (values.length < minGroup || values.length === 0) return { itemType, itemId, status: "too-few-peers" };
  return {
    itemType,
    itemId,
    status: "ok",
    n: values.length,
    p25: percentileCont(values, QUANTILES.p25),
    p50: percentileCont(values, QUANTILES.p50),
    p75: percentileCont(values, QUANTILES.p75),
    p90: percentileCont(values, QUANTILES.p90),
    percentileRank: own === null ? null : percentileRank(values, own),
  };
}

/** Number of peers at each maturity level 0…5. */
export function levelCounts(levels: readonly number[]): number[] {
  const counts = [0, 0, 0, 0, 0, 0];
  for (const level of levels) {
    if (!Number.isInteger(level) || level < 0 || level > 5) throw new RangeError(`level must be 0…5, got ${level}`);
    counts[level]!++;
  }
  return counts;
}

/**
 * Peer gap per capability (published peer median − own score as shown, both in hundredths), for
 * the roadmap's weighting and its "against the median" column. Only exact published medians count
 * (groups of QUANTILE_MIN_N and more): a gap from an unpublished median would publish that median
 * (own score + gap), so groups with only a median band, or none, give no gap (docs/privacy.md).
 */
export function peerGaps(result: Pick<AssessmentResult, "capabilities">, published: Pick<PublishedGroup, "items">): Map<string, number> {
  const medians = new Map<string, number>();
  for (const item of published.items) {
    if (item.quantiles.status === "ok") medians.set(item.itemId, item.quantiles.p50);
  }
  const gaps = new Map<string, number>();
  for (const capability of result.capabilities) {
    if (capability.status !== "scored") continue;
    const median = medians.get(capability.capabilityId);
    if (median !== undefined) gaps.set(capability.capabilityId, (Math.round(median * 100) - Math.round(capability.score * 100)) / 100);
  }
  return gaps;
}

/** "Ahead of X %" as shown: cut down to a whole percent, so 67.9 % never reads as 68 %. */
export function displayPercent(rank: number): number {
  return Math.floor(rank + TIE_TOLERANCE);
}
