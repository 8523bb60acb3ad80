/**
 * Read-only helpers over a validated questionnaire, for the UI and the scoring engine.
 * Pure and isomorphic. Loading files lives in `./load` (text) and `./files.server` (fs).
 */
import type {
  Capability,
  Dimension,
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

// In its own module so the browser can import it without this barrel (which brings the YAML parser).
export { kpiBand } from "./kpi-band";

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
