/**
 * The whole benchmark computed in memory, independently of the SQL: which rows are peers, which
 * group is used after the fallback, and every statistic. The integration tests run both on random
 * populations and require the same answers. Not for production use (it holds the population).
 */
import { fallbackChain, inGroup, type FallbackStep, type PeerGroupSpec, type ProfileSnapshot } from "./groups";
import { itemBenchmark, levelCounts, OVERALL_ITEM_ID, type ItemBenchmark, type ItemType } from "./statistics";
import { windowStart } from "./window";

export interface ScoreRecord extends ProfileSnapshot {
  assessmentId: string;
  organizationId: string;
  questionnaireVersionId: string;
  submittedAt: Date;
  overall: number;
  level: number;
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

function itemBenchmarks(members: readonly ScoreRecord[], own: { overall: number; items: ScoreRecord["items"] }, minGroup: number): ItemBenchmark[] {
  const result: ItemBenchmark[] = [itemBenchmark("OVERALL", OVERALL_ITEM_ID, members.map((member) => member.overall), own.overall, minGroup)];
  for (const item of own.items) {
    const scores = members.map((member) => member.items.find((candidate) => candidate.itemId === item.itemId)?.score ?? null);
    result.push(itemBenchmark(item.itemType satisfies ItemType, item.itemId, scores, item.score, minGroup));
  }
  return result;
}
