import { z } from "zod";
import { COMMENT_MAX_LENGTH } from "~/domain/comments/thread";

/**
 * One comment on one question. Browsers send a textarea's line breaks as CRLF but count them as one
 * character against `maxlength`: normalise first, so the limit the user sees is the one we check.
 * `fetch` is set by the component once JavaScript runs (answer with data instead of a redirect);
 * `returnTo` is where a plain form post goes back to.
 */
export const commentSchema = z.object({
  questionId: z.string({ error: "comments.errors.questionUnknown" }).min(1, "comments.errors.questionUnknown").max(100, "comments.errors.questionUnknown"),
  body: z
    .string({ error: "comments.errors.bodyRequired" })
    .transform((text) => text.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().min(1, "comments.errors.bodyRequired").max(COMMENT_MAX_LENGTH, "comments.errors.bodyTooLong")),
  returnTo: z.string().optional(),
  fetch: z
    .string()
    .optional()
    .transform((value) => value === "1"),
});
export type CommentInput = z.output<typeof commentSchema>;
