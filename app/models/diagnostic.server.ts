/**
 * The diagnostic report (诊断报告) a consultancy hands a client factory: the factory's profile, its
 * self-assessment beside the consultancy's latest issued validation, what holds the level down, and
 * a roadmap with the consultant's own recommendation per capability. The page, the factory's copy
 * and the Excel file all come from `diagnosticReport()`, so they cannot disagree. The consultancy's
 * logo and its recommendations live here too.
 *
 * Callers pass ids the guard verified: the factory from the engagement (consultant side) or the
 * member's own organisation (factory side), and the consultancy whose report it is.
 */
import { logoDataUrl, type LogoType } from "~/domain/diagnostic/logo";
import { parseStoredResult, parseStoredReviews } from "~/domain/assessment/stored";
import type { QuestionDifference } from "~/domain/validation/compare";
import { validatedAnswers } from "~/domain/validation/reviews";
import { prisma } from "~/utils/db.server";
import type { AppLocale } from "~/utils/i18n";
import { buildReport, type AssessmentReport } from "./assessment-report.server";
import { getAssessment, loadQuestionnaireVersion } from "./assessment.server";
import { validationComparison } from "./validation.server";

export type DiagnosticOutcome = { status: "ok"; report: DiagnosticReport } | { status: "not-found" } | { status: "not-submitted" };
export type DiagnosticReport = Awaited<ReturnType<typeof buildDiagnostic>>;

/** The latest ISSUED validation of an assessment by one consultancy, if any. */
async function latestIssued(factoryId: string, assessmentId: string, consultancyId: string) {
  return prisma.validation.findFirst({
    where: { factoryId, assessmentId, consultancyId, status: "ISSUED" },
    orderBy: { version: "desc" },
    select: { version: true, reviews: true, result: true, issuedByName: true, consultancyName: true, issuedAt: true },
  });
}

/**
 * The consultancy whose report the factory sees: the one that issued the assessment's latest
 * validation. Null before any validation is issued (the factory has no diagnostic report yet).
 */
export async function reportingConsultancy(factoryId: string, assessmentId: string): Promise<string | null> {
  const row = await prisma.validation.findFirst({
    where: { factoryId, assessmentId, status: "ISSUED" },
    orderBy: [{ issuedAt: "desc" }, { version: "desc" }],
    select: { consultancyId: true },
  });
  return row?.consultancyId ?? null;
}

export async function diagnosticReport(factoryId: string, assessmentId: string, consultancyId: string, locale: AppLocale): Promise<DiagnosticOutcome> {
  const assessment = await getAssessment(factoryId, assessmentId);
  if (!assessment) return { status: "not-found" };
  if (assessment.status !== "SUBMITTED" || !assessment.result) return { status: "not-submitted" };
  return { status: "ok", report: await buildDiagnostic(factoryId, assessment, consultancyId, locale) };
}

/**
 * The factory's copy: the report of the consultancy that issued the latest validation. An unknown
 * assessment is "not-found" and a draft "not-submitted" before anything is said about validations.
 */
export async function factoryDiagnosticReport(factoryId: string, assessmentId: string, locale: AppLocale): Promise<DiagnosticOutcome | { status: "no-report" }> {
  const assessment = await getAssessment(factoryId, assessmentId);
  if (!assessment) return { status: "not-found" };
  if (assessment.status !== "SUBMITTED" || !assessment.result) return { status: "not-submitted" };
  const consultancyId = await reportingConsultancy(factoryId, assessmentId);
  if (!consultancyId) return { status: "no-report" };
  return { status: "ok", report: await buildDiagnostic(factoryId, assessment, consultancyId, locale) };
}

