import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isApplicable, type PlantProfile } from "~/domain/questionnaire/profile";
import type { Answer, KpiQuestion, Questionnaire } from "~/domain/questionnaire/schema";
import { answersWithChanges, explainLevel, type AnswerChange } from "./explain";
import { compileModel } from "./model";
import { scoreAssessment, type AssessmentResult, type ScoringMode } from "./score";
import { assessmentArb, profiledAssessmentArb, questionsOf, valueArb } from "./test-arbitraries";

const modeArb = fc.constantFrom<ScoringMode>("draft", "submission");
const score = (q: Questionnaire, answers: readonly Answer[], mode: ScoringMode = "submission") =>
  scoreAssessment(compileModel(q), answers, { mode });

function allScores(result: AssessmentResult): number[] {
  return [
    ...result.capabilities.flatMap((c) => (c.status === "scored" ? [c.score] : [])),
    ...result.dimensions.flatMap((d) => (d.status === "scored" ? [d.score] : [])),
    ...(result.overall === null ? [] : [result.overall]),
  ];
}

describe("scoring properties", () => {
  it("keeps every score within [0, 5] and the level within 0…5", () => {
    fc.assert(
      fc.property(
        modeArb.chain((mode) => assessmentArb(mode).map((a) => ({ ...a, mode }))),
        ({ questionnaire, answers, mode }) => {
          const result = score(questionnaire, answers, mode);
          for (const value of allScores(result)) {
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(5);
          }
          expect([0, 1, 2, 3, 4, 5]).toContain(result.level);
        },
      ),
    );
  });

  it("never lowers any score or the level when a single answer is raised", () => {
    const raisedArb = assessmentArb().chain(({ questionnaire, answers }) => {
      const raisable = answers.flatMap((answer, index) => (answer.na === true ? [] : [index]));
      if (raisable.length === 0) return fc.constant(null);
      return fc.constantFrom(...raisable).chain((index) => {
        const answer = answers[index] as { questionId: string; value: number };
        const question = questionsOf(questionnaire).find((q) => q.id === answer.questionId)!;
        return valueArb(question)
          .filter((value) => value >= answer.value)
          .map((value) => ({ questionnaire, answers, raised: answers.map((a, i) => (i === index ? { ...answer, value } : a)) }));
      });
    });
    fc.assert(
      fc.property(raisedArb, (sample) => {
        fc.pre(sample !== null);
        const before = score(sample!.questionnaire, sample!.answers);
        const after = score(sample!.questionnaire, sample!.raised);
        const lower = allScores(before);
        const higher = allScores(after);
        expect(higher).toHaveLength(lower.length); // raising never changes what is scored
        higher.forEach((value, i) => expect(value).toBeGreaterThanOrEqual(lower[i]!));
        expect(after.level).toBeGreaterThanOrEqual(before.level);
      }),
    );
  });

  it("does not depend on the order of the answers", () => {
    fc.assert(
      fc.property(
        assessmentArb().chain((a) => fc.shuffledSubarray(a.answers, { minLength: a.answers.length }).map((shuffled) => ({ ...a, shuffled }))),
        ({ questionnaire, answers, shuffled }) => {
          expect(score(questionnaire, shuffled)).toEqual(score(questionnaire, answers));
        },
      ),
    );
  });

  it("treats N/A on a question exactly like removing it from the model (weights renormalised)", () => {
    const sampleArb = assessmentArb().chain(({ questionnaire, answers }) => {
      const candidates = questionnaire.dimensions.flatMap((d, di) =>
        d.capabilities.flatMap((c, ci) => (c.questions.length > 1 ? c.questions.map((_, qi) => [di, ci, qi] as const) : [])),
      );
      if (candidates.length === 0) return fc.constant(null);
      return fc.constantFrom(...candidates).map((at) => ({ questionnaire, answers, at }));
    });
    fc.assert(
      fc.property(sampleArb, (sample) => {
        fc.pre(sample !== null);
        const { questionnaire, answers, at } = sample!;
        const [di, ci, qi] = at;
        const target = questionnaire.dimensions[di]!.capabilities[ci]!.questions[qi]!;
        const withNa = structuredClone(questionnaire);
        withNa.dimensions[di]!.capabilities[ci]!.questions[qi]!.allowNa = true;
        const removed = structuredClone(questionnaire);
        removed.dimensions[di]!.capabilities[ci]!.questions.splice(qi, 1);

        const naAnswers = answers.map((a): Answer => (a.questionId === target.id ? { questionId: target.id, na: true, naReason: "n/a" } : a));
        const a = score(withNa, naAnswers);
        // The > 50 % guard is about the N/A share, which removal cannot reproduce: compare where it did not fire.
        fc.pre(a.capabilities.find((c) => c.capabilityId === target.id.replace(/\.q\d+$/, ""))!.status === "scored");
        const b = score(
          removed,
          answers.filter((answer) => answer.questionId !== target.id),
        );
        expect(b.capabilities.map((c) => c.status)).toEqual(a.capabilities.map((c) => c.status));
        expect(b.dimensions.map((d) => d.status)).toEqual(a.dimensions.map((d) => d.status));
        const left = allScores(a);
        allScores(b).forEach((value, i) => expect(Math.abs(value - left[i]!)).toBeLessThanOrEqual(1e-12));
        expect(b.level).toBe(a.level);
      }),
    );
  });

  it("explains with changes that reach the next level, none of which could be smaller", () => {
    fc.assert(
      fc.property(
        modeArb.chain((mode) => assessmentArb(mode).map((a) => ({ ...a, mode }))),
        ({ questionnaire, answers, mode }) => {
          const model = compileModel(questionnaire);
          const result = scoreAssessment(model, answers, { mode });
          const explanation = explainLevel(model, result);
          if (explanation.status === "at-top") {
            expect(result.level).toBe(5);
            return;
          }
          expect(explanation.reachable).toBe(result.overall !== null);
          const rescore = (changes: typeof explanation.changes) =>
            scoreAssessment(model, answersWithChanges(result, changes), { mode }).level;
          if (result.overall === null) return;
          expect(rescore(explanation.changes)).toBeGreaterThanOrEqual(explanation.nextLevel);
          for (const change of explanation.changes) {
            expect(change.to).toBeGreaterThan(change.from);
            if (change.type === "kpi") expect(change.targetValue).toBeGreaterThan(change.fromValue);
            // pruning: one band less on any change loses the next level
            const smaller = explanation.changes.flatMap((c) => (c === change ? lowerByOneBand(questionnaire, c) : [c]));
            expect(rescore(smaller)).toBeLessThan(explanation.nextLevel);
          }
        },
      ),
    );
  });
});

