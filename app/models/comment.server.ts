/**
 * Comments: one thread per (assessment, question) between the factory's members and the
 * consultancies engaged on that assessment; unread tracking (CommentRead) and e-mail reminders.
 *
 * Callers reach an assessment only through the guard: the factory's pages pass `org.id`, the
 * consultant's pages `client.id` (and the consultancy's id, which narrows what they see). Nothing
 * here takes an organisation id from a form.
 *
 * Who sees what: the factory sees every message on its assessment; a consultancy sees the factory's
 * messages and its own, never those of another consultancy engaged on the same assessment (two
 * consultancies may be competitors).
 */
import { redirect } from "@remix-run/node";
import type { CommentInput } from "~/forms/comment";
import { Prisma } from "~/generated/prisma/client";
import { commentAnchor, type CommentMessage, type CommentThreads } from "~/domain/comments/thread";
import { findQuestion } from "~/domain/questionnaire";
import { assessmentLabelsByIds, loadQuestionnaireVersion } from "~/models/assessment.server";
import { sendEmail } from "~/models/mail.server";
import { prisma } from "~/utils/db.server";
import { writeAuditEntry } from "~/utils/engagement-access.server";
import { formFailure, type FormFailure } from "~/utils/forms.server";
import { httpError, safeRedirectPath } from "~/utils/http.server";
import { translator, type Translate } from "~/utils/i18n";
import { fromDbLocale } from "~/utils/locale.server";
import { consultantCommentsPath, factoryCommentsPath } from "~/utils/unread-badge.server";

export type { CommentMessage, CommentThreads };

/** What narrows the view: a consultant sees the factory's messages and their own consultancy's only. */
export interface CommentViewer {
  consultancyId?: string;
}

interface MessageRow {
  id: string;
  questionId: string;
  authorName: string;
  authorId: string | null;
  body: string;
  createdAt: Date;
  fromFactory: boolean;
  organizationName: string;
  unread: boolean;
}

async function messageRows(assessmentId: string, userId: string, viewer: CommentViewer, where: Prisma.Sql = Prisma.empty) {
  const consultancyId = viewer.consultancyId ?? null;
  return prisma.$queryRaw<MessageRow[]>`
    SELECT c.id, c."questionId", c."authorName", c."authorId", c.body, c."createdAt",
           c."authorOrgId" = a."organizationId" AS "fromFactory", o.name AS "organizationName",
           (c."createdAt" > coalesce(r."lastReadAt", '-infinity'::timestamptz) AND c."authorId" IS DISTINCT FROM ${userId}::uuid) AS unread
    FROM "Comment" c
    JOIN "Assessment" a ON a.id = c."assessmentId"
    JOIN "Organization" o ON o.id = c."authorOrgId"
    LEFT JOIN "CommentRead" r ON r."userId" = ${userId}::uuid AND r."assessmentId" = c."assessmentId"
    WHERE c."assessmentId" = ${assessmentId}::uuid
      AND (${consultancyId}::uuid IS NULL OR c."authorOrgId" IN (a."organizationId", ${consultancyId}::uuid))
      ${where}
    ORDER BY c."questionId", c."createdAt", c.id`;
}

function toMessage(row: MessageRow, userId: string): CommentMessage {
  return {
    id: row.id,
    questionId: row.questionId,
    authorName: row.authorName,
    side: row.fromFactory ? "factory" : "consultancy",
    organizationName: row.organizationName,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    unread: row.unread,
    own: row.authorId === userId,
  };
}

/**
 * Every thread of an assessment the guard let the user reach, with unread flags as of now. Does not
 * mark anything read: pages that show the threads call `openCommentThreads` (or this and then
 * `markAssessmentRead`).
 */
export async function loadCommentThreads(assessmentId: string, userId: string, viewer: CommentViewer = {}): Promise<CommentThreads> {
  const threads: CommentThreads = {};
  for (const row of await messageRows(assessmentId, userId, viewer)) (threads[row.questionId] ??= []).push(toMessage(row, userId));
  return threads;
}

/**
 * Marks the assessment's comments read for the user, up to `upTo` (default: now). Never moves
 * backwards, so an older page load cannot mark newer messages unread again.
 */
