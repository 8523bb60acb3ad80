/**
 * Breakdowns of the filtered group by industry division, industry category or size band: level
 * bars, the dimension × row heatmap of medians, the weakest capabilities and the year-over-year
 * change. Rows are the reference lists (GB/T 4754 divisions, our four categories, the four size
 * bands) narrowed by the filters, every one inside the jurisdiction.
 */
import type { PeerGroupSpec } from "~/domain/benchmark/groups";
import { OVERALL_ITEM_ID } from "~/domain/benchmark/statistics";
import type { RawGroup } from "~/domain/disclosure/types";
import { INDUSTRIES, INDUSTRY_CATEGORIES } from "~/domain/reference/industries";
import { SIZE_BANDS } from "~/domain/reference/size-band";
import { changeByTable, emptyGroup, levelsByTable, mediansByTable, weakestByTable, type BreakdownInput, type ChangeRow } from "~/domain/sector/build";
import { specWithinJurisdiction, type JurisdictionScope, type SectorFilters } from "~/domain/sector/filters";
import type { SectorTable } from "~/domain/sector/table";
import type { SectorBreakdown } from "~/domain/sector/text";
import type { AppLocale, Translate } from "~/utils/i18n";
import { previousPeriod, readPeriodGroups, sectorMeta, sectorSetup, type SectorView } from "./common.server";

interface RowSpec {
  code: string;
  label: string;
  spec: PeerGroupSpec;
}

const localName = (entry: { nameZh: string; nameEn: string }, locale: AppLocale) => (locale === "zh-CN" ? entry.nameZh : entry.nameEn);

/** The rows of a breakdown: the reference list narrowed by the filters, inside the jurisdiction. */
export function breakdownRows(breakdown: SectorBreakdown, base: PeerGroupSpec, jurisdiction: JurisdictionScope, t: Translate, locale: AppLocale): RowSpec[] {
  const { industry } = base;
  let rows: RowSpec[];
  if (breakdown === "division") {
    rows = INDUSTRIES.filter((entry) => (industry.kind === "all" ? true : industry.kind === "category" ? entry.category === industry.category : entry.code === industry.code)).map((entry) => ({
      code: entry.code,
      label: `${entry.code} ${localName(entry, locale)}`,
      spec: { ...base, industry: { kind: "division", code: entry.code } },
    }));
  } else if (breakdown === "category") {
    // A division filter lies inside one category but is narrower: no category row fits it.
    rows = INDUSTRY_CATEGORIES.filter((entry) => industry.kind === "all" || (industry.kind === "category" && industry.category === entry.id)).map((entry) => ({
      code: entry.id,
      label: localName(entry, locale),
      spec: { ...base, industry: { kind: "category", category: entry.id } },
    }));
  } else {
    rows = SIZE_BANDS.filter((band) => base.size.kind === "all" || base.size.band === band).map((band) => ({ code: band, label: t(`sizeBand.${band}`), spec: { ...base, size: { kind: "band", band } } }));
  }
  return rows.filter((row) => specWithinJurisdiction(row.spec, jurisdiction));
}

export type BreakdownTableKind = "levels" | "medians" | "weakest" | "change";

export const BREAKDOWN_TABLES: Record<SectorBreakdown, readonly BreakdownTableKind[]> = {
  division: ["levels", "medians", "weakest", "change"],
  category: ["levels", "medians", "weakest", "change"],
  size: ["levels", "medians", "weakest", "change"],
};

/** The table ids of a breakdown, e.g. "levels-by-division" (the export's ?table= values). */
export function breakdownTableIds(breakdown: SectorBreakdown): string[] {
  return BREAKDOWN_TABLES[breakdown].map((kind) => `${kind}-by-${breakdown}`);
}

export async function loadBreakdown(jurisdiction: JurisdictionScope, filters: SectorFilters, t: Translate, locale: AppLocale, breakdown: SectorBreakdown): Promise<SectorView> {
  const setup = await sectorSetup(jurisdiction, filters, t, locale);
  const { context, base } = setup;
  const rows = breakdownRows(breakdown, base, jurisdiction, t, locale);
  const specs = [base, ...rows.map((row) => row.spec)];
  const before = previousPeriod(setup.periods, setup.period);
  // Capability histograms for the weakest capabilities; only the overall score for the change.
  const [current, previous] = await Promise.all([
    readPeriodGroups(setup, jurisdiction, setup.period, specs, true),
    before === null ? Promise.resolve(specs.map(emptyGroup)) : readPeriodGroups(setup, jurisdiction, before, specs, [OVERALL_ITEM_ID]),
  ]);
  const groupAt = (groups: RawGroup[], index: number, spec: PeerGroupSpec) => groups[index] ?? emptyGroup(spec);
  const total = groupAt(current, 0, base);
  const changeRows: ChangeRow[] = rows.map((row, index) => ({ code: row.code, label: row.label, group: groupAt(current, index + 1, row.spec), previous: before === null ? null : groupAt(previous, index + 1, row.spec) }));
  const input: BreakdownInput<ChangeRow> = { breakdown, rows: changeRows, total, hideSuppressed: breakdown === "division" };
  const builders: Record<BreakdownTableKind, () => SectorTable> = {
    levels: () => levelsByTable(context, input),
    medians: () => mediansByTable(context, input),
    weakest: () => weakestByTable(context, input),
    change: () => changeByTable(context, { ...input, previousTotal: before === null ? null : groupAt(previous, 0, base), previousPeriod: before }),
  };
  const tables = BREAKDOWN_TABLES[breakdown].map((kind) => builders[kind]());
  return { meta: sectorMeta(setup, filters, jurisdiction, locale, total.synthetic > 0), tables };
}
