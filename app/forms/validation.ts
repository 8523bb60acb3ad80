/**
 * The consultant's validation forms (one per question, "confirm the remaining", "issue"). Shared by
 * the page and the action; messages are locale keys. A review is finally checked by
 * `validationReviewSchema`, the same schema that parses stored reviews.
 */
import { z } from "zod";
import { QUESTION_ID } from "~/domain/assessment/answers";
import { validationReviewSchema, type ValidationReview } from "~/domain/validation/reviews";

const counter = z.coerce.number("errors.formInvalid").int("errors.formInvalid").min(0, "errors.formInvalid").max(1_000_000_000, "errors.formInvalid");
const ref = { version: counter.min(1, "errors.formInvalid"), revision: counter };

/** "" or absent → undefined; anything else must be a finite number. */
const optionalNumber = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === "") return undefined;
    const number = Number(value.replace(",", "."));
    if (!Number.isFinite(number)) {
      ctx.addIssue({ code: "custom", message: "validation.errors.invalidValue" });
      return z.NEVER;
    }
    return number;
  });

const reviewSchema = z
  .object({
    intent: z.literal("review"),
    ...ref,
    questionId: z.string().regex(QUESTION_ID, "validation.errors.invalidValue").max(200, "validation.errors.invalidValue"),
    decision: z.enum(["confirmed", "changed"], "validation.errors.valueRequired"),
    value: optionalNumber,
    comment: z.string().optional(),
    evidenceChecked: z.literal("on").optional(),
  })
  .transform((input, ctx) => {
    const parsed = validationReviewSchema.safeParse({
      decision: input.decision,
      // A confirmed answer keeps the factory's value: a band left selected in the form is ignored.
      value: input.decision === "changed" ? input.value : undefined,
      comment: input.comment?.trim() ? input.comment : undefined,
      evidenceChecked: input.evidenceChecked === "on",
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
      return z.NEVER;
    }
    const review: ValidationReview = parsed.data;
    return { intent: input.intent, version: input.version, revision: input.revision, questionId: input.questionId, review };
  });

/** One schema per intent: the action picks it by `intent`, so field messages are not lost in a union. */
export const validationSchemas = {
  review: reviewSchema,
  "confirm-remaining": z.object({ intent: z.literal("confirm-remaining"), ...ref }),
  issue: z.object({ intent: z.literal("issue"), ...ref, confirm: z.literal("yes", "validation.errors.confirmRequired") }),
  start: z.object({ intent: z.literal("start") }),
};
export type ValidationIntent = keyof typeof validationSchemas;

export function isValidationIntent(value: unknown): value is ValidationIntent {
  return typeof value === "string" && Object.hasOwn(validationSchemas, value);
}
