import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PeerGroupSpec } from "~/domain/benchmark/groups";
import { percentileCont, percentileRank } from "~/domain/benchmark/statistics";
import {
  EXACT_RANK_MIN_N,
  publishCount,
  publishCountColumn,
  publishGroup,
  publishLevels,
  publishQuantiles,
  publishRank,
  publishThresholdShare,
  QUANTILE_MIN_N,
  quantileOfHistogram,
  rankOfHistogram,
  SCORE_BINS,
  toHundredths,
  type PublishedCount,
  type RawCount,
  type RawGroup,
} from "./index";
import { MAX_PERTURBATION, mixKey, PERTURBATION_TABLE, perturbation, ROW_CAP, VALUES_BY_CLASS } from "./ptable";

const RULES = { minGroup: 5 };
const ALL: PeerGroupSpec = { industry: { kind: "all" }, region: { kind: "all" }, size: { kind: "band", band: "SMALL" } };

function histogramOf(hundredths: readonly number[]): number[] {
  const histogram: number[] = Array.from({ length: SCORE_BINS }, () => 0);
  for (const value of hundredths) histogram[value]!++;
  return histogram;
}

function value(count: PublishedCount): number {
  if (count.status !== "ok") throw new Error("expected a published count");
  return count.value;
}

/** A group of the given level counts, with random-looking but fixed record keys. */
function groupOf(levelCounts: readonly number[], seedKey = 17, overall: readonly number[] = []): RawGroup {
  const levels: RawCount[] = levelCounts.map((n, index) => ({ n, key: (seedKey * (index + 3) + n * 29) % 256 }));
  const n = levelCounts.reduce((a, b) => a + b, 0);
  const key = levels.reduce((sum, level) => sum + level.key, 0) % 256;
  const items = new Map(overall.length > 0 ? [["overall", { n: overall.length, histogram: histogramOf(overall) }]] : []);
  return { spec: ALL, n, key, synthetic: 0, levels, items };
}

describe("the perturbation table", () => {
  it("has mean exactly 0 and values within −2…+2 in every row of every class", () => {
    for (const rows of PERTURBATION_TABLE) {
      expect(rows).toHaveLength(ROW_CAP + 1);
      for (const row of rows) {
        expect(row).toHaveLength(256);
        expect(row.reduce((a, b) => a + b, 0)).toBe(0);
        expect(Math.max(...row.map(Math.abs))).toBeLessThanOrEqual(MAX_PERTURBATION);
      }
    }
    // the class histograms are what the rows hold
    for (const [distanceClass, histogram] of VALUES_BY_CLASS.entries()) {
      const row = PERTURBATION_TABLE[distanceClass]![7]!;
      for (const [entry, count] of histogram) expect(row.filter((x) => x === entry)).toHaveLength(count);
    }
  });

  it("never takes a count below k, for any k, n ≥ k and key", () => {
    for (const k of [3, 5, 10]) {
      for (let n = k; n < k + 6; n++) for (let key = 0; key < 256; key++) expect(n + perturbation(n, key, k)).toBeGreaterThanOrEqual(k);
    }
  });

  it("gives n and n + 1 unrelated noise for the same key (rows are shuffled independently)", () => {
    let same = 0;
    for (let key = 0; key < 256; key++) if (perturbation(40, key, 5) === perturbation(41, key, 5)) same++;
    // independent rows agree with probability Σ p² ≈ 0.28 (≈ 72 of 256); identical rows would agree 256 times
    expect(same).toBeGreaterThan(40);
    expect(same).toBeLessThan(110);
  });

  it("mixKey is a bijection of the key for a fixed context and depends on the context", () => {
    const image = new Set(Array.from({ length: 256 }, (_, key) => mixKey(key, ["level", 12, 3])));
    expect(image.size).toBe(256);
    let differs = 0;
    for (let key = 0; key < 256; key++) if (mixKey(key, ["level", 12, 3]) !== mixKey(key, ["level", 13, 3])) differs++;
    expect(differs).toBeGreaterThan(240);
  });
});

