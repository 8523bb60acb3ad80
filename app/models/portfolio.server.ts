/**
 * A consultancy's portfolio: its clients (one row per factory it has an engagement with), the
 * comparison of chosen clients, the bias view and the dashboard counts. Every query starts from
 * the consultancy id the guard verified and reaches a factory's data only through an engagement
 * that is ACTIVE, started and unexpired right now, and only the assessments it covers — the same
 * rule as `findActiveEngagement` (ADR 0016), written once here as SQL for a whole portfolio.
 *
 * The clients table reads every row in ONE statement (500 clients: see docs/performance.md), then
 * app/domain/portfolio decides what the page sees, filters, sorts and pages.
 */
import { editionNumbers } from "~/domain/assessment/label";
import { questionnaireView, type QuestionnaireView } from "~/domain/questionnaire/view";
import { biasSummary, type BiasSample, type BiasSummary } from "~/domain/portfolio/bias";
import type { CompareClient } from "~/domain/portfolio/compare";
import { engagementStatus, type PortfolioRecord } from "~/domain/portfolio/rows";
import { parseStoredResult } from "~/domain/assessment/stored";
import type { SizeBand } from "~/domain/reference/size-band";
import { loadQuestionnaireVersion, currentQuestionnaireVersion } from "~/models/assessment.server";
import type { AppLocale } from "~/utils/i18n";
import { prisma } from "~/utils/db.server";
import { writeAuditEntry } from "~/utils/engagement-access.server";

interface RecordRow {
  engagementId: string;
  factoryId: string;
  state: PortfolioRecord["state"];
  scope: PortfolioRecord["scope"];
  initiatedBy: PortfolioRecord["initiatedBy"];
  startsAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  onceActive: boolean;
  name: string;
  creditCode: string | null;
  industryCode: string | null;
  regionCode: string | null;
  sizeBand: SizeBand | null;
  assessmentId: string | null;
  period: string | null;
  overall: number | null;
  level: number | null;
  submittedAt: Date | null;
  previousOverall: number | null;
  dimensions: Record<string, number | null> | null;
  isValidated: boolean;
  validatedOverall: number | null;
  validatedLevel: number | null;
  lastActivity: Date | null;
  draftInProgress: boolean;
}

/**
 * Every client of the consultancy, one statement. Per factory the engagement that matters: the
 * live one, else an open request, else the newest ended/revoked/expired one (DECLINED requests are
 * not clients; the engagements page lists them). Scores, drafts and activity are joined only for
 * live engagements and only over the assessments they cover.
 */
