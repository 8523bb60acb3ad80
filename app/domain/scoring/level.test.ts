import { describe, expect, it } from "vitest";
import { LEVEL_REQUIREMENTS, maturityLevel, nextRequirement } from "./level";

describe("maturityLevel: overall ≥ L and every scored dimension ≥ L − 1", () => {
  it("worked example: overall 2.6 with a business dimension at 0.9 is L1, not L2", () => {
    // L2 needs overall ≥ 2 (2.6 ✓) and every dimension ≥ 1 (0.9 ✗); L1 needs ≥ 1 and ≥ 0 ✓
    expect(maturityLevel(2.6, 0.9)).toBe(1);
    // the same overall with the weakest dimension at 1.0 is L2
    expect(maturityLevel(2.6, 1)).toBe(2);
  });

  it.each([
    // overall, weakest dimension, level
    [0, 0, 0],
    [0.99, 0.5, 0], // not yet L1 (未达级)
    [1, 0, 1], // L1 has no dimension floor
    [2, 1, 2], // both thresholds met exactly
    [2.999, 2.5, 2], // scores are not rounded up
    [3, 2, 3],
    [3.4, 1.9, 2], // a 规划级-ish dimension keeps the factory below 集成级
    [4.5, 2.9, 3],
    [4.9, 4.5, 4],
    [5, 4, 5],
    [5, 3.99, 4],
  ])("overall %s, weakest %s → L%s", (overall, weakest, level) => {
    expect(maturityLevel(overall, weakest)).toBe(level);
  });

  it("states the thresholds explicitly", () => {
    expect(LEVEL_REQUIREMENTS.map((r) => [r.level, r.overall, r.everyDimension])).toEqual([
      [1, 1, 0],
      [2, 2, 1],
      [3, 3, 2],
      [4, 4, 3],
      [5, 5, 4],
    ]);
  });

  it("gives the next requirement, none after L5", () => {
    expect(nextRequirement(0)?.level).toBe(1);
    expect(nextRequirement(4)?.level).toBe(5);
    expect(nextRequirement(5)).toBeUndefined();
  });
});
