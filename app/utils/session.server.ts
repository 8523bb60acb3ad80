/**
 * Database sessions: the cookie carries only a random session id (signed); the row holds the
 * user, the active organisation and the expiry. Deleting the row logs the device out.
 */
import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { Prisma, type MembershipRole, type OrganizationKind } from "~/generated/prisma/client";
import { unreadBadgeSql, unreadCommentCount, unreadFromRow, type UnreadComments, type UnreadRow } from "~/utils/unread-badge.server";
import { hotSql, prisma } from "~/utils/db.server";
import { secureCookies, sessionSecrets } from "~/utils/env.server";
import { clientAddress } from "~/utils/http.server";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

function sessionCookie() {
  return createCookie("__ffi_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    path: "/",
    // Newest first: the first signs, all verify, so secrets can rotate.
    secrets: sessionSecrets(),
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export type AuthSession = NonNullable<Awaited<ReturnType<typeof getAuthSession>>>;

export async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

interface SessionRow {
  id: string;
  expiresAt: Date;
  activeOrganizationId: string | null;
  userId: string;
  email: string;
  displayName: string;
  locale: "zh_CN" | "en";
  memberships: { role: MembershipRole; id: string; name: string; kind: OrganizationKind }[];
}

type BadgeColumns = { [K in keyof UnreadRow as `badge_${K}`]: UnreadRow[K] | null };

/** The header's badge read with the session: for the page at `opening` (see threadPageAssessment). */
export interface SessionBadge {
  opening: string | null;
}

/**
 * Runs for every request: one raw SQL statement (about 2.5× cheaper than the equivalent ORM query).
 * It brings the user's memberships along (by organisation name, as the switcher lists them): the
 * guard checks the organisation of the page and the root loader draws the header from this one
 * round trip, instead of three statements per page (issue 14). On the plain pg pool (ADR 0030).
 * With `badge` (page requests, whose root loader shows it) the unread-comments badge comes in the
 * same statement, as a LATERAL subquery on the session's user (ADR 0033): one round trip per page.
 * Nothing is kept between requests, so a deleted session row logs the device out at once.
 */
export async function getAuthSession(request: Request, badge?: SessionBadge) {
  const id = await readSessionId(request);
  if (!id) return null;
  const badgeJoin = badge
    ? Prisma.sql`LEFT JOIN LATERAL (${unreadBadgeSql(Prisma.sql`s."userId"`, badge.opening)}) b ON true`
    : Prisma.empty;
  const badgeColumns = badge
    ? Prisma.sql`, b.total AS badge_total, b."orgId" AS "badge_orgId", b."clientId" AS "badge_clientId", b."assessmentId" AS "badge_assessmentId",
        b."questionId" AS "badge_questionId", b."canValidate" AS "badge_canValidate"`
    : Prisma.empty;
  const [row] = await hotSql<SessionRow & Partial<BadgeColumns>>`
    SELECT s.id, s."expiresAt", s."activeOrganizationId", u.id AS "userId", u.email, u."displayName", u.locale::text AS locale,
      (SELECT coalesce(json_agg(json_build_object('role', m.role, 'id', o.id, 'name', o.name, 'kind', o.kind) ORDER BY o.name, o.id), '[]'::json)
       FROM "Membership" m JOIN "Organization" o ON o.id = m."organizationId" WHERE m."userId" = u.id) AS memberships${badgeColumns}
    FROM "Session" s JOIN "User" u ON u.id = s."userId"
    ${badgeJoin}
    WHERE s.id = ${id}`;
  if (!row || row.expiresAt.getTime() <= Date.now()) return null;
  return {
    id: row.id,
    expiresAt: row.expiresAt,
    activeOrganizationId: row.activeOrganizationId,
    user: { id: row.userId, email: row.email, displayName: row.displayName, locale: row.locale },
    memberships: row.memberships.map((m) => ({ role: m.role, organization: { id: m.id, name: m.name, kind: m.kind } })),
    /** The badge, when it was read with the session (for that page). */
    badge: badge ? { opening: badge.opening, unread: unreadFromRow(badgeRow(row)) } : null,
  };
}

function badgeRow(row: Partial<BadgeColumns>): UnreadRow | undefined {
  if (row.badge_total == null || row.badge_orgId == null || row.badge_assessmentId == null || row.badge_questionId == null || row.badge_canValidate == null) return undefined;
  return {
    total: row.badge_total,
    orgId: row.badge_orgId,
    clientId: row.badge_clientId ?? null,
    assessmentId: row.badge_assessmentId,
    questionId: row.badge_questionId,
    canValidate: row.badge_canValidate,
  };
}

/** The header's unread badge for the page at `opening`: read with the session when it was, else its own statement. */
export function unreadBadge(auth: AuthSession, opening: string | null): Promise<UnreadComments> {
  if (auth.badge && auth.badge.opening === opening) return Promise.resolve(auth.badge.unread);
  return unreadCommentCount(auth.user.id, { opening });
}

export async function createSession(request: Request, userId: string, activeOrganizationId?: string | null) {
  const id = crypto.randomBytes(32).toString("base64url");
  await prisma.session.create({
    data: {
      id,
      userId,
      activeOrganizationId: activeOrganizationId ?? null,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
      userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
      ipAddress: clientAddress(request),
    },
  });
  return sessionCookie().serialize(id);
}

export async function logInAndRedirect(request: Request, userId: string, redirectTo: string, activeOrganizationId?: string | null) {
  const cookie = await createSession(request, userId, activeOrganizationId);
  return redirect(redirectTo, { headers: { "Set-Cookie": cookie } });
}

export async function logOut(request: Request) {
  const id = await readSessionId(request);
  if (id) await prisma.session.deleteMany({ where: { id } });
  return redirect("/login?loggedOut=1", {
    headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) },
  });
}

export async function setActiveOrganization(sessionId: string, organizationId: string) {
  await prisma.session.update({ where: { id: sessionId }, data: { activeOrganizationId: organizationId } });
}

export async function deleteExpiredSessions(now = new Date()) {
  const { count } = await prisma.session.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
