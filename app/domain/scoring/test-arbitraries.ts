/** Test-only fast-check generators: random questionnaires of any weights and the answers to them. */
import fc from "fast-check";
import { allPlantProfiles, isApplicable, type Applicability } from "~/domain/questionnaire/profile";
import type { Answer, Question, Questionnaire } from "~/domain/questionnaire/schema";
import { capability, dimension, kpiQuestion, levelQuestion, questionnaire } from "./test-fixtures";

const weightArb = fc.oneof(fc.integer({ min: 1, max: 5 }), fc.double({ min: 0.05, max: 5, noNaN: true }));

type QuestionShape =
  | { type: "level"; weight: number; allowNa: boolean }
  | { type: "kpi"; weight: number; allowNa: boolean; min: number; offsets: number[] };

const questionShapeArb: fc.Arbitrary<QuestionShape> = fc.oneof(
  fc.record({ type: fc.constant("level" as const), weight: weightArb, allowNa: fc.boolean() }),
  fc.record({
    type: fc.constant("kpi" as const),
    weight: weightArb,
    allowNa: fc.boolean(),
    min: fc.integer({ min: -50, max: 50 }),
    offsets: fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 5, maxLength: 5 }),
  }),
);

function toQuestion(id: string, shape: QuestionShape): Question {
  if (shape.type === "level") return levelQuestion(id, shape.weight, shape.allowNa);
  const thresholds = [...shape.offsets].sort((a, b) => a - b).map((offset) => shape.min + offset / 10);
  return kpiQuestion(id, { min: shape.min, max: shape.min + 100, thresholds }, shape.weight, shape.allowNa);
}

/** 1–4 dimensions × 1–4 capabilities × 1–4 questions, ids d0.c1.q2 and so on. */
export const questionnaireArb: fc.Arbitrary<Questionnaire> = fc
  .array(
    fc.record({
      weight: weightArb,
      capabilities: fc.array(fc.record({ weight: weightArb, questions: fc.array(questionShapeArb, { minLength: 1, maxLength: 4 }) }), {
        minLength: 1,
        maxLength: 4,
      }),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((dimensions) =>
    questionnaire(
      dimensions.map((d, i) =>
        dimension(
          `d${i}`,
          d.weight,
          d.capabilities.map((c, j) =>
            capability(
              `d${i}.c${j}`,
              c.weight,
              c.questions.map((shape, k) => toQuestion(`d${i}.c${j}.q${k}`, shape)),
            ),
          ),
        ),
      ),
      "random",
    ),
  );

/** A valid value for the question; KPI values favour the bounds and the thresholds themselves. */
export function valueArb(question: Question): fc.Arbitrary<number> {
  if (question.type === "level") return fc.integer({ min: 0, max: 5 });
  return fc.oneof(
    fc.constantFrom(question.min, question.max, ...question.thresholds),
    fc.double({ min: question.min, max: question.max, noNaN: true }),
  );
}

export function questionsOf(q: Questionnaire): Question[] {
  return q.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions));
}

/** One answer per question (N/A about a quarter of the time where allowed); drafts drop some. */
export function answersArb(q: Questionnaire, mode: "draft" | "submission" = "submission"): fc.Arbitrary<Answer[]> {
  const perQuestion = questionsOf(q).map((question) => {
    const value = valueArb(question).map((v): Answer => ({ questionId: question.id, value: v }));
    const na: Answer = { questionId: question.id, na: true, naReason: "not on this site" };
    const answer = question.allowNa ? fc.oneof({ arbitrary: value, weight: 3 }, { arbitrary: fc.constant(na), weight: 1 }) : value;
    return mode === "draft" ? fc.option(answer, { nil: undefined, freq: 4 }) : answer;
  });
  return fc.tuple(...perQuestion).map((answers) => answers.filter((answer): answer is Answer => answer !== undefined));
}

/** A random questionnaire with a matching answer set. */
export const assessmentArb = (mode: "draft" | "submission" = "submission") =>
  questionnaireArb.chain((q) => fc.record({ questionnaire: fc.constant(q), answers: answersArb(q, mode) }));

const appliesToArb: fc.Arbitrary<Applicability | undefined> = fc.constantFrom<Applicability | undefined>(
  undefined,
  undefined,
  { productionType: ["process"] },
  { productionType: ["discrete", "mixed"] },
  { markets: ["b2c"] },
  { sites: ["multiple"] },
);

/**
 * A random 2.0.0-style questionnaire: requirements rule, plant profile (every capability's first
 * question applies to every profile, the others to some), vetoes on some capabilities, no N/A.
 */
export const profiledQuestionnaireArb: fc.Arbitrary<Questionnaire> = questionnaireArb.chain((base) => {
  const questions = questionsOf(base);
  const capabilities = base.dimensions.flatMap((d) => d.capabilities);
  return fc
    .record({
      appliesTo: fc.tuple(...questions.map(() => appliesToArb)),
      vetoes: fc.tuple(...capabilities.map(() => fc.option(fc.integer({ min: 0, max: 2 }), { freq: 2 }))),
    })
    .map(({ appliesTo, vetoes }) => {
      const q = structuredClone(base);
      let n = 0;
      for (const capability of q.dimensions.flatMap((d) => d.capabilities))
        capability.questions.forEach((question, index) => {
          question.allowNa = false;
          const conditions = appliesTo[n++];
          if (index > 0 && conditions) Object.assign(question, { appliesTo: conditions, notApplicableNote: { "zh-CN": "不适用", en: "n/a" } });
        });
      const text = { "zh-CN": "否决", en: "veto" };
      return {
        ...q,
        levelRule: "requirements" as const,
        usesPlantProfile: true,
        vetoes: capabilities.flatMap((capability, i) => (vetoes[i] === null ? [] : [{ capability: capability.id, maxLevelAbove: vetoes[i]!, reason: text }])),
      };
    });
});

export const profileArb = fc.constantFrom(...allPlantProfiles());

/** A profiled questionnaire, a profile and answers to every applicable question (drafts drop some); excluded questions get stray answers. */
export const profiledAssessmentArb = (mode: "draft" | "submission" = "submission") =>
  fc.record({ questionnaire: profiledQuestionnaireArb, profile: profileArb }).chain(({ questionnaire, profile }) => {
    const perQuestion = questionsOf(questionnaire).map((question) => {
      const value = valueArb(question).map((v): Answer => ({ questionId: question.id, value: v }));
      if (!isApplicable(question.appliesTo, profile)) return fc.option(value, { nil: undefined });
      return mode === "draft" ? fc.option(value, { nil: undefined, freq: 4 }) : value;
    });
    return fc
      .tuple(...perQuestion)
      .map((answers) => ({ questionnaire, profile, answers: answers.filter((answer): answer is Answer => answer !== undefined) }));
  });
