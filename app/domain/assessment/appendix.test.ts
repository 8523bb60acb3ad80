import { describe, expect, it } from "vitest";
import { groupByDimension } from "./appendix";

describe("groupByDimension", () => {
  it("groups neighbouring answers of one dimension and keeps their order", () => {
    const answers = [
      { id: "q1", dimension: "Plan" },
      { id: "q2", dimension: "Plan" },
      { id: "q3", dimension: "Make" },
      { id: "q4", dimension: "Make" },
      { id: "q5", dimension: "Deliver" },
    ];
    expect(groupByDimension(answers)).toEqual([
      { dimension: "Plan", answers: [answers[0], answers[1]] },
      { dimension: "Make", answers: [answers[2], answers[3]] },
      { dimension: "Deliver", answers: [answers[4]] },
    ]);
  });

  it("starts a new group when a dimension comes back after another, and gives none for no answers", () => {
    const answers = [
      { id: "q1", dimension: "Plan" },
      { id: "q2", dimension: "Make" },
      { id: "q3", dimension: "Plan" },
    ];
    expect(groupByDimension(answers).map((group) => [group.dimension, group.answers.map((a) => a.id)])).toEqual([
      ["Plan", ["q1"]],
      ["Make", ["q2"]],
      ["Plan", ["q3"]],
    ]);
    expect(groupByDimension([])).toEqual([]);
  });
});