export async function loadPortfolioRecords(consultancyId: string): Promise<PortfolioRecord[]> {
  const rows = await prisma.$queryRaw<RecordRow[]>`
    WITH chosen AS (
      SELECT DISTINCT ON (e."factoryId")
             e.id, e."factoryId", e.state::text AS state, e.scope::text AS scope, e."allAssessments", e."initiatedBy"::text AS "initiatedBy",
             e."startsAt", e."expiresAt", e."endedAt",
             (e.state = 'ACTIVE' AND e."startsAt" <= now() AND e."expiresAt" > now()) AS live
      FROM "Engagement" e
      WHERE e."consultancyId" = ${consultancyId}::uuid AND e.state IN ('REQUESTED', 'ACTIVE', 'ENDED', 'REVOKED')
      ORDER BY e."factoryId",
               (e.state = 'ACTIVE' AND e."startsAt" <= now() AND e."expiresAt" > now()) DESC,
               (e.state = 'REQUESTED') DESC,
               e."createdAt" DESC
    ),
    known AS (
      -- The factory let this consultancy see its name: it invited it, or approved a request (the rule of
      -- consultancySeesFactory in app/domain/engagement/lifecycle.ts; ENDED without a decision is a withdrawn request).
      SELECT e."factoryId",
             bool_or(e."initiatedBy" = 'FACTORY' OR e.state IN ('ACTIVE', 'REVOKED') OR (e.state = 'ENDED' AND e."decidedAt" IS NOT NULL)) AS "onceActive"
      FROM "Engagement" e
      WHERE e."consultancyId" = ${consultancyId}::uuid
      GROUP BY e."factoryId"
    ),
    covered AS (
      SELECT a.id, a."organizationId", a.status, a."updatedAt"
      FROM chosen c
      JOIN "Assessment" a ON a."organizationId" = c."factoryId"
      WHERE c.live
        AND (c."allAssessments" OR EXISTS (SELECT 1 FROM "EngagementAssessment" ea WHERE ea."engagementId" = c.id AND ea."assessmentId" = a.id))
    ),
    scores AS (
      SELECT s."organizationId", s."assessmentId", s.period, s.overall, s.level, s."submittedAt",
             row_number() OVER (PARTITION BY s."organizationId" ORDER BY s."submittedAt" DESC, s."assessmentId") AS rn
      FROM covered cv
      JOIN "AssessmentScore" s ON s."assessmentId" = cv.id
    ),
    -- Set-based, not a subquery per client: at 500 clients correlated lookups cost ~10× more.
    previous AS (
      SELECT DISTINCT ON (s."organizationId") s."organizationId", s.overall
      FROM scores s
      JOIN scores l ON l."organizationId" = s."organizationId" AND l.rn = 1
      WHERE s.period <> l.period AND s."submittedAt" < l."submittedAt"
      ORDER BY s."organizationId", s."submittedAt" DESC
    ),
    dims AS (
      SELECT l."organizationId", jsonb_object_agg(i."itemId", i.score) AS dimensions
      FROM scores l
      JOIN "AssessmentItemScore" i ON i."assessmentId" = l."assessmentId" AND i."itemType" = 'DIMENSION'
      WHERE l.rn = 1
      GROUP BY l."organizationId"
    ),
    activity AS (
      SELECT cv."organizationId", max(cv."updatedAt") AS "lastActivity", bool_or(cv.status = 'DRAFT') AS "draftInProgress"
      FROM covered cv
      GROUP BY cv."organizationId"
    )
    SELECT c.id AS "engagementId", c."factoryId", c.state, c.scope, c."initiatedBy", c."startsAt", c."expiresAt", c."endedAt",
           k."onceActive", o.name, fp."creditCode", fp."industryCode", fp."regionCode", fp."sizeBand"::text AS "sizeBand",
           l."assessmentId", l.period, l.overall, l.level, l."submittedAt",
           p.overall AS "previousOverall", d.dimensions,
           (v.id IS NOT NULL) AS "isValidated", v.overall AS "validatedOverall", v.level AS "validatedLevel",
           greatest(act."lastActivity", v."issuedAt") AS "lastActivity",
           coalesce(act."draftInProgress", false) AS "draftInProgress"
    FROM chosen c
    JOIN known k ON k."factoryId" = c."factoryId"
    JOIN "Organization" o ON o.id = c."factoryId"
    LEFT JOIN "FactoryProfile" fp ON fp."organizationId" = c."factoryId"
    LEFT JOIN scores l ON l."organizationId" = c."factoryId" AND l.rn = 1
    LEFT JOIN previous p ON p."organizationId" = c."factoryId"
    LEFT JOIN dims d ON d."organizationId" = c."factoryId"
    LEFT JOIN activity act ON act."organizationId" = c."factoryId"
    LEFT JOIN LATERAL (
      SELECT v.id, v.overall, v.level, v."issuedAt" FROM "Validation" v
      WHERE v."assessmentId" = l."assessmentId" AND v."consultancyId" = ${consultancyId}::uuid AND v.status = 'ISSUED'
      ORDER BY v.version DESC LIMIT 1
    ) v ON true`;
  return rows.map((row) => ({
    engagementId: row.engagementId,
    factoryId: row.factoryId,
    state: row.state,
    initiatedBy: row.initiatedBy,
    startsAt: row.startsAt,
    expiresAt: row.expiresAt,
    endedAt: row.endedAt,
    onceActive: row.onceActive,
    name: row.name,
    creditCode: row.creditCode,
    industryCode: row.industryCode,
    regionCode: row.regionCode,
    sizeBand: row.sizeBand,
    scope: row.scope,
    latest:
      row.assessmentId && row.period !== null && row.overall !== null && row.level !== null && row.submittedAt
        ? { assessmentId: row.assessmentId, period: row.period, overall: row.overall, level: row.level, submittedAt: row.submittedAt }
        : null,
    previousOverall: row.previousOverall,
    dimensions: row.dimensions ?? {},
    validated: row.isValidated ? { overall: row.validatedOverall, level: row.validatedLevel } : null,
    draftInProgress: row.draftInProgress,
    lastActivity: row.lastActivity,
  }));
}

