/**
 * The whole benchmark computed in memory, independently of the SQL: which rows are peers, which
 * group is used after the fallback, every statistic, and every aggregate readGroups returns (true
 * counts, cell keys, level counts, histograms). The integration tests run both on random populations
 * and require the same answers. Not for production use (it holds the population).
 *
 * Statistics are defined on scores rounded to 0.01 (issue 12: the published precision, and the
 * aggregates hold histograms of hundredths): every score is rounded before anything is computed.
 */
import { LEVEL_COUNT, RECORD_KEY_MODULUS, SCORE_BINS } from "~/domain/disclosure/types";
import { fallbackChain, inGroup, type FallbackStep, type PeerGroupSpec, type ProfileSnapshot } from "./groups";
import { hundredths } from "./histogram";
import { isPopulationId } from "./population";
import { itemBenchmark, levelCounts, OVERALL_ITEM_ID, type ItemBenchmark, type ItemType } from "./statistics";
import { windowStart } from "./window";

export interface ScoreRecord extends ProfileSnapshot {
  assessmentId: string;
  organizationId: string;
  questionnaireVersionId: string;
  submittedAt: Date;
  overall: number;
  level: number;
  /** The period label (scope "period"); "2026" when not given. */
  period?: string;
  /** The row's random record key 0…255 (0 when not given). */
  recordKey?: number;
  /** Dimension and capability scores (null = insufficient data), as in AssessmentItemScore. */
  items: readonly { itemType: "DIMENSION" | "CAPABILITY"; itemId: string; score: number | null }[];
}

export interface PeerSelection {
  ownOrganizationId: string;
  questionnaireVersionId: string;
  asOf: Date;
}

/** Later submission first; equal instants are ordered by assessment id, as in the SQL. */
function isNewer(a: ScoreRecord, b: ScoreRecord): boolean {
  const difference = a.submittedAt.getTime() - b.submittedAt.getTime();
  return difference > 0 || (difference === 0 && a.assessmentId > b.assessmentId);
}

/**
 * The latest submission of every other organisation on the questionnaire version, if it lies in
 * the window (asOf − 24 months, asOf]. Rows after asOf do not exist yet as far as this is concerned.
 */
export function latestPeers(records: readonly ScoreRecord[], selection: PeerSelection): ScoreRecord[] {
  const since = windowStart(selection.asOf).getTime();
  const asOf = selection.asOf.getTime();
  const latest = new Map<string, ScoreRecord>();
  for (const record of records) {
    if (record.questionnaireVersionId !== selection.questionnaireVersionId) continue;
    if (record.submittedAt.getTime() > asOf) continue;
    const current = latest.get(record.organizationId);
    if (!current || isNewer(record, current)) latest.set(record.organizationId, record);
  }
  return [...latest.values()].filter((record) => record.organizationId !== selection.ownOrganizationId && record.submittedAt.getTime() > since);
}

export interface ReferenceBenchmark {
  /** The group whose statistics are shown, or null when even all manufacturing has fewer than k. */
  used: { spec: PeerGroupSpec; step: FallbackStep | null; n: number; levelCounts: number[] } | null;
  /** Every candidate tried, with its size (the sizes below k are never shown to users). */
  tried: { spec: PeerGroupSpec; step: FallbackStep | null; n: number }[];
  items: ItemBenchmark[];
}

export function referenceBenchmark(
  records: readonly ScoreRecord[],
  own: { overall: number; items: ScoreRecord["items"] },
  selection: PeerSelection,
  requested: PeerGroupSpec,
  minGroup: number,
): ReferenceBenchmark {
  const peers = latestPeers(records, selection);
  const tried: ReferenceBenchmark["tried"] = [];
  for (const candidate of fallbackChain(requested)) {
    const members = peers.filter((peer) => inGroup(peer, candidate.spec));
    tried.push({ ...candidate, n: members.length });
    if (members.length >= minGroup) {
      return {
        used: { ...candidate, n: members.length, levelCounts: levelCounts(members.map((member) => member.level)) },
        tried,
        items: itemBenchmarks(members, own, minGroup),
      };
    }
  }
  return { used: null, tried, items: [] };
}

/** A score rounded to 0.01 (as a number of score units), null kept. */
export function rounded(score: number | null): number | null {
  return score === null ? null : hundredths(score) / 100;
}

function itemBenchmarks(members: readonly ScoreRecord[], own: { overall: number; items: ScoreRecord["items"] }, minGroup: number): ItemBenchmark[] {
  const result: ItemBenchmark[] = [itemBenchmark("OVERALL", OVERALL_ITEM_ID, members.map((member) => rounded(member.overall)), rounded(own.overall), minGroup)];
  for (const item of own.items) {
    const scores = members.map((member) => rounded(member.items.find((candidate) => candidate.itemId === item.itemId)?.score ?? null));
    result.push(itemBenchmark(item.itemType satisfies ItemType, item.itemId, scores, rounded(item.score), minGroup));
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The aggregates (readGroups)

export type ReferenceScope = { kind: "current"; asOf: Date } | { kind: "period"; period: string };

/**
 * The contributors of a version and scope, one row per organisation: its latest submission up to
 * asOf if inside the window (current), or its latest submission with that period label (period).
 */
export function referenceContributors(records: readonly ScoreRecord[], versionId: string, scope: ReferenceScope, excludeOrganizationId?: string): ScoreRecord[] {
  const latest = new Map<string, ScoreRecord>();
  for (const record of records) {
    if (record.questionnaireVersionId !== versionId) continue;
    if (scope.kind === "current" && record.submittedAt.getTime() > scope.asOf.getTime()) continue;
    if (scope.kind === "period" && (record.period ?? "2026") !== scope.period) continue;
    const current = latest.get(record.organizationId);
    if (!current || isNewer(record, current)) latest.set(record.organizationId, record);
  }
  const since = scope.kind === "current" ? windowStart(scope.asOf).getTime() : -Infinity;
  return [...latest.values()].filter((record) => record.organizationId !== excludeOrganizationId && record.submittedAt.getTime() > since);
}

export interface ReferenceGroup {
  n: number;
  key: number;
  synthetic: number;
  levels: { n: number; key: number }[];
  /** Item id → histogram of hundredths (only items someone scored). */
  items: Map<string, number[]>;
}

/** What readGroups must return for one group over the given contributors. */
export function referenceGroup(contributors: readonly ScoreRecord[], spec: PeerGroupSpec): ReferenceGroup {
  const members = contributors.filter((record) => inGroup(record, spec));
  const keySum = (rows: readonly ScoreRecord[]) => rows.reduce((sum, row) => sum + (row.recordKey ?? 0), 0) % RECORD_KEY_MODULUS;
  const items = new Map<string, number[]>();
  const add = (itemId: string, score: number | null) => {
    if (score === null) return;
    let histogram = items.get(itemId);
    if (!histogram) items.set(itemId, (histogram = new Array<number>(SCORE_BINS).fill(0)));
    histogram[hundredths(score)]!++;
  };
  for (const member of members) {
    add(OVERALL_ITEM_ID, member.overall);
    for (const item of member.items) add(item.itemId, item.score);
  }
  return {
    n: members.length,
    key: keySum(members),
    synthetic: members.filter((member) => isPopulationId(member.organizationId)).length,
    levels: Array.from({ length: LEVEL_COUNT }, (_, level) => {
      const at = members.filter((member) => member.level === level);
      return { n: at.length, key: keySum(at) };
    }),
    items,
  };
}
