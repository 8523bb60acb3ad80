/**
 * Read-only helpers over a validated questionnaire, for the UI and the scoring engine.
 * Pure and isomorphic. Loading files lives in `./load` (text) and `./files.server` (fs).
 */
import type {
  Capability,
  Dimension,
  KpiQuestion,
  Locale,
  LocalizedText,
  Question,
  Questionnaire,
} from "./schema";

export * from "./schema";
export { canonicalJson, loadQuestionnaire, parseQuestionnaire, QuestionnaireFileError } from "./load";
export type { FileProblem, ParseResult, QuestionnaireProblem } from "./load";

/** A question with the capability and dimension it belongs to. */
export interface QuestionInContext {
  question: Question;
  capability: Capability;
  dimension: Dimension;
}

/** Every question in document order (dimension → capability → question). */
export function allQuestions(questionnaire: Questionnaire): Question[] {
  return questionnaire.dimensions.flatMap((dimension) => dimension.capabilities.flatMap((capability) => capability.questions));
}

/** Every question in document order, with its capability and dimension. */
export function questionsInContext(questionnaire: Questionnaire): QuestionInContext[] {
  return questionnaire.dimensions.flatMap((dimension) =>
    dimension.capabilities.flatMap((capability) => capability.questions.map((question) => ({ question, capability, dimension }))),
  );
}

export function findQuestion(questionnaire: Questionnaire, id: string): Question | undefined {
  return findQuestionInContext(questionnaire, id)?.question;
}

export function findQuestionInContext(questionnaire: Questionnaire, id: string): QuestionInContext | undefined {
  for (const dimension of questionnaire.dimensions) {
    for (const capability of dimension.capabilities) {
      const question = capability.questions.find((candidate) => candidate.id === id);
      if (question) return { question, capability, dimension };
    }
  }
  return undefined;
}

export function findCapability(questionnaire: Questionnaire, id: string): Capability | undefined {
  for (const dimension of questionnaire.dimensions) {
    const capability = dimension.capabilities.find((candidate) => candidate.id === id);
    if (capability) return capability;
  }
  return undefined;
}

export function findDimension(questionnaire: Questionnaire, id: string): Dimension | undefined {
  return questionnaire.dimensions.find((dimension) => dimension.id === id);
}

export function questionCount(questionnaire: Questionnaire): number {
  return questionnaire.dimensions.reduce(
    (sum, dimension) => sum + dimension.capabilities.reduce((inner, capability) => inner + capability.questions.length, 0),
    0,
  );
}

export function kpiQuestionCount(questionnaire: Questionnaire): number {
  return allQuestions(questionnaire).filter((question) => question.type === "kpi").length;
}

/**
 * Band 0…5 of a KPI value: the number of thresholds it reaches (value ≥ thresholds[k-1] reaches
 * band k; below thresholds[0] is band 0). Values outside [min, max] are not clamped here —
 * validating the range is the caller's job — but they band sensibly (below min → 0, above max → 5).
 * Throws a RangeError for NaN or ±Infinity, which have no band.
 */
export function kpiBand(question: Pick<KpiQuestion, "thresholds">, value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`a KPI value must be a finite number (got ${value})`);
  let band = 0;
  while (band < question.thresholds.length && value >= question.thresholds[band]!) band++;
  return band;
}

/**
 * Name of maturity level 0…5 in `locale`: 0 is `belowFirstLevel` (未达级 / Not yet at Level 1),
 * 1…5 the GB/T 39116 names. Throws a RangeError for anything else.
 */
export function levelName(questionnaire: Questionnaire, level: number, locale: Locale): string {
  if (level === 0) return questionnaire.belowFirstLevel[locale];
  const entry = Number.isInteger(level) ? questionnaire.levels.find((candidate) => candidate.level === level) : undefined;
  if (!entry) throw new RangeError(`no maturity level ${level} (expected an integer 0–5)`);
  return entry.name[locale];
}

/** The text in `locale`. */
export function localize(text: LocalizedText, locale: Locale): string {
  return text[locale];
}
