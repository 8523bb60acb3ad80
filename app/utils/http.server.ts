import { z } from "zod";
import type { Translate } from "~/utils/i18n";

/**
 * A thrown HTTP error with a message already in the user's language; the error boundary shows it.
 * A real Response (not Remix `data()`), so resource routes (downloads, autosave) answer with the
 * same status and message instead of a generic 500.
 */
export function httpError(status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429, message: string): never {
  throw Response.json({ message }, { status });
}

export function clientAddress(request: Request): string {
  // Set by server/app.ts from Express's req.ip (which honours `trust proxy` only when configured).
  return request.headers.get("x-ffi-client-ip") ?? "unknown";
}

// A base that can never be ours: anything resolving elsewhere left the site.
const REDIRECT_BASE = "http://ffi.invalid";
// C0 and C1 controls (browsers silently drop tab and newline, turning "/<tab>/evil" into "//evil")
// and backslashes (browsers read them as slashes).
// eslint-disable-next-line no-control-regex
const UNSAFE_REDIRECT_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\\]/;

/**
 * Only same-origin paths, judged *after* parsing as a browser would: never let ?redirectTo= send a
 * user to another site. Returns the normalised `pathname + search + hash`, or `fallback`.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || UNSAFE_REDIRECT_CHARACTERS.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, REDIRECT_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== REDIRECT_BASE) return fallback;
  const path = url.pathname + url.search + url.hash;
  // Dot segments can normalise "/.//evil.example" into the scheme-relative "//evil.example".
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}

const uuid = z.uuid();

/** A UUID path parameter, or a 404 (a malformed id names nothing that exists). */
export function uuidParam(params: Record<string, string | undefined>, name: string, t: Translate): string {
  const parsed = uuid.safeParse(params[name]);
  if (!parsed.success) httpError(404, t("errors.notFoundText"));
  return parsed.data;
}
