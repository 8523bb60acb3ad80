/**
 * The consultant's recommendations form: one textarea per capability, named
 * `recommendation.<capabilityId>`. Which capability ids exist is checked by the model against the
 * assessment's questionnaire; here only names, length and storable text.
 */
import { z } from "zod";
import { isStorableText } from "~/domain/text";

export const MAX_RECOMMENDATION_LENGTH = 2000;
export const RECOMMENDATION_FIELD = "recommendation.";

export const recommendationsSchema = z
  .record(
    z.string().regex(/^recommendation\.[A-Za-z0-9_.-]{1,100}$/, "errors.formInvalid"),
    z.string().refine(isStorableText, "errors.formInvalid").trim().max(MAX_RECOMMENDATION_LENGTH, "diagnostic.recommendations.tooLong"),
  )
  .transform((fields) => Object.fromEntries(Object.entries(fields).map(([name, text]) => [name.slice(RECOMMENDATION_FIELD.length), text])));

export const logoIntentSchema = z.object({ intent: z.enum(["upload", "remove"], { error: "errors.formInvalid" }) });