/** The change with one band less, or nothing when that is no change at all. */
function lowerByOneBand(q: Questionnaire, change: AnswerChange): AnswerChange[] {
  const to = change.to - 1;
  if (to === change.from) return [];
  if (change.type === "level") return [{ ...change, to }];
  const question = questionsOf(q).find((candidate) => candidate.id === change.questionId) as KpiQuestion;
  return [{ ...change, to, targetValue: question.thresholds[to - 1]! }];
}

describe("requirements rule properties (2.0.0: plant profile, requirement scores, vetoes)", () => {
  const scoreWith = (q: Questionnaire, answers: readonly Answer[], profile: PlantProfile, mode: ScoringMode = "submission") =>
    scoreAssessment(compileModel(q), answers, { mode, profile });

  it("never lowers the index, any s_L, the level before vetoes or the level when an applicable answer is raised", () => {
    const raisedArb = profiledAssessmentArb().chain(({ questionnaire, profile, answers }) => {
      const applicable = answers.flatMap((answer, index) => (isApplicable(questionOf(questionnaire, answer.questionId).appliesTo, profile) ? [index] : []));
      return fc.constantFrom(...applicable).chain((index) => {
        const answer = answers[index] as { questionId: string; value: number };
        return valueArb(questionOf(questionnaire, answer.questionId))
          .filter((value) => value >= answer.value)
          .map((value) => ({ questionnaire, profile, answers, raised: answers.map((a, i) => (i === index ? { ...answer, value } : a)) }));
      });
    });
    fc.assert(
      fc.property(raisedArb, ({ questionnaire, profile, answers, raised }) => {
        const before = scoreWith(questionnaire, answers, profile);
        const after = scoreWith(questionnaire, raised, profile);
        expect(after.overall!).toBeGreaterThanOrEqual(before.overall!);
        after.levelScores!.forEach((s, i) => expect(s).toBeGreaterThanOrEqual(before.levelScores![i]!));
        expect(after.levelBeforeVetoes).toBeGreaterThanOrEqual(before.levelBeforeVetoes);
        expect(after.level).toBeGreaterThanOrEqual(before.level);
      }),
    );
  });

  it("does not depend on the order of the answers", () => {
    fc.assert(
      fc.property(
        profiledAssessmentArb().chain((a) => fc.shuffledSubarray(a.answers, { minLength: a.answers.length }).map((shuffled) => ({ ...a, shuffled }))),
        ({ questionnaire, profile, answers, shuffled }) => {
          expect(scoreWith(questionnaire, shuffled, profile)).toEqual(scoreWith(questionnaire, answers, profile));
        },
      ),
    );
  });

  it("gives no gain from withholding: a submission missing an applicable answer is refused, the draft that scores it stays a draft", () => {
    const sampleArb = profiledAssessmentArb().chain((sample) => {
      const applicable = sample.answers.filter((answer) => isApplicable(questionOf(sample.questionnaire, answer.questionId).appliesTo, sample.profile));
      return fc.constantFrom(...applicable).map((withheld) => ({ ...sample, withheld: withheld.questionId }));
    });
    fc.assert(
      fc.property(sampleArb, ({ questionnaire, profile, answers, withheld }) => {
        const rest = answers.filter((answer) => answer.questionId !== withheld);
        expect(() => scoreWith(questionnaire, rest, profile)).toThrow(expect.objectContaining({ code: "missing-answers", details: { questionIds: [withheld] } }));
        expect(scoreWith(questionnaire, rest, profile, "draft").mode).toBe("draft");
        // Answers to excluded questions never count either: dropping them all changes nothing.
        const applicableOnly = answers.filter((answer) => isApplicable(questionOf(questionnaire, answer.questionId).appliesTo, profile));
        expect(scoreWith(questionnaire, applicableOnly, profile)).toEqual(scoreWith(questionnaire, answers, profile));
      }),
    );
  });

  it("keeps the level within every veto cap and at most the CMMM-style requirements level, which matches an independent computation", () => {
    fc.assert(
      fc.property(
        modeArb.chain((mode) => profiledAssessmentArb(mode).map((a) => ({ ...a, mode }))),
        ({ questionnaire, profile, answers, mode }) => {
          const result = scoreWith(questionnaire, answers, profile, mode);
          const expected = referenceLevelScores(questionnaire, result);
          if (expected === null) {
            expect(result.levelScores).toBeNull();
            expect(result.level).toBe(0);
            return;
          }
          result.levelScores!.forEach((s, i) => expect(Math.abs(s - expected[i]!)).toBeLessThanOrEqual(1e-12));
          let cmmmStyle = 0;
          while (cmmmStyle < 5 && expected[cmmmStyle]! >= 0.8 - 1e-9) cmmmStyle++;
          expect(result.levelBeforeVetoes).toBe(cmmmStyle);
          expect(result.level).toBeLessThanOrEqual(cmmmStyle);
          let capped = cmmmStyle;
          for (const veto of questionnaire.vetoes ?? []) {
            const capability = result.capabilities.find((c) => c.capabilityId === veto.capability)!;
            if (capability.status !== "scored") continue;
            const maxLevel = Math.floor(capability.score + 1e-9) + veto.maxLevelAbove;
            expect(result.level).toBeLessThanOrEqual(maxLevel);
            capped = Math.min(capped, maxLevel);
          }
          expect(result.level).toBe(capped);
        },
      ),
    );
  });
});

