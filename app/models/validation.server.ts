/**
 * Validations (核验) of a factory's submitted assessment by a consultancy: a working copy (DRAFT)
 * saved under optimistic concurrency, issued once every answered question is reviewed, then signed
 * and immutable (a database trigger refuses edits too). A new version starts as a copy of the
 * consultancy's last issued reviews. The validated result comes from the same engine, questionnaire
 * version and plant profile as the submission.
 *
 * Consultant functions take the `ValidationActor` built from the guard's EngagementContext: the
 * factory id is the engagement's, never one from a form. Factory functions take the factory's own
 * organisation id from the guard.
 */
import { toEngineAnswers } from "~/domain/assessment/answers";
import { parseStoredAnswers, parseStoredProfile, parseStoredResult, parseStoredResultOrNull, parseStoredReviews, storeResult } from "~/domain/assessment/stored";
import { questionnaireView, type QuestionnaireView } from "~/domain/questionnaire/view";
import { scoreAssessment, ScoringError, type AssessmentResult } from "~/domain/scoring";
import { compareValidation, reviewableQuestionIds, reviewProgress, type ValidationComparison } from "~/domain/validation/compare";
import { confidenceTier, validatedAnswers, type ConfidenceTier, type ValidationReview, type ValidationReviews } from "~/domain/validation/reviews";
import { assessmentLabelsByIds, assessmentOfPage, loadQuestionnaireVersion } from "~/models/assessment.server";
import { Prisma } from "~/generated/prisma/client";
import { hotSql, prisma } from "~/utils/db.server";
import { writeAuditEntry } from "~/utils/engagement-access.server";
import type { AppLocale } from "~/utils/i18n";

/** Who is validating: from the guard's engagement context. */
export interface ValidationActor {
  consultancyId: string;
  consultancyName: string;
  factoryId: string;
  engagementId: string;
  userId: string;
  userName: string;
}

