/**
 * Assessments: start, autosave with optimistic concurrency, submit (freeze + score), revise.
 * Every function takes the organisation id verified by the route guard and scopes its queries by it.
 */
import { applyPatch, isEmptyAnswer, isNoOpPatch, toEngineAnswers, type AnswerPatch, type StoredAnswers } from "~/domain/assessment/answers";
import { carryForwardAnswers } from "~/domain/assessment/carry-forward";
import { editionNumbers } from "~/domain/assessment/label";
import { progressByDimension as progressByDimensionOf } from "~/domain/assessment/progress";
import { buildScoreRows } from "~/domain/assessment/score-rows";
import { parseStoredAnswers, parseStoredProfile, parseStoredQuestionnaire, parseStoredResult, parseStoredResultOrNull, storeResult } from "~/domain/assessment/stored";
import type { PlantProfile } from "~/domain/questionnaire/profile";
import type { Questionnaire } from "~/domain/questionnaire/schema";
import { compileModel, MissingAnswersError, ProfileRequiredError, scoreAssessment, ScoringError, UnknownQuestionError, validateDraftAnswers, type AssessmentResult, type CompiledModel } from "~/domain/scoring";
import { Prisma, type AssessmentStatus } from "~/generated/prisma/client";
import { countHitsSql, prepareRateLimits, type RateLimitCheck, type RateLimitOutcome } from "~/models/rate-limit.server";
import { hotQuery, hotSql, prisma } from "~/utils/db.server";
import { assessmentLabel, type LabelStyle } from "~/utils/assessment-label";
import { translator, type AppLocale } from "~/utils/i18n";
import { immutable } from "~/utils/render-cache.server";
import { oncePerRequest } from "~/utils/request-memo.server";

export const QUESTIONNAIRE_KEY = "future-factory";

// Published versions never change (enforced at start-up), so their parsed and compiled forms
// can be cached for the life of the process.
const modelCache = new Map<string, { questionnaire: Questionnaire; model: CompiledModel }>();

export async function loadQuestionnaireVersion(versionId: string) {
  const cached = modelCache.get(versionId);
  if (cached) return cached;
  const row = await prisma.questionnaireVersion.findUniqueOrThrow({ where: { id: versionId }, select: { content: true } });
  const questionnaire = parseStoredQuestionnaire(row.content);
  const entry = { questionnaire, model: compileModel(questionnaire) };
  modelCache.set(versionId, entry);
  return entry;
}

