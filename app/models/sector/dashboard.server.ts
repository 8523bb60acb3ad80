/**
 * The authority dashboard's short summary (o.$orgId._index): participation and the level mix of the
 * whole jurisdiction in its latest period, published like every other authority figure. Only for
 * an authority whose jurisdiction is set (the guard's lookup); nothing individual.
 */
import { OVERALL_ITEM_ID } from "~/domain/benchmark/statistics";
import { publishLevels } from "~/domain/disclosure";
import type {
  PublishedCount,
  PublishedQuantiles,
  PublishedShare,
} from "~/domain/disclosure/types";
import { emptyGroup, overviewHeadline } from "~/domain/sector/build";
import type { JurisdictionScope } from "~/domain/sector/filters";
import { parseSectorFilters } from "~/domain/sector/filters";
import { registeredCounts } from "~/models/aggregates.server";
import type { AppLocale, Translate } from "~/utils/i18n";
import { readPeriodGroups, sectorSetup } from "./common.server";

export interface SectorSummary {
  scope: string;
  period: string | null;
  version: string | null;
  registered: PublishedCount;
  participating: PublishedCount;
  participationShare: PublishedShare;
  median: PublishedQuantiles;
  /** Index = level 0…5. */
  levels: { name: string; count: PublishedCount; share: number | null }[];
  containsSynthetic: boolean;
  minGroup: number;
}

export async function sectorSummary(
  jurisdiction: JurisdictionScope,
  t: Translate,
  locale: AppLocale
): Promise<SectorSummary> {
  const parsed = parseSectorFilters(new URLSearchParams(), jurisdiction);
  if (!parsed.ok)
    throw new Error("the jurisdiction's own filters do not parse");
  const setup = await sectorSetup(jurisdiction, parsed.filters, t, locale);
  const { context, base } = setup;
  const [[group], [registered]] = await Promise.all([
    readPeriodGroups(
      setup,
      jurisdiction,
      setup.period,
      [base],
      [OVERALL_ITEM_ID]
    ),
    registeredCounts([base]),
  ]);
  const selected = group ?? emptyGroup(base);
  const headline = overviewHeadline(
    context,
    selected,
    registered ?? { n: 0, key: 0 }
  );
  const levels = publishLevels(selected, context.rules);
  return {
    scope: context.scope,
    period: setup.period,
    version: setup.version?.version ?? null,
    registered: headline.registered,
    participating: headline.participating,
    participationShare: headline.participationShare,
    median: headline.overallMedian,
    levels: levels.counts.map((count, level) => ({
      name: `L${level} ${context.names.levels[level] ?? ""}`.trim(),
      count,
      share: levels.shares[level] ?? null,
    })),
    containsSynthetic: headline.containsSynthetic,
    minGroup: context.rules.minGroup,
  };
}
