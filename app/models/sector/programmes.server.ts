/**
 * Programme readiness: the share of factories meeting overall ≥ 2.0 / ≥ 3.0 (app/domain/sector/
 * programmes.ts) by industry division, child region and size band of the filtered group. One
 * readGroups call with only the overall histogram, through C's sector setup.
 */
import type { PeerGroupSpec } from "~/domain/benchmark/groups";
import { OVERALL_ITEM_ID } from "~/domain/benchmark/statistics";
import { publishThresholdShare } from "~/domain/disclosure";
import type { PublishedShare } from "~/domain/disclosure/types";
import { INDUSTRIES } from "~/domain/reference/industries";
import { regionName } from "~/domain/reference/regions";
import { SIZE_BANDS } from "~/domain/reference/size-band";
import type { JurisdictionScope, SectorFilters } from "~/domain/sector/filters";
import { PROGRAMME_THRESHOLDS, programmeTable, type ProgrammeText, type ProgrammeThreshold } from "~/domain/sector/programmes";
import type { SectorTable } from "~/domain/sector/table";
import { childRegions } from "~/domain/sector/tiles";
import type { AppLocale, Translate } from "~/utils/i18n";
import { readPeriodGroups, sectorMeta, sectorSetup, type SectorView } from "./common.server";

export const PROGRAMME_TABLE_IDS = ["programmes-by-industry", "programmes-by-region", "programmes-by-size"] as const;

export interface ProgrammesView extends SectorView {
  /** The whole filtered group: the share meeting each threshold. */
  headline: { id: ProgrammeThreshold["id"]; share: PublishedShare }[];
}

export async function loadProgrammes(jurisdiction: JurisdictionScope, filters: SectorFilters, t: Translate, locale: AppLocale): Promise<ProgrammesView> {
  const setup = await sectorSetup(jurisdiction, filters, t, locale);
  const { context, base } = setup;
  const divisions = INDUSTRIES.filter((industry) =>
    base.industry.kind === "all" ? true : base.industry.kind === "category" ? industry.category === base.industry.category : industry.code === base.industry.code,
  );
  const children = childRegions(base.region.kind === "all" ? jurisdiction.regionCode : base.region.code);
  const divisionSpecs = divisions.map((industry): PeerGroupSpec => ({ ...base, industry: { kind: "division", code: industry.code } }));
  const regionSpecs = children.map((child): PeerGroupSpec => ({ ...base, region: { kind: child.level, code: child.code } }));
  const bands = base.size.kind === "all" ? SIZE_BANDS : [base.size.band];
  const sizeSpecs = bands.map((band): PeerGroupSpec => ({ ...base, size: { kind: "band", band } }));
  const groups = await readPeriodGroups(setup, jurisdiction, setup.period, [...divisionSpecs, ...regionSpecs, ...sizeSpecs, base], [OVERALL_ITEM_ID]);
  const total = groups[groups.length - 1]!;
  let at = 0;
  const take = (count: number) => groups.slice(at, (at += count));
  const divisionGroups = take(divisionSpecs.length);
  const regionGroups = take(regionSpecs.length);
  const sizeGroups = take(sizeSpecs.length);
  const text: ProgrammeText = t;
  const common = { total, rules: context.rules, text, period: context.period, version: context.version, scope: context.scope };
  const localName = (entry: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? entry.nameZh : entry.nameEn);
  const tables = [
    programmeTable({
      ...common,
      breakdown: "industry",
      hideSuppressed: true,
      rows: divisions.map((industry, index) => ({ code: industry.code, label: `${industry.code} ${localName(industry)}`, group: divisionGroups[index]! })),
    }),
    programmeTable({ ...common, breakdown: "region", hideSuppressed: false, rows: children.map((child, index) => ({ code: child.code, label: regionName(child.code, locale), group: regionGroups[index]! })) }),
    programmeTable({ ...common, breakdown: "size", hideSuppressed: false, rows: bands.map((band, index) => ({ code: band, label: t(`sizeBand.${band}`), group: sizeGroups[index]! })) }),
  ];
  const headline = PROGRAMME_THRESHOLDS.map((threshold) => ({
    id: threshold.id,
    share: total.n >= context.rules.minGroup ? publishThresholdShare(total, OVERALL_ITEM_ID, threshold.atLeastHundredths, context.rules) : ({ status: "suppressed" } as const),
  }));
  const containsSynthetic = total.synthetic > 0 && total.n >= context.rules.minGroup;
  return { meta: sectorMeta(setup, filters, jurisdiction, locale, containsSynthetic), tables, headline };
}

/** programmes-by-industry, programmes-by-region, programmes-by-size (page and exports). */
export async function programmeTables(jurisdiction: JurisdictionScope, filters: SectorFilters, t: Translate, locale: AppLocale): Promise<SectorTable[]> {
  return (await loadProgrammes(jurisdiction, filters, t, locale)).tables;
}
