/**
 * Peer benchmarks, computed in PostgreSQL on the denormalised score rows (AssessmentScore,
 * AssessmentItemScore). Nothing but aggregates leaves the database: no peer row, no statistic of
 * fewer than k peers (the SQL itself returns NULL below k). Definitions: docs/benchmarking.md and
 * app/domain/benchmark/statistics.ts (the TypeScript reference the tests compare with).
 *
 * Every query is a Prisma.sql tagged template: values are always bound parameters; the only
 * composition is of fixed fragments chosen by the (validated) group spec.
 */
import {
  DEFAULT_MIN_GROUP,
  defaultGroup,
  fallbackChain,
  type FallbackStep,
  type PeerGroupSpec,
  type ProfileSnapshot,
} from "~/domain/benchmark/groups";
import { POPULATION_ID_MAX, POPULATION_ID_MIN } from "~/domain/benchmark/population";
import { OVERALL_ITEM_ID, peerGaps, TIE_TOLERANCE, type ItemBenchmark, type ItemType } from "~/domain/benchmark/statistics";
import { parseStoredResultOrNull } from "~/domain/assessment/stored";
import { windowStart } from "~/domain/benchmark/window";
import type { AssessmentResult } from "~/domain/scoring";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

let cachedMinGroup: number | undefined;

/** k from BENCHMARK_MIN_GROUP (default 5, 3…1000); an invalid value throws (checked at start-up too). */
export function benchmarkMinGroup(): number {
  cachedMinGroup ??= getEnv().BENCHMARK_MIN_GROUP;
  return cachedMinGroup;
}
export { DEFAULT_MIN_GROUP };

// ---------------------------------------------------------------------------------------------
// The factory's own assessment

export interface BenchmarkSubject {
  assessmentId: string;
  organizationId: string;
  questionnaireVersionId: string;
  period: string;
  submittedAt: Date;
  snapshot: ProfileSnapshot;
  overall: number;
  level: number;
  items: { itemType: "DIMENSION" | "CAPABILITY"; itemId: string; score: number | null }[];
  /** Only with `withResult`. */
  result: AssessmentResult | null;
}

export type SubjectOutcome = { status: "ok"; subject: BenchmarkSubject } | { status: "not-found" } | { status: "not-submitted" };

/**
 * Scoped by organisation: another organisation's assessment is simply "not found". The engine's
 * result (≈ 10 kB of JSON) is only read when asked for (peer gaps need the capability scores).
 */
