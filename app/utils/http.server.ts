import { z } from "zod";
import type { Translate } from "~/utils/i18n";

/**
 * A thrown HTTP error with a message already in the user's language; the error boundary shows it.
 * A real Response (not Remix `data()`), so resource routes (downloads, autosave) answer with the
 * same status and message instead of a generic 500.
 */
export function httpError(status: 400 | 401 | 403 | 404 | 409 | 429, message: string): never {
  throw Response.json({ message }, { status });
}

export function clientAddress(request: Request): string {
  // Set by server/app.ts from Express's req.ip (which honours `trust proxy` only when configured).
  return request.headers.get("x-ffi-client-ip") ?? "unknown";
}

/** Only same-site relative paths: never let ?redirectTo= send a user to another site. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

const uuid = z.uuid();

/** A UUID path parameter, or a 404 (a malformed id names nothing that exists). */
export function uuidParam(params: Record<string, string | undefined>, name: string, t: Translate): string {
  const parsed = uuid.safeParse(params[name]);
  if (!parsed.success) httpError(404, t("errors.notFoundText"));
  return parsed.data;
}
