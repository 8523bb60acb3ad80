/**
 * The questionnaire form's field values and how a stored answer fills them: what the page needs
 * to render. Kept apart from the conversion back (./form, which checks with the stored-answer
 * schema) so the page's first load does not include zod; the browser loads ./form after
 * hydration (ADR 0026).
 */
import type { StoredAnswer } from "./answers";

export interface FormAnswer {
  questionId: string;
  value: string;
  na: boolean;
  naReason: string;
  /** A percentage KPI asked as counts (`basis`): the value is computed from these two. */
  numerator: string;
  denominator: string;
  note: string;
  evidence: string;
}

export function toFormAnswer(questionId: string, stored: StoredAnswer | undefined): FormAnswer {
  return {
    questionId,
    value: stored?.value === undefined ? "" : String(stored.value),
    na: stored?.na === true,
    naReason: stored?.naReason ?? "",
    numerator: stored?.numerator === undefined ? "" : String(stored.numerator),
    denominator: stored?.denominator === undefined ? "" : String(stored.denominator),
    note: stored?.note ?? "",
    evidence: (stored?.evidence ?? []).join("\n"),
  };
}
