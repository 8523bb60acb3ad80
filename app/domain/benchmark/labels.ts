/**
 * Peer-group labels shown on the benchmark page ("34 通用设备制造业 · 上海市 · 浦东新区 · 中型企业")
 * and the names of the fallback steps. Pure: the caller passes its translator.
 */
import type { Locale } from "~/domain/questionnaire/schema";
import { findIndustry, findIndustryCategory } from "~/domain/reference/industries";
import { regionLabel } from "~/domain/reference/regions";
import type { SizeBand } from "~/domain/reference/size-band";
import type { FallbackStep, PeerGroupSpec } from "./groups";

/**
 * The message keys these labels use. Typed here (the domain does not import the app's i18n), so the
 * app's `Translate` fits only while every key below exists in the locale files.
 */
export type GroupLabelKey =
  | "benchmark.filters.allIndustries"
  | "benchmark.group.nationwide"
  | "benchmark.group.allSizes"
  | "benchmark.group.sizeBand"
  | `sizeBand.${SizeBand}`
  | `benchmark.group.step.${FallbackStep}`;

export type GroupLabelTranslate = (key: GroupLabelKey, vars?: Record<string, string | number>) => string;

function localName(entry: { nameZh: string; nameEn: string }, locale: Locale): string {
  return locale === "zh-CN" ? entry.nameZh : entry.nameEn;
}

/** "industry · region · size" of a peer group, in the user's language. */
export function groupLabel(spec: PeerGroupSpec, t: GroupLabelTranslate, locale: Locale): string {
  const industry =
    spec.industry.kind === "all"
      ? t("benchmark.filters.allIndustries")
      : spec.industry.kind === "category"
        ? localName(findIndustryCategory(spec.industry.category), locale)
        : `${spec.industry.code} ${localName(findIndustry(spec.industry.code)!, locale)}`;
  const region = spec.region.kind === "all" ? t("benchmark.group.nationwide") : regionLabel(spec.region.code, locale);
  const size = spec.size.kind === "all" ? t("benchmark.group.allSizes") : t("benchmark.group.sizeBand", { band: t(`sizeBand.${spec.size.band}`) });
  return [industry, region, size].join(" · ");
}

/** What one widening step did, e.g. "扩大到江苏省"; `spec` is the group after the step. */
export function stepLabel(step: FallbackStep, spec: PeerGroupSpec, t: GroupLabelTranslate, locale: Locale): string {
  if (step === "region") return t("benchmark.group.step.region", { region: spec.region.kind === "all" ? t("benchmark.group.nationwide") : regionLabel(spec.region.code, locale) });
  if (step === "industry-category" && spec.industry.kind === "category") {
    return t("benchmark.group.step.industry-category", { category: localName(findIndustryCategory(spec.industry.category), locale) });
  }
  return t(`benchmark.group.step.${step}`);
}