function compareSemver(a: string, b: string) {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

export async function currentQuestionnaireVersion() {
  const versions = await prisma.questionnaireVersion.findMany({ where: { key: QUESTIONNAIRE_KEY }, select: { id: true, version: true } });
  versions.sort((a, b) => compareSemver(b.version, a.version));
  const latest = versions[0];
  if (!latest) throw new Error("No published questionnaire: start-up syncs questionnaires/ into the database.");
  return latest;
}

interface AssessmentRow {
  id: string;
  period: string;
  status: AssessmentStatus;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  revisedFromId: string | null;
  answers: unknown;
  result: unknown;
  profile: unknown;
  questionnaireVersionId: string;
  versionLabel: string;
  overall: number | null;
  level: number | null;
  edition: number;
}

/** What only the pages under the assessment layout read with the assessment (`assessmentOfPage`). */
interface PageColumns {
  orgUpdatedAt: Date | null;
  profileUpdatedAt: Date | null;
  validations: { issued: boolean } | null;
  latestIssued: { level: number | null; overall: number | null } | null;
}

const summarySelect = {
  id: true,
  period: true,
  status: true,
  revision: true,
  createdAt: true,
  updatedAt: true,
  submittedAt: true,
  revisedFromId: true,
  questionnaireVersion: { select: { id: true, version: true } },
  score: { select: { overall: true, level: true } },
} satisfies Prisma.AssessmentSelect;

export async function listAssessments(organizationId: string) {
  return prisma.assessment.findMany({ where: { organizationId }, orderBy: [{ period: "desc" }, { createdAt: "desc" }], select: summarySelect });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Scoped by organisation: another organisation's id is simply "not found". Every assessment page
 * reads it (the layout and the page loader), so it is one raw statement instead of the ORM's three
 * (issue 14); the shape is the ORM select's, the stored JSON goes through the typed boundary.
 * `withResult: false` leaves `result` null.
 */
export async function getAssessment(organizationId: string, assessmentId: string, options: { withResult?: boolean; forPage?: boolean } = {}) {
  if (!UUID.test(assessmentId) || !UUID.test(organizationId)) return null;
  // The engine's result (~10 kB of JSON, parsed with zod) only for those who show it: not the layout.
  const withResult = options.withResult !== false;
  // The pages under the layout also need the frozen-view stamp's other half (ADR 0024) and whether a
  // validation exists: read here, in the layout's one statement, instead of one statement each (ADR 0033).
  const forPage = options.forPage === true;
  // A submitted assessment's answers that this process already holds are not read again: PostgreSQL
  // would detoast and print them and the driver parse them on every page of it, for nothing.
  const heldSince = heldAnswersSince(assessmentId);
  const [row] = await hotSql<AssessmentRow & PageColumns>`
    SELECT a.id, a.period, a.status::text AS status, a.revision, a."createdAt", a."updatedAt", a."submittedAt", a."revisedFromId",
      CASE WHEN a.status = 'SUBMITTED' AND a."updatedAt" = ${heldSince}::timestamptz THEN NULL ELSE a.answers END AS answers, CASE WHEN ${withResult} THEN a.result END AS result, a.profile, a."questionnaireVersionId", v.version AS "versionLabel", s.overall, s.level,
      -- The edition ("第 2 版", ADR 0022) rides along: same order as assessmentEdition, no second round trip.
      (SELECT count(*)::int + 1 FROM "Assessment" e
        WHERE e."organizationId" = a."organizationId" AND e.period = a.period AND (e."createdAt", e.id) < (a."createdAt", a.id)) AS edition,
      CASE WHEN ${forPage} THEN (SELECT o."updatedAt" FROM "Organization" o WHERE o.id = a."organizationId") END AS "orgUpdatedAt",
      CASE WHEN ${forPage} THEN (SELECT f."updatedAt" FROM "FactoryProfile" f WHERE f."organizationId" = a."organizationId") END AS "profileUpdatedAt",
      -- As validationExists and latestIssuedValidation read them (the factory's own validations).
      CASE WHEN ${forPage} THEN (SELECT json_build_object('issued', bool_or(x.status = 'ISSUED')) FROM "Validation" x
        WHERE x."assessmentId" = a.id AND x."factoryId" = a."organizationId" HAVING count(*) > 0) END AS validations,
      CASE WHEN ${forPage} THEN (SELECT json_build_object('level', x.level, 'overall', x.overall) FROM "Validation" x
        WHERE x."assessmentId" = a.id AND x."factoryId" = a."organizationId" AND x.status = 'ISSUED' ORDER BY x.version DESC LIMIT 1) END AS "latestIssued"
    FROM "Assessment" a
    JOIN "QuestionnaireVersion" v ON v.id = a."questionnaireVersionId"
    LEFT JOIN "AssessmentScore" s ON s."assessmentId" = a.id
    WHERE a.id = ${assessmentId}::uuid AND a."organizationId" = ${organizationId}::uuid`;
  if (!row) return null;
  return {
    id: row.id,
    period: row.period,
    edition: row.edition,
    status: row.status,
    revision: row.revision,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    submittedAt: row.submittedAt,
    revisedFromId: row.revisedFromId,
    questionnaireVersion: { id: row.questionnaireVersionId, version: row.versionLabel },
    score: row.overall === null || row.level === null ? null : { overall: row.overall, level: row.level },
    questionnaireVersionId: row.questionnaireVersionId,
    answers: await answersOfRow(row),
    result: parseStoredResultOrNull(row.result),
    profile: parseStoredProfile(row.profile),
    page: forPage
      ? {
          /** The frozen-view stamp's parts besides the assessment's (see frozenStamp). */
          orgUpdatedAt: row.orgUpdatedAt,
          profileUpdatedAt: row.profileUpdatedAt,
          /** As validationExists answers it. */
          validation: row.validations,
          /** The newest issued validation's level and score, as latestIssuedValidation reads them. */
          latestIssued: row.latestIssued,
        }
      : null,
  };
}

/**
 * A submitted assessment's answers never change (the database refuses it, ADR 0007), yet every page
 * of it parsed them again: the layout reads them for its progress. So they are parsed once per
 * process and shared, frozen (a change would throw), and getAssessment does not even read them again
 * while they are held here. A draft's are read and parsed on every read.
 */
const frozenAnswers = new Map<string, { updatedAt: number; answers: StoredAnswers }>();
const MAX_FROZEN_ANSWERS = 1_000;

/** When the answers of submitted assessment `id` held here were stored (null: none held). */
function heldAnswersSince(id: string): Date | null {
  const held = frozenAnswers.get(id);
  return held ? new Date(held.updatedAt) : null;
}

async function answersOfRow(row: { id: string; status: string; updatedAt: Date; answers: unknown }): Promise<StoredAnswers> {
  if (row.status === "DRAFT") return parseStoredAnswers(row.answers);
  const held = frozenAnswers.get(row.id);
  if (held && held.updatedAt === row.updatedAt.getTime()) return held.answers;
  // Not held; or left out of the row as held, then dropped by another request before it arrived.
  const stored =
    row.answers ??
    (await hotSql<{ answers: unknown }>`SELECT answers FROM "Assessment" WHERE id = ${row.id}::uuid AND "updatedAt" = ${row.updatedAt}::timestamptz`)[0]?.answers;
  const answers = immutable(parseStoredAnswers(stored));
  if (frozenAnswers.size >= MAX_FROZEN_ANSWERS && !frozenAnswers.has(row.id)) frozenAnswers.delete(frozenAnswers.keys().next().value!);
  frozenAnswers.set(row.id, { updatedAt: row.updatedAt.getTime(), answers });
  return answers;
}

/**
 * The assessment as the pages under the assessment layout show it (no engine result), read once per
 * page request: the layout loader and the page's loader share the read.
 */
export function assessmentOfPage(request: Request, organizationId: string, assessmentId: string) {
  return oncePerRequest(request, `assessment:${organizationId}:${assessmentId}`, () => getAssessment(organizationId, assessmentId, { withResult: false, forPage: true }));
}

/**
 * The edition number ("第 2 版") of one assessment: how many of its period's assessments were started
 * before it, plus one (the same order as editionNumbers in app/domain/assessment/label.ts).
 */
export async function assessmentEdition(organizationId: string, assessment: { id: string; period: string; createdAt: Date }): Promise<number> {
  const earlier = await prisma.assessment.count({
    where: {
      organizationId,
      period: assessment.period,
      OR: [{ createdAt: { lt: assessment.createdAt } }, { createdAt: assessment.createdAt, id: { lt: assessment.id } }],
    },
  });
  return earlier + 1;
}

export type ProfileOutcome = { status: "saved" } | { status: "submitted" } | { status: "not-found" };

/**
 * States or changes a draft's plant profile. Answers are never touched: those to questions the
 * new profile excludes are kept (hidden, not scored) and come back if the profile changes back.
 * The revision moves on, because the questions the draft shows have changed.
 */
export async function savePlantProfile(organizationId: string, assessmentId: string, userId: string, profile: PlantProfile): Promise<ProfileOutcome> {
  const current = await prisma.assessment.findFirst({ where: { id: assessmentId, organizationId }, select: { status: true, profile: true } });
  if (!current) return { status: "not-found" };
  if (current.status === "SUBMITTED") return { status: "submitted" };
  // Saving the profile it already has changes nothing (and must not put other tabs in conflict).
  if (sameProfile(parseStoredProfile(current.profile), profile)) return { status: "saved" };
  const updated = await prisma.assessment.updateMany({
    where: { id: assessmentId, organizationId, status: "DRAFT" },
    data: { profile, revision: { increment: 1 }, updatedById: userId },
  });
  if (updated.count === 1) return { status: "saved" };
  const exists = await prisma.assessment.findFirst({ where: { id: assessmentId, organizationId }, select: { status: true } });
  return exists ? { status: "submitted" } : { status: "not-found" };
}

function sameProfile(a: PlantProfile | null, b: PlantProfile): boolean {
  if (!a) return false;
  const markets = (p: PlantProfile) => [...p.markets].sort().join(",");
  return a.productionType === b.productionType && markets(a) === markets(b) && a.productVariety === b.productVariety && a.sites === b.sites;
}

/** The profile of the organisation's latest other assessment that has one: the defaults of a new profile step. */
export async function previousPlantProfile(organizationId: string, exceptAssessmentId: string): Promise<PlantProfile | null> {
  const row = await prisma.assessment.findFirst({
    where: { organizationId, id: { not: exceptAssessmentId }, profile: { not: Prisma.AnyNull } },
    orderBy: [{ period: "desc" }, { createdAt: "desc" }],
    select: { profile: true },
  });
  return row ? parseStoredProfile(row.profile) : null;
}

export type StartOutcome = { status: "created" | "existing"; id: string } | { status: "profile-missing" };

/** Starting twice for the same period returns the open draft (a unique index enforces one draft per period). */
export async function startAssessment(organizationId: string, userId: string, period: string): Promise<StartOutcome> {
  const profile = await prisma.factoryProfile.findUnique({ where: { organizationId }, select: { organizationId: true } });
  if (!profile) return { status: "profile-missing" };
  const existing = await prisma.assessment.findFirst({ where: { organizationId, period, status: "DRAFT" }, select: { id: true } });
  if (existing) return { status: "existing", id: existing.id };
  const version = await currentQuestionnaireVersion();
  try {
    const created = await prisma.assessment.create({
      data: { organizationId, period, questionnaireVersionId: version.id, createdById: userId, updatedById: userId },
      select: { id: true },
    });
    return { status: "created", id: created.id };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const raced = await prisma.assessment.findFirstOrThrow({ where: { organizationId, period, status: "DRAFT" }, select: { id: true } });
      return { status: "existing", id: raced.id };
    }
    throw error;
  }
}

export type SaveOutcome =
  | { status: "saved"; revision: number; savedAt: Date }
  | { status: "stale"; revision: number; answers: StoredAnswers; updatedAt: Date }
  | { status: "submitted" }
  | { status: "invalid"; error: ScoringError }
  | { status: "rate-limited"; limit: RateLimitOutcome }
  | { status: "not-found" };

/**
 * What this process last knew of a draft it saved or read: its state at `revision` (written at
 * `updatedAt`). Every writer of a draft's answers or plant profile moves the revision on (autosave,
 * the profile step, submission), so while the row is still at this revision and timestamp — which
 * the conditional UPDATE itself checks — its answers, profile and version are exactly these. That
 * lets a save validate without reading the row first: one statement instead of two (issue 14). A
 * row that moved on (another process, tab or colleague) matches nothing and takes the reading path.
 * Bounded, least recently used first; an entry is the draft's answers: a few kB typically, at most
 * ≈ 0.3 MB (53 questions with full notes and links), so 500 entries stay under ≈ 150 MB even then.
 * A draft that is not remembered just takes the reading path.
 */
interface KnownDraft {
  revision: number;
  updatedAt: Date;
  versionId: string;
  profile: unknown;
  answers: StoredAnswers;
}
const KNOWN_DRAFTS_MAX = 500;
const knownDrafts = new Map<string, KnownDraft>();

function rememberDraft(key: string, draft: KnownDraft) {
  knownDrafts.delete(key);
  knownDrafts.set(key, draft);
  if (knownDrafts.size > KNOWN_DRAFTS_MAX) knownDrafts.delete(knownDrafts.keys().next().value!);
}

/** Forgets every remembered draft (tests; not needed for correctness, the UPDATE checks the state). */
export function forgetKnownDrafts() {
  knownDrafts.clear();
}

type Validation = { ok: true; merged: StoredAnswers } | { ok: false; error: ScoringError };

/** The checks of a save against the draft's questionnaire version and plant profile; no database. */
function validatePatch(model: CompiledModel, stored: StoredAnswers, profile: unknown, changes: AnswerPatch["changes"]): Validation {
  // Notes alone never reach the scoring engine, so ids are checked here: nothing is stored under
  // a key the questionnaire does not have (`constructor`, a typo, another version's question).
  const unknown = Object.keys(changes).find((questionId) => !model.questionIndex.has(questionId));
  if (unknown !== undefined) return { ok: false, error: new UnknownQuestionError(unknown) };
  const merged = applyPatch(stored, changes);
  try {
    // Answers to questions the plant profile excludes are accepted and kept (the engine ignores them);
    // without a profile a 2.0.0 draft takes no answers (ProfileRequiredError, a 400).
    // Validation only: the response carries no scores, so the draft is not scored on every save.
    validateDraftAnswers(model, toEngineAnswers(merged), parseStoredProfile(profile));
  } catch (error) {
    if (error instanceof ScoringError) return { ok: false, error };
    throw error;
  }
  return { ok: true, merged };
}

/**
 * The one write of a save: only while the draft is still DRAFT at the revision (and, when given,
 * the timestamp) the answers were validated against. The database applies the changes to what it
 * holds (removed questions deleted, changed ones replaced whole: the same as `applyPatch`), so a
 * save never writes back a stale copy of the other answers.
 */
function updatePatchSql(organizationId: string, assessmentId: string, userId: string, patch: AnswerPatch, savedAt: Date, seenAt: Date | null) {
  const set: StoredAnswers = {};
  const removed: string[] = [];
  for (const [questionId, answer] of Object.entries(patch.changes)) {
    if (answer === null || isEmptyAnswer(answer)) removed.push(questionId);
    else set[questionId] = answer;
  }
  return Prisma.sql`
    UPDATE "Assessment"
    SET answers = (answers - ${removed}::text[]) || ${JSON.stringify(set)}::jsonb, revision = revision + 1, "updatedById" = ${userId}::uuid, "updatedAt" = ${savedAt}
    WHERE id = ${assessmentId}::uuid AND "organizationId" = ${organizationId}::uuid AND status = 'DRAFT' AND revision = ${patch.revision}
      AND (${seenAt}::timestamptz IS NULL OR "updatedAt" = ${seenAt}::timestamptz)`;
}

type PreparedLimits = ReturnType<typeof prepareRateLimits>;

/**
 * The write, with the rate limit's count in the same statement when there is one: the hits are
 * counted whatever happens, and the answers change only if every window is still within its limit.
 */
async function writePatch(update: Prisma.Sql, limits: PreparedLimits | undefined): Promise<{ updated: number; limit?: RateLimitOutcome }> {
  // The save's statements go through the plain pg pool (ADR 0030).
  if (!limits || limits.rows.length === 0) return { updated: (await hotQuery<{ saved: number }>(Prisma.sql`WITH saved AS (${update} RETURNING 1) SELECT count(*)::int AS saved FROM saved`))[0]?.saved ?? 0 };
  const [row] = await hotSql<{ hits: { key: string; count: number }[]; saved: number }>`
    WITH hits AS (${countHitsSql(limits.rows)}),
    refused AS (
      SELECT 1 FROM hits JOIN unnest(${limits.rows.map((r) => r.key)}::text[], ${limits.rows.map((r) => r.limit)}::int[]) AS l(k, lim) ON l.k = hits."key"
      WHERE hits."count" > l.lim),
    saved AS (${update} AND NOT EXISTS (SELECT 1 FROM refused) RETURNING 1)
    SELECT (SELECT coalesce(json_agg(json_build_object('key', "key", 'count', "count")), '[]'::json) FROM hits) AS hits, (SELECT count(*)::int FROM saved) AS saved`;
  return { updated: row?.saved ?? 0, limit: limits.outcome(row?.hits ?? []) };
}

/**
 * Applies an autosave patch if, and only if, the draft is still at the revision the browser saw.
 * The answers are validated by the scoring engine (unknown question, range, N/A rules) first.
 * `rateLimits` are counted once per call, refused ones before anything is stored ("rate-limited").
 * The hot path of the product (one call per autosave): when this process knows the draft at the
 * patch's revision, one statement (count + conditional UPDATE); otherwise count, read and UPDATE.
 */
export async function saveAnswers(
  organizationId: string,
  assessmentId: string,
  userId: string,
  patch: AnswerPatch,
  options: { rateLimits?: RateLimitCheck[] } = {},
): Promise<SaveOutcome> {
  const key = `${organizationId}:${assessmentId}`;
  const limits = options.rateLimits?.length ? prepareRateLimits(options.rateLimits) : undefined;
  let counted = false;
  const known = knownDrafts.get(key);
  if (known && known.revision === patch.revision) {
    const { model } = await loadQuestionnaireVersion(known.versionId);
    const checked = validatePatch(model, known.answers, known.profile, patch.changes);
    // A refused or no-op patch is rare: the reading path answers it exactly as before (a stale
    // revision is reported before a refusal, and a no-op needs the row's current revision).
    if (checked.ok && !isNoOpPatch(known.answers, patch.changes)) {
      const savedAt = new Date();
      const written = await writePatch(updatePatchSql(organizationId, assessmentId, userId, patch, savedAt, known.updatedAt), limits);
      counted = true;
      if (written.limit && !written.limit.allowed) return { status: "rate-limited", limit: written.limit };
      if (written.updated === 1) {
        rememberDraft(key, { ...known, revision: patch.revision + 1, updatedAt: savedAt, answers: checked.merged });
        return { status: "saved", revision: patch.revision + 1, savedAt };
      }
    }
  }
  knownDrafts.delete(key);
  if (limits && !counted) {
    const limit = limits.outcome(await hotQuery<{ key: string; count: number }>(countHitsSql(limits.rows)));
    if (!limit.allowed) return { status: "rate-limited", limit };
  }
  return saveAnswersAfterReading(organizationId, assessmentId, userId, patch, key);
}

async function saveAnswersAfterReading(organizationId: string, assessmentId: string, userId: string, patch: AnswerPatch, key: string): Promise<SaveOutcome> {
  const [current] = await hotSql<{ status: string; revision: number; answers: unknown; profile: unknown; updatedAt: Date; questionnaireVersionId: string }>`
    SELECT status::text AS status, revision, answers, profile, "updatedAt", "questionnaireVersionId"
    FROM "Assessment" WHERE id = ${assessmentId}::uuid AND "organizationId" = ${organizationId}::uuid`;
  if (!current) return { status: "not-found" };
  if (current.status === "SUBMITTED") return { status: "submitted" };
  const stored = parseStoredAnswers(current.answers);
  // After a 409 the page saves again on top of the revision it was told: that save can then skip the read.
  rememberDraft(key, { revision: current.revision, updatedAt: current.updatedAt, versionId: current.questionnaireVersionId, profile: current.profile, answers: stored });
  if (current.revision !== patch.revision) {
    return { status: "stale", revision: current.revision, answers: stored, updatedAt: current.updatedAt };
  }
  const { model } = await loadQuestionnaireVersion(current.questionnaireVersionId);
  const checked = validatePatch(model, stored, current.profile, patch.changes);
  if (!checked.ok) return { status: "invalid", error: checked.error };
  // Saving what is already stored changes nothing and must not bump the revision (other tabs would see a conflict).
  if (isNoOpPatch(stored, patch.changes)) return { status: "saved", revision: current.revision, savedAt: current.updatedAt };
  const savedAt = new Date();
  // Conditional on the revision we read (not on the timestamp: a row at this revision holds these answers).
  const { updated } = await writePatch(updatePatchSql(organizationId, assessmentId, userId, patch, savedAt, null), undefined);
  if (updated === 1) {
    rememberDraft(key, { revision: patch.revision + 1, updatedAt: savedAt, versionId: current.questionnaireVersionId, profile: current.profile, answers: checked.merged });
    return { status: "saved", revision: patch.revision + 1, savedAt };
  }
  knownDrafts.delete(key);
  // Someone saved (or submitted) between our read and our write: report the state they left.
  const now = await prisma.assessment.findFirstOrThrow({ where: { id: assessmentId }, select: { status: true, revision: true, answers: true, updatedAt: true } });
  if (now.status === "SUBMITTED") return { status: "submitted" };
  return { status: "stale", revision: now.revision, answers: parseStoredAnswers(now.answers), updatedAt: now.updatedAt };
}

export type SubmitOutcome =
  | { status: "submitted" | "already-submitted"; result: AssessmentResult }
  | { status: "incomplete"; missing: string[] }
  | { status: "invalid"; error: ScoringError }
  | { status: "profile-missing" }
  | { status: "not-found" };

/**
 * Freezes the answers, scores them in submission mode and writes the denormalised score rows,
 * all in one transaction. Submitting twice returns the first result.
 */
export async function submitAssessment(organizationId: string, assessmentId: string, userId: string): Promise<SubmitOutcome> {
  return prisma.$transaction(async (tx) => {
    // Row lock: a concurrent autosave or second submit waits, then sees the new state.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Assessment" WHERE id = ${assessmentId}::uuid AND "organizationId" = ${organizationId}::uuid FOR UPDATE`;
    if (locked.length === 0) return { status: "not-found" } as const;
    const assessment = await tx.assessment.findUniqueOrThrow({
      where: { id: assessmentId },
      select: { status: true, answers: true, result: true, profile: true, period: true, questionnaireVersionId: true },
    });
    if (assessment.status === "SUBMITTED") return { status: "already-submitted", result: parseStoredResult(assessment.result) } as const;
    const profile = await tx.factoryProfile.findUnique({ where: { organizationId }, select: { industryCode: true, regionCode: true, sizeBand: true } });
    if (!profile) return { status: "profile-missing" } as const;

    const { model } = await loadQuestionnaireVersion(assessment.questionnaireVersionId);
    let result: AssessmentResult;
    try {
      result = scoreAssessment(model, toEngineAnswers(parseStoredAnswers(assessment.answers)), { mode: "submission", profile: parseStoredProfile(assessment.profile) });
    } catch (error) {
      if (error instanceof MissingAnswersError) return { status: "incomplete", missing: error.details.questionIds } as const;
      if (error instanceof ScoringError) return { status: "invalid", error } as const;
      throw error;
    }
    const submittedAt = new Date();
    const rows = buildScoreRows(result, profile);
    await tx.assessment.update({
      where: { id: assessmentId },
      data: { status: "SUBMITTED", result: storeResult(result), submittedAt, submittedById: userId, revision: { increment: 1 } },
    });
    await tx.assessmentScore.create({
      data: { assessmentId, organizationId, questionnaireVersionId: assessment.questionnaireVersionId, period: assessment.period, submittedAt, ...rows.score },
    });
    await tx.assessmentItemScore.createMany({ data: rows.items.map((item) => ({ assessmentId, ...item })) });
    return { status: "submitted", result } as const;
  });
}

export type ReviseOutcome = { status: "created" | "existing"; id: string } | { status: "not-submitted" } | { status: "not-found" };

/**
 * A new draft for the same period on the latest questionnaire version, prefilled with the
 * submitted answers: as they are on the same version, carried forward through the version's
 * declared mapping from an older one (1.0.0 → 2.0.0; N/A answers are dropped). The plant profile
 * comes along when the source has one; a revision of a 1.0.0 assessment starts at the profile step.
 */
export async function reviseAssessment(organizationId: string, assessmentId: string, userId: string): Promise<ReviseOutcome> {
  const source = await prisma.assessment.findFirst({
    where: { id: assessmentId, organizationId },
    select: { status: true, period: true, answers: true, profile: true, questionnaireVersion: { select: { version: true } } },
  });
  if (!source) return { status: "not-found" };
  if (source.status !== "SUBMITTED") return { status: "not-submitted" };
  const open = await prisma.assessment.findFirst({ where: { organizationId, period: source.period, status: "DRAFT" }, select: { id: true } });
  if (open) return { status: "existing", id: open.id };
  const latest = await currentQuestionnaireVersion();
  const { questionnaire } = await loadQuestionnaireVersion(latest.id);
  const answers = carryForwardAnswers(questionnaire, source.questionnaireVersion.version, parseStoredAnswers(source.answers));
  const profile = questionnaire.usesPlantProfile ? parseStoredProfile(source.profile) : null;
  const draft = await prisma.assessment.create({
    data: {
      organizationId,
      period: source.period,
      questionnaireVersionId: latest.id,
      answers,
      ...(profile ? { profile } : {}),
      revisedFromId: assessmentId,
      createdById: userId,
      updatedById: userId,
    },
    select: { id: true },
  });
  return { status: "created", id: draft.id };
}

export async function hasFactoryProfile(organizationId: string) {
  return (await prisma.factoryProfile.count({ where: { organizationId } })) > 0;
}

/** Submitted assessments in period order with overall and dimension scores, for the trend chart. */
export async function scoreHistory(organizationId: string) {
  const rows = await prisma.assessment.findMany({
    where: { organizationId, status: "SUBMITTED" },
    orderBy: [{ period: "asc" }, { submittedAt: "asc" }],
    select: { id: true, period: true, result: true, createdAt: true, submittedAt: true },
  });
  return rows.map((row) => {
    const result = parseStoredResult(row.result);
    const dimensions = Object.fromEntries(result.dimensions.map((d) => [d.dimensionId, d.status === "scored" ? d.score : null]));
    return { id: row.id, period: row.period, createdAt: row.createdAt, submittedAt: row.submittedAt, overall: result.overall, level: result.level, dimensions };
  });
}

// Pure: lives in the domain with the form's live count; re-exported for the routes that load a draft.
export { progressByDimension } from "~/domain/assessment/progress";

/**
 * The questions a submission would still miss (unanswered, or N/A without a reason). Questions the
 * plant profile excludes are never missing; without a required profile every question is.
 */
export async function missingAnswers(assessment: { questionnaireVersionId: string; answers: StoredAnswers; profile: PlantProfile | null }) {
  const { model, questionnaire } = await loadQuestionnaireVersion(assessment.questionnaireVersionId);
  try {
    scoreAssessment(model, toEngineAnswers(assessment.answers), { mode: "submission", profile: assessment.profile });
    return [];
  } catch (error) {
    if (error instanceof MissingAnswersError) return error.details.questionIds;
    if (error instanceof ProfileRequiredError) return questionnaire.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions.map((q) => q.id)));
    if (error instanceof ScoringError) return [error.details && "questionId" in error.details ? String(error.details.questionId) : ""].filter(Boolean);
    throw error;
  }
}