describe("toHundredths and quantileOfHistogram", () => {
  it("rounds to hundredths and clamps to 0…500", () => {
    expect(toHundredths(2.345)).toBe(235);
    expect(toHundredths(0)).toBe(0);
    expect(toHundredths(5)).toBe(500);
    expect(toHundredths(5.2)).toBe(500);
    expect(toHundredths(-0.3)).toBe(0);
    expect(() => toHundredths(Number.NaN)).toThrow(RangeError);
  });

  it("equals percentileCont over the same expanded hundredths", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, q) => {
        const sorted = [...values].sort((a, b) => a - b);
        expect(quantileOfHistogram(histogramOf(values), q)).toBeCloseTo(percentileCont(sorted, q) / 100, 12);
      }),
    );
  });

  it("rankOfHistogram equals percentileRank (ties count half)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 500 }), (values, own) => {
        expect(rankOfHistogram(histogramOf(values), own)).toBeCloseTo(percentileRank(values, own), 9);
      }),
    );
  });

  it("refuses an empty histogram", () => {
    expect(() => quantileOfHistogram(histogramOf([]), 0.5)).toThrow(RangeError);
  });
});

describe("publishCount", () => {
  it("suppresses every count below k, 0 included", () => {
    for (let n = 0; n < 5; n++) for (const key of [0, 99, 255]) expect(publishCount({ n, key }, RULES)).toEqual({ status: "suppressed" });
  });

  it("publishes counts from k on within ±2, never below k, the same value for the same key", () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 5000 }), fc.integer({ min: 0, max: 255 }), (n, key) => {
        const published = value(publishCount({ n, key }, RULES));
        expect(published).toBeGreaterThanOrEqual(5);
        expect(Math.abs(published - n)).toBeLessThanOrEqual(2);
        expect(publishCount({ n, key }, RULES)).toEqual({ status: "ok", value: published });
      }),
    );
  });

  it("is unbiased over the keys", () => {
    for (const n of [7, 50, 1000]) {
      let sum = 0;
      for (let key = 0; key < 256; key++) sum += value(publishCount({ n, key }, RULES));
      expect(sum / 256).toBe(n);
    }
  });

  it("publishes exactly k for a count of k (no room below it)", () => {
    for (let key = 0; key < 256; key++) expect(publishCount({ n: 5, key }, RULES)).toEqual({ status: "ok", value: 5 });
  });
});

