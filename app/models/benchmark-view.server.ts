/**
 * The published peer benchmark of a submitted assessment, as the benchmark page and the printed
 * report show it: one function, so the two can never disagree. Every statistic about peers passes
 * app/domain/disclosure here (publishGroup, then the page's Stat with the coarsened own rank); the
 * Raw* aggregates stay in this function. The own scores go out at the two decimals shown.
 */
import type { PeerGroupSpec, ProfileSnapshot } from "~/domain/benchmark/groups";
import { industryParam, regionParam, sizeParam } from "~/domain/benchmark/groups";
import { groupLabel, stepLabel } from "~/domain/benchmark/labels";
import { shownScore, stat } from "~/domain/benchmark/view";
import { EXACT_RANK_MIN_N, OVERALL_ITEM_ID, publishGroup, QUANTILE_MIN_N } from "~/domain/disclosure";
import { questionnaireView } from "~/domain/questionnaire/view";
import { loadQuestionnaireVersion } from "~/models/assessment.server";
import { loadBenchmark } from "~/models/benchmark.server";
import { disclosureRules } from "~/models/disclosure.server";
import type { AppLocale, Translate } from "~/utils/i18n";

export type PublishedBenchmarkOutcome = { status: "ok"; benchmark: PublishedBenchmark } | { status: "not-found" } | { status: "not-submitted" };

export type PublishedBenchmark = Awaited<ReturnType<typeof publish>>;

/**
 * `requested` picks the peer group from the factory's own profile; null is the default group
 * (same division and size band, nationwide), the one the report prints. Fallback as on the page.
 */
export async function publishedBenchmark(
  organizationId: string,
  assessmentId: string,
  requested: ((own: ProfileSnapshot) => PeerGroupSpec) | null,
  t: Translate,
  locale: AppLocale,
): Promise<PublishedBenchmarkOutcome> {
  const outcome = await loadBenchmark(organizationId, assessmentId, requested);
  if (outcome.status !== "ok") return outcome;
  return { status: "ok", benchmark: await publish(outcome.benchmark, t, locale) };
}

async function publish(benchmark: Extract<Awaited<ReturnType<typeof loadBenchmark>>, { status: "ok" }>["benchmark"], t: Translate, locale: AppLocale) {
  const { subject, requested, group, minGroup } = benchmark;
  const { questionnaire } = await loadQuestionnaireVersion(subject.questionnaireVersionId);
  const view = questionnaireView(questionnaire, locale);
  const rules = disclosureRules();
  const used = group.used;
  const raw = used?.raw ?? null;
  const itemIds = [OVERALL_ITEM_ID, ...view.dimensions.flatMap((dimension) => [dimension.id, ...dimension.capabilities.map((capability) => capability.id)])];
  const published = raw ? publishGroup(raw, rules, itemIds) : null;
  const byId = new Map((published?.items ?? []).map((item) => [item.itemId, item]));
  const ownItem = new Map(subject.items.map((item) => [item.itemId, item.score]));
  const itemStat = (itemId: string, own: number | null) => stat(byId.get(itemId), raw, own, rules);
  return {
    period: subject.period,
    version: questionnaire.version,
    submittedAt: subject.submittedAt.toISOString(),
    level: subject.level,
    overall: shownScore(subject.overall) ?? 0,
    minGroup,
    quantileMinN: Math.max(QUANTILE_MIN_N, minGroup),
    exactRankMinN: Math.max(EXACT_RANK_MIN_N, minGroup),
    /** The factory's own codes, to mark "(yours)" in the filter lists. */
    own: { industry: subject.snapshot.industryCode, region: subject.snapshot.regionCode, size: subject.snapshot.sizeBand },
    selected: { industry: industryParam(requested.industry), region: regionParam(requested.region), size: sizeParam(requested.size) },
    requestedLabel: groupLabel(requested, t, locale),
    group:
      used && published
        ? {
            label: groupLabel(used.spec, t, locale),
            n: published.n,
            levels: published.levels,
            containsSynthetic: published.containsSynthetic,
            widened: used.step !== null,
            steps: [...group.skipped.slice(1), used].map((candidate) => (candidate.step ? stepLabel(candidate.step, candidate.spec, t, locale) : "")).filter(Boolean),
          }
        : null,
    levels: [{ level: 0, name: view.belowFirstLevel }, ...view.levels.map((level) => ({ level: level.level, name: level.name }))],
    overallStat: itemStat(OVERALL_ITEM_ID, subject.overall),
    dimensions: view.dimensions.map((dimension) => ({
      id: dimension.id,
      name: dimension.name,
      own: shownScore(ownItem.get(dimension.id) ?? null),
      stat: itemStat(dimension.id, ownItem.get(dimension.id) ?? null),
      capabilities: dimension.capabilities.map((capability) => ({
        id: capability.id,
        name: capability.name,
        own: shownScore(ownItem.get(capability.id) ?? null),
        stat: itemStat(capability.id, ownItem.get(capability.id) ?? null),
      })),
    })),
  };
}
