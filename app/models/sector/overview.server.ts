/**
 * The authority overview: participation by period, level distribution, dimension medians and the
 * trend across periods, for the filtered group inside the jurisdiction. Tables are built by
 * app/domain/sector/build from published values only (also written by the CSV/XLSX exports).
 */
import { OVERALL_ITEM_ID } from "~/domain/benchmark/statistics";
import { dimensionMediansTable, emptyGroup, levelsTable, overviewHeadline, participationTable, trendTable, type SectorHeadline } from "~/domain/sector/build";
import type { JurisdictionScope, SectorFilters } from "~/domain/sector/filters";
import type { SectorTable } from "~/domain/sector/table";
import { registeredCounts } from "~/models/aggregates.server";
import type { AppLocale, Translate } from "~/utils/i18n";
import { readPeriodGroups, sectorMeta, sectorSetup, type SectorView } from "./common.server";

export const OVERVIEW_TABLE_IDS = ["participation", "levels", "dimension-medians", "trend"] as const;

export interface OverviewView extends SectorView {
  headline: SectorHeadline;
}

export async function loadOverview(jurisdiction: JurisdictionScope, filters: SectorFilters, t: Translate, locale: AppLocale): Promise<OverviewView> {
  const setup = await sectorSetup(jurisdiction, filters, t, locale);
  const { context, base } = setup;
  const itemIds = [OVERALL_ITEM_ID, ...context.names.dimensions.map((dimension) => dimension.id)];
  // One read per period with data (the trend), plus the period asked for if it has none.
  const periods = setup.period !== null && !setup.periods.includes(setup.period) ? [setup.period, ...setup.periods] : setup.periods;
  const [byPeriod, [registered]] = await Promise.all([
    Promise.all(periods.map(async (period) => ({ period, group: (await readPeriodGroups(setup, jurisdiction, period, [base], itemIds))[0] ?? emptyGroup(base) }))),
    registeredCounts([base]),
  ]);
  const selected = byPeriod.find((entry) => entry.period === setup.period)?.group ?? emptyGroup(base);
  const registeredCount = registered ?? { n: 0, key: 0 };
  const withData = byPeriod.filter((entry) => setup.periods.includes(entry.period));
  const tables: SectorTable[] = [
    participationTable(context, withData, registeredCount),
    levelsTable(context, selected),
    dimensionMediansTable(context, selected),
    trendTable(context, [...withData].reverse()),
  ];
  const headline = overviewHeadline(context, selected, registeredCount);
  return { meta: sectorMeta(setup, filters, jurisdiction, locale, headline.containsSynthetic), tables, headline };
}

/** The overview's tables (page and exports): participation, levels, dimension-medians, trend. */
export async function overviewTables(jurisdiction: JurisdictionScope, filters: SectorFilters, t: Translate, locale: AppLocale): Promise<SectorTable[]> {
  return (await loadOverview(jurisdiction, filters, t, locale)).tables;
}
