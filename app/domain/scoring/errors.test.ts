import { describe, expect, it } from "vitest";
import type { Answer } from "~/domain/questionnaire/schema";
import {
  AnswerOutOfRangeError,
  DuplicateAnswerError,
  InvalidModelError,
  MissingAnswersError,
  ModelMismatchError,
  NaNotAllowedError,
  NaReasonMissingError,
  ScoringError,
  UnknownQuestionError,
} from "./errors";
import { explainLevel } from "./explain";
import { compileModel } from "./model";
import { prioritise } from "./prioritise";
import { scoreAssessment } from "./score";
import { answersFrom, capability, dimension, exampleValues, levelQuestion, mini, na, questionnaire } from "./test-fixtures";

const model = compileModel(mini);
const complete = answersFrom(exampleValues);

/** Runs `act`, expects it to throw a ScoringError of `type`, and returns it for detail checks. */
function caught<T extends ScoringError>(type: abstract new (...args: never[]) => T, act: () => unknown): T {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(ScoringError);
    expect(error).toBeInstanceOf(Error);
    return error as T;
  }
  throw new Error("expected a ScoringError, nothing was thrown");
}

const submit = (answers: Answer[]) => () => scoreAssessment(model, answers, { mode: "submission" });
const draft = (answers: Answer[]) => () => scoreAssessment(model, answers, { mode: "draft" });

describe("typed scoring errors", () => {
  it("unknown question id", () => {
    const error = caught(UnknownQuestionError, draft([{ questionId: "strategy.vision.nope", value: 1 }]));
    expect(error.code).toBe("unknown-question");
    expect(error.details).toEqual({ questionId: "strategy.vision.nope" });
    expect(error.name).toBe("UnknownQuestionError");
    expect(error.message).toContain("strategy.vision.nope");
  });

  it.each([
    ["a fraction", 2.5],
    ["a negative band", -1],
    ["a band above 5", 6],
    ["NaN", Number.NaN],
    ["a string smuggled past the types", "3" as unknown as number],
  ])("level answer out of range: %s", (_, value) => {
    const error = caught(AnswerOutOfRangeError, draft([{ questionId: "strategy.vision.roadmap", value }]));
    expect(error.code).toBe("out-of-range");
    expect(error.details).toEqual({ questionId: "strategy.vision.roadmap", value, expected: { kind: "level", min: 0, max: 5 } });
    expect(error.message).toContain("an integer 0–5");
  });

  it.each([
    ["below min", -0.1],
    ["above max", 100.5],
    ["infinite", Number.POSITIVE_INFINITY],
    ["NaN", Number.NaN],
  ])("KPI answer out of range: %s", (_, value) => {
    const error = caught(AnswerOutOfRangeError, draft([{ questionId: "operations.production.oee", value }]));
    expect(error.details.expected).toEqual({ kind: "kpi", min: 0, max: 100 });
    expect(error.message).toContain("[0, 100]");
  });

  it("accepts KPI values on the range bounds", () => {
    expect(draft([{ questionId: "operations.production.oee", value: 0 }])).not.toThrow();
    expect(draft([{ questionId: "operations.production.oee", value: 100 }])).not.toThrow();
  });

  it("N/A where not allowed", () => {
    const error = caught(NaNotAllowedError, draft([na("strategy.vision.roadmap")]));
    expect(error.code).toBe("na-not-allowed");
    expect(error.details).toEqual({ questionId: "strategy.vision.roadmap" });
  });

  it.each([
    ["empty", ""],
    ["blank", "   "],
    ["missing at run time", undefined as unknown as string],
  ])("N/A without a reason: %s", (_, naReason) => {
    const error = caught(NaReasonMissingError, draft([{ questionId: "operations.warehouse.wms", na: true, naReason }]));
    expect(error.code).toBe("na-reason-missing");
    expect(error.details).toEqual({ questionId: "operations.warehouse.wms" });
  });

  it("duplicate answers for one question, also when one of them is N/A", () => {
    const error = caught(
      DuplicateAnswerError,
      draft([{ questionId: "operations.warehouse.wms", value: 2 }, na("operations.warehouse.wms")]),
    );
    expect(error.code).toBe("duplicate-answer");
    expect(error.details).toEqual({ questionId: "operations.warehouse.wms" });
  });

  it("lists every missing answer of a submission in one error, in questionnaire order", () => {
    const answers = complete.filter(
      (answer) => !["business.customer.crm", "strategy.vision.roadmap", "technology.security.policy"].includes(answer.questionId),
    );
    const error = caught(MissingAnswersError, submit(answers));
    expect(error.code).toBe("missing-answers");
    expect(error.details.questionIds).toEqual(["strategy.vision.roadmap", "technology.security.policy", "business.customer.crm"]);
    expect(error.message).toMatch(/^3 required answer/);
    // …while a draft with the same gaps scores fine
    expect(draft(answers)).not.toThrow();
  });

  it("counts N/A as an answer at submission", () => {
    expect(submit(answersFrom(exampleValues, [na("operations.warehouse.wms")]))).not.toThrow();
  });

  it("validates every answer before checking completeness", () => {
    // an invalid value is reported even though answers are also missing
    caught(AnswerOutOfRangeError, submit([{ questionId: "strategy.vision.roadmap", value: 9 }]));
  });

  it("duplicate question ids in a hand-built questionnaire", () => {
    const twice = questionnaire([dimension("d", 1, [capability("d.c", 1, [levelQuestion("d.c.q"), levelQuestion("d.c.q")])])]);
    const error = caught(InvalidModelError, () => compileModel(twice));
    expect(error.code).toBe("invalid-model");
    expect(error.details.reason).toContain("d.c.q");
  });

  it("explaining or prioritising a result against another questionnaire", () => {
    const result = scoreAssessment(model, complete, { mode: "submission" });
    const other = compileModel({ ...mini, version: "1.1.0" });
    const error = caught(ModelMismatchError, () => explainLevel(other, result));
    expect(error.code).toBe("model-mismatch");
    expect(error.details).toEqual({ expected: "mini@1.1.0", actual: "mini@1.0.0" });
    caught(ModelMismatchError, () => prioritise(other, result));
    // same key and version but a different question list is caught too
    const truncated = { ...result, questions: result.questions.slice(1) };
    caught(ModelMismatchError, () => prioritise(model, truncated));
  });
});
