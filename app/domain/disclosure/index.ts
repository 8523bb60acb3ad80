/**
 * Disclosure control: the one module that decides what of an aggregate may be published (issue 12,
 * ADR 0018, docs/privacy.md). Every page, chart and export that shows peer or sector statistics
 * passes its Raw* aggregates through here and sends only the Published* results. Pure, isomorphic.
 *
 *   counts      < k (0 included) suppressed; ≥ k perturbed by the cell key (−2…+2, never below k)
 *   levels      each level a cell, keys mixed with the group's; shares of the published total;
 *               complementary suppression in the row
 *   quantiles   from QUANTILE_MIN_N contributors p25/p50/p75/p90 at 0.01; k…19 a median band 0.5 wide
 *   rank        from EXACT_RANK_MIN_N a whole percent; QUANTILE_MIN_N…99 a 10-point band
 *   shares      threshold shares: suppressed when either side holds fewer than k; both sides perturbed
 */
import { OVERALL_ITEM_ID, QUANTILES, TIE_TOLERANCE } from "~/domain/benchmark/statistics";
import { innerPerturbation, mixKey, perturbation } from "./ptable";
import {
  SCORE_BINS,
  SCORE_SCALE,
  type PublishedCount,
  type PublishedGroup,
  type PublishedItem,
  type PublishedLevels,
  type PublishedQuantiles,
  type PublishedRank,
  type PublishedShare,
  type RawCount,
  type RawGroup,
  type RawItem,
} from "./types";

export * from "./types";
export { MAX_PERTURBATION, mixKey } from "./ptable";

/** Exact quantiles (2 decimals) from 20 contributors; k…19: a median band 0.5 wide. */
export const QUANTILE_MIN_N = 20;
/** Whole-percent rank from 100; 20…99: a 10-point band; below 20: suppressed. */
export const EXACT_RANK_MIN_N = 100;
/** Width of the median band below QUANTILE_MIN_N, in hundredths (0.5). */
export const MEDIAN_BAND_HUNDREDTHS = 50;
/** Width of the rank band below EXACT_RANK_MIN_N, in percent. */
export const RANK_BAND_PERCENT = 10;

export interface DisclosureRules {
  /** k (BENCHMARK_MIN_GROUP, default 5): nothing is published about fewer contributors. */
  minGroup: number;
}

const MAX_HUNDREDTHS = SCORE_BINS - 1;

/** A score in hundredths, as the aggregates hold it: Math.round(score · 100), clamped to 0…500. */
export function toHundredths(score: number): number {
  if (!Number.isFinite(score)) throw new RangeError(`a score must be finite, got ${score}`);
  return Math.min(MAX_HUNDREDTHS, Math.max(0, Math.round(score * SCORE_SCALE)));
}

function histogramTotal(histogram: readonly number[]): number {
  let total = 0;
  for (const count of histogram) total += count;
  return total;
}

/** The value (in hundredths) at 0-based position `index` of the expanded, sorted histogram. */
function valueAt(histogram: readonly number[], index: number): number {
  let seen = 0;
  for (let bin = 0; bin < histogram.length; bin++) {
    seen += histogram[bin]!;
    if (seen > index) return bin;
  }
  throw new RangeError(`position ${index} beyond the histogram's ${seen} values`);
}

