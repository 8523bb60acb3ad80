import { describe, expect, it } from "vitest";
import { levelRows, stat } from "./view";

describe("stat", () => {
  it("keeps n, quartiles, P90 and the percentile rank of an item with enough peers", () => {
    expect(stat({ itemType: "DIMENSION", itemId: "D1", status: "ok", n: 7, p25: 1.5, p50: 2, p75: 2.75, p90: 3.4, percentileRank: 42.5 })).toEqual({
      status: "ok",
      n: 7,
      p25: 1.5,
      p50: 2,
      p75: 2.75,
      p90: 3.4,
      rank: 42.5,
    });
  });

  it("reports too few peers for a suppressed item and for one with no statistics at all", () => {
    expect(stat({ itemType: "CAPABILITY", itemId: "C1", status: "too-few-peers" })).toEqual({ status: "too-few-peers" });
    expect(stat(undefined)).toEqual({ status: "too-few-peers" });
  });
});

describe("levelRows", () => {
  const levels = [
    { level: 0, name: "below" },
    { level: 1, name: "one" },
    { level: 2, name: "two" },
  ];

  it("gives each level its count, its share to one decimal and marks the factory's own level", () => {
    expect(levelRows(levels, [1, 2], 3, 1)).toEqual([
      { name: "L0", fullName: "L0 below", count: 1, share: 33.3, own: false },
      { name: "L1", fullName: "L1 one", count: 2, share: 66.7, own: true },
      // A level no peer reached has no entry in the counts: it shows as zero.
      { name: "L2", fullName: "L2 two", count: 0, share: 0, own: false },
    ]);
  });
});