async function buildDiagnostic(
  factoryId: string,
  assessment: NonNullable<Awaited<ReturnType<typeof getAssessment>>>,
  consultancyId: string,
  locale: AppLocale,
) {
  const [consultancy, validation, recommendations, comparison] = await Promise.all([
    prisma.organization.findUniqueOrThrow({ where: { id: consultancyId }, select: { id: true, name: true, consultancy: { select: { logo: true, logoType: true } } } }),
    latestIssued(factoryId, assessment.id, consultancyId),
    recommendationsFor(assessment.id, consultancyId),
    // The validation's own comparison (app/domain/validation/compare.ts): each change's effect on the overall score and level.
    validationComparison(factoryId, assessment.id, locale, { consultancyId }),
  ]);
  const self = await buildReport(factoryId, assessment, locale, undefined);
  const reviews = validation ? parseStoredReviews(validation.reviews) : {};
  // The validated side is the same engine's report on the validated answers, as frozen at issue.
  const validated =
    validation && validation.result
      ? await buildReport(factoryId, { ...assessment, answers: validatedAnswers(assessment.answers, reviews), result: parseStoredResult(validation.result) }, locale, undefined)
      : null;
  const current = validated ?? self;

  const capabilityScore = new Map(current.capabilities.map((c) => [c.id, c] as const));
  const roadmap: RoadmapRow[] = current.roadmap.map((item) => ({
    rank: item.rank,
    capabilityId: item.capabilityId,
    dimensionId: item.dimensionId,
    name: item.name,
    score: item.score,
    advice: item.advice,
    recommendation: recommendations[item.capabilityId] ?? null,
  }));
  // A recommendation for a capability the roadmap does not rank (already at the top) is still printed.
  for (const [capabilityId, text] of Object.entries(recommendations)) {
    const capability = capabilityScore.get(capabilityId);
    if (!capability || roadmap.some((row) => row.capabilityId === capabilityId)) continue;
    roadmap.push({ rank: null, capabilityId, dimensionId: capability.dimensionId, name: capability.name, score: capability.score, advice: null, recommendation: text });
  }

  return {
    assessmentId: assessment.id,
    consultancy: { id: consultancy.id, name: consultancy.name, logo: logoDataUrl(consultancy.consultancy?.logo, consultancy.consultancy?.logoType) },
    self,
    validated,
    /** The signature of the issued validation; null: the report shows the self-assessment only, marked "not yet validated". */
    signature: validation?.issuedAt
      ? { version: validation.version, issuedByName: validation.issuedByName ?? "", consultancyName: validation.consultancyName ?? consultancy.name, issuedAt: validation.issuedAt }
      : null,
    /** Where "what holds the level down" comes from: the validated result once issued. */
    explanationSource: validated ? ("validated" as const) : ("self" as const),
    dimensions: self.dimensions.map((d) => ({ id: d.id, name: d.name, self: d.score, validated: validated ? (validated.dimensions.find((v) => v.id === d.id)?.score ?? null) : null })),
    roadmap,
    differences: validated ? answerDifferences(self, validated, reviews, issuedEffects(comparison, validation?.version)) : [],
  };
}

/** The per-change effects of the issued version the report shows (none if the comparison is of another). */
function issuedEffects(comparison: Awaited<ReturnType<typeof validationComparison>>, version: number | undefined): readonly QuestionDifference[] {
  if (comparison.status !== "ok" || !comparison.issued || comparison.issued.version !== version) return [];
  return comparison.issued.comparison.differences;
}

export interface RoadmapRow {
  /** Null for a capability the questionnaire's roadmap does not rank but the consultant wrote about. */
  rank: number | null;
  capabilityId: string;
  dimensionId: string;
  name: string;
  score: number | null;
  advice: string | null;
  recommendation: string | null;
}

/** Every answer the consultant changed, with both bands, the reason and what the change alone does, in questionnaire order. */
function answerDifferences(self: AssessmentReport, validated: AssessmentReport, reviews: ReturnType<typeof parseStoredReviews>, effects: readonly QuestionDifference[]) {
  const validatedById = new Map(validated.answers.map((a) => [a.id, a] as const));
  const effectById = new Map(effects.map((d) => [d.questionId, d] as const));
  return self.answers
    .filter((answer) => reviews[answer.id]?.decision === "changed")
    .map((answer) => {
      const after = validatedById.get(answer.id);
      const review = reviews[answer.id]!;
      return {
        id: answer.id,
        number: answer.number,
        title: answer.title,
        dimension: answer.dimension,
        capability: answer.capability,
        type: answer.type,
        unit: answer.unit,
        selfValue: answer.value,
        selfBand: answer.band,
        validatedValue: after?.value ?? review.value ?? null,
        validatedBand: after?.band ?? null,
        comment: review.comment ?? "",
        evidenceChecked: review.evidenceChecked === true,
        /** This change alone: validated − self overall score, and level steps. */
        overallEffect: effectById.get(answer.id)?.overallEffect ?? null,
        levelEffect: effectById.get(answer.id)?.levelEffect ?? 0,
      };
    });
}

