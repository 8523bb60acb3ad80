/**
 * A consultant's review of one answer in a validation (核验), how reviews are stored
 * (Validation.reviews, a JSON object keyed by question id), the validated answers the scoring
 * engine scores, and the confidence tier of each answer. Pure and isomorphic.
 */
import { z } from "zod";
import type { StoredAnswer, StoredAnswers } from "~/domain/assessment/answers";
import { isStorableText } from "~/domain/text";

export const MAX_REVIEW_COMMENT_LENGTH = 2000;

const storableText = z.string().refine(isStorableText, "validation.errors.invalidCharacters");

/**
 * One reviewed answer. "confirmed": the factory's answer stands. "changed": the consultant sets the
 * validated `value` (a band 0–5 for a level question, the measure for a KPI) and must say why.
 * `evidenceChecked`: the consultant has looked at the evidence behind the answer.
 */
export const validationReviewSchema = z
  .object({
    decision: z.enum(["confirmed", "changed"]),
    value: z.number().finite().optional(),
    comment: storableText.trim().max(MAX_REVIEW_COMMENT_LENGTH, "validation.errors.commentTooLong").optional(),
    evidenceChecked: z.boolean().optional(),
  })
  .strict()
  .refine((review) => review.decision === "confirmed" || review.value !== undefined, { message: "validation.errors.valueRequired", path: ["value"] })
  .refine((review) => review.decision === "confirmed" || (review.comment ?? "").length > 0, { message: "validation.errors.commentRequired", path: ["comment"] })
  .refine((review) => review.decision === "changed" || review.value === undefined, { message: "validation.errors.valueOnlyWhenChanged", path: ["value"] });

export type ValidationReview = z.output<typeof validationReviewSchema>;
export type ValidationReviews = Record<string, ValidationReview>;

/**
 * The answers the engine scores for a validation: the factory's answers with every changed value
 * replaced. A changed KPI loses the counts it was computed from (they no longer give its value);
 * a changed N/A answer stops being N/A (a value and N/A are exclusive); notes and evidence stay,
 * they are the factory's.
 */
export function validatedAnswers(answers: StoredAnswers, reviews: ValidationReviews): StoredAnswers {
  const result: StoredAnswers = { ...answers };
  for (const [questionId, review] of Object.entries(reviews)) {
    if (review.decision !== "changed" || review.value === undefined) continue;
    const { numerator: _numerator, denominator: _denominator, na: _na, naReason: _naReason, ...rest } = answers[questionId] ?? {};
    result[questionId] = { ...rest, value: review.value };
  }
  return result;
}

/**
 * How far an answer can be trusted: "claimed" (self-assessed), "evidenced" (the factory attached
 * evidence), "validated" (a consultant reviewed it in an issued validation).
 */
export type ConfidenceTier = "claimed" | "evidenced" | "validated";

export function confidenceTier(answer: StoredAnswer | undefined, review: ValidationReview | undefined, issued: boolean): ConfidenceTier {
  if (issued && review) return "validated";
  if ((answer?.evidence?.length ?? 0) > 0) return "evidenced";
  return "claimed";
}