const validationSelect = {
  id: true,
  version: true,
  status: true,
  revision: true,
  reviews: true,
  result: true,
  overall: true,
  level: true,
  consultancyId: true,
  consultancyName: true,
  issuedByName: true,
  issuedAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ValidationSelect;

type ValidationRow = Prisma.ValidationGetPayload<{ select: typeof validationSelect }>;

function parseValidation(row: ValidationRow) {
  return { ...row, reviews: parseStoredReviews(row.reviews), result: parseStoredResultOrNull(row.result) };
}
export type StoredValidation = ReturnType<typeof parseValidation>;

/** The factory's submitted assessment, scoped by the factory id; null for another factory's id. */
async function submittedAssessment(factoryId: string, assessmentId: string) {
  const row = await prisma.assessment.findFirst({
    where: { id: assessmentId, organizationId: factoryId },
    select: { id: true, period: true, status: true, answers: true, result: true, profile: true, submittedAt: true, questionnaireVersionId: true },
  });
  if (!row) return { status: "not-found" } as const;
  if (row.status !== "SUBMITTED") return { status: "not-submitted" } as const;
  const { model, questionnaire } = await loadQuestionnaireVersion(row.questionnaireVersionId);
  return {
    status: "ok",
    assessment: {
      id: row.id,
      period: row.period,
      submittedAt: row.submittedAt,
      questionnaireVersionId: row.questionnaireVersionId,
      answers: parseStoredAnswers(row.answers),
      result: parseStoredResult(row.result),
      profile: parseStoredProfile(row.profile),
    },
    model,
    questionnaire,
  } as const;
}
type LoadedAssessment = Extract<Awaited<ReturnType<typeof submittedAssessment>>, { status: "ok" }>;

/** The engine on the validated answers: the same model and plant profile the submission used. */
function scoreValidated(loaded: LoadedAssessment, reviews: ValidationReviews, mode: "draft" | "submission"): AssessmentResult {
  return scoreAssessment(loaded.model, toEngineAnswers(validatedAnswers(loaded.assessment.answers, reviews)), { mode, profile: loaded.assessment.profile });
}

function comparisonFor(loaded: LoadedAssessment, reviews: ValidationReviews, validatedResult: AssessmentResult): ValidationComparison {
  const { answers, result, profile } = loaded.assessment;
  return compareValidation({ model: loaded.model, profile, selfAnswers: answers, selfResult: result, reviews, validatedResult });
}

async function versionsOf(assessmentId: string) {
  const rows = await prisma.validation.findMany({ where: { assessmentId }, orderBy: { version: "desc" }, select: validationSelect });
  return rows.map(parseValidation);
}

export type VersionSummary = ReturnType<typeof versionSummary>;
function versionSummary(v: StoredValidation) {
  return {
    id: v.id,
    version: v.version,
    status: v.status,
    consultancyName: v.consultancyName,
    issuedByName: v.issuedByName,
    issuedAt: v.issuedAt,
    level: v.level,
    overall: v.overall,
    updatedAt: v.updatedAt,
  };
}

// --- read APIs ---------------------------------------------------------------------------------

/** The newest issued validation of a factory's assessment (any consultancy), or null. */
export async function latestIssuedValidation(factoryId: string, assessmentId: string): Promise<StoredValidation | null> {
  const row = await prisma.validation.findFirst({
    where: { assessmentId, factoryId, status: "ISSUED", assessment: { organizationId: factoryId } },
    orderBy: { version: "desc" },
    select: validationSelect,
  });
  return row ? parseValidation(row) : null;
}

/**
 * `validationExists` for a page under the assessment layout: read with the layout's assessment
 * statement of this request (ADR 0033).
 */
export async function pageValidation(request: Request, factoryId: string, assessmentId: string): Promise<{ issued: boolean } | null> {
  const assessment = await assessmentOfPage(request, factoryId, assessmentId);
  return assessment?.page ? assessment.page.validation : validationExists(factoryId, assessmentId);
}

/** The newest issued validation's level and score (`latestIssuedValidation`'s), read with the layout's statement. */
export async function pageLatestIssued(request: Request, factoryId: string, assessmentId: string): Promise<{ level: number | null; overall: number | null } | null> {
  const assessment = await assessmentOfPage(request, factoryId, assessmentId);
  if (assessment?.page) return assessment.page.latestIssued;
  const validation = await latestIssuedValidation(factoryId, assessmentId);
  return validation ? { level: validation.level, overall: validation.overall } : null;
}

/** Whether the factory's results page links to the validation page: one issued, or one in progress. */
export async function validationExists(factoryId: string, assessmentId: string): Promise<{ issued: boolean } | null> {
  // On every view of a results page: the plain pg pool (ADR 0030).
  const rows = await hotSql<{ status: string }>`
    SELECT status::text AS status FROM "Validation" WHERE "assessmentId" = ${assessmentId}::uuid AND "factoryId" = ${factoryId}::uuid`;
  if (rows.length === 0) return null;
  return { issued: rows.some((row) => row.status === "ISSUED") };
}

export type ComparisonOutcome =
  | { status: "not-found" }
  | { status: "not-submitted" }
  | {
      status: "ok";
      period: string;
      /** The edition label, "2026 · 第 2 版 · 11月29日" (ADR 0022). */
      label: string;
      /** The issued validation compared (latest unless a version is asked for), null when none is issued yet. */
      issued: (VersionSummary & { comparison: ValidationComparison }) | null;
      /** A validation still in progress (reviewed/total only: the working copy stays the consultant's until issued). */
      inProgress: { version: number; consultancyName: string | null; reviewed: number; total: number } | null;
      versions: VersionSummary[];
      labels: ComparisonLabels;
      /** Every answered question: the factory's answer, its confidence tier and (once issued) the review. */
      answers: AnswerRow[];
    };

export interface AnswerRow {
  questionId: string;
  value: number | null;
  na: boolean;
  /** The engine's band for the answer (KPI: from its thresholds). */
  band: number | null;
  evidence: string[];
  tier: ConfidenceTierName;
  review: ValidationReview | null;
}

type ConfidenceTierName = ConfidenceTier;

/**
 * Self vs validated for a factory's submitted assessment: the latest issued validation (or the
 * given version), the versions, and whether one is in progress. Used by the factory's page and the
 * consultant's read-only page alike.
 */
export async function validationComparison(factoryId: string, assessmentId: string, locale: AppLocale, options: { version?: number; consultancyId?: string } = {}): Promise<ComparisonOutcome> {
  const loaded = await submittedAssessment(factoryId, assessmentId);
  if (loaded.status !== "ok") return loaded;
  const all = await versionsOf(assessmentId);
  // A consultant sees its own consultancy's validations only; the factory sees them all.
  const versions = options.consultancyId ? all.filter((v) => v.consultancyId === options.consultancyId) : all;
  const issuedRows = versions.filter((v) => v.status === "ISSUED");
  const chosen = options.version === undefined ? issuedRows[0] : issuedRows.find((v) => v.version === options.version);
  const draft = versions.find((v) => v.status === "DRAFT");
  const view = questionnaireView(loaded.questionnaire, locale);
  const issued = chosen && chosen.result ? { ...versionSummary(chosen), comparison: comparisonFor(loaded, chosen.reviews, chosen.result) } : null;
  return {
    status: "ok",
    period: loaded.assessment.period,
    label: (await assessmentLabelsByIds([assessmentId], locale)).get(assessmentId) ?? loaded.assessment.period,
    issued,
    inProgress: draft ? { version: draft.version, consultancyName: draft.consultancyName, ...reviewProgress(loaded.assessment.result, draft.reviews) } : null,
    versions: versions.map(versionSummary),
    labels: comparisonLabels(view),
    answers: answerRows(loaded, chosen?.reviews ?? {}, chosen !== undefined),
  };
}

function answerRows(loaded: LoadedAssessment, reviews: ValidationReviews, issued: boolean): AnswerRow[] {
  const { answers, result } = loaded.assessment;
  const bands = new Map(result.questions.map((q) => [q.questionId, q.status === "answered" ? q.score : null]));
  return reviewableQuestionIds(result).map((questionId) => {
    const answer = answers[questionId];
    return {
      questionId,
      value: answer?.na ? null : (answer?.value ?? null),
      na: answer?.na === true,
      band: bands.get(questionId) ?? null,
      evidence: answer?.evidence ?? [],
      tier: confidenceTier(answer, reviews[questionId], issued),
      review: issued ? (reviews[questionId] ?? null) : null,
    };
  });
}

/** Names for the comparison's ids, in the user's language (small: no help texts). */
export interface ComparisonLabels {
  levels: Record<number, string>;
  dimensions: Record<string, string>;
  capabilities: Record<string, string>;
  questions: Record<string, { number: number; title: string; type: "level" | "kpi"; unit?: string; descriptors?: string[] }>;
}

export function comparisonLabels(view: QuestionnaireView): ComparisonLabels {
  const labels: ComparisonLabels = { levels: { 0: view.belowFirstLevel }, dimensions: {}, capabilities: {}, questions: {} };
  for (const level of view.levels) labels.levels[level.level] = level.name;
  for (const d of view.dimensions) {
    labels.dimensions[d.id] = d.name;
    for (const c of d.capabilities) {
      labels.capabilities[c.id] = c.name;
      for (const q of c.questions) labels.questions[q.id] = { number: q.number, title: q.title, type: q.type, unit: q.unit, descriptors: q.descriptors };
    }
  }
  return labels;
}

// --- the consultant's workspace ---------------------------------------------------------------

export type WorkspaceOutcome =
  | { status: "not-found" }
  | { status: "not-submitted" }
  | {
      status: "ok";
      loaded: LoadedAssessment;
      view: QuestionnaireView;
      /** This consultancy's working copy, if any. */
      draft: StoredValidation | null;
      /** Another consultancy's draft holds the assessment (one working copy per assessment). */
      busy: boolean;
      lastIssued: StoredValidation | null;
      /** The number a new working copy gets. */
      nextVersion: number;
      versions: VersionSummary[];
      /** The draft's validated result so far (draft mode: unreviewed answers count as confirmed). */
      preview: ValidationComparison | null;
    };

export async function validationWorkspace(actor: ValidationActor, assessmentId: string, locale: AppLocale): Promise<WorkspaceOutcome> {
  const loaded = await submittedAssessment(actor.factoryId, assessmentId);
  if (loaded.status !== "ok") return loaded;
  const all = await versionsOf(assessmentId);
  const own = all.filter((v) => v.consultancyId === actor.consultancyId);
  const draft = own.find((v) => v.status === "DRAFT") ?? null;
  const preview = draft ? comparisonFor(loaded, draft.reviews, scoreValidated(loaded, draft.reviews, "submission")) : null;
  return {
    status: "ok",
    loaded,
    view: questionnaireView(loaded.questionnaire, locale),
    draft,
    busy: !draft && all.some((v) => v.status === "DRAFT"),
    lastIssued: own.find((v) => v.status === "ISSUED") ?? null,
    nextVersion: (all[0]?.version ?? 0) + 1,
    versions: own.map(versionSummary),
    preview,
  };
}

export type StartOutcome = { status: "created" | "existing"; version: number } | { status: "not-found" } | { status: "not-submitted" } | { status: "busy" };

/** Opens this consultancy's working copy: version 1 empty, later versions a copy of its last issued reviews. */
export async function startValidation(actor: ValidationActor, assessmentId: string): Promise<StartOutcome> {
  const loaded = await submittedAssessment(actor.factoryId, assessmentId);
  if (loaded.status !== "ok") return loaded;
  const existing = await prisma.validation.findFirst({ where: { assessmentId, status: "DRAFT" }, select: { version: true, consultancyId: true } });
  if (existing) return existing.consultancyId === actor.consultancyId ? { status: "existing", version: existing.version } : { status: "busy" };
  const [last, lastOwn] = await Promise.all([
    prisma.validation.findFirst({ where: { assessmentId }, orderBy: { version: "desc" }, select: { version: true } }),
    prisma.validation.findFirst({ where: { assessmentId, consultancyId: actor.consultancyId, status: "ISSUED" }, orderBy: { version: "desc" }, select: { reviews: true } }),
  ]);
  const version = (last?.version ?? 0) + 1;
  try {
    await prisma.validation.create({
      data: {
        assessmentId,
        factoryId: actor.factoryId,
        consultancyId: actor.consultancyId,
        engagementId: actor.engagementId,
        version,
        reviews: lastOwn ? parseStoredReviews(lastOwn.reviews) : {},
        createdById: actor.userId,
      },
    });
  } catch (error) {
    // Two first clicks at once: the unique indexes (one draft, one number per version) let one win.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const raced = await prisma.validation.findFirst({ where: { assessmentId, status: "DRAFT" }, select: { version: true, consultancyId: true } });
      if (raced?.consultancyId === actor.consultancyId) return { status: "existing", version: raced.version };
      return { status: "busy" };
    }
    throw error;
  }
  return { status: "created", version };
}