export async function markAssessmentRead(userId: string, assessmentId: string, upTo?: Date): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO "CommentRead" ("userId", "assessmentId", "lastReadAt")
    VALUES (${userId}::uuid, ${assessmentId}::uuid, coalesce(${upTo ?? null}::timestamptz, now()))
    ON CONFLICT ("userId", "assessmentId") DO UPDATE SET "lastReadAt" = GREATEST("CommentRead"."lastReadAt", EXCLUDED."lastReadAt")`;
}

/**
 * For the loader of a page that shows the threads: loads them (unread flags as the user last left
 * them) and marks read exactly what was loaded — a message written meanwhile stays unread.
 */
export async function openCommentThreads(assessmentId: string, userId: string, viewer: CommentViewer = {}): Promise<CommentThreads> {
  const threads = await loadCommentThreads(assessmentId, userId, viewer);
  let newest: string | undefined;
  for (const messages of Object.values(threads)) {
    const last = messages[messages.length - 1]!.createdAt;
    if (newest === undefined || last > newest) newest = last;
  }
  if (newest !== undefined) await markAssessmentRead(userId, assessmentId, new Date(newest));
  return threads;
}

// --- the header badge: app/utils/unread-badge.server.ts (the session statement runs it too) -----

export { consultantCommentsPath, factoryCommentsPath, unreadCommentCount, unreadCommentsSql, type UnreadComments } from "~/utils/unread-badge.server";

// --- posting ------------------------------------------------------------------------------------

export type PostOutcome =
  | { status: "posted"; comment: CommentMessage; emailed: number }
  | { status: "not-found" }
  | { status: "not-submitted" }
  | { status: "unknown-question" }
  | { status: "no-consultancy" };

/** The side writing: the factory itself, or a consultancy through the engagement the guard found. */
export type CommentAuthorSide =
  | { kind: "factory" }
  | { kind: "consultancy"; consultancyId: string; consultancyName: string; engagementId: string };

/** One reminder per recipient and assessment in this time at most, however many messages arrive. */
export const COMMENT_EMAIL_COOLDOWN_MS = 15 * 60 * 1000;

/**
 * Adds a message to a question's thread of a SUBMITTED assessment of `factoryId` and reminds the
 * other side by e-mail. The body is already validated (app/forms/comment.ts). The factory may only
 * write while a consultancy is engaged on the assessment (nobody would read it otherwise).
 */
export async function postComment(input: {
  factoryId: string;
  assessmentId: string;
  questionId: string;
  body: string;
  author: { id: string; name: string };
  side: CommentAuthorSide;
  /** The server's origin for the links in the e-mails, e.g. `new URL(request.url).origin`. */
  origin: string;
}): Promise<PostOutcome> {
  const assessment = await prisma.assessment.findFirst({
    where: { id: input.assessmentId, organizationId: input.factoryId },
    select: { status: true, period: true, questionnaireVersionId: true, organization: { select: { name: true } } },
  });
  if (!assessment) return { status: "not-found" };
  if (assessment.status !== "SUBMITTED") return { status: "not-submitted" };
  const { questionnaire } = await loadQuestionnaireVersion(assessment.questionnaireVersionId);
  const question = findQuestion(questionnaire, input.questionId);
  if (!question) return { status: "unknown-question" };
  const consultancies = await engagedConsultancies(input.factoryId, input.assessmentId);
  if (input.side.kind === "factory" && consultancies.length === 0) return { status: "no-consultancy" };

  const authorOrgId = input.side.kind === "factory" ? input.factoryId : input.side.consultancyId;
  const created = await prisma.comment.create({
    data: { assessmentId: input.assessmentId, questionId: input.questionId, authorId: input.author.id, authorName: input.author.name, authorOrgId, body: input.body },
    select: { id: true, createdAt: true },
  });
  if (input.side.kind === "consultancy") {
    await writeAuditEntry({
      factoryId: input.factoryId,
      consultancyId: input.side.consultancyId,
      engagementId: input.side.engagementId,
      userId: input.author.id,
      userName: input.author.name,
      action: "comment.post",
      target: `assessment ${input.assessmentId} question ${input.questionId}`,
    });
  }

  // The other side: the factory's owners and editors, or the members who can answer in each
  // consultancy engaged to validate this assessment.
  const recipients =
    input.side.kind === "consultancy"
      ? (await repliers([input.factoryId])).map((user) => ({ ...user, path: factoryCommentsPath(input.factoryId, input.assessmentId) }))
      : (await repliers(consultancies.filter((c) => c.canValidate).map((c) => c.id))).map((user) => ({
          ...user,
          path: consultantCommentsPath(user.organizationId, input.factoryId, input.assessmentId, true),
        }));
  const due = await claimReminders(
    recipients.filter((user) => user.id !== input.author.id).map((user) => user.id),
    input.assessmentId,
  );
  const authorOrganization = input.side.kind === "factory" ? assessment.organization.name : input.side.consultancyName;
  // By code points, so an emoji is never cut in half.
  const characters = Array.from(input.body);
  const excerpt = characters.length > 300 ? `${characters.slice(0, 300).join("")}…` : input.body;
  const sent = new Set<string>();
  // Each recipient reads the assessment's edition label in their own language (ADR 0022).
  const labels = new Map<string, string>();
  for (const user of recipients) {
    if (!due.has(user.id) || sent.has(user.id)) continue;
    sent.add(user.id);
    const locale = fromDbLocale(user.locale);
    const t = translator(locale);
    if (!labels.has(locale)) labels.set(locale, (await assessmentLabelsByIds([input.assessmentId], locale)).get(input.assessmentId) ?? assessment.period);
    const vars = {
      factory: assessment.organization.name,
      label: labels.get(locale)!,
      author: input.author.name,
      organization: authorOrganization,
      question: question.title[locale],
      excerpt,
      link: new URL(`${user.path}#${commentAnchor(input.questionId)}`, input.origin).toString(),
    };
    await sendEmail({ to: user.email, subject: t("comments.email.subject", vars), body: t("comments.email.body", vars) });
  }
  const [row] = await messageRows(input.assessmentId, input.author.id, {}, Prisma.sql`AND c.id = ${created.id}::uuid`);
  return { status: "posted", comment: toMessage(row!, input.author.id), emailed: sent.size };
}

