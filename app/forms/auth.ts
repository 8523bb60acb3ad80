import { z } from "zod";
import { emailField, newPasswordField, organizationKindField, passwordField, requiredText, localeField } from "./fields";

export const loginSchema = z.object({
  email: emailField,
  password: passwordField,
  redirectTo: z.string().optional(),
});

export const signupSchema = z
  .object({
    email: emailField,
    displayName: requiredText(120),
    password: newPasswordField,
    /** Set when signing up from an invitation link: the user joins that organisation instead. */
    invitation: z.string().optional(),
    organizationKind: organizationKindField.optional(),
    organizationName: z.string().trim().max(120, "errors.nameTooLong").optional(),
  })
  .superRefine((value, ctx) => {
    if (value.invitation) return;
    if (!value.organizationKind) ctx.addIssue({ code: "custom", path: ["organizationKind"], message: "errors.kindInvalid" });
    if (!value.organizationName) ctx.addIssue({ code: "custom", path: ["organizationName"], message: "errors.required" });
  });

export const changePasswordSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: passwordField,
    newPassword: newPasswordField,
    confirmPassword: z.string({ error: "errors.required" }).min(1, "errors.required"),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "errors.passwordMismatch",
  });

export const accountDetailsSchema = z.object({
  intent: z.literal("details"),
  displayName: requiredText(120),
  locale: localeField,
});

export const setLocaleSchema = z.object({
  locale: localeField,
  redirectTo: z.string().optional(),
});
