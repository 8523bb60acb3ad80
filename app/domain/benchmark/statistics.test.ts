import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AssessmentResult } from "~/domain/scoring";
import type { PublishedItem } from "~/domain/disclosure/types";
import { displayPercent, itemBenchmark, levelCounts, peerGaps, percentileCont, percentileRank, TIE_TOLERANCE } from "./statistics";

describe("percentileCont (PostgreSQL's linear interpolation)", () => {
  it.each([
    // [values, fraction, expected]: h = fraction·(n − 1), v⌊h⌋ + (h − ⌊h⌋)·(v⌈h⌉ − v⌊h⌋)
    [[1, 2, 3, 4], 0.25, 1.75], // h = 0.75
    [[1, 2, 3, 4], 0.5, 2.5], // h = 1.5
    [[1, 2, 3, 4], 0.75, 3.25], // h = 2.25
    [[1, 2, 3, 4], 0.9, 3.7], // h = 2.7
    [[0, 10], 0.9, 9], // h = 0.9
    [[1, 2, 3, 4, 5], 0.25, 2], // h = 1, exactly a value
    [[1, 2, 3, 4, 5], 0.9, 4.6], // h = 3.6
    [[2.5], 0.9, 2.5],
    [[1, 1, 1, 5], 0.5, 1],
  ])("%j at %d is %d", (values, fraction, expected) => {
    expect(percentileCont(values, fraction)).toBeCloseTo(expected, 12);
  });

  it("returns the k-th value exactly at fraction k/(n − 1), and stays within the data, rising with the fraction", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 2, maxLength: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (raw, a, b) => {
        const sorted = [...raw].sort((x, y) => x - y);
        const n = sorted.length;
        for (let k = 0; k < n; k++) expect(percentileCont(sorted, k / (n - 1))).toBeCloseTo(sorted[k]!, 12);
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(percentileCont(sorted, low)).toBeLessThanOrEqual(percentileCont(sorted, high) + 1e-12);
        expect(percentileCont(sorted, low)).toBeGreaterThanOrEqual(sorted[0]!);
        expect(percentileCont(sorted, high)).toBeLessThanOrEqual(sorted[n - 1]!);
      }),
    );
  });

  it("refuses no values and fractions outside [0, 1]", () => {
    expect(() => percentileCont([], 0.5)).toThrow(RangeError);
    expect(() => percentileCont([1], 1.5)).toThrow(RangeError);
  });
});

describe("percentileRank (share below plus half the ties)", () => {
  it.each([
    [[1, 2, 2, 3], 2, 50], // 1 below, 2 tied: (1 + 1) / 4
    [[1, 2, 2, 3], 3, 87.5], // 3 below, 1 tied
    [[1, 2, 2, 3], 0.5, 0],
    [[1, 2, 2, 3], 4, 100],
    [[2, 2, 2, 2, 2], 2, 50], // equal to everybody: the middle, never 0 or 100
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 7.5, 70],
  ])("%j, own %d → %d percent", (values, own, expected) => {
    expect(percentileRank(values, own)).toBeCloseTo(expected, 12);
  });

  it("counts float noise as a tie (the engine's 1e-9 slack) but a real difference as one", () => {
    expect(percentileRank([2], 2 + TIE_TOLERANCE / 10)).toBe(50);
    expect(percentileRank([1.9999999999999996], 2)).toBe(50);
    expect(percentileRank([2], 2.001)).toBe(100);
  });

  it("lies in [0, 100] and never falls when the own score rises", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }).map((v) => v / 2), { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), (values, a, b) => {
        const [low, high] = a <= b ? [a / 2, b / 2] : [b / 2, a / 2];
        const rankLow = percentileRank(values, low);
        expect(rankLow).toBeGreaterThanOrEqual(0);
        expect(percentileRank(values, high)).toBeLessThanOrEqual(100);
        expect(rankLow).toBeLessThanOrEqual(percentileRank(values, high));
      }),
    );
  });
});

