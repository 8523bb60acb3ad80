import { data } from "@remix-run/node";
import type { z } from "zod";
import { isMessageKey, type Translate } from "~/utils/i18n";

export type FieldErrors = Record<string, string>;
export interface FormFailure {
  fieldErrors: FieldErrors;
  formError?: string;
}

/** Parses a submitted form with the same zod schema the browser used; errors come back translated. */
export async function parseForm<S extends z.ZodType>(
  source: Request | FormData,
  schema: S,
  t: Translate,
): Promise<{ ok: true; data: z.output<S>; formData: FormData } | { ok: false; failure: FormFailure; formData: FormData }> {
  const formData = source instanceof FormData ? source : await source.formData();
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string") values[key] = value;
  }
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, formData };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join(".") || "form";
    fieldErrors[field] ??= isMessageKey(issue.message) ? t(issue.message) : t("errors.formInvalid");
  }
  return { ok: false, failure: { fieldErrors, formError: t("errors.formInvalid") }, formData };
}

/** A 4xx answer for a form: the page renders again with the messages next to the fields. */
export function formFailure(failure: FormFailure, status: 400 | 401 | 403 | 404 | 409 | 429 = 400) {
  return data({ ok: false as const, ...failure }, { status });
}
