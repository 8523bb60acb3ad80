/**
 * Slows password guessing without letting anyone lock the real owner out (ADR 0011):
 * - per (account, client address) and per client address: a guesser locks only themselves out;
 * - per account across all addresses (slows distributed guessing), except for browsers holding a
 *   signed "known device" cookie from an earlier successful log-in (OWASP device cookies);
 * - the owner is told by e-mail, at most once per window, when their account is being guessed at.
 * A slot is reserved atomically BEFORE the password is checked (fixed-window counters in
 * rate-limit.server.ts), so parallel guesses never get more real checks than the limit; a
 * successful log-in gives its slot back, so only failures count.
 */
import { createCookie } from "@remix-run/node";
import { sendEmail } from "~/models/mail.server";
import { hitRateLimits, refundRateLimitHits, type RateLimitCheck, type RateLimitHit, type RateLimitRule } from "~/models/rate-limit.server";
import { prisma } from "~/utils/db.server";
import { secureCookies, sessionSecrets } from "~/utils/env.server";
import { translator } from "~/utils/i18n";
import { fromDbLocale } from "~/utils/locale.server";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
/** Across all addresses; known devices are exempt, so this cannot lock the owner out. */
export const MAX_FAILURES_PER_ACCOUNT = 10;
/** Login attempts are kept this long (for support and audits), then pruned. */
export const LOGIN_ATTEMPT_RETENTION_MS = 24 * LOGIN_WINDOW_MS;

const RULES = {
  accountAndAddress: { name: "login:acct-ip", limit: MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS, windowMs: LOGIN_WINDOW_MS },
  address: { name: "login:ip", limit: MAX_FAILURES_PER_ADDRESS, windowMs: LOGIN_WINDOW_MS },
  account: { name: "login:acct", limit: MAX_FAILURES_PER_ACCOUNT, windowMs: LOGIN_WINDOW_MS },
  guessingNotice: { name: "login:notice", limit: 1, windowMs: LOGIN_WINDOW_MS },
} as const satisfies Record<string, RateLimitRule>;

export type LoginReservation = { allowed: true; hits: RateLimitHit[] } | { allowed: false; retryAfterSeconds: number };

/**
 * Takes a password-check slot for this e-mail and client address, or says how long to wait.
 * A refused attempt gives its hits back: refusals cost no password check and do not count.
 */
export async function reserveLoginCheck(email: string, ipAddress: string, knownDevice: boolean): Promise<LoginReservation> {
  const checks: RateLimitCheck[] = [
    { rule: RULES.accountAndAddress, subject: `${email}|${ipAddress}` },
    { rule: RULES.address, subject: ipAddress },
  ];
  if (!knownDevice) checks.push({ rule: RULES.account, subject: email });
  const outcome = await hitRateLimits(checks);
  if (outcome.allowed) return { allowed: true, hits: outcome.hits };
  await refundRateLimitHits(outcome.hits);
  const accountRefused = outcome.hits.some((hit) => hit.count > hit.limit && !hit.key.startsWith(`${RULES.address.name}:`));
  if (accountRefused) await tellOwnerAboutGuessing(email);
  return { allowed: false, retryAfterSeconds: outcome.retryAfterSeconds };
}

/** Records the checked attempt; a success gives the slot back (only failures count). */
export async function settleLoginCheck(email: string, ipAddress: string, reservation: { hits: RateLimitHit[] }, succeeded: boolean) {
  if (succeeded) await refundRateLimitHits(reservation.hits);
  await recordLoginAttempt(email, ipAddress, succeeded);
}

/** One row per real password check. */
export async function recordLoginAttempt(email: string, ipAddress: string, succeeded: boolean) {
  await prisma.loginAttempt.create({ data: { email, ipAddress, succeeded } });
}

async function tellOwnerAboutGuessing(email: string) {
  const user = await prisma.user.findUnique({ where: { email }, select: { email: true, locale: true } });
  if (!user) return;
  // The upsert makes "first refusal in this window" atomic across workers: one e-mail per window.
  const notice = await hitRateLimits([{ rule: RULES.guessingNotice, subject: email }]);
  if (!notice.allowed) return;
  const t = translator(fromDbLocale(user.locale));
  const vars = { email: user.email, minutes: LOGIN_WINDOW_MS / 60_000 };
  await sendEmail({ to: user.email, subject: t("email.loginGuessingSubject", vars), body: t("email.loginGuessingBody", vars) });
}

export async function pruneLoginAttempts(now = new Date()) {
  const { count } = await prisma.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_MS) } } });
  return count;
}

// --- Known devices -------------------------------------------------------------------------

const MAX_ACCOUNTS_PER_DEVICE = 5;

function deviceCookie() {
  return createCookie("__ffi_device", {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    path: "/login",
    // Newest first: the first signs, all verify, so secrets can rotate.
    secrets: sessionSecrets(),
    maxAge: 365 * 24 * 60 * 60,
  });
}

/** Signed list of the user ids that have logged in successfully in this browser. */
async function deviceUserIds(request: Request): Promise<string[]> {
  const value: unknown = await deviceCookie().parse(request.headers.get("Cookie"));
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === "string") : [];
}

export async function isKnownDevice(request: Request, email: string): Promise<boolean> {
  const ids = await deviceUserIds(request);
  if (ids.length === 0) return false;
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  return user !== null && ids.includes(user.id);
}

/** The Set-Cookie value that marks this browser as known for the user (most recent first). */
export async function knownDeviceCookie(request: Request, userId: string) {
  const ids = [userId, ...(await deviceUserIds(request)).filter((id) => id !== userId)].slice(0, MAX_ACCOUNTS_PER_DEVICE);
  return deviceCookie().serialize(ids);
}