/** Which working copy the page was showing: its version and revision (a version not yet started has revision 0). */
export interface DraftRef {
  version: number;
  revision: number;
}

export type SaveOutcome =
  | { status: "saved"; version: number; revision: number }
  | { status: "stale"; revision: number }
  | { status: "issued" }
  | { status: "busy" }
  | { status: "invalid"; questionId: string }
  | { status: "not-found" }
  | { status: "not-submitted" };

async function ownDraft(actor: ValidationActor, assessmentId: string) {
  const row = await prisma.validation.findFirst({ where: { assessmentId, consultancyId: actor.consultancyId, factoryId: actor.factoryId, status: "DRAFT" }, select: validationSelect });
  return row ? parseValidation(row) : null;
}

/**
 * The draft the page was working on, or why not: that version is issued (409, an issued validation
 * never changes), someone saved in between (stale), or another consultancy holds the assessment.
 * A page showing a version not started yet (the next number, revision 0) opens it on its first save,
 * so the consultant can start reviewing without an extra click.
 */
async function draftFor(actor: ValidationActor, assessmentId: string, ref: DraftRef): Promise<{ status: "ok"; draft: StoredValidation } | Extract<SaveOutcome, { status: "stale" | "issued" | "busy" }>> {
  let draft = await ownDraft(actor, assessmentId);
  if (!draft) {
    const same = await prisma.validation.findFirst({ where: { assessmentId, consultancyId: actor.consultancyId, version: ref.version }, select: { status: true } });
    if (same?.status === "ISSUED") return { status: "issued" };
    const last = await prisma.validation.findFirst({ where: { assessmentId }, orderBy: { version: "desc" }, select: { version: true } });
    if (ref.revision !== 0 || ref.version !== (last?.version ?? 0) + 1) return { status: "stale", revision: 0 };
    const started = await startValidation(actor, assessmentId);
    if (started.status === "busy") return { status: "busy" };
    draft = await ownDraft(actor, assessmentId);
    if (!draft) return { status: "stale", revision: 0 };
  }
  if (draft.version !== ref.version) {
    const same = await prisma.validation.findFirst({ where: { assessmentId, consultancyId: actor.consultancyId, version: ref.version }, select: { status: true } });
    return same?.status === "ISSUED" ? { status: "issued" } : { status: "stale", revision: draft.revision };
  }
  if (draft.revision !== ref.revision) return { status: "stale", revision: draft.revision };
  return { status: "ok", draft };
}