describe("publishLevels", () => {
  it("suppresses everything when the group is below k", () => {
    const published = publishLevels(groupOf([0, 1, 2, 1, 0, 0]), RULES);
    expect(published.total.status).toBe("suppressed");
    expect(published.counts.every((count) => count.status === "suppressed")).toBe(true);
    expect(published.shares.every((share) => share === null)).toBe(true);
  });

  it("applies complementary suppression: a lone small level takes the next smallest with it", () => {
    // levels: 0, 3, 40, 30, 0, 0 → level 1 (3) is suppressed; alone it could be told from the total → level 3 goes too
    const published = publishLevels(groupOf([0, 3, 40, 30, 0, 0]), RULES);
    expect(published.counts.map((count) => count.status)).toEqual(["suppressed", "suppressed", "ok", "suppressed", "suppressed", "suppressed"]);
    expect(published.shares[2]).toBe(Math.round((100 * value(published.counts[2]!)) / value(published.total)));
    expect(published.shares[1]).toBeNull();
  });

  it("needs no complement when the suppressed levels together hold k or more, or nothing", () => {
    const published = publishLevels(groupOf([3, 4, 40, 30, 0, 0]), RULES);
    expect(published.counts.map((count) => count.status)).toEqual(["suppressed", "suppressed", "ok", "ok", "suppressed", "suppressed"]);
    const empty = publishLevels(groupOf([0, 0, 40, 30, 0, 0]), RULES);
    expect(empty.counts.map((count) => count.status)).toEqual(["suppressed", "suppressed", "ok", "ok", "suppressed", "suppressed"]);
  });

  it("in every row: no published level below k, hidden levels hold 0 or ≥ k in all, shares are whole percent", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 6, maxLength: 6 }), fc.integer({ min: 0, max: 255 }), (counts, seed) => {
        const group = groupOf(counts, seed);
        const published = publishLevels(group, RULES);
        let hidden = 0;
        let hiddenNonEmpty = 0;
        published.counts.forEach((count, index) => {
          const n = group.levels[index]!.n;
          if (count.status === "ok") {
            expect(n).toBeGreaterThanOrEqual(5);
            expect(count.value).toBeGreaterThanOrEqual(5);
          } else {
            hidden += n;
            if (n > 0) hiddenNonEmpty++;
          }
        });
        const anyPublished = published.counts.some((count) => count.status === "ok");
        if (anyPublished) {
          expect(hidden === 0 || hidden >= 5).toBe(true);
          expect(hiddenNonEmpty).not.toBe(1);
        }
        for (const share of published.shares) if (share !== null) expect(Number.isInteger(share) && share >= 0 && share <= 100).toBe(true);
      }),
    );
  });

  it("re-draws every level's noise when the group changes by one factory (keys mixed with the group's)", () => {
    // The same level cells (levels 2 and 3 unchanged) inside two groups that differ by one factory in level 4.
    let unchanged = 0;
    let trials = 0;
    for (let groupKey = 0; groupKey < 256; groupKey++) {
      const base = { n: 60, key: groupKey, levels: [{ n: 0, key: 0 }, { n: 0, key: 0 }, { n: 30, key: 11 }, { n: 20, key: 200 }, { n: 10, key: 7 }, { n: 0, key: 0 }] };
      const plus = { n: 61, key: (groupKey + 77) % 256, levels: [...base.levels.slice(0, 4), { n: 11, key: 84 }, { n: 0, key: 0 }] };
      const a = publishLevels(base, RULES);
      const b = publishLevels(plus, RULES);
      trials++;
      if (value(a.counts[2]!) === value(b.counts[2]!) && value(a.counts[3]!) === value(b.counts[3]!)) unchanged++;
    }
    // both unchanged by chance ≈ 0.28² ≈ 8 % of the time; without mixing it would be 100 %
    expect(unchanged / trials).toBeLessThan(0.2);
  });
});

describe("publishCountColumn", () => {
  const cell = (n: number, key = n * 37) => ({ n, key: key % 256 });

  it("suppresses the whole column when the total is below k", () => {
    const out = publishCountColumn([cell(1), cell(2)], cell(3), RULES);
    expect(out.total.status).toBe("suppressed");
    expect(out.cells.every((c) => c.status === "suppressed")).toBe(true);
  });

  it("a single suppressed non-empty cell takes the next smallest with it", () => {
    const out = publishCountColumn([cell(50), cell(2), cell(9), cell(30)], cell(91), RULES);
    expect(out.cells.map((c) => c.status)).toEqual(["ok", "suppressed", "suppressed", "ok"]);
    expect(out.total.status).toBe("ok");
  });

  it("two small cells summing below k take a third with them", () => {
    const out = publishCountColumn([cell(50), cell(1), cell(2), cell(12), cell(30)], cell(95), RULES);
    expect(out.cells.map((c) => c.status)).toEqual(["ok", "suppressed", "suppressed", "suppressed", "ok"]);
  });

  it("two small cells summing to k or more stand as they are; zero cells need no complement", () => {
    expect(publishCountColumn([cell(50), cell(3), cell(4), cell(30)], cell(87), RULES).cells.map((c) => c.status)).toEqual(["ok", "suppressed", "suppressed", "ok"]);
    expect(publishCountColumn([cell(50), cell(0), cell(30)], cell(80), RULES).cells.map((c) => c.status)).toEqual(["ok", "suppressed", "ok"]);
  });

  it("is deterministic", () => {
    const cells = [cell(50), cell(8), cell(9), cell(30)];
    expect(publishCountColumn(cells, cell(97), RULES)).toEqual(publishCountColumn(cells, cell(97), RULES));
  });
});