// ---- recommendations ----------------------------------------------------------------------------

export async function recommendationsFor(assessmentId: string, consultancyId: string): Promise<Record<string, string>> {
  const rows = await prisma.consultantRecommendation.findMany({ where: { assessmentId, consultancyId }, select: { capabilityId: true, text: true } });
  return Object.fromEntries(rows.map((row) => [row.capabilityId, row.text]));
}

/** The capabilities of the assessment's questionnaire, in questionnaire order: what recommendations may be written for. */
export async function assessmentCapabilities(factoryId: string, assessmentId: string) {
  const assessment = await prisma.assessment.findFirst({ where: { id: assessmentId, organizationId: factoryId }, select: { status: true, questionnaireVersionId: true } });
  if (!assessment) return null;
  const { questionnaire } = await loadQuestionnaireVersion(assessment.questionnaireVersionId);
  return { status: assessment.status, capabilityIds: questionnaire.dimensions.flatMap((d) => d.capabilities.map((c) => c.id)) };
}

export type SaveRecommendationsOutcome = { status: "saved"; changed: number } | { status: "not-found" } | { status: "not-submitted" } | { status: "unknown-capability"; capabilityId: string };

/**
 * Writes the consultant's recommendations for a submitted assessment: a text per capability, an
 * empty text removes it. Only rows whose text changed are written; all or nothing.
 */
export async function saveRecommendations(
  factoryId: string,
  assessmentId: string,
  consultancyId: string,
  userId: string,
  texts: Record<string, string>,
): Promise<SaveRecommendationsOutcome> {
  const capabilities = await assessmentCapabilities(factoryId, assessmentId);
  if (!capabilities) return { status: "not-found" };
  if (capabilities.status !== "SUBMITTED") return { status: "not-submitted" };
  const known = new Set(capabilities.capabilityIds);
  const unknown = Object.keys(texts).find((id) => !known.has(id));
  if (unknown !== undefined) return { status: "unknown-capability", capabilityId: unknown };
  const existing = await recommendationsFor(assessmentId, consultancyId);
  const changes = Object.entries(texts).filter(([capabilityId, text]) => (existing[capabilityId] ?? "") !== text);
  if (changes.length === 0) return { status: "saved", changed: 0 };
  await prisma.$transaction(
    changes.map(([capabilityId, text]) =>
      text === ""
        ? prisma.consultantRecommendation.deleteMany({ where: { assessmentId, consultancyId, capabilityId } })
        : prisma.consultantRecommendation.upsert({
            where: { assessmentId_consultancyId_capabilityId: { assessmentId, consultancyId, capabilityId } },
            create: { assessmentId, consultancyId, capabilityId, text, updatedById: userId },
            update: { text, updatedById: userId },
          }),
    ),
  );
  return { status: "saved", changed: changes.length };
}

// ---- logo -----------------------------------------------------------------------------------------

export async function consultancyLogo(organizationId: string): Promise<{ dataUrl: string; type: string; size: number } | null> {
  const profile = await prisma.consultancyProfile.findUnique({ where: { organizationId }, select: { logo: true, logoType: true } });
  const dataUrl = logoDataUrl(profile?.logo, profile?.logoType);
  return dataUrl && profile?.logo && profile.logoType ? { dataUrl, type: profile.logoType, size: profile.logo.length } : null;
}

/** Stores bytes the caller has checked (type by magic bytes, size). */
export async function saveConsultancyLogo(organizationId: string, bytes: Uint8Array<ArrayBuffer>, type: LogoType): Promise<void> {
  await prisma.consultancyProfile.upsert({
    where: { organizationId },
    create: { organizationId, logo: bytes, logoType: type },
    update: { logo: bytes, logoType: type },
  });
}

/** false: there was no logo (nothing changed). */
export async function removeConsultancyLogo(organizationId: string): Promise<boolean> {
  const removed = await prisma.consultancyProfile.updateMany({ where: { organizationId, logo: { not: null } }, data: { logo: null, logoType: null } });
  return removed.count > 0;
}
