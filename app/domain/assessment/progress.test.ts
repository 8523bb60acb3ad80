import { describe, expect, it } from "vitest";
import type { PlantProfile } from "~/domain/questionnaire/profile";
import { questionnaireView } from "~/domain/questionnaire/view";
import { mini } from "~/domain/scoring/test-fixtures";
import { toFormAnswer } from "./form";
import { applicableDimension, answersOfDimension, countFormAnswered, dimensionQuestions, isFormAnswered, isStoredAnswered, overallProgress, progressByDimension, unansweredQuestions } from "./progress";

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

describe("plant profile applicability", () => {
  const processOnly = { productionType: ["process" as const] };
  const view = questionnaireView(
    {
      ...mini,
      usesPlantProfile: true,
      dimensions: mini.dimensions.map((d) =>
        d.id !== "operations"
          ? d
          : {
              ...d,
              capabilities: d.capabilities.map((c, i) =>
                i !== 0
                  ? c
                  : {
                      ...c,
                      questions: [
                        ...c.questions,
                        { ...c.questions[0]!, id: "operations.process-only", appliesTo: processOnly, notApplicableNote: { "zh-CN": "仅流程型", en: "Process plants only" } },
                      ],
                    },
              ),
            },
      ),
    },
    "en",
  );
  const dimension = view.dimensions.find((d) => d.id === "operations")!;
  const discrete: PlantProfile = { productionType: "discrete", markets: ["b2b"], productVariety: "low", sites: "single" };
  const processPlant: PlantProfile = { ...discrete, productionType: "process" };

  it("hides excluded questions from a dimension and lists them with their note", () => {
    const { dimension: shown, excluded } = applicableDimension(dimension, discrete);
    expect(dimensionQuestions(shown).map((q) => q.id)).not.toContain("operations.process-only");
    expect(excluded).toEqual([expect.objectContaining({ id: "operations.process-only", note: "Process plants only" })]);
    expect(dimensionQuestions(applicableDimension(dimension, processPlant).dimension).map((q) => q.id)).toContain("operations.process-only");
    expect(applicableDimension(dimension, null).excluded).toEqual([]);
  });

  it("does not count excluded questions (or their kept answers) in progress", () => {
    const questionnaire = { ...mini, dimensions: mini.dimensions.map((d) => (d.id === "operations" ? { ...d, capabilities: [{ ...d.capabilities[0]!, questions: [...d.capabilities[0]!.questions, { ...d.capabilities[0]!.questions[0]!, id: "operations.process-only", appliesTo: processOnly, notApplicableNote: { "zh-CN": "x", en: "x" } }] }, ...d.capabilities.slice(1)] } : d)) };
    const answers = { "operations.process-only": { value: 3 } };
    const all = progressByDimension(questionnaire, answers).find((p) => p.dimensionId === "operations")!;
    const forDiscrete = progressByDimension(questionnaire, answers, discrete).find((p) => p.dimensionId === "operations")!;
    expect(forDiscrete).toEqual({ dimensionId: "operations", answered: 0, total: all.total - 1 });
    expect(progressByDimension(questionnaire, answers, processPlant).find((p) => p.dimensionId === "operations")).toEqual({ dimensionId: "operations", answered: 1, total: all.total });
  });

  it("uses the process thresholds for a process plant", () => {
    const kpi = dimensionQuestions(dimension).find((q) => q.type === "kpi")!;
    const withPath = { ...dimension, capabilities: dimension.capabilities.map((c) => ({ ...c, questions: c.questions.map((q) => (q.id === kpi.id ? { ...q, processThresholds: [1, 2, 3, 4, 5] } : q)) })) };
    expect(dimensionQuestions(applicableDimension(withPath, processPlant).dimension).find((q) => q.id === kpi.id)!.thresholds).toEqual([1, 2, 3, 4, 5]);
    expect(dimensionQuestions(applicableDimension(withPath, discrete).dimension).find((q) => q.id === kpi.id)!.thresholds).toEqual(kpi.thresholds);
  });
});