describe("requirements explanation properties", () => {
  it("plans one-band raises (more only in a blocking veto capability) that reach the next level, none of which could be smaller", () => {
    fc.assert(
      fc.property(
        modeArb.chain((mode) => profiledAssessmentArb(mode).map((a) => ({ ...a, mode }))),
        ({ questionnaire, profile, answers, mode }) => {
          const model = compileModel(questionnaire);
          const result = scoreAssessment(model, answers, { mode, profile });
          const explanation = explainLevel(model, result);
          if (explanation.status === "at-top") return;
          expect(explanation.status).toBe("next-requirements");
          if (explanation.status !== "next-requirements") return;
          expect(explanation.reachable).toBe(result.overall !== null);
          const rescore = (changes: AnswerChange[]) => scoreAssessment(model, answersWithChanges(result, changes), { mode, profile }).level;
          // Nothing scored yet (an empty draft): no raise can move the level, and none is planned.
          if (result.overall === null) {
            expect(explanation.changes).toEqual([]);
            return;
          }
          expect(rescore(explanation.changes)).toBeGreaterThanOrEqual(explanation.nextLevel);
          const blocking = new Set(explanation.blockingVetoes.map((veto) => veto.capabilityId));
          for (const change of explanation.changes) {
            const capabilityId = change.questionId.replace(/\.q\d+$/, "");
            if (!blocking.has(capabilityId)) expect(change.to - change.from).toBe(1);
            const smaller = explanation.changes.flatMap((c) => (c === change ? lowerByOneBand(questionnaire, c) : [c]));
            expect(rescore(smaller)).toBeLessThan(explanation.nextLevel);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

function questionOf(q: Questionnaire, id: string) {
  return questionsOf(q).find((question) => question.id === id)!;
}

/** s_1…s_5 walked over the questionnaire tree from the result's bands: the definition, written out plainly. */
function referenceLevelScores(q: Questionnaire, result: AssessmentResult): number[] | null {
  const band = new Map(result.questions.flatMap((r) => (r.status === "answered" ? [[r.questionId, r.score] as const] : [])));
  const mean = (parts: { weight: number; value: number | null }[]) => {
    const counted = parts.filter((p): p is { weight: number; value: number } => p.value !== null);
    const weight = counted.reduce((sum, p) => sum + p.weight, 0);
    return weight === 0 ? null : counted.reduce((sum, p) => sum + p.weight * p.value, 0) / weight;
  };
  const scores = [1, 2, 3, 4, 5].map((level) =>
    mean(
      q.dimensions.map((d) => ({
        weight: d.weight,
        value: mean(
          d.capabilities.map((c) => ({
            weight: c.weight,
            value: mean(
              c.questions.map((question) => {
                const b = band.get(question.id);
                return { weight: question.weight, value: b === undefined ? null : b >= level ? 1 : b === level - 1 ? 0.5 : 0 };
              }),
            ),
          })),
        ),
      })),
    ),
  );
  return scores[0] === null ? null : (scores as number[]);
}
