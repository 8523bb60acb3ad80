import { z } from "zod";

/** Years offered when starting an assessment: the last five and the current one. */
export function selectablePeriods(now = new Date()): string[] {
  const year = now.getFullYear();
  return Array.from({ length: 6 }, (_, i) => String(year - i));
}

export const startAssessmentSchema = z.object({
  intent: z.literal("start"),
  period: z
    .string({ error: "assessment.errors.periodInvalid" })
    .refine((period) => selectablePeriods().includes(period), "assessment.errors.periodInvalid"),
});

export const compareQuerySchema = z
  .object({ a: z.uuid("assessment.errors.compareInvalid"), b: z.uuid("assessment.errors.compareInvalid") })
  .refine((query) => query.a !== query.b, "assessment.errors.compareInvalid");