/** percentile_cont in hundredths (not rounded). */
function quantileHundredths(histogram: readonly number[], q: number): number {
  const n = histogramTotal(histogram);
  if (n === 0) throw new RangeError("quantile of an empty histogram");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q must lie in [0, 1], got ${q}`);
  const position = q * (n - 1);
  const first = Math.floor(position);
  const low = valueAt(histogram, first);
  if (first === position) return low;
  const high = valueAt(histogram, first + 1);
  return low + (high - low) * (position - first);
}

/** percentile_cont(q) over the histogram's expanded values (hundredths), in score units. */
export function quantileOfHistogram(histogram: readonly number[], q: number): number {
  return quantileHundredths(histogram, q) / SCORE_SCALE;
}

// ---------------------------------------------------------------------------------------------
// Counts

const SUPPRESSED = { status: "suppressed" } as const;

/** < k (0 too) suppressed; otherwise n plus the cell key's perturbation, never below k. */
export function publishCount(count: RawCount, rules: DisclosureRules): PublishedCount {
  const k = rules.minGroup;
  if (count.n < k) return SUPPRESSED;
  return { status: "ok", value: count.n + perturbation(count.n, count.key, k) };
}

/**
 * A cell inside a distribution (a level of a group, a row of a column). Fewer than k: suppressed, as
 * every count. From k on the full −2…+2 row applies and a cell whose perturbed value would fall below k
 * is suppressed instead (≈ 30 % of cells of exactly k, ≈ 10 % of k + 1). Why: with a hard threshold, the one
 * cell that turns from suppressed to published between two groups that differ by one factory names
 * that factory's level; with a key-driven threshold, other cells near k flip too and a flip is no proof.
 */
function publishInnerCount(count: RawCount, rules: DisclosureRules): PublishedCount {
  const k = rules.minGroup;
  if (count.n < k) return SUPPRESSED;
  const value = count.n + innerPerturbation(count.n, count.key);
  return value < k ? SUPPRESSED : { status: "ok", value };
}

/**
 * Complementary suppression over cells whose sum is published (a row with its total, a column):
 * while the suppressed cells hide 1…k−1 contributors in all, or exactly one suppressed cell is
 * non-empty, suppress the smallest remaining published cell (by true count, then position).
 */
function suppressComplements(raw: readonly RawCount[], published: PublishedCount[], k: number): PublishedCount[] {
  const out = [...published];
  for (;;) {
    let hiddenSum = 0;
    let hiddenNonEmpty = 0;
    for (let i = 0; i < out.length; i++) {
      if (out[i]!.status === "suppressed") {
        hiddenSum += raw[i]!.n;
        if (raw[i]!.n > 0) hiddenNonEmpty++;
      }
    }
    const unsafe = (hiddenSum >= 1 && hiddenSum < k) || hiddenNonEmpty === 1;
    if (!unsafe) return out;
    let smallest = -1;
    for (let i = 0; i < out.length; i++) {
      if (out[i]!.status === "ok" && (smallest === -1 || raw[i]!.n < raw[smallest]!.n)) smallest = i;
    }
    if (smallest === -1) return out;
    out[smallest] = SUPPRESSED;
  }
}

/**
 * A table column with its total: the total by its own key; each cell's key mixed with the total's
 * (so a change of one contributor re-draws every cell's noise, not only the cell it fell in);
 * complementary suppression. When the total is suppressed, so is everything.
 */
export function publishCountColumn(cells: readonly RawCount[], total: RawCount, rules: DisclosureRules): { cells: PublishedCount[]; total: PublishedCount } {
  const k = rules.minGroup;
  const publishedTotal = publishCount(total, rules);
  if (publishedTotal.status === "suppressed") return { cells: cells.map(() => SUPPRESSED), total: publishedTotal };
  const published = cells.map((cell, index) => publishInnerCount({ n: cell.n, key: mixKey(cell.key, ["column", total.key, total.n, index]) }, rules));
  return { cells: suppressComplements(cells, published, k), total: publishedTotal };
}

function share(value: PublishedCount, total: PublishedCount): number | null {
  if (value.status !== "ok" || total.status !== "ok" || total.value <= 0) return null;
  return Math.min(100, Math.round((100 * value.value) / total.value));
}

/** The level distribution: every level its own cell, complementary suppression, shares of the published total. */
export function publishLevels(group: Pick<RawGroup, "n" | "key" | "levels">, rules: DisclosureRules): PublishedLevels {
  const k = rules.minGroup;
  const total = publishCount(group, rules);
  if (total.status === "suppressed") return { total, counts: group.levels.map(() => SUPPRESSED), shares: group.levels.map(() => null) };
  const published = group.levels.map((level, index) => publishInnerCount({ n: level.n, key: mixKey(level.key, ["level", group.key, group.n, index]) }, rules));
  const counts = suppressComplements(group.levels, published, k);
  return { total, counts, shares: counts.map((count) => share(count, total)) };
}

// ---------------------------------------------------------------------------------------------
// Item statistics

function roundHundredths(hundredths: number): number {
  // Math.round on hundredths, then one division: the result is the nearest double to a 2-decimal value.
  return Math.round(hundredths) / SCORE_SCALE;
}

/** p25…p90 at 0.01 from QUANTILE_MIN_N (and k) on; a median band [⌊2m⌋/2, +0.5] from k; nothing below k. */
export function publishQuantiles(item: RawItem, rules: DisclosureRules): PublishedQuantiles {
  const n = histogramTotal(item.histogram);
  if (n < rules.minGroup || n === 0) return SUPPRESSED;
  if (n < Math.max(QUANTILE_MIN_N, rules.minGroup)) {
    const median = quantileHundredths(item.histogram, QUANTILES.p50);
    // A median of exactly 5.00 falls in the top band 4.5–5.0.
    const from = Math.min(Math.floor(median / MEDIAN_BAND_HUNDREDTHS) * MEDIAN_BAND_HUNDREDTHS, MAX_HUNDREDTHS - MEDIAN_BAND_HUNDREDTHS);
    return { status: "band", medianFrom: from / SCORE_SCALE, medianTo: (from + MEDIAN_BAND_HUNDREDTHS) / SCORE_SCALE };
  }
  return {
    status: "ok",
    p25: roundHundredths(quantileHundredths(item.histogram, QUANTILES.p25)),
    p50: roundHundredths(quantileHundredths(item.histogram, QUANTILES.p50)),
    p75: roundHundredths(quantileHundredths(item.histogram, QUANTILES.p75)),
    p90: roundHundredths(quantileHundredths(item.histogram, QUANTILES.p90)),
  };
}

/** The true percentile rank (ties count half) of `own` hundredths against the histogram, 0…100. */
export function rankOfHistogram(histogram: readonly number[], ownHundredths: number): number {
  const n = histogramTotal(histogram);
  if (n === 0) throw new RangeError("rank against an empty histogram");
  let below = 0;
  for (let bin = 0; bin < Math.min(ownHundredths, histogram.length); bin++) below += histogram[bin]!;
  const tied = ownHundredths >= 0 && ownHundredths < histogram.length ? histogram[ownHundredths]! : 0;
  return (100 * (below + 0.5 * tied)) / n;
}

/** "Ahead of x %": exact (floored) from EXACT_RANK_MIN_N, a 10-point band from QUANTILE_MIN_N, else suppressed. */
export function publishRank(item: RawItem, ownHundredths: number | null, rules: DisclosureRules): PublishedRank {
  const n = histogramTotal(item.histogram);
  if (ownHundredths === null || n < Math.max(QUANTILE_MIN_N, rules.minGroup)) return SUPPRESSED;
  if (!Number.isInteger(ownHundredths) || ownHundredths < 0 || ownHundredths > MAX_HUNDREDTHS) throw new RangeError(`own score must be hundredths 0…${MAX_HUNDREDTHS}, got ${ownHundredths}`);
  const rank = rankOfHistogram(item.histogram, ownHundredths);
  if (n >= Math.max(EXACT_RANK_MIN_N, rules.minGroup)) return { status: "exact", percent: Math.floor(rank + TIE_TOLERANCE) };
  // 100 % (ahead of everyone) falls in the top band 90–100.
  const from = Math.min(Math.floor((rank + TIE_TOLERANCE) / RANK_BAND_PERCENT) * RANK_BAND_PERCENT, 100 - RANK_BAND_PERCENT);
  return { status: "band", from, to: from + RANK_BAND_PERCENT };
}

/** An item's count: the group's own published n when every member scored it (one reading of one number), else a key derived from the group's. */
function publishItemCount(group: RawGroup, n: number, rules: DisclosureRules): PublishedCount {
  if (n === group.n) return publishCount(group, rules);
  // Derived from the group key and both counts only: every item of the same n publishes the same value,
  // so averaging over many items cannot wash the noise out.
  return publishCount({ n, key: mixKey(group.key, ["item", group.n, n]) }, rules);
}

/**
 * Share (whole percent) of the group's scores for `itemId` at or above `atLeastHundredths` (e.g. overall
 * ≥ 2.00). Suppressed when the item has fewer than k scores or either side holds fewer than k (0 too);
 * otherwise both sides are perturbed (keys derived from the group's and the threshold), so the share
 * lies strictly between 0 and 100.
 */
export function publishThresholdShare(group: RawGroup, itemId: string, atLeastHundredths: number, rules: DisclosureRules): PublishedShare {
  const k = rules.minGroup;
  const item = group.items.get(itemId);
  if (!item) return SUPPRESSED;
  const n = histogramTotal(item.histogram);
  if (n < k || n === 0) return SUPPRESSED;
  let meeting = 0;
  for (let bin = Math.max(0, Math.ceil(atLeastHundredths)); bin < item.histogram.length; bin++) meeting += item.histogram[bin]!;
  const missing = n - meeting;
  // 0 and n are suppressed too (as a zero count is): an exact "0 %" next to a suppressed neighbour
  // that holds one more factory would say that factory meets the threshold.
  if (meeting < k || missing < k) return SUPPRESSED;
  const context = (side: number) => ["threshold", itemId, atLeastHundredths, side, group.n, n];
  const above = meeting + perturbation(meeting, mixKey(group.key, context(1)), k);
  const below = missing + perturbation(missing, mixKey(group.key, context(0)), k);
  const percent = Math.round((100 * above) / (above + below));
  return { status: "ok", percent: Math.min(99, Math.max(1, percent)) };
}

/**
 * A whole group: n, the level distribution, and per item (the group's items in their order unless
 * `itemIds` picks some) its count and quantiles. The synthetic marker is a flag, and only with a published n.
 */
export function publishGroup(group: RawGroup, rules: DisclosureRules, itemIds?: readonly string[]): PublishedGroup {
  const n = publishCount(group, rules);
  const ids = itemIds ?? [...group.items.keys()];
  const items: PublishedItem[] = ids.map((itemId) => {
    const item = group.items.get(itemId);
    if (!item) return { itemId, n: SUPPRESSED, quantiles: SUPPRESSED };
    const itemN = histogramTotal(item.histogram);
    return { itemId, n: publishItemCount(group, itemN, rules), quantiles: publishQuantiles(item, rules) };
  });
  return { spec: group.spec, n, levels: publishLevels(group, rules), items, containsSynthetic: n.status === "ok" && group.synthetic > 0 };
}

export { OVERALL_ITEM_ID };
