/**
 * Rate limits shared by every web worker: fixed-window counters in PostgreSQL, one atomic upsert
 * per check (however many rules it hits). A window allows `limit` hits; the next one is refused
 * until the window ends. See docs/decisions/0011-rate-limits.md.
 */
import { data } from "@remix-run/node";
import { Prisma, type PrismaClient } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import type { Translate } from "~/utils/i18n";

export interface RateLimitRule {
  /** Part of the stored key; keep it short and stable. */
  name: string;
  limit: number;
  windowMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const RATE_LIMITS = {
  signupPerAddress: { name: "signup:ip", limit: 10, windowMs: HOUR },
  invitationsPerOrganization: { name: "invite:org", limit: 50, windowMs: HOUR },
  invitationsPerUser: { name: "invite:user", limit: 30, windowMs: HOUR },
  passwordChangesPerUser: { name: "password:user", limit: 5, windowMs: 15 * MINUTE },
  // Generous: a fast typist with a second tab saves a few times a second at most.
  autosaveBurstPerUser: { name: "autosave:s", limit: 20, windowMs: SECOND },
  autosavePerUser: { name: "autosave:m", limit: 600, windowMs: MINUTE },
} as const satisfies Record<string, RateLimitRule>;

export interface RateLimitCheck {
  rule: RateLimitRule;
  /** Whom the rule counts: a user id, organisation id, client address, e-mail… */
  subject: string;
}

export interface RateLimitHit {
  key: string;
  count: number;
  limit: number;
  windowStart: Date;
  expiresAt: Date;
}

export interface RateLimitOutcome {
  allowed: boolean;
  /** Seconds until every refusing window has ended (0 when allowed). */
  retryAfterSeconds: number;
  hits: RateLimitHit[];
}

type Db = Pick<PrismaClient, "$queryRaw" | "$executeRaw">;

export function windowOf(check: RateLimitCheck, now: Date) {
  const start = Math.floor(now.getTime() / check.rule.windowMs) * check.rule.windowMs;
  return { key: `${check.rule.name}:${check.subject}`, windowStart: new Date(start), expiresAt: new Date(start + check.rule.windowMs) };
}

/** The one statement of a check (exported for `npm run bench:rate-limit`). */
export function countHitsSql(rows: { key: string; windowStart: Date; expiresAt: Date }[]) {
  return Prisma.sql`
    INSERT INTO "RateLimit" ("key", "windowStart", "count", "expiresAt")
    SELECT k, w, 1, e
    FROM unnest(${rows.map((row) => row.key)}::text[], ${rows.map((row) => row.windowStart.toISOString())}::timestamptz[],
                ${rows.map((row) => row.expiresAt.toISOString())}::timestamptz[]) WITH ORDINALITY AS t(k, w, e, n)
    ORDER BY n
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimit"."count" + 1
    RETURNING "key", "count"`;
}

/**
 * A check's windows, sorted by key, and how to read the counts its statement returns: for callers
 * that put the count into a statement of their own (autosave counts and saves in one, issue 14).
 */
export function prepareRateLimits(checks: RateLimitCheck[], now = new Date()) {
  const windows = new Map<string, ReturnType<typeof windowOf> & { limit: number }>();
  for (const check of checks) {
    const window = windowOf(check, now);
    windows.set(window.key, { ...window, limit: check.rule.limit });
  }
  // Keys sorted so two statements never lock the same rows in opposite orders (no deadlocks).
  const rows = [...windows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const outcome = (counted: { key: string; count: number | bigint }[]): RateLimitOutcome => {
    const counts = new Map(counted.map((row) => [row.key, Number(row.count)]));
    const hits = rows.map((row) => ({ key: row.key, count: counts.get(row.key) ?? 0, limit: row.limit, windowStart: row.windowStart, expiresAt: row.expiresAt }));
    const refused = hits.filter((hit) => hit.count > hit.limit);
    const retryAfterSeconds = refused.length === 0 ? 0 : Math.max(1, Math.ceil((Math.max(...refused.map((hit) => hit.expiresAt.getTime())) - now.getTime()) / 1000));
    return { allowed: refused.length === 0, retryAfterSeconds, hits };
  };
  return { rows, outcome };
}

/**
 * Counts one hit against every check in ONE statement and says whether all are still within
 * their limit. Concurrent callers are serialised by the row locks of the upsert, so exactly
 * `limit` of them are allowed per window.
 */
export async function hitRateLimits(checks: RateLimitCheck[], options: { now?: Date; db?: Db } = {}): Promise<RateLimitOutcome> {
  const db = options.db ?? prisma;
  const { rows, outcome } = prepareRateLimits(checks, options.now);
  if (rows.length === 0) return { allowed: true, retryAfterSeconds: 0, hits: [] };
  return outcome(await db.$queryRaw<{ key: string; count: number }[]>(countHitsSql(rows)));
}

/** Takes hits back (e.g. a log-in that turned out to be the owner's), never below zero. */
export async function refundRateLimitHits(hits: RateLimitHit[], options: { db?: Db } = {}) {
  if (hits.length === 0) return;
  const db = options.db ?? prisma;
  const sorted = [...hits].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  await db.$executeRaw`
    UPDATE "RateLimit" r SET "count" = GREATEST(r."count" - 1, 0)
    FROM unnest(${sorted.map((hit) => hit.key)}::text[], ${sorted.map((hit) => hit.windowStart.toISOString())}::timestamptz[]) AS t(k, w)
    WHERE r."key" = t.k AND r."windowStart" = t.w`;
}

/** Deletes windows that have ended; returns how many. */
export async function pruneRateLimits(now = new Date(), db: Pick<PrismaClient, "rateLimit"> = prisma) {
  const { count } = await db.rateLimit.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}

/** The refusal text in the user's language: seconds for short windows, minutes for long ones. */
export function rateLimitMessage(t: Translate, retryAfterSeconds: number) {
  return retryAfterSeconds < 60
    ? t("errors.tooManyRequestsSeconds", { seconds: retryAfterSeconds })
    : t("errors.tooManyRequestsMinutes", { minutes: Math.ceil(retryAfterSeconds / 60) });
}

/** 429 for a form action: the form shows `formError`; `Retry-After` tells clients when to come back. */
export function formRateLimited(t: Translate, outcome: RateLimitOutcome) {
  return data(
    { ok: false as const, fieldErrors: {} as Record<string, string>, formError: rateLimitMessage(t, outcome.retryAfterSeconds) },
    { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
  );
}

/** 429 for a JSON endpoint (autosave). */
export function jsonRateLimited(t: Translate, outcome: RateLimitOutcome) {
  return Response.json(
    { reason: "rate-limited", message: rateLimitMessage(t, outcome.retryAfterSeconds), retryAfterSeconds: outcome.retryAfterSeconds },
    { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
  );
}

/** For a form action: `const limited = await limitForm(t, …); if (limited) return limited;` */
export async function limitForm(t: Translate, ...checks: RateLimitCheck[]) {
  const outcome = await hitRateLimits(checks);
  return outcome.allowed ? null : formRateLimited(t, outcome);
}

/** For a JSON endpoint, like `limitForm`. */
export async function limitJson(t: Translate, ...checks: RateLimitCheck[]) {
  const outcome = await hitRateLimits(checks);
  return outcome.allowed ? null : jsonRateLimited(t, outcome);
}
