/**
 * One stored answer's schema, shared by the browser (the questionnaire form checks each answer
 * before it is autosaved) and the server (autosave patches and stored JSON, via ./answers). Written
 * with zod/mini, whose checks are tree-shaken: the questionnaire page ships a few kB of it instead of
 * the full zod (~90 kB gzip; issue 14, `npm run bench:bundle`). Same rules and messages as before.
 */
import * as z from "zod/mini";
import { isStorableText } from "~/domain/text";
import { percentOf } from "./percent";

export { percentOf };

export const MAX_NOTE_LENGTH = 2000;
export const MAX_EVIDENCE_LINKS = 5;


/** Text PostgreSQL can store (no NUL, no lone surrogate), else a message instead of error 22P05. */
const storableText = () => z.string().check(z.refine(isStorableText, "assessment.errors.invalidCharacters"));

/** Evidence links must be real http(s) URLs: they are shown to consultants as links. */
export const evidenceUrl = storableText().check(
  z.trim(),
  z.maxLength(500, "assessment.errors.urlTooLong"),
  z.refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".");
    } catch {
      return false;
    }
  }, "assessment.errors.urlInvalid"),
);

/** One stored answer. `value` and `na` are exclusive; a note and evidence may come with either or alone. */
export const storedAnswerSchema = z
  .strictObject({
    value: z.optional(z.number()),
    na: z.optional(z.literal(true)),
    naReason: z.optional(storableText().check(z.trim(), z.maxLength(500, "assessment.errors.noteTooLong"))),
    /** The counts behind a percentage KPI (both or neither; the engine reads only `value`). */
    numerator: z.optional(z.number().check(z.gte(0, "assessment.errors.basisNegative"))),
    denominator: z.optional(z.number().check(z.positive("assessment.errors.denominatorZero"))),
    note: z.optional(storableText().check(z.maxLength(MAX_NOTE_LENGTH, "assessment.errors.noteTooLong"))),
    evidence: z.optional(z.array(evidenceUrl).check(z.maxLength(MAX_EVIDENCE_LINKS, "assessment.errors.tooManyLinks"))),
  })
  .check(
    z.refine((answer) => !(answer.na && answer.value !== undefined), { message: "assessment.errors.valueAndNa", path: ["na"] }),
    z.refine((answer) => !answer.na || (answer.naReason ?? "").length > 0, { message: "assessment.errors.naReasonRequired", path: ["naReason"] }),
    z.refine((answer) => (answer.numerator === undefined) === (answer.denominator === undefined), {
      message: "assessment.errors.basisIncomplete",
      path: ["denominator"],
    }),
    z.refine(
      // A stored percentage always matches its counts, so the counts shown later are the ones scored.
      (answer) =>
        answer.numerator === undefined ||
        answer.denominator === undefined ||
        (answer.value !== undefined && Math.abs(answer.value - percentOf(answer.numerator, answer.denominator)) < 1e-9),
      { message: "assessment.errors.basisMismatch", path: ["value"] },
    ),
  );
