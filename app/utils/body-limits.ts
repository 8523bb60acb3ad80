/**
 * How many bytes a request body may have, per route. One table for both places that enforce it:
 * the Express middleware (refuses a declared Content-Length before anything is read) and
 * `readBody()` in forms.server.ts (counts the bytes of chunked bodies while reading).
 * Sizes: see docs/decisions/0009-request-limits.md; body-limits.test.ts builds the largest
 * legitimate autosave and no-JavaScript save and checks they fit twice.
 */
export const KB = 1024;

export const BODY_LIMITS = {
  /** Login, sign-up, logout, language: a few short fields. */
  auth: 16 * KB,
  /** Every other form (profile, members, organisations, account, start assessment…). */
  form: 64 * KB,
  /** Autosave JSON and the no-JavaScript dimension form: a whole questionnaire with maximal notes (2.0.0: 77 questions, ~0.65 MB). */
  answers: 2048 * KB,
  /** The consultancy's report logo: a 200 KB image (app/domain/diagnostic/logo.ts) plus multipart framing. */
  logo: 256 * KB,
  /** A consultant's recommendations: one text of up to 2,000 characters per capability, URL-encoded. */
  recommendations: 1024 * KB,
} as const;

const ANSWERS = /^\/o\/[^/]+\/assessments\/[^/]+\/(answers|d\/[^/]+)\/?$/;
const AUTH = /^\/(login|signup|logout|locale)\/?$/;
const LOGO = /^\/o\/[^/]+\/profile\/logo\/?$/;
const RECOMMENDATIONS = /^\/o\/[^/]+\/clients\/[^/]+\/assessments\/[^/]+\/recommendations\/?$/;

export function bodyLimitFor(requestPath: string): number {
  // Remix single fetch posts `/login` as `/login.data` (and `/` as `/_root.data`).
  const pathname = requestPath.replace(/\.data$/, "");
  if (ANSWERS.test(pathname)) return BODY_LIMITS.answers;
  if (AUTH.test(pathname)) return BODY_LIMITS.auth;
  if (LOGO.test(pathname)) return BODY_LIMITS.logo;
  if (RECOMMENDATIONS.test(pathname)) return BODY_LIMITS.recommendations;
  return BODY_LIMITS.form;
}

/** "16 KB", "1 MB": for the 413 message. */
export function formatLimit(bytes: number): string {
  return bytes >= 1024 * KB ? `${Math.round(bytes / (1024 * KB))} MB` : `${Math.round(bytes / KB)} KB`;
}
