/**
 * Peer benchmarks of a submitted assessment: the group after the fallback chain, read from the
 * aggregates (app/models/aggregates.server.ts) as a RawGroup with item histograms, the own factory
 * left out. Nothing but aggregates leaves the database; the page publishes them through
 * app/domain/disclosure. Definitions: docs/benchmarking.md, app/domain/benchmark/histogram.ts
 * (statistics on scores rounded to 0.01) and ./reference.ts (the oracle the tests compare with).
 */
import {
  DEFAULT_MIN_GROUP,
  defaultGroup,
  fallbackChain,
  type FallbackStep,
  type PeerGroupSpec,
  type ProfileSnapshot,
} from "~/domain/benchmark/groups";
import { histogramItemBenchmark } from "~/domain/benchmark/histogram";
import { OVERALL_ITEM_ID, peerGaps, type ItemBenchmark } from "~/domain/benchmark/statistics";
import { publishGroup } from "~/domain/disclosure";
import { parseStoredResultOrNull } from "~/domain/assessment/stored";
import { windowStart } from "~/domain/benchmark/window";
import type { RawGroup } from "~/domain/disclosure/types";
import type { AssessmentResult } from "~/domain/scoring";
import { Prisma } from "~/generated/prisma/client";
import { readGroups } from "~/models/aggregates.server";
import { disclosureRules } from "~/models/disclosure.server";
import { analyticsDb, prisma } from "~/utils/db.server";
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
 * Scoped by organisation: another organisation's assessment is simply "not found". Read on the
 * primary (the factory's own row, right after its submission: a replica's lag must not hide it). The engine's
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

export interface ResolvedGroup {
  /**
   * The group used, or null when even all manufacturing has fewer than k peers. `raw` is the
   * server-only aggregate (true counts, item histograms, own factory left out) that the page
   * publishes through app/domain/disclosure; n, levelCounts and synthetic repeat its true values.
   */
  used: { spec: PeerGroupSpec; step: FallbackStep | null; raw: RawGroup; n: number; levelCounts: number[]; synthetic: number } | null;
  /** The groups tried before it (too small); their sizes are deliberately not kept. */
  skipped: { spec: PeerGroupSpec; step: FallbackStep | null }[];
}

/**
 * Walks the fallback chain: the counts of every candidate in one read, the first with at least k
 * peers (true n) is used and read again with its item histograms.
 */
export async function resolveGroup(
  subject: Subject,
  requested: PeerGroupSpec,
  minGroup: number,
  window: PeerWindow,
  options: { items?: boolean | readonly string[]; now?: boolean } = {},
): Promise<ResolvedGroup> {
  const items = options.items ?? true;
  const chain = fallbackChain(requested);
  // "now" reads the maintained aggregates (their window ends now); another instant needs the score rows.
  const base = { versionId: subject.questionnaireVersionId, scope: { kind: "current" } as const, excludeOrganizationId: subject.organizationId, asOf: options.now ? undefined : window.asOf };
  const counts = await readGroups({ ...base, specs: chain.map((candidate) => candidate.spec) });
  const index = counts.findIndex((group) => group.n >= minGroup);
  if (index < 0) return { used: null, skipped: chain.map(({ spec, step }) => ({ spec, step })) };
  const candidate = chain[index]!;
  const [raw] = items === false ? [counts[index]!] : await readGroups({ ...base, specs: [candidate.spec], items });
  return {
    used: { spec: candidate.spec, step: candidate.step, raw: raw!, n: raw!.n, levelCounts: raw!.levels.map((level) => level.n), synthetic: raw!.synthetic },
    skipped: chain.slice(0, index).map(({ spec, step }) => ({ spec, step })),
  };
}

/**
 * Percentile rank, P25/P50/P75/P90 and n of the overall score and of every item the subject has,
 * computed from the group's histograms (statistics on scores rounded to 0.01). Server-side: peer
 * gaps use the medians; pages publish from `raw` instead.
 */
export function itemStatistics(subject: { overall: number; items: readonly BenchmarkSubject["items"][number][] }, raw: RawGroup, minGroup: number): ItemBenchmark[] {
  return [
    histogramItemBenchmark("OVERALL", OVERALL_ITEM_ID, raw.items.get(OVERALL_ITEM_ID)?.histogram, subject.overall, minGroup),
    ...subject.items.map((item) => histogramItemBenchmark(item.itemType, item.itemId, raw.items.get(item.itemId)?.histogram, item.score, minGroup)),
  ];
}

/** EXPLAIN (ANALYZE, BUFFERS) of a query, for docs/benchmarking.md and the bench scripts. */
export async function explainAnalyze(query: Prisma.Sql): Promise<string> {
  const rows = await analyticsDb().$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`);
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}

// ---------------------------------------------------------------------------------------------
// What the page needs

export interface Benchmark {
  subject: BenchmarkSubject;
  requested: PeerGroupSpec;
  group: ResolvedGroup;
  /** Statistics from group.used.raw (server-side: peer gaps); pages publish from raw through app/domain/disclosure. */
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
  const group = await resolveGroup(subject, spec, minGroup, window, { now: options.asOf === undefined });
  const items = group.used ? itemStatistics(subject, group.used.raw, minGroup) : [];
  return { status: "ok", benchmark: { subject, requested: spec, group, items, minGroup, window } };
}

/**
 * Peer gap per capability (published peer median − own score) against the default group, after
 * fallback, for `prioritise(model, result, { peerGap })` and the results page's roadmap. Empty when there is no group of k peers or the
 * assessment is not a submitted one of this organisation.
 */
export async function loadPeerGaps(organizationId: string, assessmentId: string, options: { asOf?: Date; minGroup?: number } = {}): Promise<Map<string, number>> {
  const outcome = await loadBenchmark(organizationId, assessmentId, null, { ...options, withResult: true });
  if (outcome.status !== "ok" || !outcome.benchmark.subject.result) return new Map();
  const raw = outcome.benchmark.group.used?.raw;
  if (!raw) return new Map();
  const result = outcome.benchmark.subject.result;
  // Through the disclosure module like every published figure: the gap is shown on the results page.
  return peerGaps(result, publishGroup(raw, disclosureRules(), result.capabilities.map((capability) => capability.capabilityId)));
}
