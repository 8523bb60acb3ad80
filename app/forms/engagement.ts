/**
 * Engagement forms (ADR 0016). Scope offers READ and VALIDATE only: EDIT (co-editing drafts) is in
 * the schema for later but not built, so a form naming it is refused like any unknown value.
 */
import { z } from "zod";
import { normalizeCreditCode, validateCreditCode } from "~/domain/reference/credit-code";
import { DEFAULT_MONTHS, MAX_MONTHS, MESSAGE_MAX, OFFERED_SCOPES } from "~/domain/engagement/lifecycle";
import { creditCodeField } from "./organization";
import { emailField, requiredText } from "./fields";

const CREDIT_CODE_MESSAGES = {
  length: "errors.creditCodeLength",
  charset: "errors.creditCodeCharset",
  checksum: "errors.creditCodeChecksum",
  region: "errors.creditCodeRegion",
} as const;

export const scopeField = z.enum(OFFERED_SCOPES, { error: "engagement.errors.scopeInvalid" });

/** Whole months, 1–36; empty means the default (12). */
export const monthsField = z
  .string({ error: "engagement.errors.monthsInvalid" })
  .trim()
  .transform((value) => (value === "" ? String(DEFAULT_MONTHS) : value))
  .pipe(z.string().regex(/^\d{1,2}$/, "engagement.errors.monthsInvalid"))
  .transform(Number)
  .pipe(z.number().min(1, "engagement.errors.monthsInvalid").max(MAX_MONTHS, "engagement.errors.monthsTooLong"));

const optionalMonths = z
  .string({ error: "engagement.errors.monthsInvalid" })
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .pipe(
    z
      .string()
      .regex(/^\d{1,2}$/, "engagement.errors.monthsInvalid")
      .transform(Number)
      .pipe(z.number().min(1, "engagement.errors.monthsInvalid").max(MAX_MONTHS, "engagement.errors.monthsTooLong"))
      .optional(),
  );

const messageField = z
  .string()
  .trim()
  .max(MESSAGE_MAX, "engagement.errors.messageTooLong")
  .optional()
  .transform((value) => (value ? value : undefined));

/** "all" or "chosen"; the chosen assessment ids come as repeated `assessmentIds` fields (read apart from this object). */
export const coverageField = z.enum(["all", "chosen"], { error: "engagement.errors.coverageInvalid" }).default("all");

/** Consultancy OWNER: ask a factory for access by its 统一社会信用代码. */
export const requestSchema = z.object({
  intent: z.literal("request"),
  creditCode: creditCodeField,
  scope: scopeField,
  months: monthsField,
  message: messageField,
});

/** Factory OWNER: invite a consultancy by its credit code or by one of its consultants' e-mail. */
export const inviteSchema = z
  .object({
    intent: z.literal("invite"),
    by: z.enum(["code", "email"], { error: "engagement.errors.inviteByInvalid" }),
    creditCode: z.string().optional(),
    email: z.string().optional(),
    scope: scopeField,
    months: monthsField,
    coverage: coverageField,
    message: messageField,
  })
  .superRefine((value, ctx) => {
    if (value.by === "code") {
      const code = normalizeCreditCode(value.creditCode ?? "");
      if (!code) ctx.addIssue({ code: "custom", path: ["creditCode"], message: "errors.required" });
      else {
        const checked = validateCreditCode(code);
        if (!checked.ok) ctx.addIssue({ code: "custom", path: ["creditCode"], message: CREDIT_CODE_MESSAGES[checked.reason] });
      }
    } else {
      const email = emailField.safeParse(value.email ?? "");
      if (!email.success) ctx.addIssue({ code: "custom", path: ["email"], message: email.error.issues[0]?.message ?? "errors.emailInvalid" });
    }
  })
  .transform((value) =>
    value.by === "code"
      ? { ...value, by: "code" as const, creditCode: normalizeCreditCode(value.creditCode ?? ""), email: undefined }
      : { ...value, by: "email" as const, creditCode: undefined, email: (value.email ?? "").trim().toLowerCase() },
  );

/** Approve (optionally narrowing), decline, revoke, end: the engagement is named by its id and looked up within the organisation. */
const engagementId = z.uuid("errors.invalidId");
export const decisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), engagementId, scope: scopeField.optional(), months: optionalMonths, coverage: coverageField }),
  z.object({ intent: z.literal("decline"), engagementId }),
  z.object({ intent: z.literal("revoke"), engagementId }),
  z.object({ intent: z.literal("end"), engagementId }),
]);

/** At most this many assessments can be chosen in one form (a factory has one or two a year). */
export const MAX_CHOSEN = 50;
export const chosenAssessmentsSchema = z.array(z.uuid("errors.invalidId")).max(MAX_CHOSEN, "engagement.errors.tooManyAssessments");

/** The consultancy's profile: name and (optional) credit code, by which factories invite it. */
export const consultancyProfileSchema = z.object({
  name: requiredText(120),
  creditCode: z
    .string()
    .optional()
    .transform((value) => normalizeCreditCode(value ?? ""))
    .pipe(z.union([z.literal(""), creditCodeField])),
});

/** The audit log's query: page (1…) and an optional consultancy filter. */
export const auditQuerySchema = z.object({
  page: z.coerce.number({ error: "engagement.errors.pageInvalid" }).int("engagement.errors.pageInvalid").min(1, "engagement.errors.pageInvalid").max(100_000, "engagement.errors.pageInvalid").default(1),
  consultancy: z.uuid("errors.invalidId").optional(),
});
