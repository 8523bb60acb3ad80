/**
 * Shapes the benchmark page shows, built only from published values (app/domain/disclosure,
 * docs/privacy.md): per item its n, quantiles (or a median band) and the factory's own rank, and the
 * level distribution rows shared by the chart and its table. Nothing here carries a true count.
 */
import {
  publishRank,
  toHundredths,
  type DisclosureRules,
  type PublishedCount,
  type PublishedItem,
  type PublishedLevels,
  type PublishedQuantiles,
  type PublishedRank,
  type RawGroup,
} from "~/domain/disclosure";

/** One item as the page shows it. */
export interface Stat {
  n: PublishedCount;
  quantiles: PublishedQuantiles;
  /** The factory's own position; suppressed too when it has no score for the item. */
  rank: PublishedRank;
}

const SUPPRESSED = { status: "suppressed" } as const;

/** The page's view of a published item plus the own rank (from the raw histogram, published coarsened). */
export function stat(published: PublishedItem | undefined, raw: RawGroup | null, own: number | null, rules: DisclosureRules): Stat {
  if (!published) return { n: SUPPRESSED, quantiles: SUPPRESSED, rank: SUPPRESSED };
  const item = raw?.items.get(published.itemId);
  const rank = item && own !== null ? publishRank(item, toHundredths(own), rules) : SUPPRESSED;
  return { n: published.n, quantiles: published.quantiles, rank };
}

/** An own score at the precision the page shows (two decimals): the page data carries nothing finer. */
export function shownScore(score: number | null): number | null {
  return score === null ? null : toHundredths(score) / 100;
}

/** Peer gap (median − own) where an exact median is published, else null. */
export function peerGap(quantiles: PublishedQuantiles, own: number | null): number | null {
  if (quantiles.status !== "ok" || own === null) return null;
  return (Math.round(quantiles.p50 * 100) - Math.round(own * 100)) / 100;
}

export interface LevelRow {
  name: string;
  fullName: string;
  /** Published count, or null where it is suppressed ("fewer than k"). */
  count: number | null;
  /** Whole percent of the published total, null where suppressed. */
  share: number | null;
  own: boolean;
}

/** One row per level (L0 first): the published count and share, and whether it is the factory's own level. */
/** True when disclosure control withheld every level's share: there is nothing to draw (issue 13). */
export function levelsWithheld(rows: readonly Pick<LevelRow, "share">[]): boolean {
  return rows.every((row) => row.share === null);
}

export function levelRows(levels: readonly { level: number; name: string }[], published: PublishedLevels, ownLevel: number): LevelRow[] {
  return levels.map((level) => {
    const count = published.counts[level.level];
    return {
      name: `L${level.level}`,
      fullName: `L${level.level} ${level.name}`,
      count: count?.status === "ok" ? count.value : null,
      share: published.shares[level.level] ?? null,
      own: level.level === ownLevel,
    };
  });
}
