/**
 * How far a draft is: which questions count as answered, per dimension and overall, and which
 * are still open. Stored answers (the server's copy) and form answers (what the inputs hold
 * while the user types) follow the same rule: a value or N/A answers a question; a note or
 * evidence alone does not.
 */
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
  return Boolean(answer && (answer.na || (answer.value ?? "") !== ""));
}

/** Progress per dimension: questions answered (value or N/A) out of all questions. */
export function progressByDimension(questionnaire: Questionnaire, answers: StoredAnswers): DimensionProgress[] {
  return questionnaire.dimensions.map((dimension) => {
    const ids = dimension.capabilities.flatMap((c) => c.questions.map((q) => q.id));
    return { dimensionId: dimension.id, answered: ids.filter((id) => isStoredAnswered(answers[id])).length, total: ids.length };
  });
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
