/**
 * Engagements between a consultancy and a factory (docs/decisions/0016-engagements.md): request by
 * credit code, invitation by code or consultant e-mail, approval (narrowing only), decline, revoke,
 * end; the lists both sides see; the factory's audit log; e-mail to the side that must act.
 * Every function takes the organisation the guard verified and only touches engagements it is a
 * party to. The guard (app/utils/engagement-access.server.ts) is what reads them for data access.
 */
import {
  allowedActions,
  approvedTerms,
  consultancySeesFactory,
  readableTarget,
  shownState,
  type AuditPage,
  type OfferedScope,
  type ShownState,
  type Side,
} from "~/domain/engagement/lifecycle";
import { addMonths } from "~/domain/engagement/lifecycle";
import type { RateLimitRule } from "~/models/rate-limit.server";
import { sendEmail } from "~/models/mail.server";
import { isUniqueViolation } from "~/models/user.server";
import { prisma } from "~/utils/db.server";
import { formatDate, translator, type AppLocale } from "~/utils/i18n";
import type { EngagementScope } from "~/utils/permissions";

const HOUR = 60 * 60 * 1000;

/**
 * Looking a factory up by its code tells whether it is on the platform. Codes are public (国家企业信用
 * 信息公示系统), but trying many is not what a consultancy does: 20 look-ups an hour per organisation.
 */
export const ENGAGEMENT_LIMITS = {
  requestsPerConsultancy: { name: "engage:req", limit: 20, windowMs: HOUR },
  invitesPerFactory: { name: "engage:inv", limit: 20, windowMs: HOUR },
} as const satisfies Record<string, RateLimitRule>;

export interface Party {
  id: string;
  name: string;
}

// --- consultancy profile ------------------------------------------------------------------------

export async function getConsultancyCreditCode(organizationId: string): Promise<string | null> {
  const profile = await prisma.consultancyProfile.findUnique({ where: { organizationId }, select: { creditCode: true } });
  return profile?.creditCode ?? null;
}

