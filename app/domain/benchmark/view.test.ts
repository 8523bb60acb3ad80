import { describe, expect, it } from "vitest";
import { SCORE_BINS, type PublishedItem, type RawGroup } from "~/domain/disclosure";
import { levelRows, peerGap, shownScore, stat } from "./view";

const RULES = { minGroup: 5 };

function rawWith(itemId: string, hundredths: readonly number[]): RawGroup {
  const histogram: number[] = Array.from({ length: SCORE_BINS }, () => 0);
  for (const value of hundredths) histogram[value]!++;
  return {
    spec: { industry: { kind: "all" }, region: { kind: "all" }, size: { kind: "all" } },
    n: hundredths.length,
    key: 0,
    synthetic: 0,
    levels: [],
    items: new Map([[itemId, { n: hundredths.length, histogram }]]),
  };
}

describe("stat", () => {
  const published: PublishedItem = { itemId: "D1", n: { status: "ok", value: 31 }, quantiles: { status: "ok", p25: 1.5, p50: 2, p75: 2.75, p90: 3.4 } };

  it("keeps the published n and quantiles and adds the own rank, coarsened", () => {
    const raw = rawWith("D1", Array.from({ length: 30 }, (_, i) => i * 10));
    // own 1.05 is above 11 of 30 scores (0.00 … 1.00) and ties none: 36.7 % → the band 30–40
    expect(stat(published, raw, 1.05, RULES)).toEqual({ n: published.n, quantiles: published.quantiles, rank: { status: "band", from: 30, to: 40 } });
  });

  it("suppresses the rank without an own score and everything for an item nobody published", () => {
    const raw = rawWith("D1", Array.from({ length: 30 }, (_, i) => i * 10));
    expect(stat(published, raw, null, RULES).rank).toEqual({ status: "suppressed" });
    expect(stat(undefined, raw, 2, RULES)).toEqual({ n: { status: "suppressed" }, quantiles: { status: "suppressed" }, rank: { status: "suppressed" } });
  });
});

describe("shownScore and peerGap", () => {
  it("rounds own scores to the two decimals shown", () => {
    expect(shownScore(2.3456789)).toBe(2.35);
    expect(shownScore(null)).toBeNull();
  });

  it("gives the gap only where an exact median is published, at two decimals", () => {
    expect(peerGap({ status: "ok", p25: 1, p50: 2.3, p75: 3, p90: 4 }, 2.1)).toBe(0.2);
    expect(peerGap({ status: "band", medianFrom: 2, medianTo: 2.5 }, 2.1)).toBeNull();
    expect(peerGap({ status: "ok", p25: 1, p50: 2.3, p75: 3, p90: 4 }, null)).toBeNull();
  });
});

describe("levelRows", () => {
  const levels = [
    { level: 0, name: "below" },
    { level: 1, name: "one" },
    { level: 2, name: "two" },
  ];

  it("gives each level its published count and share, null where suppressed, and marks the factory's own level", () => {
    const published = {
      total: { status: "ok", value: 40 },
      counts: [{ status: "suppressed" }, { status: "ok", value: 30 }, { status: "ok", value: 8 }],
      shares: [null, 75, 20],
    } as const;
    expect(levelRows(levels, published, 1)).toEqual([
      { name: "L0", fullName: "L0 below", count: null, share: null, own: false },
      { name: "L1", fullName: "L1 one", count: 30, share: 75, own: true },
      { name: "L2", fullName: "L2 two", count: 8, share: 20, own: false },
    ]);
  });
});