describe("publishQuantiles", () => {
  it("suppresses fewer than k scores", () => {
    expect(publishQuantiles({ n: 4, histogram: histogramOf([100, 200, 300, 400]) }, RULES)).toEqual({ status: "suppressed" });
  });

  it("gives only a median band 0.5 wide for k…19 scores, never an order statistic", () => {
    const scores = [105, 180, 230, 260, 310];
    expect(publishQuantiles({ n: 5, histogram: histogramOf(scores) }, RULES)).toEqual({ status: "band", medianFrom: 2, medianTo: 2.5 });
    expect(publishQuantiles({ n: 5, histogram: histogramOf([500, 500, 500, 500, 500]) }, RULES)).toEqual({ status: "band", medianFrom: 4.5, medianTo: 5 });
    expect(publishQuantiles({ n: 19, histogram: histogramOf(Array.from({ length: 19 }, (_, i) => i * 10)) }, RULES)).toEqual({ status: "band", medianFrom: 0.5, medianTo: 1 });
  });

  it("gives p25…p90 at 0.01 from 20 scores, equal to percentile_cont rounded", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: QUANTILE_MIN_N, maxLength: 80 }), (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        const published = publishQuantiles({ n: values.length, histogram: histogramOf(values) }, RULES);
        if (published.status !== "ok") throw new Error("expected exact quantiles");
        for (const [key, q] of [["p25", 0.25], ["p50", 0.5], ["p75", 0.75], ["p90", 0.9]] as const) {
          expect(published[key]).toBe(Math.round(percentileCont(sorted, q)) / 100);
          expect(Math.round(published[key] * 100) / 100).toBe(published[key]);
        }
      }),
    );
  });

  it("follows a k above 20", () => {
    const values = Array.from({ length: 25 }, (_, i) => i * 10);
    expect(publishQuantiles({ n: 25, histogram: histogramOf(values) }, { minGroup: 30 }).status).toBe("suppressed");
    expect(publishQuantiles({ n: 25, histogram: histogramOf(values) }, { minGroup: 25 }).status).toBe("ok");
  });
});

describe("publishRank", () => {
  const spread = (n: number) => Array.from({ length: n }, (_, i) => Math.round((i * 500) / n));

  it("suppresses below 20 peers and without an own score", () => {
    expect(publishRank({ n: 19, histogram: histogramOf(spread(19)) }, 250, RULES)).toEqual({ status: "suppressed" });
    expect(publishRank({ n: 50, histogram: histogramOf(spread(50)) }, null, RULES)).toEqual({ status: "suppressed" });
  });

  it("gives a 10-point band for 20…99 peers and a floored whole percent from 100", () => {
    fc.assert(
      fc.property(fc.integer({ min: QUANTILE_MIN_N, max: 140 }), fc.integer({ min: 0, max: 500 }), (n, own) => {
        const values = spread(n);
        const rank = percentileRank(values, own);
        const published = publishRank({ n, histogram: histogramOf(values) }, own, RULES);
        if (n >= EXACT_RANK_MIN_N) {
          expect(published).toEqual({ status: "exact", percent: Math.floor(rank + 1e-9) });
        } else {
          if (published.status !== "band") throw new Error("expected a band");
          expect(published.to - published.from).toBe(10);
          expect(published.from % 10).toBe(0);
          expect(rank).toBeGreaterThanOrEqual(published.from - 1e-9);
          expect(rank).toBeLessThanOrEqual(published.to + 1e-9);
        }
      }),
    );
  });

  it("puts 100 % in the top band 90–100", () => {
    expect(publishRank({ n: 20, histogram: histogramOf(Array.from({ length: 20 }, () => 100)) }, 400, RULES)).toEqual({ status: "band", from: 90, to: 100 });
  });

  it("refuses an own score that is not hundredths", () => {
    expect(() => publishRank({ n: 20, histogram: histogramOf(spread(20)) }, 2.5, RULES)).toThrow(RangeError);
  });
});