/** Name and credit code (empty clears it); "taken" when another consultancy uses the code. */
export async function saveConsultancyProfile(organizationId: string, input: { name: string; creditCode: string }): Promise<"saved" | "taken"> {
  const creditCode = input.creditCode === "" ? null : input.creditCode;
  try {
    await prisma.$transaction([
      prisma.organization.update({ where: { id: organizationId }, data: { name: input.name } }),
      prisma.consultancyProfile.upsert({ where: { organizationId }, create: { organizationId, creditCode }, update: { creditCode } }),
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) return "taken";
    throw error;
  }
  return "saved";
}

// --- starting an engagement ---------------------------------------------------------------------

export type StartOutcome =
  | { status: "created"; engagementId: string; counterpart: Party }
  | { status: "unknown-code" }
  | { status: "unknown-email" }
  | { status: "several-consultancies" }
  | { status: "open" }
  | { status: "assessments-invalid" };

async function createEngagement(data: {
  consultancyId: string;
  factoryId: string;
  scope: OfferedScope;
  initiatedBy: Side;
  requestedById: string;
  message?: string;
  months: number;
  assessmentIds?: readonly string[];
}): Promise<{ id: string } | "open"> {
  const now = new Date();
  try {
    return await prisma.$transaction(async (tx) => {
      // An expired ACTIVE engagement still counts as "open" for the unique index: close it at its expiry
      // (endedById stays empty, which is how the lists tell "expired" from "ended").
      await tx.$executeRaw`
        UPDATE "Engagement" SET state = 'ENDED', "endedAt" = "expiresAt", "updatedAt" = now()
        WHERE "consultancyId" = ${data.consultancyId}::uuid AND "factoryId" = ${data.factoryId}::uuid
          AND state = 'ACTIVE' AND "expiresAt" <= now()`;
      const open = await tx.engagement.count({ where: { consultancyId: data.consultancyId, factoryId: data.factoryId, state: { in: ["REQUESTED", "ACTIVE"] } } });
      if (open > 0) throw new OpenEngagementError();
      return tx.engagement.create({
        data: {
          consultancyId: data.consultancyId,
          factoryId: data.factoryId,
          scope: data.scope,
          initiatedBy: data.initiatedBy,
          requestedById: data.requestedById,
          message: data.message ?? null,
          startsAt: now,
          expiresAt: addMonths(now, data.months),
          allAssessments: data.assessmentIds === undefined,
          assessments: data.assessmentIds ? { create: data.assessmentIds.map((assessmentId) => ({ assessmentId })) } : undefined,
        },
        select: { id: true },
      });
    });
  } catch (error) {
    // Two requests at once: the partial unique index (one open engagement per pair) refuses the second.
    if (error instanceof OpenEngagementError || isUniqueViolation(error)) return "open";
    throw error;
  }
}

class OpenEngagementError extends Error {
  constructor() {
    super("an open engagement exists");
  }
}

/** Consultancy OWNER asks a factory, found by its credit code, for access. Nothing is stored for an unknown code. */
export async function requestAccess(
  consultancy: Party,
  userId: string,
  input: { creditCode: string; scope: OfferedScope; months: number; message?: string },
): Promise<StartOutcome> {
  const factory = await prisma.factoryProfile.findUnique({ where: { creditCode: input.creditCode }, select: { organization: { select: { id: true, name: true } } } });
  if (!factory) return { status: "unknown-code" };
  const created = await createEngagement({ ...input, consultancyId: consultancy.id, factoryId: factory.organization.id, initiatedBy: "CONSULTANCY", requestedById: userId });
  if (created === "open") return { status: "open" };
  return { status: "created", engagementId: created.id, counterpart: factory.organization };
}

/** The consultancy a factory means: by its credit code, or by a consultant who works for exactly one consultancy. */
async function findConsultancy(input: { by: "code"; creditCode: string } | { by: "email"; email: string }) {
  if (input.by === "code") {
    const profile = await prisma.consultancyProfile.findUnique({ where: { creditCode: input.creditCode }, select: { organization: { select: { id: true, name: true, kind: true } } } });
    return profile && profile.organization.kind === "CONSULTANCY" ? { status: "found" as const, consultancy: { id: profile.organization.id, name: profile.organization.name } } : { status: "unknown-code" as const };
  }
  const memberships = await prisma.membership.findMany({
    where: { user: { email: input.email }, organization: { kind: "CONSULTANCY" } },
    select: { organization: { select: { id: true, name: true } } },
    take: 2,
  });
  if (memberships.length === 0) return { status: "unknown-email" as const };
  if (memberships.length > 1) return { status: "several-consultancies" as const };
  return { status: "found" as const, consultancy: memberships[0]!.organization };
}

/** Whether every id names one of the factory's submitted assessments (and there is at least one). */
export async function areOwnSubmittedAssessments(factoryId: string, assessmentIds: readonly string[]): Promise<boolean> {
  const ids = [...new Set(assessmentIds)];
  if (ids.length === 0) return false;
  return (await prisma.assessment.count({ where: { id: { in: ids }, organizationId: factoryId, status: "SUBMITTED" } })) === ids.length;
}

/** Factory OWNER invites a consultancy; `assessmentIds` (chosen ones) must be the factory's submitted assessments. */
export async function inviteConsultancy(
  factory: Party,
  userId: string,
  input: ({ by: "code"; creditCode: string } | { by: "email"; email: string }) & { scope: OfferedScope; months: number; message?: string; assessmentIds?: readonly string[] },
): Promise<StartOutcome> {
  if (input.assessmentIds !== undefined && !(await areOwnSubmittedAssessments(factory.id, input.assessmentIds))) return { status: "assessments-invalid" };
  const target = await findConsultancy(input);
  if (target.status !== "found") return target;
  const created = await createEngagement({
    consultancyId: target.consultancy.id,
    factoryId: factory.id,
    scope: input.scope,
    months: input.months,
    message: input.message,
    initiatedBy: "FACTORY",
    requestedById: userId,
    assessmentIds: input.assessmentIds ? [...new Set(input.assessmentIds)] : undefined,
  });
  if (created === "open") return { status: "open" };
  return { status: "created", engagementId: created.id, counterpart: target.consultancy };
}

export async function findUserIdByEmail(email: string): Promise<string | undefined> {
  return (await prisma.user.findUnique({ where: { email }, select: { id: true } }))?.id;
}

// --- deciding and closing -----------------------------------------------------------------------

export type DecisionInput =
  | { intent: "approve"; engagementId: string; scope?: OfferedScope; months?: number; assessmentIds?: readonly string[] }
  | { intent: "decline" | "revoke" | "end"; engagementId: string };

export type DecisionOutcome =
  | { status: "done"; engagement: { id: string; consultancy: Party; factory: Party; factoryShownAs: string; requestedById: string; scope: EngagementScope; expiresAt: Date } }
  | { status: "not-found" }
  | { status: "not-allowed" }
  | { status: "narrowing-invalid"; field: "scope" | "months" | "assessmentIds" };

const NEXT_STATE = { approve: "ACTIVE", decline: "DECLINED", revoke: "REVOKED", end: "ENDED" } as const;

/**
 * One decision by `org` (a party of the engagement, on `side`). The state change is a conditional
 * update on the state read, so two owners deciding at once cannot both win (the loser gets "not-allowed").
 */
export async function decideEngagement(org: Party, side: Side, userId: string, input: DecisionInput): Promise<DecisionOutcome> {
  const engagement = await prisma.engagement.findFirst({
    where: { id: input.engagementId, ...(side === "FACTORY" ? { factoryId: org.id } : { consultancyId: org.id }) },
    select: {
      id: true,
      state: true,
      scope: true,
      initiatedBy: true,
      requestedById: true,
      allAssessments: true,
      startsAt: true,
      expiresAt: true,
      decidedAt: true,
      assessments: { select: { assessmentId: true } },
      consultancy: { select: { id: true, name: true } },
      factory: { select: { id: true, name: true, factory: { select: { creditCode: true } } } },
    },
  });
  if (!engagement) return { status: "not-found" };
  const now = new Date();
  if (!allowedActions(engagement, side, now)[input.intent]) return { status: "not-allowed" };
  const factory = { id: engagement.factory.id, name: engagement.factory.name };
  const done = (terms: { scope: EngagementScope; expiresAt: Date }) => ({
    status: "done" as const,
    engagement: {
      id: engagement.id,
      consultancy: engagement.consultancy,
      factory,
      // What the consultancy may be told about the factory in the e-mail (a declined request: only its code).
      factoryShownAs: consultancySeesFactory({ ...engagement, decidedAt: input.intent === "approve" ? now : engagement.decidedAt, state: NEXT_STATE[input.intent] })
        ? factory.name
        : (engagement.factory.factory?.creditCode ?? ""),
      requestedById: engagement.requestedById,
      ...terms,
    },
  });

  if (input.intent !== "approve") {
    const closing = input.intent === "decline" ? { decidedById: userId, decidedAt: now } : { endedById: userId, endedAt: now };
    const { count } = await prisma.engagement.updateMany({ where: { id: engagement.id, state: engagement.state }, data: { state: NEXT_STATE[input.intent], ...closing } });
    return count === 1 ? done(engagement) : { status: "not-allowed" };
  }

  if (input.assessmentIds !== undefined && input.assessmentIds.length > 0) {
    const ids = [...new Set(input.assessmentIds)];
    const found = await prisma.assessment.count({ where: { id: { in: ids }, organizationId: engagement.factory.id, status: "SUBMITTED" } });
    if (found !== ids.length) return { status: "narrowing-invalid", field: "assessmentIds" };
  }
  const terms = approvedTerms(
    { ...engagement, assessmentIds: engagement.assessments.map((row) => row.assessmentId) },
    { scope: input.scope, months: input.months, assessmentIds: input.assessmentIds },
    now,
  );
  if (!terms.ok) return { status: "narrowing-invalid", field: terms.field };
  const approved = await prisma.$transaction(async (tx) => {
    const { count } = await tx.engagement.updateMany({
      where: { id: engagement.id, state: "REQUESTED" },
      data: { state: "ACTIVE", scope: terms.scope, allAssessments: terms.allAssessments, startsAt: terms.startsAt, expiresAt: terms.expiresAt, decidedById: userId, decidedAt: now },
    });
    if (count !== 1) return false;
    await tx.engagementAssessment.deleteMany({ where: { engagementId: engagement.id } });
    if (!terms.allAssessments) await tx.engagementAssessment.createMany({ data: terms.assessmentIds.map((assessmentId) => ({ engagementId: engagement.id, assessmentId })) });
    return true;
  });
  return approved ? done(terms) : { status: "not-allowed" };
}

// --- lists --------------------------------------------------------------------------------------

export interface EngagementRow {
  id: string;
  state: ShownState;
  initiatedBy: Side;
  scope: EngagementScope;
  allAssessments: boolean;
  /** Covered assessments (periods), when chosen; empty on the consultancy side while the factory is not shown. */
  assessments: { id: string; period: string }[];
  /** The other party: its name, or null while a consultancy may not see the factory (then `creditCode` is what it typed). */
  counterpart: { name: string | null; creditCode: string | null };
  /** Consultancy side, active engagements only: the client's id for the client pages. */
  clientId: string | null;
  message: string | null;
  createdAt: Date;
  startsAt: Date;
  expiresAt: Date;
  decidedAt: Date | null;
  endedAt: Date | null;
  actions: ReturnType<typeof allowedActions>;
}

/** Every engagement of the organisation, newest first (a consultancy with 500 clients: one query, a few hundred rows). */
export async function listEngagements(org: Party, side: Side): Promise<EngagementRow[]> {
  const rows = await prisma.engagement.findMany({
    where: side === "FACTORY" ? { factoryId: org.id } : { consultancyId: org.id },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 2000,
    select: {
      id: true,
      state: true,
      initiatedBy: true,
      scope: true,
      allAssessments: true,
      message: true,
      createdAt: true,
      startsAt: true,
      expiresAt: true,
      decidedAt: true,
      endedAt: true,
      endedById: true,
      assessments: { select: { assessment: { select: { id: true, period: true } } } },
      consultancy: { select: { name: true, consultancy: { select: { creditCode: true } } } },
      factory: { select: { id: true, name: true, factory: { select: { creditCode: true } } } },
    },
  });
  const now = new Date();
  return rows.map((row) => {
    const state = shownState(row, now);
    const visible = side === "FACTORY" || consultancySeesFactory(row);
    const counterpart =
      side === "FACTORY"
        ? { name: row.consultancy.name, creditCode: row.consultancy.consultancy?.creditCode ?? null }
        : visible
          ? { name: row.factory.name, creditCode: row.factory.factory?.creditCode ?? null }
          : // The code the consultant typed; nothing else until the factory approves.
            { name: null, creditCode: row.initiatedBy === "CONSULTANCY" ? (row.factory.factory?.creditCode ?? null) : null };
    return {
      id: row.id,
      state,
      initiatedBy: row.initiatedBy,
      scope: row.scope,
      allAssessments: row.allAssessments,
      assessments: visible ? row.assessments.map((a) => a.assessment).sort((a, b) => b.period.localeCompare(a.period)) : [],
      counterpart,
      clientId: side === "CONSULTANCY" && state === "ACTIVE" ? row.factory.id : null,
      message: row.message,
      createdAt: row.createdAt,
      startsAt: row.startsAt,
      expiresAt: row.expiresAt,
      decidedAt: row.decidedAt,
      endedAt: row.endedAt,
      actions: allowedActions(row, side, now),
    };
  });
}

/** The factory's submitted assessments, for choosing which ones an engagement covers. */
export async function listSubmittedAssessments(factoryId: string) {
  return prisma.assessment.findMany({
    where: { organizationId: factoryId, status: "SUBMITTED" },
    orderBy: [{ period: "desc" }, { submittedAt: "desc" }],
    select: { id: true, period: true, submittedAt: true },
    take: 100,
  });
}

// --- audit log ----------------------------------------------------------------------------------

export const AUDIT_PAGE_SIZE = 50;

export interface AuditRow {
  id: string;
  createdAt: Date;
  userName: string;
  consultancy: string;
  action: string;
  page: AuditPage;
  method: string | null;
  /** The assessment's id and period when the entry names one of this factory's assessments. */
  assessmentId: string | null;
  period: string | null;
  target: string;
}

/** One page of the factory's audit log, newest first, optionally for one consultancy. */
export async function listAuditEntries(factoryId: string, options: { page: number; consultancyId?: string }) {
  const where = { factoryId, ...(options.consultancyId ? { consultancyId: options.consultancyId } : {}) };
  const [total, entries, consultancies] = await Promise.all([
    prisma.auditLogEntry.count({ where }),
    prisma.auditLogEntry.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (options.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: { id: true, createdAt: true, userName: true, consultancyId: true, action: true, target: true },
    }),
    // The filter offers every consultancy that ever had an engagement with this factory.
    prisma.organization.findMany({
      where: { clientEngagements: { some: { factoryId } } },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
  ]);
  const readable = entries.map((entry) => ({ entry, target: readableTarget(entry.target) }));
  const assessmentIds = [...new Set(readable.map((row) => row.target.assessmentId).filter((id): id is string => id !== null))];
  const periods = new Map(
    assessmentIds.length === 0
      ? []
      : (await prisma.assessment.findMany({ where: { id: { in: assessmentIds }, organizationId: factoryId }, select: { id: true, period: true } })).map((a) => [a.id, a.period] as const),
  );
  const names = new Map(consultancies.map((c) => [c.id, c.name] as const));
  const rows: AuditRow[] = readable.map(({ entry, target }) => ({
    id: entry.id.toString(),
    createdAt: entry.createdAt,
    userName: entry.userName,
    consultancy: names.get(entry.consultancyId) ?? "—",
    action: entry.action,
    page: target.page,
    method: target.method,
    assessmentId: target.assessmentId && periods.has(target.assessmentId) ? target.assessmentId : null,
    period: target.assessmentId ? (periods.get(target.assessmentId) ?? null) : null,
    target: entry.target,
  }));
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), consultancies };
}