/**
 * The dashboard's view of a factory's assessments: the latest submission with the one before it
 * (for the trend), and the open draft with its progress. Two queries: the summaries (a factory
 * has a handful) and the newest draft's answers.
 */
export async function factoryStanding(organizationId: string) {
  const rows = await listAssessments(organizationId);
  const editions = editionNumbers(rows);
  const submitted = rows.filter((row) => row.status === "SUBMITTED" && row.score && row.submittedAt).sort((a, b) => b.submittedAt!.getTime() - a.submittedAt!.getTime());
  const draftRow = rows.filter((row) => row.status === "DRAFT").sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0];
  const point = (row: (typeof submitted)[number]) => ({
    id: row.id,
    period: row.period,
    edition: editions.get(row.id)!,
    submittedAt: row.submittedAt!,
    overall: row.score!.overall,
    level: row.score!.level,
    questionnaireVersionId: row.questionnaireVersion.id,
  });
  let draft = null;
  if (draftRow) {
    const stored = await prisma.assessment.findUniqueOrThrow({ where: { id: draftRow.id }, select: { answers: true, profile: true } });
    const { questionnaire } = await loadQuestionnaireVersion(draftRow.questionnaireVersion.id);
    const profile = parseStoredProfile(stored.profile);
    const progress = progressByDimensionOf(questionnaire, parseStoredAnswers(stored.answers), questionnaire.usesPlantProfile ? profile : null);
    draft = {
      id: draftRow.id,
      period: draftRow.period,
      edition: editions.get(draftRow.id)!,
      updatedAt: draftRow.updatedAt,
      answered: progress.reduce((sum, p) => sum + p.answered, 0),
      total: progress.reduce((sum, p) => sum + p.total, 0),
      // A 2.0.0 draft without its plant profile starts at the profile step.
      needsProfile: questionnaire.usesPlantProfile === true && profile === null,
    };
  }
  return { latest: submitted[0] ? point(submitted[0]) : null, previous: submitted[1] ? point(submitted[1]) : null, draft, count: rows.length };
}

/**
 * Edition labels ("2026 · 第 2 版 · 11月29日", ADR 0022) for assessments picked by id, of any
 * organisations: consultant pages, exports and e-mails name assessments one or a few at a time.
 * The caller has already scoped the ids (the engagement guard, the portfolio query); this only
 * numbers them, in one statement, in the same order as editionNumbers.
 */
export async function assessmentLabelsByIds(ids: readonly string[], locale: AppLocale, style: LabelStyle = "full"): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
  if (wanted.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ id: string; period: string; status: AssessmentStatus; submittedAt: Date | null; edition: number }[]>`
    SELECT id, period, status, "submittedAt", edition FROM (
      SELECT a.id, a.period, a.status::text AS status, a."submittedAt",
        row_number() OVER (PARTITION BY a."organizationId", a.period ORDER BY a."createdAt", a.id)::int AS edition
      FROM "Assessment" a
      WHERE (a."organizationId", a.period) IN (SELECT "organizationId", period FROM "Assessment" WHERE id = ANY(${wanted}::uuid[]))
    ) numbered
    WHERE id = ANY(${wanted}::uuid[])`;
  const t = translator(locale);
  return new Map(rows.map((row) => [row.id, assessmentLabel(t, locale, row, style)]));
}
