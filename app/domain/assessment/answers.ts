/**
 * How a draft's answers are stored (Assessment.answers, a JSON object keyed by question id) and
 * validated, and how they become the scoring engine's `Answer[]`. Pure and isomorphic: the
 * autosave schema is shared by the browser and the server.
 */
import { z } from "zod";
import type { Answer } from "~/domain/questionnaire/schema";
import { isStorableText } from "~/domain/text";

export const MAX_NOTE_LENGTH = 2000;
export const MAX_EVIDENCE_LINKS = 5;

/** Evidence links must be real http(s) URLs: they are shown to consultants as links. */
/** Text PostgreSQL can store (no NUL, no lone surrogate), else a message instead of error 22P05. */
const storableText = z.string().refine(isStorableText, "assessment.errors.invalidCharacters");

export const evidenceUrl = storableText
  .trim()
  .max(500, "assessment.errors.urlTooLong")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".");
    } catch {
      return false;
    }
  }, "assessment.errors.urlInvalid");

/**
 * A KPI asked as numerator and denominator (questionnaire `basis`) is stored as both counts and
 * the percentage they give, rounded to 2 decimals. One function, so the form's preview, the
 * stored value and the check below can never disagree.
 */
export function percentOf(numerator: number, denominator: number): number {
  return Math.round((numerator / denominator) * 100 * 100) / 100;
}

/** One stored answer. `value` and `na` are exclusive; a note and evidence may come with either or alone. */
export const storedAnswerSchema = z
  .object({
    value: z.number().finite().optional(),
    na: z.literal(true).optional(),
    naReason: storableText.trim().max(500, "assessment.errors.noteTooLong").optional(),
    /** The counts behind a percentage KPI (both or neither; the engine reads only `value`). */
    numerator: z.number().finite().min(0, "assessment.errors.basisNegative").optional(),
    denominator: z.number().finite().positive("assessment.errors.denominatorZero").optional(),
    note: storableText.max(MAX_NOTE_LENGTH, "assessment.errors.noteTooLong").optional(),
    evidence: z.array(evidenceUrl).max(MAX_EVIDENCE_LINKS, "assessment.errors.tooManyLinks").optional(),
  })
  .strict()
  .refine((answer) => !(answer.na && answer.value !== undefined), { message: "assessment.errors.valueAndNa", path: ["na"] })
  .refine((answer) => !answer.na || (answer.naReason ?? "").length > 0, { message: "assessment.errors.naReasonRequired", path: ["naReason"] })
  .refine((answer) => (answer.numerator === undefined) === (answer.denominator === undefined), {
    message: "assessment.errors.basisIncomplete",
    path: ["denominator"],
  })
  .refine(
    // A stored percentage always matches its counts, so the counts shown later are the ones scored.
    (answer) =>
      answer.numerator === undefined ||
      answer.denominator === undefined ||
      (answer.value !== undefined && Math.abs(answer.value - percentOf(answer.numerator, answer.denominator)) < 1e-9),
    { message: "assessment.errors.basisMismatch", path: ["value"] },
  );

export type StoredAnswer = z.infer<typeof storedAnswerSchema>;
export type StoredAnswers = Record<string, StoredAnswer>;

/**
 * Keys of `changes` have the questionnaire's id shape (lower-case words joined by '-' and '.'),
 * which already rules out `__proto__`; whether the id exists is checked against the draft's
 * questionnaire version on the server (saveAnswers), which rules out `constructor` and friends.
 */
export const QUESTION_ID = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;

/**
 * An autosave: the revision the browser's copy is based on and the questions that changed
 * (null removes an answer). The server rejects it with 409 when the revision is stale.
 * Strict at every level: an unknown key is an error, never silently dropped.
 */
export const answerPatchSchema = z
  .object({
    revision: z.number().int().min(0),
    changes: z
      .unknown()
      // Before z.record, which silently skips a `__proto__` key: a dropped key would be a save of nothing.
      .superRefine((changes, ctx) => {
        if (typeof changes !== "object" || changes === null) return;
        const bad = Object.keys(changes).find((key) => !QUESTION_ID.test(key) || key.length > 200);
        if (bad !== undefined) ctx.addIssue({ code: "custom", path: [bad], message: "assessment.errors.badQuestionId" });
      })
      .pipe(z.record(z.string(), storedAnswerSchema.nullable()))
      .refine((changes) => Object.keys(changes).length <= 200, "assessment.errors.tooManyChanges"),
  })
  .strict();
export type AnswerPatch = z.infer<typeof answerPatchSchema>;

export function applyPatch(answers: StoredAnswers, changes: AnswerPatch["changes"]): StoredAnswers {
  const next: StoredAnswers = { ...answers };
  for (const [questionId, answer] of Object.entries(changes)) {
    if (answer === null || isEmptyAnswer(answer)) delete next[questionId];
    else next[questionId] = answer;
  }
  return next;
}

/** One answer in a canonical form (fixed key order), for comparing stored JSON with a patch. */
function canonical(answer: StoredAnswer | undefined): string {
  if (answer === undefined || isEmptyAnswer(answer)) return "";
  const { value, na, naReason, numerator, denominator, note, evidence } = answer;
  return JSON.stringify([value, na, naReason, numerator, denominator, note, evidence]);
}

/** True when applying the changes would store exactly what is stored already (a no-op save). */
export function isNoOpPatch(answers: StoredAnswers, changes: AnswerPatch["changes"]): boolean {
  return Object.entries(changes).every(([questionId, answer]) => {
    const current = Object.hasOwn(answers, questionId) ? answers[questionId] : undefined;
    return canonical(current) === canonical(answer ?? undefined);
  });
}

export function isEmptyAnswer(answer: StoredAnswer): boolean {
  return answer.value === undefined && !answer.na && !answer.note && !(answer.evidence?.length ?? 0);
}

/** Only answers with a value or N/A count for scoring; notes alone do not. */
export function toEngineAnswers(answers: StoredAnswers): Answer[] {
  const result: Answer[] = [];
  for (const [questionId, answer] of Object.entries(answers)) {
    if (answer.na) result.push({ questionId, na: true, naReason: answer.naReason ?? "" });
    else if (answer.value !== undefined) result.push({ questionId, value: answer.value });
  }
  return result;
}

export function isAnswered(answer: StoredAnswer | undefined): boolean {
  return answer !== undefined && (answer.na === true || answer.value !== undefined);
}