/** Dimension ids and names of the current questionnaire, for the table's columns and the chart. */
export async function portfolioDimensions(locale: AppLocale): Promise<{ id: string; name: string }[]> {
  const { questionnaire } = await loadQuestionnaireVersion((await currentQuestionnaireVersion()).id);
  return questionnaire.dimensions.map((dimension) => ({ id: dimension.id, name: dimension.name[locale] }));
}

/** Level names of the current questionnaire (L0 … L5). */
export async function portfolioLevels(locale: AppLocale): Promise<{ level: number; name: string }[]> {
  const { questionnaire } = await loadQuestionnaireVersion((await currentQuestionnaireVersion()).id);
  const view = questionnaireView(questionnaire, locale);
  return [{ level: 0, name: view.belowFirstLevel }, ...view.levels.map((l) => ({ level: l.level, name: l.name }))];
}

/** Records of the consultancy whose engagement is live now, in the given order; null if any id is not one. */
export async function activeClients(consultancyId: string, ids: readonly string[], now = new Date()): Promise<PortfolioRecord[] | null> {
  const live = new Map(
    (await loadPortfolioRecords(consultancyId))
      .filter((record) => {
        const status = engagementStatus(record, now);
        return status === "active" || status === "expires-soon";
      })
      .map((record) => [record.factoryId, record]),
  );
  const chosen = ids.map((id) => live.get(id));
  return chosen.every((record) => record !== undefined) ? (chosen as PortfolioRecord[]) : null;
}

export function toCompareClient(record: PortfolioRecord): CompareClient {
  return {
    clientId: record.factoryId,
    name: record.name,
    period: record.latest?.period ?? null,
    overall: record.latest?.overall ?? null,
    level: record.latest?.level ?? null,
    dimensions: record.latest ? record.dimensions : {},
  };
}

/**
 * Pages that show several clients' scores at once (comparison, export) write one audit entry per
 * client they show, as the guard does for a single client's page. The clients table itself is the
 * consultancy's overview and is not logged per row (it would flood every factory's log).
 */
export async function auditClients(
  records: readonly PortfolioRecord[],
  entry: { consultancyId: string; userId: string; userName: string; action: string; target: string },
): Promise<void> {
  if (records.length === 0) return;
  if (records.length <= 8) {
    await Promise.all(records.map((record) => writeAuditEntry({ ...entry, factoryId: record.factoryId, engagementId: record.engagementId })));
    return;
  }
  // The export: one statement for all rows (the trigger only refuses UPDATE/DELETE).
  await prisma.auditLogEntry.createMany({
    data: records.map((record) => ({
      factoryId: record.factoryId,
      consultancyId: entry.consultancyId,
      engagementId: record.engagementId,
      userId: entry.userId,
      userName: entry.userName,
      action: entry.action.slice(0, 40),
      target: entry.target.slice(0, 300),
    })),
  });
}

// --- bias view --------------------------------------------------------------------------------

export interface BiasView extends BiasSummary {
  dimensionNames: Record<string, string>;
  questionLabels: Record<string, { number: number; title: string; dimensionId: string; capability: string }>;
}

/**
 * The latest ISSUED validation of each assessment this consultancy validated, for clients whose
 * engagement is live and still covers the assessment: the factory's own result against the
 * validated one. Past clients drop out, like everything else they no longer share.
 */
