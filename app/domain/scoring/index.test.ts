/**
 * The engine through its public module, on the real published questionnaire: what the app does
 * on every submission (compile → score → explain → prioritise), with results checked against
 * numbers worked out independently of the engine's internals.
 */
import { describe, expect, it } from "vitest";
import type { Answer } from "~/domain/questionnaire/schema";
import { loadQuestionnaire } from "~/domain/questionnaire/load";
import { REAL_FILE, realText } from "~/domain/questionnaire/test-support";
import { answersWithChanges, compileModel, displayScore, explainLevel, maturityLevel, MissingAnswersError, prioritise, scoreAssessment, type CompiledModel } from "./index";

const model = compileModel(loadQuestionnaire(realText, REAL_FILE));

/** Every question at `band`: level questions take it as given, KPI questions the value that opens it. */
function answersAtBand(compiled: CompiledModel, band: (questionId: string) => number): Answer[] {
  return compiled.questions.map((question) => {
    const target = band(question.id);
    if (question.type === "level") return { questionId: question.id, value: target };
    return { questionId: question.id, value: target === 0 ? question.min : question.thresholds[target - 1]! };
  });
}

describe("the scoring engine's public module on the real questionnaire", () => {
  it("gives a uniform band-3 factory 3.0 everywhere and level L3, with the next level explained", () => {
    const result = scoreAssessment(model, answersAtBand(model, () => 3), { mode: "submission" });
    expect(result.overall).toBeCloseTo(3, 12);
    expect(result.level).toBe(3);
    expect(result.dimensions.map((d) => (d.status === "scored" ? d.score : null))).toEqual(model.dimensions.map(() => expect.closeTo(3, 12)));
    expect(displayScore(result.overall!)).toBe("3.0");

    const explanation = explainLevel(model, result);
    expect(explanation.status).toBe("next-level");
    if (explanation.status !== "next-level") return;
    // Applying the proposed changes must reach L4.
    expect(explanation.changes.length).toBeGreaterThan(0);
    expect(scoreAssessment(model, answersWithChanges(result, explanation.changes), { mode: "submission" }).level).toBeGreaterThanOrEqual(4);
  });

  it("keeps a factory with one weak dimension below the level its overall score suggests", () => {
    const weakDimension = model.dimensions[3]!.id;
    const dimensionOf = new Map(model.questions.map((q) => [q.id, model.dimensions[q.dimensionIndex]!.id]));
    const result = scoreAssessment(model, answersAtBand(model, (id) => (dimensionOf.get(id) === weakDimension ? 1 : 5)), { mode: "submission" });
    expect(result.overall).toBeGreaterThan(3);
    // Every dimension must be within one level: L2 at most with a band-1 dimension.
    expect(result.level).toBe(2);
    expect(result.level).toBe(maturityLevel(result.overall!, 1));
    const ranked = prioritise(model, result);
    expect(ranked[0]!.dimensionId).toBe(weakDimension);
    expect(ranked.map((p) => p.rank)).toEqual(ranked.map((_, index) => index + 1));
  });

  it("refuses to score an incomplete submission and names what is missing", () => {
    const answers = answersAtBand(model, () => 2).slice(1);
    expect(() => scoreAssessment(model, answers, { mode: "submission" })).toThrow(MissingAnswersError);
    try {
      scoreAssessment(model, answers, { mode: "submission" });
    } catch (error) {
      expect((error as MissingAnswersError).details.questionIds).toEqual([model.questions[0]!.id]);
    }
  });
});
