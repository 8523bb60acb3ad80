/**
 * Shapes the benchmark page shows: one statistic per item (or "too few peers") and the level
 * distribution rows shared by the chart and its table.
 */
import type { ItemBenchmark } from "./statistics";

export type Stat = { status: "ok"; n: number; p25: number; p50: number; p75: number; p90: number; rank: number | null } | { status: "too-few-peers" };

/** The page's view of an item's statistics; a missing item counts as too few peers. */
export function stat(item: ItemBenchmark | undefined): Stat {
  if (!item || item.status !== "ok") return { status: "too-few-peers" };
  return { status: "ok", n: item.n, p25: item.p25, p50: item.p50, p75: item.p75, p90: item.p90, rank: item.percentileRank };
}

export interface LevelRow {
  name: string;
  fullName: string;
  count: number;
  /** Per cent of the group, one decimal. */
  share: number;
  own: boolean;
}

/** One row per level (L0 first): how many peers sit there, their share, and whether it is the factory's own level. */
export function levelRows(levels: readonly { level: number; name: string }[], levelCounts: readonly number[], n: number, ownLevel: number): LevelRow[] {
  return levels.map((level) => ({
    name: `L${level.level}`,
    fullName: `L${level.level} ${level.name}`,
    count: levelCounts[level.level] ?? 0,
    share: Math.round((1000 * (levelCounts[level.level] ?? 0)) / n) / 10,
    own: level.level === ownLevel,
  }));
}
