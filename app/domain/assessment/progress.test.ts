import { describe, expect, it } from "vitest";
import { questionnaireView } from "~/domain/questionnaire/view";
import { mini } from "~/domain/scoring/test-fixtures";
import { toFormAnswer } from "./form";
import { answersOfDimension, countFormAnswered, dimensionQuestions, isFormAnswered, isStoredAnswered, overallProgress, progressByDimension, unansweredQuestions } from "./progress";

const operations = questionnaireView(mini, "en").dimensions.find((d) => d.id === "operations")!;

describe("answered questions", () => {
  it("counts a value or N/A as an answer, a note or evidence alone not", () => {
    expect(isStoredAnswered({ value: 0 })).toBe(true);
    expect(isStoredAnswered({ na: true, naReason: "none here" })).toBe(true);
    expect(isStoredAnswered({ note: "later" })).toBe(false);
    expect(isStoredAnswered({ evidence: ["https://example.com/a"] })).toBe(false);
    expect(isStoredAnswered(undefined)).toBe(false);
  });

  it("applies the same rule to form answers, including inputs not rendered yet", () => {
    expect(isFormAnswered(toFormAnswer("q", { value: 0 }))).toBe(true);
    expect(isFormAnswered(toFormAnswer("q", { na: true, naReason: "x" }))).toBe(true);
    expect(isFormAnswered(toFormAnswer("q", { note: "later" }))).toBe(false);
    expect(isFormAnswered({ questionId: "q" })).toBe(false);
    expect(isFormAnswered({ na: true })).toBe(true);
    expect(isFormAnswered(undefined)).toBe(false);
  });
});

describe("progressByDimension", () => {
  it("counts answered questions per dimension in questionnaire order", () => {
    const progress = progressByDimension(mini, {
      "strategy.vision.roadmap": { value: 3 },
      "strategy.talent.hours": { na: true, naReason: "no training log" },
      "strategy.talent.training": { note: "ask HR" },
      "operations.production.oee": { value: 71.5 },
    });
    expect(progress).toEqual([
      { dimensionId: "strategy", answered: 2, total: 6 },
      { dimensionId: "operations", answered: 1, total: 7 },
      { dimensionId: "technology", answered: 0, total: 5 },
      { dimensionId: "business", answered: 0, total: 6 },
    ]);
  });
});

describe("overallProgress", () => {
  const progress = [
    { dimensionId: "a", answered: 2, total: 5 },
    { dimensionId: "b", answered: 1, total: 4 },
  ];

  it("sums the stored counts", () => {
    expect(overallProgress(progress)).toEqual({ answered: 3, total: 9 });
  });

  it("replaces the open dimension's stored count with the form's live count", () => {
    expect(overallProgress(progress, { dimensionId: "b", answered: 4 })).toEqual({ answered: 6, total: 9 });
    expect(overallProgress(progress, { dimensionId: "a", answered: 0 })).toEqual({ answered: 1, total: 9 });
  });
});

describe("one dimension's questions and answers", () => {
  it("lists the questions in form order across capabilities", () => {
    expect(dimensionQuestions(operations).map((q) => q.id)).toEqual([
      "operations.planning.aps",
      "operations.production.mes",
      "operations.production.oee",
      "operations.quality.spc",
      "operations.quality.first-pass-yield",
      "operations.warehouse.wms",
      "operations.warehouse.agv",
    ]);
  });

  it("keeps only the dimension's stored answers", () => {
    const answers = { "operations.planning.aps": { value: 2 }, "strategy.vision.roadmap": { value: 3 }, "operations.warehouse.agv": { note: "pilot" } };
    expect(answersOfDimension(operations, answers)).toEqual({ "operations.planning.aps": { value: 2 }, "operations.warehouse.agv": { note: "pilot" } });
  });

  it("lists the questions whose form answer is still empty, and counts the rest", () => {
    const questions = dimensionQuestions(operations);
    const forms = questions.map((q, index) => toFormAnswer(q.id, index === 0 ? { value: 1 } : index === 5 ? { na: true, naReason: "no warehouse" } : index === 6 ? { note: "pilot" } : undefined));
    expect(unansweredQuestions(questions, forms).map((q) => q.id)).toEqual([
      "operations.production.mes",
      "operations.production.oee",
      "operations.quality.spc",
      "operations.quality.first-pass-yield",
      "operations.warehouse.agv",
    ]);
    expect(countFormAnswered(forms)).toBe(2);
    // Before the form reports its values, every question is open.
    expect(unansweredQuestions(questions, undefined)).toHaveLength(7);
    expect(countFormAnswered(undefined)).toBe(0);
  });
});