describe("itemBenchmark (k and missing scores)", () => {
  it("computes every statistic over the peers that have a score", () => {
    const item = itemBenchmark("CAPABILITY", "c", [3, null, 1, 4, 2, null, 5], 3.5, 5);
    expect(item).toEqual({
      itemType: "CAPABILITY",
      itemId: "c",
      status: "ok",
      n: 5,
      p25: 2,
      p50: 3,
      p75: 4,
      p90: 4.6,
      percentileRank: 60, // 3 of 5 below
    });
  });

  it("gives nothing at all below k — not even n", () => {
    expect(itemBenchmark("DIMENSION", "d", [1, 2, 3, 4, null, null], 2, 5)).toEqual({ itemType: "DIMENSION", itemId: "d", status: "too-few-peers" });
    expect(itemBenchmark("DIMENSION", "d", [], 2, 1)).toEqual({ itemType: "DIMENSION", itemId: "d", status: "too-few-peers" });
  });

  it("has no rank when the factory itself has no score for the item", () => {
    expect(itemBenchmark("CAPABILITY", "c", [1, 2, 3, 4, 5], null, 5)).toMatchObject({ status: "ok", percentileRank: null });
  });
});

describe("levelCounts", () => {
  it("counts peers per level 0…5 and rejects anything else", () => {
    expect(levelCounts([0, 1, 1, 3, 5, 1])).toEqual([1, 3, 0, 1, 0, 1]);
    expect(() => levelCounts([6])).toThrow(RangeError);
    expect(() => levelCounts([1.5])).toThrow(RangeError);
  });
});

describe("peerGaps", () => {
  const result: Pick<AssessmentResult, "capabilities"> = {
    capabilities: [
      { capabilityId: "a", dimensionId: "d", status: "scored", score: 1.5, naShare: 0 },
      { capabilityId: "b", dimensionId: "d", status: "scored", score: 3, naShare: 0 },
      { capabilityId: "c", dimensionId: "d", status: "insufficient-data", reason: "mostly-not-applicable", naShare: 0.75 },
      { capabilityId: "e", dimensionId: "d", status: "scored", score: 2, naShare: 0 },
    ],
  };
  const n = { status: "ok", value: 30 } as const;
  const exact = (itemId: string, p50: number): PublishedItem => ({ itemId, n, quantiles: { status: "ok", p25: 0, p50, p75: 5, p90: 5 } });

  it("is published peer median − own score per capability scored on both sides", () => {
    const gaps = peerGaps(result, {
      items: [exact("a", 2.25), exact("b", 2.5), exact("c", 4), { itemId: "e", n: { status: "suppressed" }, quantiles: { status: "suppressed" } }],
    });
    expect(gaps).toEqual(
      new Map([
        ["a", 0.75],
        ["b", -0.5],
      ]),
    );
  });

  it("gives no gap where only a median band is published, since own score + gap would be the unpublished median", () => {
    const gaps = peerGaps(result, { items: [{ itemId: "a", n, quantiles: { status: "band", medianFrom: 2, medianTo: 2.5 } }, exact("b", 2.5)] });
    expect([...gaps.keys()]).toEqual(["b"]);
  });

  it("works in hundredths, as both figures are shown", () => {
    const gaps = peerGaps({ capabilities: [{ capabilityId: "a", dimensionId: "d", status: "scored", score: 1.3333333, naShare: 0 }] }, { items: [exact("a", 2.1)] });
    expect(gaps.get("a")).toBe(0.77);
  });
});

describe("displayPercent", () => {
  it("cuts down to a whole percent, so 67.9 never shows as 68, but float noise under 68 does", () => {
    expect(displayPercent(67.9)).toBe(67);
    expect(displayPercent(68)).toBe(68);
    expect(displayPercent(67.99999999999999)).toBe(68);
    expect(displayPercent(0)).toBe(0);
    expect(displayPercent(100)).toBe(100);
  });
});