describe("publishThresholdShare", () => {
  const group = (overall: number[]) => groupOf([0, overall.length, 0, 0, 0, 0], 5, overall);

  it("suppresses when either side holds fewer than k (0 included)", () => {
    expect(publishThresholdShare(group([...Array(10).fill(150), ...Array(3).fill(250)]), "overall", 200, RULES)).toEqual({ status: "suppressed" });
    expect(publishThresholdShare(group([...Array(3).fill(150), ...Array(10).fill(250)]), "overall", 200, RULES)).toEqual({ status: "suppressed" });
    expect(publishThresholdShare(group(Array(12).fill(150)), "overall", 200, RULES)).toEqual({ status: "suppressed" });
    expect(publishThresholdShare(group(Array(12).fill(250)), "overall", 200, RULES)).toEqual({ status: "suppressed" });
    expect(publishThresholdShare(group(Array(12).fill(250)), "missing-item", 200, RULES)).toEqual({ status: "suppressed" });
  });

  it("counts scores at the threshold as meeting it, publishes a whole percent near the truth, deterministically", () => {
    const overall = [...Array(20).fill(199), ...Array(30).fill(200), ...Array(50).fill(420)];
    const published = publishThresholdShare(group(overall), "overall", 200, RULES);
    if (published.status !== "ok") throw new Error("expected a share");
    expect(Number.isInteger(published.percent)).toBe(true);
    expect(Math.abs(published.percent - 80)).toBeLessThanOrEqual(3);
    expect(publishThresholdShare(group(overall), "overall", 200, RULES)).toEqual(published);
  });
});

describe("publishGroup", () => {
  it("publishes n, levels, items in the asked order, the synthetic marker as a flag", () => {
    const overall = Array.from({ length: 12 }, (_, i) => 100 + i * 20);
    const raw: RawGroup = { ...groupOf([0, 0, 12, 0, 0, 0], 9, overall), synthetic: 3 };
    raw.items = new Map([...raw.items, ["D1", { n: 8, histogram: histogramOf(overall.slice(0, 8)) }]]);
    const published = publishGroup(raw, RULES, ["D1", "overall", "nope"]);
    expect(published.n).toEqual(publishCount(raw, RULES));
    expect(published.containsSynthetic).toBe(true);
    expect(published.items.map((item) => item.itemId)).toEqual(["D1", "overall", "nope"]);
    // an item every member scored publishes the group's n, not a second noisy reading of it
    expect(published.items[1]!.n).toEqual(published.n);
    expect(published.items[1]!.quantiles.status).toBe("band");
    expect(published.items[0]!.n.status).toBe("ok");
    expect(published.items[2]).toEqual({ itemId: "nope", n: { status: "suppressed" }, quantiles: { status: "suppressed" } });
    expect(JSON.stringify(published)).not.toContain('"synthetic"');
  });

  it("says nothing of a group below k, not even the synthetic flag", () => {
    const raw: RawGroup = { ...groupOf([0, 0, 4, 0, 0, 0], 9, [100, 200, 300, 400]), synthetic: 2 };
    const published = publishGroup(raw, RULES);
    expect(published.n.status).toBe("suppressed");
    expect(published.containsSynthetic).toBe(false);
    expect(published.items[0]!.quantiles.status).toBe("suppressed");
  });

  it("publishes the same value for every item of the same n (averaging items cannot remove the noise)", () => {
    const overall = Array.from({ length: 40 }, (_, i) => i * 10);
    const raw = groupOf([0, 0, 40, 0, 0, 0], 3, overall);
    raw.items = new Map([...raw.items, ...Array.from({ length: 10 }, (_, i) => [`C${i}`, { n: 30, histogram: histogramOf(overall.slice(i, i + 30)) }] as const)]);
    const values = new Set(publishGroup(raw, RULES).items.filter((item) => item.itemId.startsWith("C")).map((item) => JSON.stringify(item.n)));
    expect(values.size).toBe(1);
  });
});