/** After a conditional update matched nothing: the draft moved on, or was issued meanwhile. */
async function whyNotUpdated(id: string): Promise<Extract<SaveOutcome, { status: "stale" | "issued" }>> {
  const now = await prisma.validation.findUnique({ where: { id }, select: { revision: true, status: true } });
  return now && now.status === "DRAFT" ? { status: "stale", revision: now.revision } : { status: "issued" };
}

/** Writes the reviews if, and only if, the draft is still at the revision the page saw (else nothing is overwritten). */
async function writeReviews(draft: StoredValidation, revision: number, reviews: ValidationReviews): Promise<SaveOutcome> {
  const updated = await prisma.validation.updateMany({
    where: { id: draft.id, status: "DRAFT", revision },
    data: { reviews, revision: { increment: 1 } },
  });
  if (updated.count === 1) return { status: "saved", version: draft.version, revision: revision + 1 };
  return whyNotUpdated(draft.id);
}

/**
 * Saves reviews (null removes one) on this consultancy's draft. Only questions the factory answered
 * can be reviewed; a changed value must be one the engine accepts for the question (band 0–5,
 * KPI within its range). Everything is checked before the draft is opened or written.
 */
export async function saveReviews(actor: ValidationActor, assessmentId: string, ref: DraftRef, changes: Record<string, ValidationReview | null>): Promise<SaveOutcome> {
  const loaded = await submittedAssessment(actor.factoryId, assessmentId);
  if (loaded.status !== "ok") return loaded;
  const reviewable = new Set(reviewableQuestionIds(loaded.assessment.result));
  for (const [questionId, review] of Object.entries(changes)) {
    if (!reviewable.has(questionId)) return { status: "invalid", questionId };
    if (review?.decision !== "changed") continue;
    try {
      scoreValidated(loaded, { [questionId]: review }, "draft");
    } catch (error) {
      if (error instanceof ScoringError) return { status: "invalid", questionId };
      throw error;
    }
  }
  const found = await draftFor(actor, assessmentId, ref);
  if (found.status !== "ok") return found;
  const reviews: ValidationReviews = { ...found.draft.reviews };
  for (const [questionId, review] of Object.entries(changes)) {
    if (review === null) delete reviews[questionId];
    else reviews[questionId] = review;
  }
  return writeReviews(found.draft, ref.revision, reviews);
}

