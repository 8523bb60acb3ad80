/**
 * Building blocks for the form schemas. Error messages are message keys (see app/locales):
 * the same schema validates in the browser (react-hook-form resolver) and on the server, and
 * each side shows the message in the user's language.
 */
import { z } from "zod";

export const requiredText = (max: number) =>
  z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(max, "errors.nameTooLong");

export const emailField = z
  .string({ error: "errors.required" })
  .trim()
  .toLowerCase()
  .min(1, "errors.required")
  .max(254, "errors.emailInvalid")
  .pipe(z.email("errors.emailInvalid"));

export const newPasswordField = z
  .string({ error: "errors.required" })
  .min(10, "errors.passwordTooShort")
  .max(200, "errors.passwordTooLong");

export const passwordField = z.string({ error: "errors.required" }).min(1, "errors.required").max(200, "errors.passwordTooLong");

export const organizationKindField = z.enum(["FACTORY", "CONSULTANCY", "AUTHORITY"], { error: "errors.kindInvalid" });
export const roleField = z.enum(["OWNER", "EDITOR", "VIEWER"], { error: "errors.required" });
export const localeField = z.enum(["zh-CN", "en"], { error: "errors.required" });

/** Form inputs arrive as strings; empty means "not filled in". */
export const nonNegativeInteger = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .regex(/^\d+$/, "errors.integerRequired")
  .transform(Number)
  .pipe(z.number().max(10_000_000, "errors.numberTooLarge"));

export const nonNegativeDecimal = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .regex(/^-?\d+(\.\d{1,2})?$/, "errors.numberRequired")
  .transform(Number)
  .pipe(z.number().min(0, "errors.mustBeNonNegative").max(100_000_000_000, "errors.numberTooLarge"));
