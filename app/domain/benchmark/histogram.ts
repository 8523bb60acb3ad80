/**
 * Benchmark statistics over a histogram of hundredths (issue 12): the aggregates hold, per item,
 * how many peers scored 0.00, 0.01, … 5.00, so every statistic is defined on scores rounded to
 * 0.01 (the precision the page shows) and the histogram is the complete data. Same definitions as
 * ./statistics.ts (percentile_cont "type 7", ties count half), evaluated without expanding the
 * histogram. Server-side only in practice (the results stay on the server; pages publish through
 * app/domain/disclosure), but pure.
 */
import { SCORE_BINS, SCORE_SCALE } from "~/domain/disclosure/types";
import { QUANTILES, type ItemBenchmark, type ItemType } from "./statistics";

/** A score in hundredths, 0…500: Math.round(score × 100), clamped (as the SQL's floor(score·100 + 0.5)). */
export function hundredths(score: number): number {
  return Math.min(SCORE_BINS - 1, Math.max(0, Math.round(score * SCORE_SCALE)));
}

export function histogramTotal(histogram: readonly number[]): number {
  let total = 0;
  for (const count of histogram) total += count;
  return total;
}

/** The value (in hundredths) at 0-based position `index` of the sorted expansion. */
function valueAt(histogram: readonly number[], index: number): number {
  let seen = 0;
  for (let bin = 0; bin < histogram.length; bin++) {
    seen += histogram[bin]!;
    if (index < seen) return bin;
  }
  throw new RangeError(`position ${index} beyond the histogram's ${seen} values`);
}

/** percentile_cont(q) over the expanded values, in score units (not hundredths). */
export function histogramQuantile(histogram: readonly number[], q: number): number {
  const n = histogramTotal(histogram);
  if (n === 0) throw new RangeError("quantile of an empty histogram");
  const position = q * (n - 1);
  const first = Math.floor(position);
  const low = valueAt(histogram, first);
  if (first === position) return low / SCORE_SCALE;
  const high = valueAt(histogram, first + 1);
  return (low + (high - low) * (position - first)) / SCORE_SCALE;
}

/** 100 · (#below + ½ · #equal) / n, the own score in hundredths. */
export function histogramRank(histogram: readonly number[], own: number): number {
  const n = histogramTotal(histogram);
  if (n === 0) throw new RangeError("rank against an empty histogram");
  let below = 0;
  for (let bin = 0; bin < own && bin < histogram.length; bin++) below += histogram[bin]!;
  return (100 * (below + 0.5 * (histogram[own] ?? 0))) / n;
}

/** The statistics of one item from its histogram ("too-few-peers" below k), own score in score units. */
export function histogramItemBenchmark(itemType: ItemType, itemId: string, histogram: readonly number[] | undefined, own: number | null, minGroup: number): ItemBenchmark {
  const n = histogram ? histogramTotal(histogram) : 0;
  if (!histogram || n < minGroup || n === 0) return { itemType, itemId, status: "too-few-peers" };
  return {
    itemType,
    itemId,
    status: "ok",
    n,
    p25: histogramQuantile(histogram, QUANTILES.p25),
    p50: histogramQuantile(histogram, QUANTILES.p50),
    p75: histogramQuantile(histogram, QUANTILES.p75),
    p90: histogramQuantile(histogram, QUANTILES.p90),
    percentileRank: own === null ? null : histogramRank(histogram, hundredths(own)),
  };
}
