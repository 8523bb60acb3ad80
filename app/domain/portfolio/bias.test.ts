import { describe, expect, it } from "vitest";
import { biasSummary, type BiasSample } from "./bias";

function result(dimensions: Record<string, number | null>, bands: Record<string, number | null>): BiasSample["self"] {
  return {
    dimensions: Object.entries(dimensions).map(([dimensionId, score]) => (score === null ? { dimensionId, status: "insufficient-data" as const } : { dimensionId, status: "scored" as const, score })),
    questions: Object.entries(bands).map(([questionId, score]) => (score === null ? { questionId, status: "unanswered" as const } : { questionId, status: "answered" as const, value: score, score })),
  };
}

describe("biasSummary", () => {
  it("is empty without validations", () => {
    expect(biasSummary([])).toEqual({ validations: 0, dimensions: [], questions: [] });
  });

  it("averages self − validated per dimension and question and counts who rated higher", () => {
    const summary = biasSummary([
      { self: result({ device: 3, process: 2 }, { q1: 4, q2: 2, q3: 3 }), validated: result({ device: 2.5, process: 2 }, { q1: 2, q2: 2, q3: 3 }) },
      { self: result({ device: 2, process: null }, { q1: 3, q2: 1, q3: null }), validated: result({ device: 2, process: 1 }, { q1: 3, q2: 2, q3: 1 }) },
    ]);
    expect(summary.validations).toBe(2);
    expect(summary.dimensions).toEqual([
      { dimensionId: "device", n: 2, meanDifference: 0.25 },
      { dimensionId: "process", n: 1, meanDifference: 0 },
    ]);
    expect(summary.questions).toEqual([
      { questionId: "q1", n: 2, meanDifference: 1, higherShare: 0.5, lowerShare: 0 },
      { questionId: "q3", n: 1, meanDifference: 0, higherShare: 0, lowerShare: 0 },
      { questionId: "q2", n: 2, meanDifference: -0.5, higherShare: 0, lowerShare: 0.5 },
    ]);
  });
});