export async function loadBiasView(consultancyId: string, locale: AppLocale): Promise<BiasView> {
  const rows = await prisma.$queryRaw<{ selfResult: unknown; validatedResult: unknown; questionnaireVersionId: string }[]>`
    SELECT DISTINCT ON (v."assessmentId") a.result AS "selfResult", v.result AS "validatedResult", a."questionnaireVersionId"
    FROM "Validation" v
    JOIN "Assessment" a ON a.id = v."assessmentId" AND a."organizationId" = v."factoryId"
    JOIN "Engagement" e ON e."consultancyId" = v."consultancyId" AND e."factoryId" = v."factoryId"
     AND e.state = 'ACTIVE' AND e."startsAt" <= now() AND e."expiresAt" > now()
    WHERE v."consultancyId" = ${consultancyId}::uuid AND v.status = 'ISSUED' AND v.result IS NOT NULL AND a.result IS NOT NULL
      AND (e."allAssessments" OR EXISTS (SELECT 1 FROM "EngagementAssessment" ea WHERE ea."engagementId" = e.id AND ea."assessmentId" = a.id))
    ORDER BY v."assessmentId", v.version DESC`;
  const samples: BiasSample[] = rows.map((row) => ({ self: parseStoredResult(row.selfResult), validated: parseStoredResult(row.validatedResult) }));
  const summary = biasSummary(samples);

  // Names from every version involved; the current version's wording wins (loaded last).
  const versionIds = [...new Set(rows.map((row) => row.questionnaireVersionId))];
  const current = (await currentQuestionnaireVersion()).id;
  const views: QuestionnaireView[] = [];
  for (const id of [...versionIds.filter((v) => v !== current), current]) views.push(questionnaireView((await loadQuestionnaireVersion(id)).questionnaire, locale));
  const dimensionNames: Record<string, string> = {};
  const questionLabels: BiasView["questionLabels"] = {};
  for (const view of views) {
    for (const dimension of view.dimensions) {
      dimensionNames[dimension.id] = dimension.name;
      for (const capability of dimension.capabilities) {
        for (const question of capability.questions) {
          questionLabels[question.id] = { number: question.number, title: question.title, dimensionId: dimension.id, capability: capability.name };
        }
      }
    }
  }
  return { ...summary, dimensionNames, questionLabels };
}

// --- dashboard --------------------------------------------------------------------------------

/** Requests waiting for this organisation's decision: made by the other side, still REQUESTED. */
export async function pendingEngagementCount(organizationId: string, kind: "FACTORY" | "CONSULTANCY" | "AUTHORITY"): Promise<number> {
  if (kind === "AUTHORITY") return 0;
  return prisma.engagement.count({
    where:
      kind === "FACTORY"
        ? { factoryId: organizationId, state: "REQUESTED", initiatedBy: "CONSULTANCY" }
        : { consultancyId: organizationId, state: "REQUESTED", initiatedBy: "FACTORY" },
  });
}

// --- one client's overview ----------------------------------------------------------------------

export type CoveredAssessmentState = "draft" | "submitted" | "validated";

/**
 * The client's profile and the assessments the engagement covers (the guard's `covers`), each
 * with its state for this consultancy: draft, submitted, or validated (an ISSUED validation by it).
 */
export async function clientOverview(consultancyId: string, factoryId: string, covers: (assessmentId: string) => boolean) {
  const [profile, assessments] = await Promise.all([
    prisma.factoryProfile.findUnique({
      where: { organizationId: factoryId },
      select: { legalName: true, creditCode: true, industryCode: true, regionCode: true, employees: true, revenueWan: true, sizeBand: true },
    }),
    prisma.assessment.findMany({
      where: { organizationId: factoryId },
      orderBy: [{ period: "desc" }, { createdAt: "desc" }],
      select: {
        id: true,
        period: true,
        status: true,
        createdAt: true,
        updatedAt: true,
        submittedAt: true,
        questionnaireVersion: { select: { version: true } },
        score: { select: { overall: true, level: true } },
        validations: {
          where: { consultancyId, status: "ISSUED" },
          orderBy: { version: "desc" },
          take: 1,
          select: { version: true, overall: true, level: true, issuedAt: true },
        },
      },
    }),
  ]);
  // Editions count every assessment of the year, also those the engagement does not cover.
  const editions = editionNumbers(assessments);
  return {
    profile: profile ? { ...profile, revenueWan: Number(profile.revenueWan) } : null,
    assessments: assessments
      .filter((assessment) => covers(assessment.id))
      .map((assessment) => {
        const validation = assessment.validations[0] ?? null;
        const state: CoveredAssessmentState = assessment.status === "DRAFT" ? "draft" : validation ? "validated" : "submitted";
        return {
          id: assessment.id,
          period: assessment.period,
          edition: editions.get(assessment.id)!,
          version: assessment.questionnaireVersion.version,
          state,
          updatedAt: assessment.updatedAt,
          submittedAt: assessment.submittedAt,
          overall: assessment.score?.overall ?? null,
          level: assessment.score?.level ?? null,
          validation,
        };
      }),
  };
}
