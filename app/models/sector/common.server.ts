/**
 * What every authority view shares: the filters read and refused with the right status, the
 * questionnaire version and period the aggregates are on, the names of levels, dimensions and
 * capabilities, and the build context of app/domain/sector/build. Every group read here lies inside
 * the jurisdiction the guard gave (checked again below, never an id from the URL); every read goes
 * through app/models/aggregates.server (the read replica when configured).
 */
import type { PeerGroupSpec } from "~/domain/benchmark/groups";
import { groupLabel } from "~/domain/benchmark/labels";
import { QUANTILE_MIN_N } from "~/domain/disclosure";
import type { RawGroup } from "~/domain/disclosure/types";
import { questionnaireView } from "~/domain/questionnaire/view";
import { findIndustry } from "~/domain/reference/industries";
import { regionName } from "~/domain/reference/regions";
import { emptyGroup, type SectorBuildContext, type SectorNames } from "~/domain/sector/build";
import { jurisdictionSpec, parseSectorFilters, specWithinJurisdiction, type JurisdictionScope, type SectorFilters } from "~/domain/sector/filters";
import type { SectorMeta, SelectedFilters } from "~/domain/sector/view";
import { aggregatePeriods, readGroups, sectorVersion, type AggregateScope } from "~/models/aggregates.server";
import { currentQuestionnaireVersion, loadQuestionnaireVersion } from "~/models/assessment.server";
import { disclosureRules } from "~/models/disclosure.server";
import { industryParam, regionParam, sizeParam } from "~/domain/benchmark/groups";
import { httpError } from "~/utils/http.server";
import type { AppLocale, Translate } from "~/utils/i18n";

/** The filters of the request, or a thrown 400 (unknown code) / 403 (outside the jurisdiction) with a translated message. */
export function requireSectorFilters(request: Request, jurisdiction: JurisdictionScope, t: Translate): SectorFilters {
  const parsed = parseSectorFilters(new URL(request.url).searchParams, jurisdiction);
  if (!parsed.ok) httpError(parsed.reason === "unknown-code" ? 400 : 403, t(`sector.errors.${parsed.reason}.${parsed.field}`, { code: parsed.code }));
  return parsed.filters;
}

export function selectedFilters(filters: SectorFilters, jurisdiction: JurisdictionScope): SelectedFilters {
  const own = jurisdictionSpec(jurisdiction);
  return {
    industry: jurisdiction.industryCode !== null || filters.industry.kind === "all" ? null : industryParam(filters.industry),
    region: regionParam(filters.region) === regionParam(own.region) ? null : regionParam(filters.region),
    size: filters.size.kind === "all" ? null : sizeParam(filters.size),
    period: filters.period,
  };
}

export interface SectorSetup {
  /** The questionnaire version with contributions in the jurisdiction, or null when there are none. */
  version: { id: string; version: string } | null;
  /** Periods with contributions in the jurisdiction, newest first. */
  periods: string[];
  /** The period shown: the one asked for, else the newest; null without data. */
  period: string | null;
  /** The filtered group (inside the jurisdiction). */
  base: PeerGroupSpec;
  context: SectorBuildContext;
}

export async function sectorSetup(jurisdiction: JurisdictionScope, filters: SectorFilters, t: Translate, locale: AppLocale): Promise<SectorSetup> {
  const base: PeerGroupSpec = { industry: filters.industry, region: filters.region, size: filters.size };
  assertWithin(base, jurisdiction);
  const within = jurisdictionSpec(jurisdiction);
  const version = await sectorVersion(within);
  const rules = disclosureRules();
  // Only years with at least k contributors: a listed year whose figures are all suppressed would still reveal a submission.
  const periods = version ? await aggregatePeriods(version.id, within, rules.minGroup) : [];
  const period = filters.period ?? periods[0] ?? null;
  const { questionnaire } = await loadQuestionnaireVersion(version?.id ?? (await currentQuestionnaireVersion()).id);
  const view = questionnaireView(questionnaire, locale);
  const names: SectorNames = {
    levels: [view.belowFirstLevel, ...view.levels.map((level) => level.name)],
    dimensions: view.dimensions.map((dimension) => ({ id: dimension.id, name: dimension.name })),
    capabilities: view.dimensions.flatMap((dimension) => dimension.capabilities.map((capability) => ({ id: capability.id, name: capability.name }))),
  };
  return {
    version,
    periods,
    period,
    base,
    context: { rules, text: t, names, period: period ?? "—", version: version?.version ?? questionnaire.version, scope: groupLabel(base, t, locale) },
  };
}

/** Defence in depth: a group outside the jurisdiction is a bug, never a query. */
export function assertWithin(spec: PeerGroupSpec, jurisdiction: JurisdictionScope): void {
  if (!specWithinJurisdiction(spec, jurisdiction)) throw new Error("sector: a group outside the jurisdiction was about to be read");
}

/**
 * The groups of `specs` in one period (same order), all inside the jurisdiction; groups nobody is in
 * (or no version/period at all) come back empty, so the builders publish "suppressed" for them.
 */
export async function readPeriodGroups(
  setup: Pick<SectorSetup, "version">,
  jurisdiction: JurisdictionScope,
  period: string | null,
  specs: readonly PeerGroupSpec[],
  items: boolean | readonly string[],
): Promise<RawGroup[]> {
  for (const spec of specs) assertWithin(spec, jurisdiction);
  if (!setup.version || period === null || specs.length === 0) return specs.map(emptyGroup);
  const scope: AggregateScope = { kind: "period", period };
  return readGroups({ versionId: setup.version.id, scope, specs, items });
}

/** The period before `period` among those with data (newest first), for year-over-year change. */
export function previousPeriod(periods: readonly string[], period: string | null): string | null {
  if (period === null) return null;
  return periods.find((candidate) => candidate < period) ?? null;
}

export function sectorMeta(setup: SectorSetup, filters: SectorFilters, jurisdiction: JurisdictionScope, locale: AppLocale, containsSynthetic: boolean): SectorMeta {
  const industry = jurisdiction.industryCode ? findIndustry(jurisdiction.industryCode) : undefined;
  return {
    version: setup.version?.version ?? null,
    period: setup.period,
    periods: setup.periods,
    scope: setup.context.scope,
    minGroup: setup.context.rules.minGroup,
    quantileMinN: QUANTILE_MIN_N,
    empty: setup.version === null || setup.period === null || !setup.periods.includes(setup.period),
    containsSynthetic,
    selected: selectedFilters(filters, jurisdiction),
    levelNames: [...setup.context.names.levels],
    jurisdiction: {
      regionCode: jurisdiction.regionCode,
      regionName: regionName(jurisdiction.regionCode, locale),
      industryCode: jurisdiction.industryCode,
      industryName: industry ? `${industry.code} ${locale === "zh-CN" ? industry.nameZh : industry.nameEn}` : null,
    },
  };
}

export type { SectorMeta, SectorView, SelectedFilters } from "~/domain/sector/view";