/** "Confirm all remaining": every reviewable question without a review is confirmed as answered. */
export async function confirmRemaining(actor: ValidationActor, assessmentId: string, ref: DraftRef): Promise<SaveOutcome> {
  const loaded = await submittedAssessment(actor.factoryId, assessmentId);
  if (loaded.status !== "ok") return loaded;
  const found = await draftFor(actor, assessmentId, ref);
  if (found.status !== "ok") return found;
  const reviews: ValidationReviews = { ...found.draft.reviews };
  for (const id of reviewProgress(loaded.assessment.result, found.draft.reviews).remaining) reviews[id] = { decision: "confirmed" };
  return writeReviews(found.draft, ref.revision, reviews);
}

export type IssueOutcome =
  | { status: "issued-now"; version: number; result: AssessmentResult }
  | { status: "incomplete"; remaining: number }
  | Exclude<SaveOutcome, { status: "saved" } | { status: "invalid" }>;

/**
 * Issues the draft: every reviewable question reviewed, scored in submission mode on the validated
 * answers, stored with storeResult, signed (consultant, consultancy, date) and frozen. The
 * conditional update only matches the draft at the revision the consultant saw.
 */
export async function issueValidation(actor: ValidationActor, assessmentId: string, ref: DraftRef): Promise<IssueOutcome> {
  const loaded = await submittedAssessment(actor.factoryId, assessmentId);
  if (loaded.status !== "ok") return loaded;
  const draft = await ownDraft(actor, assessmentId);
  // Nothing to issue: never opens a draft (an empty one could not be issued anyway).
  if (!draft || draft.version !== ref.version || draft.revision !== ref.revision) {
    if (draft && draft.version === ref.version) return { status: "stale", revision: draft.revision };
    const same = await prisma.validation.findFirst({ where: { assessmentId, consultancyId: actor.consultancyId, version: ref.version }, select: { status: true } });
    return same?.status === "ISSUED" ? { status: "issued" } : { status: "stale", revision: draft?.revision ?? 0 };
  }
  const progress = reviewProgress(loaded.assessment.result, draft.reviews);
  if (progress.remaining.length > 0) return { status: "incomplete", remaining: progress.remaining.length };
  const result = scoreValidated(loaded, draft.reviews, "submission");
  const updated = await prisma.validation.updateMany({
    where: { id: draft.id, status: "DRAFT", revision: ref.revision },
    data: {
      status: "ISSUED",
      result: storeResult(result),
      overall: result.overall,
      level: result.level,
      revision: { increment: 1 },
      issuedById: actor.userId,
      issuedByName: actor.userName,
      consultancyName: actor.consultancyName,
      issuedAt: new Date(),
    },
  });
  if (updated.count !== 1) return whyNotUpdated(draft.id);
  await writeAuditEntry({
    factoryId: actor.factoryId,
    consultancyId: actor.consultancyId,
    engagementId: actor.engagementId,
    userId: actor.userId,
    userName: actor.userName,
    action: "validation.issue",
    target: `assessment ${assessmentId} validation v${draft.version}`,
  });
  return { status: "issued-now", version: draft.version, result };
}
