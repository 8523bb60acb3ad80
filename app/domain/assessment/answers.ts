/**
 * How a draft's answers are stored (Assessment.answers, a JSON object keyed by question id) and
 * validated, and how they become the scoring engine's `Answer[]`. Pure and isomorphic: the
 * autosave schema is shared by the browser and the server.
 */
import { z } from "zod";
import type { Answer } from "~/domain/questionnaire/schema";
import { storedAnswerSchema } from "./stored-answer";

// One stored answer's schema lives in ./stored-answer (zod/mini): the questionnaire page validates
// answers in the browser with it, and the full zod would add ~90 kB of gzip to that page (issue 14).
export { evidenceUrl, MAX_EVIDENCE_LINKS, MAX_NOTE_LENGTH, percentOf, storedAnswerSchema } from "./stored-answer";

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
      .pipe(z.record(z.string(), z.nullable(storedAnswerSchema)))
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