export async function findBenchmarkSubject(organizationId: string, assessmentId: string, options: { withResult?: boolean } = {}): Promise<SubjectOutcome> {
  const row = await prisma.assessment.findFirst({
    where: { id: assessmentId, organizationId },
    select: {
      status: true,
      result: options.withResult === true,
      score: true,
      itemScores: { select: { itemType: true, itemId: true, score: true } },
    },
  });
  if (!row) return { status: "not-found" };
  if (row.status !== "SUBMITTED" || !row.score) return { status: "not-submitted" };
  const { score } = row;
  return {
    status: "ok",
    subject: {
      assessmentId,
      organizationId,
      questionnaireVersionId: score.questionnaireVersionId,
      period: score.period,
      submittedAt: score.submittedAt,
      snapshot: {
        industryCode: score.industryCode,
        industryCategory: score.industryCategory,
        regionCode: score.regionCode,
        provinceCode: score.provinceCode,
        cityCode: score.cityCode,
        sizeBand: score.sizeBand,
      },
      overall: score.overall,
      level: score.level,
      items: row.itemScores.map((item) => ({ itemType: item.itemType === "DIMENSION" ? "DIMENSION" : "CAPABILITY", itemId: item.itemId, score: item.score })),
      result: parseStoredResultOrNull(row.result),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Peers

export interface PeerWindow {
  /** Peers submitted in (since, asOf]. */
  since: Date;
  asOf: Date;
}

export function peerWindow(asOf = new Date()): PeerWindow {
  return { since: windowStart(asOf), asOf };
}

type Subject = Pick<BenchmarkSubject, "organizationId" | "questionnaireVersionId">;

/** The WHERE fragment of a group: fixed SQL per filter kind, the codes as parameters. */
function groupCondition(spec: PeerGroupSpec): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  const { industry, region, size } = spec;
  if (industry.kind === "division") parts.push(Prisma.sql`s."industryCode" = ${industry.code}`);
  if (industry.kind === "category") parts.push(Prisma.sql`s."industryCategory" = ${industry.category}`);
  if (size.kind === "band") parts.push(Prisma.sql`s."sizeBand" = ${size.band}::"SizeBand"`);
  // Every region code starts with its province's two digits (regionParts), so a city or district
  // filter also names the province: the leading column of the region index.
  if (region.kind !== "all") parts.push(Prisma.sql`s."provinceCode" = ${region.code.slice(0, 2)}`);
  if (region.kind === "city") parts.push(Prisma.sql`s."cityCode" = ${region.code}`);
  if (region.kind === "district") parts.push(Prisma.sql`s."regionCode" = ${region.code}`);
  return parts.length === 0 ? Prisma.sql`TRUE` : Prisma.join(parts, " AND ");
}

/**
 * The peer rows of a group: the latest submission (same questionnaire version, up to asOf) of
 * every other organisation, if it lies in the window and matches the group. "Latest" is checked
 * against all of the organisation's rows, so a factory that moved or grew counts with its latest
 * profile only. Ties on the instant go to the larger assessment id (as in the TS reference).
 */
function peersQuery(subject: Subject, spec: PeerGroupSpec, window: PeerWindow): Prisma.Sql {
  return Prisma.sql`
    SELECT s."assessmentId", s."organizationId", s.overall, s.level
    FROM "AssessmentScore" s
    WHERE s."questionnaireVersionId" = ${subject.questionnaireVersionId}::uuid
      AND s."submittedAt" > ${window.since}::timestamptz AND s."submittedAt" <= ${window.asOf}::timestamptz
      AND s."organizationId" <> ${subject.organizationId}::uuid
      AND ${groupCondition(spec)}
      AND (s."submittedAt", s."assessmentId") = (
        SELECT latest."submittedAt", latest."assessmentId" FROM "AssessmentScore" latest
        WHERE latest."organizationId" = s."organizationId"
          AND latest."questionnaireVersionId" = s."questionnaireVersionId"
          AND latest."submittedAt" <= ${window.asOf}::timestamptz
        ORDER BY latest."submittedAt" DESC, latest."assessmentId" DESC
        LIMIT 1)`;
}

export interface GroupSize {
  n: number;
  /** Peers at level 0…5. */
  levelCounts: number[];
  /** How many of the peers are synthetic (demo population), shown as a notice. */
  synthetic: number;
}

export function groupSizeQuery(subject: Subject, spec: PeerGroupSpec, window: PeerWindow): Prisma.Sql {
  return Prisma.sql`
    WITH peers AS (${peersQuery(subject, spec, window)})
    SELECT count(*)::int AS n,
           count(*) FILTER (WHERE level = 0)::int AS l0, count(*) FILTER (WHERE level = 1)::int AS l1,
           count(*) FILTER (WHERE level = 2)::int AS l2, count(*) FILTER (WHERE level = 3)::int AS l3,
           count(*) FILTER (WHERE level = 4)::int AS l4, count(*) FILTER (WHERE level = 5)::int AS l5,
           count(*) FILTER (WHERE "organizationId" BETWEEN ${POPULATION_ID_MIN}::uuid AND ${POPULATION_ID_MAX}::uuid)::int AS synthetic
    FROM peers`;
}

/** Size and level distribution of a group (one index-driven query). */
export async function groupSize(subject: Subject, spec: PeerGroupSpec, window: PeerWindow): Promise<GroupSize> {
  const [row] = await prisma.$queryRaw<{ n: number; l0: number; l1: number; l2: number; l3: number; l4: number; l5: number; synthetic: number }[]>(
    groupSizeQuery(subject, spec, window),
  );
  return { n: row!.n, levelCounts: [row!.l0, row!.l1, row!.l2, row!.l3, row!.l4, row!.l5], synthetic: row!.synthetic };
}

export interface ResolvedGroup {
  /** The group shown, or null when even all manufacturing has fewer than k peers. */
  used: ({ spec: PeerGroupSpec; step: FallbackStep | null } & GroupSize) | null;
  /** The groups tried before it (too small); their sizes are deliberately not kept. */
  skipped: { spec: PeerGroupSpec; step: FallbackStep | null }[];
}

/** Walks the fallback chain, one count per candidate, until a group has at least k peers. */
export async function resolveGroup(subject: Subject, requested: PeerGroupSpec, minGroup: number, window: PeerWindow): Promise<ResolvedGroup> {
  const skipped: ResolvedGroup["skipped"] = [];
  for (const candidate of fallbackChain(requested)) {
    const size = await groupSize(subject, candidate.spec, window);
    if (size.n >= minGroup) return { used: { ...candidate, ...size }, skipped };
    skipped.push(candidate);
  }
  return { used: null, skipped };
}

/**
 * Percentile rank, P25/P50/P75/P90 and n of the overall score and of every dimension and
 * capability, over the group. Items with fewer than k peer scores come back as "too-few-peers"
 * (the SQL returns NULLs for them, so their values never reach the application).
 */
/** The own scores are read in SQL too: a float parameter would reach PostgreSQL rounded to 15 digits. */
type StatisticsSubject = Pick<BenchmarkSubject, "organizationId" | "questionnaireVersionId" | "assessmentId">;

export function groupStatisticsQuery(subject: StatisticsSubject, spec: PeerGroupSpec, minGroup: number, window: PeerWindow): Prisma.Sql {
  return Prisma.sql`
    WITH peers AS MATERIALIZED (${peersQuery(subject, spec, window)}),
    own AS (
      SELECT 'OVERALL'::text AS item_type, ${OVERALL_ITEM_ID}::text AS item_id, s.overall AS own_score, 0 AS position
      FROM "AssessmentScore" s WHERE s."assessmentId" = ${subject.assessmentId}::uuid
      UNION ALL
      SELECT i."itemType"::text, i."itemId"::text, i.score, 1 FROM "AssessmentItemScore" i WHERE i."assessmentId" = ${subject.assessmentId}::uuid
    ),
    peer_scores AS (
      SELECT ${OVERALL_ITEM_ID}::text AS item_id, p.overall AS score FROM peers p
      UNION ALL
      SELECT i."itemId"::text, i.score FROM peers p JOIN "AssessmentItemScore" i ON i."assessmentId" = p."assessmentId"
    ),
    aggregated AS (
      SELECT v.item_id,
             count(v.score) AS n,
             percentile_cont(0.25) WITHIN GROUP (ORDER BY v.score) AS p25,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY v.score) AS p50,
             percentile_cont(0.75) WITHIN GROUP (ORDER BY v.score) AS p75,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY v.score) AS p90,
             count(*) FILTER (WHERE v.score < o.own_score - ${TIE_TOLERANCE}::float8) AS below,
             count(*) FILTER (WHERE v.score >= o.own_score - ${TIE_TOLERANCE}::float8 AND v.score <= o.own_score + ${TIE_TOLERANCE}::float8) AS tied
      FROM peer_scores v JOIN own o ON o.item_id = v.item_id
      GROUP BY v.item_id
    )
    SELECT o.item_type, o.item_id,
           CASE WHEN a.n >= ${minGroup} THEN a.n::int END AS n,
           CASE WHEN a.n >= ${minGroup} THEN a.p25 END AS p25,
           CASE WHEN a.n >= ${minGroup} THEN a.p50 END AS p50,
           CASE WHEN a.n >= ${minGroup} THEN a.p75 END AS p75,
           CASE WHEN a.n >= ${minGroup} THEN a.p90 END AS p90,
           CASE WHEN a.n >= ${minGroup} AND o.own_score IS NOT NULL
                THEN (100 * (a.below::float8 + 0.5 * a.tied::float8)) / a.n::float8 END AS percentile_rank
    FROM own o LEFT JOIN aggregated a ON a.item_id = o.item_id
    ORDER BY o.position, o.item_id`;
}

export async function groupStatistics(subject: StatisticsSubject, spec: PeerGroupSpec, minGroup: number, window: PeerWindow): Promise<ItemBenchmark[]> {
  const rows = await prisma.$queryRaw<
    { item_type: string; item_id: string; n: number | null; p25: number | null; p50: number | null; p75: number | null; p90: number | null; percentile_rank: number | null }[]
  >(groupStatisticsQuery(subject, spec, minGroup, window));
  return rows.map((row): ItemBenchmark => {
    const itemType: ItemType = row.item_type === "OVERALL" ? "OVERALL" : row.item_type === "DIMENSION" ? "DIMENSION" : "CAPABILITY";
    if (row.n === null || row.p25 === null || row.p50 === null || row.p75 === null || row.p90 === null) return { itemType, itemId: row.item_id, status: "too-few-peers" };
    return { itemType, itemId: row.item_id, status: "ok", n: row.n, p25: row.p25, p50: row.p50, p75: row.p75, p90: row.p90, percentileRank: row.percentile_rank };
  });
}

/** EXPLAIN (ANALYZE, BUFFERS) of a benchmark query, for docs/benchmarking.md and the bench script. */
export async function explainAnalyze(query: Prisma.Sql): Promise<string> {
  const rows = await prisma.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`);
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}

// ---------------------------------------------------------------------------------------------
// What the page needs

export interface Benchmark {
  subject: BenchmarkSubject;
  requested: PeerGroupSpec;
  group: ResolvedGroup;
  items: ItemBenchmark[];
  minGroup: number;
  window: PeerWindow;
}

export type BenchmarkOutcome = { status: "ok"; benchmark: Benchmark } | { status: "not-found" } | { status: "not-submitted" };

/**
 * The benchmark of a submitted assessment of `organizationId` against the requested group (or
 * the default group: same division and size band, nationwide), with the fallback applied.
 */
export async function loadBenchmark(
  organizationId: string,
  assessmentId: string,
  requested: ((own: ProfileSnapshot) => PeerGroupSpec) | null,
  options: { asOf?: Date; minGroup?: number; withResult?: boolean } = {},
): Promise<BenchmarkOutcome> {
  const found = await findBenchmarkSubject(organizationId, assessmentId, { withResult: options.withResult });
  if (found.status !== "ok") return found;
  const { subject } = found;
  const minGroup = options.minGroup ?? benchmarkMinGroup();
  const window = peerWindow(options.asOf);
  const spec = requested ? requested(subject.snapshot) : defaultGroup(subject.snapshot);
  const group = await resolveGroup(subject, spec, minGroup, window);
  const items = group.used ? await groupStatistics(subject, group.used.spec, minGroup, window) : [];
  return { status: "ok", benchmark: { subject, requested: spec, group, items, minGroup, window } };
}

/**
 * Peer gap per capability (peer median − own score) against the default group, after fallback,
 * for `prioritise(model, result, { peerGap })`. Empty when there is no group of k peers or the
 * assessment is not a submitted one of this organisation.
 */
export async function loadPeerGaps(organizationId: string, assessmentId: string, options: { asOf?: Date; minGroup?: number } = {}): Promise<Map<string, number>> {
  const outcome = await loadBenchmark(organizationId, assessmentId, null, { ...options, withResult: true });
  if (outcome.status !== "ok" || !outcome.benchmark.subject.result) return new Map();
  return peerGaps(outcome.benchmark.subject.result, outcome.benchmark.items);
}
