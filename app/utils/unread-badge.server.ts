/**
 * The header's unread-comments badge (app/models/comment.server.ts has the threads themselves and re-exports these).
 * Its statement runs on every page a signed-in user opens: as its own statement (`unreadCommentCount`)
 * or inside the session statement of a page request (`unreadBadgeSql` with the session's user
 * column, ADR 0033), so a page pays one round trip for the guard and the header.
 */
import { Prisma } from "~/generated/prisma/client";
import { commentAnchor } from "~/domain/comments/thread";
import { hotQuery } from "~/utils/db.server";

export interface UnreadComments {
  count: number;
  /** The page with the oldest unread message (its thread as the fragment), or null. */
  href: string | null;
}

/** The badge statement's row: none when nothing is unread. */
export interface UnreadRow {
  total: bigint;
  orgId: string;
  clientId: string | null;
  assessmentId: string;
  questionId: string;
  canValidate: boolean;
}

/**
 * Unread messages across every organisation of the user: their factories' assessments, and the
 * assessments their consultancies reach through an ACTIVE engagement (same visibility rule as
 * `loadCommentThreads`). Runs in the root loader on every page for signed-in users, so it is ONE
 * statement: Membership (PK userId, …) → Assessment (organizationId, createdAt) or Engagement
 * (consultancyId, state) + EngagementAssessment (PK) → CommentRead (PK userId, assessmentId) →
 * per reachable assessment one probe of Comment (assessmentId, questionId, createdAt) for what
 * came after the read mark. Its cost grows with the user's reachable submitted assessments and
 * their unread messages, not with the tables. Measured (2026-11-29, the shared 2-core machine,
 * PostgreSQL 18, EXPLAIN ANALYZE): a consultant reaching 1,001 assessments (200 clients × 5) with
 * 40,000 comments in the table: ~25–40 ms with all read or 3 unread each; a factory member: a few ms.
 */
/** `opening`: the assessment the current page shows (and marks read), left out of the count. */
export async function unreadCommentCount(userId: string, options: { opening?: string | null } = {}): Promise<UnreadComments> {
  // On every page: the plain pg pool (ADR 0030).
  const [row] = await hotQuery<UnreadRow>(unreadCommentsSql(userId, options.opening ?? null));
  return unreadFromRow(row);
}

/** The badge as the header shows it, from the statement's row (none: nothing unread). */
export function unreadFromRow(row: UnreadRow | undefined): UnreadComments {
  if (!row) return { count: 0, href: null };
  const fragment = `#${commentAnchor(row.questionId)}`;
  const href =
    row.clientId === null
      ? `${factoryCommentsPath(row.orgId, row.assessmentId)}${fragment}`
      : `${consultantCommentsPath(row.orgId, row.clientId, row.assessmentId, row.canValidate)}${fragment}`;
  return { count: Number(row.total), href };
}

/** The badge's one statement (exported so its plan can be checked on a large data set). */
export function unreadCommentsSql(userId: string, opening: string | null = null) {
  return unreadBadgeSql(Prisma.sql`${userId}::uuid`, opening);
}

/**
 * The badge's statement for a user given as SQL: a parameter, or a column of an outer statement
 * (the session's `s."userId"`: the statement is then a LATERAL subquery of the session statement).
 * Its own aliases are m, o, a, e, ea, x, r, c, u; `user` must not use those.
 */
export function unreadBadgeSql(user: Prisma.Sql, opening: string | null) {
  return Prisma.sql`
    WITH reach AS (
      SELECT a.id AS "assessmentId", a."organizationId" AS "orgId", NULL::uuid AS "clientId", NULL::uuid AS "consultancyId", false AS "canValidate"
      FROM "Membership" m
      JOIN "Organization" o ON o.id = m."organizationId" AND o.kind = 'FACTORY'
      JOIN "Assessment" a ON a."organizationId" = m."organizationId" AND a.status = 'SUBMITTED'
      WHERE m."userId" = ${user}
      UNION ALL
      SELECT a.id, e."consultancyId", e."factoryId", e."consultancyId", (e.scope <> 'READ' AND m.role <> 'VIEWER')
      FROM "Membership" m
      JOIN "Engagement" e ON e."consultancyId" = m."organizationId" AND e.state = 'ACTIVE' AND e."startsAt" <= now() AND e."expiresAt" > now()
      JOIN "Assessment" a ON a."organizationId" = e."factoryId" AND a.status = 'SUBMITTED'
        AND (e."allAssessments" OR EXISTS (SELECT 1 FROM "EngagementAssessment" ea WHERE ea."engagementId" = e.id AND ea."assessmentId" = a.id))
      WHERE m."userId" = ${user}
    ),
    unread AS (
      SELECT c.id, c."createdAt", c."questionId", x."orgId", x."clientId", x."assessmentId", x."canValidate"
      FROM reach x
      LEFT JOIN "CommentRead" r ON r."userId" = ${user} AND r."assessmentId" = x."assessmentId"
      -- Per reachable assessment, only what came after the read mark: an index probe each,
      -- however many comments were read long ago.
      CROSS JOIN LATERAL (
        SELECT c.id, c."createdAt", c."questionId" FROM "Comment" c
        WHERE c."assessmentId" = x."assessmentId" AND c."createdAt" > coalesce(r."lastReadAt", '-infinity'::timestamptz)
          AND c."authorId" IS DISTINCT FROM ${user}
          AND (x."consultancyId" IS NULL OR c."authorOrgId" IN (x."clientId", x."consultancyId"))
        OFFSET 0
      ) c
      WHERE x."assessmentId" IS DISTINCT FROM ${opening}::uuid
    )
    SELECT (SELECT count(DISTINCT id) FROM unread) AS total, u."orgId", u."clientId", u."assessmentId", u."questionId", u."canValidate"
    FROM unread u
    ORDER BY u."createdAt", u.id
    LIMIT 1`;
}

/** Where the factory reads the threads: its side of the validation. */
export function factoryCommentsPath(factoryId: string, assessmentId: string): string {
  return `/o/${factoryId}/assessments/${assessmentId}/validation`;
}

/** Where a consultant reads them: the validation workspace, or the read view for read-only access. */
export function consultantCommentsPath(consultancyId: string, factoryId: string, assessmentId: string, canValidate: boolean): string {
  const base = `/o/${consultancyId}/clients/${factoryId}/assessments/${assessmentId}`;
  return canValidate ? `${base}/validate` : base;
}