// --- e-mail -------------------------------------------------------------------------------------

type EmailKind = "request" | "invite" | "approved" | "declined" | "revoked" | "ended";

async function recipients(organizationId: string, extraUserIds: readonly string[] = []) {
  const users = await prisma.user.findMany({
    where: { OR: [{ memberships: { some: { organizationId, role: "OWNER" } } }, { id: { in: [...extraUserIds] } }] },
    select: { email: true, locale: true },
  });
  return users.map((user) => ({ email: user.email, locale: (user.locale === "en" ? "en" : "zh-CN") as AppLocale }));
}

/**
 * Tells the side that must act (or whose request was decided) by e-mail, each recipient in their
 * own language, with a link to their engagements page.
 */
export async function notifyEngagement(input: {
  kind: EmailKind;
  origin: string;
  /** The organisation whose owners receive it. */
  to: Party;
  /** Also these users (e.g. the consultant invited by e-mail, the requester). */
  alsoUserIds?: readonly string[];
  /** The acting organisation and person. */
  from: Party;
  actor: string;
  scope: EngagementScope;
  expiresAt: Date;
  message?: string | null;
}) {
  const link = new URL(`/o/${input.to.id}/engagements`, input.origin).toString();
  for (const recipient of await recipients(input.to.id, input.alsoUserIds)) {
    const t = translator(recipient.locale);
    const vars = {
      organization: input.from.name,
      actor: input.actor,
      scope: t(`engagement.scope.${input.scope}`),
      expires: formatDate(recipient.locale, input.expiresAt),
      message: input.message ? t("engagement.email.messageLine", { message: input.message }) : "",
      link,
    };
    await sendEmail({ to: recipient.email, subject: t(`engagement.email.${input.kind}Subject`, vars), body: t(`engagement.email.${input.kind}Body`, vars) });
  }
}