/** Consultancies with an ACTIVE, started, unexpired engagement covering the assessment. */
async function engagedConsultancies(factoryId: string, assessmentId: string) {
  return prisma.$queryRaw<{ id: string; canValidate: boolean }[]>`
    SELECT e."consultancyId" AS id, bool_or(e.scope <> 'READ') AS "canValidate"
    FROM "Engagement" e
    WHERE e."factoryId" = ${factoryId}::uuid AND e.state = 'ACTIVE' AND e."startsAt" <= now() AND e."expiresAt" > now()
      AND (e."allAssessments" OR EXISTS (SELECT 1 FROM "EngagementAssessment" ea WHERE ea."engagementId" = e.id AND ea."assessmentId" = ${assessmentId}::uuid))
    GROUP BY e."consultancyId"`;
}

/** Members of these organisations who may write (owners and editors). */
async function repliers(organizationIds: string[]) {
  if (organizationIds.length === 0) return [];
  const members = await prisma.membership.findMany({
    where: { organizationId: { in: organizationIds }, role: { in: ["OWNER", "EDITOR"] } },
    select: { organizationId: true, user: { select: { id: true, email: true, locale: true } } },
    orderBy: [{ organizationId: "asc" }, { createdAt: "asc" }],
  });
  return members.map((m) => ({ organizationId: m.organizationId, ...m.user }));
}

/**
 * Which of these users may get a reminder about this assessment now, claiming the next 15 minutes
 * for them in the same statement. Uses the RateLimit table as a cooldown (one row per user and
 * assessment, `expiresAt` = end of the quiet time; the hourly prune removes old rows): the upsert
 * only succeeds where no quiet time is running, and concurrent posts are serialised by its row
 * locks, so two messages at once never send two reminders.
 */
async function claimReminders(userIds: string[], assessmentId: string): Promise<Set<string>> {
  const unique = [...new Set(userIds)].sort();
  if (unique.length === 0) return new Set();
  const keys = unique.map((id) => `comment-mail:${id}:${assessmentId}`);
  const claimed = await prisma.$queryRaw<{ key: string }[]>`
    INSERT INTO "RateLimit" ("key", "windowStart", "count", "expiresAt")
    SELECT k, 'epoch'::timestamptz, 1, now() + ${`${COMMENT_EMAIL_COOLDOWN_MS} milliseconds`}::interval
    FROM unnest(${keys}::text[]) AS k
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimit"."count" + 1, "expiresAt" = EXCLUDED."expiresAt"
      WHERE "RateLimit"."expiresAt" <= now()
    RETURNING "key"`;
  return new Set(claimed.map((row) => row.key.split(":")[1]!));
}

/**
 * A refused comment. A fetcher (`fetch=1`, JavaScript) gets `data()` for the form to show; its
 * status survives single fetch. A plain form post reaches the action as a resource-route request,
 * where Remix would drop `data()`'s status: it gets a real Response, the message as plain text.
 */
export function commentFailure(viaFetcher: boolean, failure: FormFailure, status: 400 | 409) {
  if (viaFetcher) return formFailure(failure, status);
  // The field messages say what is wrong; the generic "fix the marked fields" has no fields to point at here.
  const fieldMessages = [...new Set(Object.values(failure.fieldErrors))];
  const lines = fieldMessages.length > 0 ? fieldMessages : [failure.formError ?? ""];
  return new Response(lines.join("\n"), { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** Whether the form was sent by the component's fetcher (read before the schema, for refusals). */
export function sentByFetcher(formData: FormData): boolean {
  return formData.get("fetch") === "1";
}

/**
 * The answer of both comment actions: the new message as data for a fetcher; a plain form post
 * (no JavaScript) is sent back to the page it came from, at the thread. Refusals keep the status
 * that says why (400 unknown question, 409 not submitted / nobody engaged, 404 not found).
 */
export function commentActionResponse(outcome: PostOutcome, input: CommentInput, t: Translate, fallbackPath: string) {
  switch (outcome.status) {
    case "not-found":
      httpError(404, t("errors.notFoundText"));
    // eslint-disable-next-line no-fallthrough -- httpError never returns
    case "unknown-question":
      return commentFailure(input.fetch, { fieldErrors: { questionId: t("comments.errors.questionUnknown") }, formError: t("comments.errors.questionUnknown") }, 400);
    case "not-submitted":
      return commentFailure(input.fetch, { fieldErrors: {}, formError: t("comments.errors.notSubmitted") }, 409);
    case "no-consultancy":
      return commentFailure(input.fetch, { fieldErrors: {}, formError: t("comments.errors.noConsultancy") }, 409);
    case "posted":
      if (input.fetch) return { ok: true as const, comment: outcome.comment };
      throw redirect(`${safeRedirectPath(input.returnTo, fallbackPath).split("#")[0]}#${commentAnchor(input.questionId)}`);
  }
}
