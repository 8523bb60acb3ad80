import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Answer } from "~/domain/questionnaire/schema";
import { compileModel } from "./model";
import { scoreAssessment, validateDraftAnswers } from "./score";
import { assessmentArb, profiledAssessmentArb } from "./test-arbitraries";

/** Some answers broken the ways a request can break them: out of range, unknown id, duplicate, bad N/A. */
const corruptionArb = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant("range" as const), at: fc.nat(), value: fc.oneof(fc.constant(-1), fc.constant(6), fc.constant(2.5), fc.constant(1e9), fc.constant(-1e9)) }),
    fc.record({ kind: fc.constant("unknown" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("na" as const), at: fc.nat(), reason: fc.constantFrom("", "  ", "no such line") }),
  ),
  { maxLength: 2 },
);

type Corruption = { kind: "range" | "unknown" | "duplicate" | "na"; at: number; value?: number; reason?: string };

function corrupt(answers: Answer[], corruptions: Corruption[]): Answer[] {
  const out = [...answers];
  if (out.length === 0) return out;
  for (const c of corruptions) {
    const i = c.at % out.length;
    const id = out[i]!.questionId;
    if (c.kind === "range") out[i] = { questionId: id, value: c.value! };
    if (c.kind === "unknown") out.push({ questionId: `${id}-typo`, value: 1 });
    if (c.kind === "duplicate") out.push(out[i]!);
    if (c.kind === "na") out[i] = { questionId: id, na: true, naReason: c.reason! };
  }
  return out;
}

function outcome(run: () => void): string {
  try {
    run();
    return "ok";
  } catch (error) {
    return error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
  }
}

describe("validateDraftAnswers", () => {
  it("refuses exactly what scoring a draft refuses, with the same error", () => {
    const cases = fc.oneof(
      fc.record({ a: assessmentArb("draft"), profile: fc.constant(null) }).map(({ a, profile }) => ({ ...a, profile })),
      profiledAssessmentArb("draft"),
      // A profiled questionnaire without a profile: ProfileRequiredError from both.
      profiledAssessmentArb("draft").map((a) => ({ ...a, profile: null })),
    );
    fc.assert(
      fc.property(cases, corruptionArb, ({ questionnaire, answers, profile }, corruptions) => {
        const model = compileModel(questionnaire);
        const broken = corrupt(answers, corruptions);
        const scored = outcome(() => scoreAssessment(model, broken, { mode: "draft", profile }));
        expect(outcome(() => validateDraftAnswers(model, broken, profile))).toBe(scored);
      }),
      { numRuns: 300 },
    );
  });
});
