/**
 * The questionnaire form's field values (strings and booleans, as inputs hold them) and their
 * conversion to stored answers. Shared by the browser (autosave) and the server (the plain
 * "save" button that works without JavaScript), so both validate the same way.
 */
import type { QuestionView } from "~/domain/questionnaire/view";
import type { StoredAnswer } from "./answers";
import type { FormAnswer } from "./form-values";
import { percentOf, storedAnswerSchema } from "./stored-answer";

export { toFormAnswer, type FormAnswer } from "./form-values";

export type Conversion = { ok: true; answer: StoredAnswer | null } | { ok: false; field: keyof FormAnswer; message: string };

const NUMBER = /^-?\d+(\.\d+)?$/;

/** null means "no answer" (everything empty). Messages are locale keys. */
export function fromFormAnswer(question: QuestionView, form: FormAnswer): Conversion {
  const answer: StoredAnswer = {};
  // Inputs that are not rendered (yet) report undefined.
  const raw = (form.value ?? "").trim().replace(/,/g, "");
  if (form.na) {
    if (!question.allowNa) return { ok: false, field: "na", message: "assessment.errors.valueAndNa" };
    answer.na = true;
    answer.naReason = (form.naReason ?? "").trim();
  } else if (question.basis && ((form.numerator ?? "").trim() !== "" || (form.denominator ?? "").trim() !== "")) {
    // Counts given: the value is computed from them. Without counts a plain value (e.g. carried
    // forward from 1.0.0, which asked for the percentage) is kept as it is, below.
    const numerator = (form.numerator ?? "").trim().replace(/,/g, "");
    const denominator = (form.denominator ?? "").trim().replace(/,/g, "");
    {
      if (numerator === "") return { ok: false, field: "numerator", message: "assessment.errors.basisIncomplete" };
      if (denominator === "") return { ok: false, field: "denominator", message: "assessment.errors.basisIncomplete" };
      if (!NUMBER.test(numerator)) return { ok: false, field: "numerator", message: "errors.numberRequired" };
      if (!NUMBER.test(denominator)) return { ok: false, field: "denominator", message: "errors.numberRequired" };
      const n = Number(numerator);
      const d = Number(denominator);
      if (n < 0) return { ok: false, field: "numerator", message: "assessment.errors.basisNegative" };
      if (!(d > 0)) return { ok: false, field: "denominator", message: "assessment.errors.denominatorZero" };
      const value = percentOf(n, d);
      if (value < (question.min ?? -Infinity) || value > (question.max ?? Infinity)) return { ok: false, field: "numerator", message: "assessment.errors.outOfRange" };
      answer.value = value;
      answer.numerator = n;
      answer.denominator = d;
    }
  } else if (raw !== "") {
    if (!NUMBER.test(raw)) return { ok: false, field: "value", message: "errors.numberRequired" };
    const value = Number(raw);
    if (question.type === "level" && !(Number.isInteger(value) && value >= 0 && value <= 5)) {
      return { ok: false, field: "value", message: "errors.numberRequired" };
    }
    if (question.type === "kpi" && (value < (question.min ?? -Infinity) || value > (question.max ?? Infinity))) {
      return { ok: false, field: "value", message: "assessment.errors.outOfRange" };
    }
    answer.value = value;
  }
  const note = (form.note ?? "").trim();
  if (note) answer.note = note;
  const evidence = (form.evidence ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (evidence.length) answer.evidence = evidence;
  if (answer.value === undefined && !answer.na && !answer.note && !answer.evidence) return { ok: true, answer: null };
  const parsed = storedAnswerSchema.safeParse(answer);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = String(issue.path[0] ?? "value");
    const known: readonly (keyof FormAnswer)[] = ["evidence", "note", "naReason", "na", "numerator", "denominator"];
    const field = known.find((name) => name === path) ?? "value";
    return { ok: false, field, message: issue.message };
  }
  return { ok: true, answer: parsed.data };
}

/** Reads `answers.<i>.<field>` entries of a posted form (the no-JavaScript save). */
export function formAnswersFromFormData(formData: FormData, questionIds: readonly string[]): FormAnswer[] {
  return questionIds.map((questionId, index) => {
    const get = (name: string) => {
      const value = formData.get(`answers.${index}.${name}`);
      return typeof value === "string" ? value : "";
    };
    return {
      questionId,
      value: get("value"),
      na: get("na") === "true" || get("na") === "on",
      naReason: get("naReason"),
      numerator: get("numerator"),
      denominator: get("denominator"),
      note: get("note"),
      evidence: get("evidence"),
    };
  });
}

export interface FieldError {
  /** The form field, `answers.<i>.<field>`. */
  name: string;
  /** A locale key (or, rarely, a plain message); the question's number fills `{question}`. */
  message: string;
  questionNumber: number;
}

/**
 * Converts a posted form (one entry per question, same order) into an autosave's `changes`;
 * empty answers become null (removed). Any invalid field fails the whole form.
 */
export function formChanges(questions: readonly QuestionView[], forms: readonly FormAnswer[]): { ok: true; changes: Record<string, StoredAnswer | null> } | { ok: false; errors: FieldError[] } {
  const changes: Record<string, StoredAnswer | null> = {};
  const errors: FieldError[] = [];
  forms.forEach((form, index) => {
    const question = questions[index]!;
    const converted = fromFormAnswer(question, form);
    if (converted.ok) changes[form.questionId] = converted.answer;
    else errors.push({ name: `answers.${index}.${converted.field}`, message: converted.message, questionNumber: question.number });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, changes };
}
