import { z } from "zod";
import { normalizeCreditCode, validateCreditCode } from "~/domain/reference/credit-code";
import { findIndustry } from "~/domain/reference/industries";
import { findRegion } from "~/domain/reference/regions";
import { emailField, nonNegativeDecimal, nonNegativeInteger, organizationKindField, requiredText, roleField } from "./fields";

const CREDIT_CODE_MESSAGES = {
  length: "errors.creditCodeLength",
  charset: "errors.creditCodeCharset",
  checksum: "errors.creditCodeChecksum",
  region: "errors.creditCodeRegion",
} as const;

export const creditCodeField = z
  .string({ error: "errors.required" })
  .transform(normalizeCreditCode)
  .superRefine((code, ctx) => {
    if (!code) {
      ctx.addIssue({ code: "custom", message: "errors.required" });
      return;
    }
    const result = validateCreditCode(code);
    if (!result.ok) ctx.addIssue({ code: "custom", message: CREDIT_CODE_MESSAGES[result.reason] });
  });

export const industryCodeField = z
  .string({ error: "errors.industryUnknown" })
  .refine((code) => findIndustry(code) !== undefined, "errors.industryUnknown");

export const regionCodeField = z
  .string({ error: "errors.regionUnknown" })
  .refine((code) => findRegion(code) !== undefined, "errors.regionUnknown");

export const createOrganizationSchema = z.object({
  kind: organizationKindField,
  name: requiredText(120),
});

export const factoryProfileSchema = z.object({
  name: requiredText(120),
  legalName: requiredText(200),
  creditCode: creditCodeField,
  industryCode: industryCodeField,
  regionCode: regionCodeField,
  employees: nonNegativeInteger,
  revenueWan: nonNegativeDecimal,
});

export const jurisdictionSchema = z.object({
  name: requiredText(120),
  regionCode: regionCodeField,
  industryCode: z
    .string()
    .optional()
    .transform((code) => (code ? code : undefined))
    .refine((code) => code === undefined || findIndustry(code) !== undefined, "errors.industryUnknown"),
});

export const organizationNameSchema = z.object({ name: requiredText(120) });

export const inviteSchema = z.object({
  intent: z.literal("invite"),
  email: emailField,
  role: roleField,
});

export const memberActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("role"), userId: z.uuid("errors.invalidId"), role: roleField }),
  z.object({ intent: z.literal("remove"), userId: z.uuid("errors.invalidId") }),
  z.object({ intent: z.literal("revoke"), invitationId: z.uuid("errors.invalidId") }),
  inviteSchema,
]);
