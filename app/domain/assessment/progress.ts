/**
 * How far a draft is: which questions count as answered, per dimension and overall, and which
 * are still open. Stored answers (the server's copy) and form answers (what the inputs hold
 * while the user types) follow the same rule: a value or N/A answers a question; a note or
 * evidence alone does not.
 */
import { isApplicable, productionPath } from "~/domain/questionnaire/applicability";
import type { PlantProfile } from "~/domain/questionnaire/profile";
import type { Questionnaire } from "~/domain/questionnaire/schema";
import type { DimensionView, QuestionView } from "~/domain/questionnaire/view";
import type { StoredAnswer, StoredAnswers } from "./answers";
import type { FormAnswer } from "./form";

export interface DimensionProgress {
  dimensionId: string;
  answered: number;
  total: number;
}

export function isStoredAnswered(answer: StoredAnswer | undefined): boolean {
  return Boolean(answer && (answer.na || answer.value !== undefined));
}

/** Inputs that are not rendered (yet) report undefined, so every part may be missing. */
export function isFormAnswered(answer: Partial<FormAnswer> | undefined): boolean {
  return Boolean(answer && (answer.na || (answer.value ?? "") !== "" || ((answer.numerator ?? "") !== "" && (answer.denominator ?? "") !== "")));
}

/**
 * Progress per dimension: questions answered (value or N/A) out of the questions that apply.
 * With a plant profile, excluded questions count for nothing (their kept answers included);
 * without one every question counts.
 */
export function progressByDimension(questionnaire: Questionnaire, answers: StoredAnswers, profile: PlantProfile | null = null): DimensionProgress[] {
  return questionnaire.dimensions.map((dimension) => {
    const ids = dimension.capabilities.flatMap((c) => c.questions.filter((q) => !profile || isApplicable(q.appliesTo, profile)).map((q) => q.id));
    return { dimensionId: dimension.id, answered: ids.filter((id) => isStoredAnswered(answers[id])).length, total: ids.length };
  });
}

/** A question the plant profile excludes: shown in a collapsed list with the reason, never asked. */
export interface ExcludedQuestion {
  id: string;
  number: number;
  title: string;
  note: string;
}

/**
 * One dimension as a plant with this profile answers it: only the questions that apply (a
 * capability always keeps one, checked when the questionnaire loads), KPI thresholds of its
 * production path, and the excluded questions with their notes. No profile: everything applies.
 */
export function applicableDimension(dimension: DimensionView, profile: PlantProfile | null): { dimension: DimensionView; excluded: ExcludedQuestion[] } {
  if (!profile) return { dimension, excluded: [] };
  const process = productionPath(profile) === "process";
  const excluded: ExcludedQuestion[] = [];
  const capabilities = dimension.capabilities.map((capability) => ({
    ...capability,
    questions: capability.questions.flatMap((question): QuestionView[] => {
      if (!isApplicable(question.appliesTo, profile)) {
        excluded.push({ id: question.id, number: question.number, title: question.title, note: question.notApplicableNote ?? "" });
        return [];
      }
      return [process && question.processThresholds ? { ...question, thresholds: question.processThresholds } : question];
    }),
  }));
  return { dimension: { ...dimension, capabilities: capabilities.filter((c) => c.questions.length > 0) }, excluded };
}

/** The questionnaire's totals, with one dimension's count replaced by the live count of its open form. */
export function overallProgress(progress: readonly DimensionProgress[], current?: { dimensionId: string; answered: number }) {
  return progress.reduce(
    (sum, p) => ({ answered: sum.answered + (p.dimensionId === current?.dimensionId ? current.answered : p.answered), total: sum.total + p.total }),
    { answered: 0, total: 0 },
  );
}

/** A dimension's questions in form order (the index of a question is its `answers.<i>` field). */
export function dimensionQuestions(dimension: DimensionView): QuestionView[] {
  return dimension.capabilities.flatMap((c) => c.questions);
}

/** Only the stored answers of one dimension's questions (what travels to its page). */
export function answersOfDimension(dimension: DimensionView, answers: StoredAnswers): StoredAnswers {
  const ids = new Set(dimensionQuestions(dimension).map((q) => q.id));
  return Object.fromEntries(Object.entries(answers).filter(([id]) => ids.has(id)));
}

/** The questions whose form answer (same index) is still empty, in form order. */
export function unansweredQuestions<Q>(questions: readonly Q[], formAnswers: readonly (Partial<FormAnswer> | undefined)[] | undefined): Q[] {
  return questions.filter((_, index) => !isFormAnswered(formAnswers?.[index]));
}

export function countFormAnswered(formAnswers: readonly (Partial<FormAnswer> | undefined)[] | undefined): number {
  return (formAnswers ?? []).filter(isFormAnswered).length;
}
