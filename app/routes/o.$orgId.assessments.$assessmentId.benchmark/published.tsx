/** How published values read on the page: counts ("fewer than 5"), median bands ("2.0–2.5"), ranks ("ahead of 60–70 %"). */
import type { PublishedCount, PublishedQuantiles, PublishedRank } from "~/domain/disclosure";
import { displayScore } from "~/domain/scoring";
import { formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

export function useShown(minGroup: number) {
  const t = useT();
  const locale = useLocale();
  return {
    count: (count: PublishedCount) => (count.status === "ok" ? formatNumber(locale, count.value) : t("benchmark.table.fewerThan", { k: minGroup })),
    /** The median, or its band at one decimal ("2.0–2.5"); null when nothing is published. */
    median: (quantiles: PublishedQuantiles) =>
      quantiles.status === "ok" ? displayScore(quantiles.p50, 2) : quantiles.status === "band" ? `${displayScore(quantiles.medianFrom, 1)}–${displayScore(quantiles.medianTo, 1)}` : null,
    rank: (rank: PublishedRank) =>
      rank.status === "exact"
        ? t("benchmark.summary.ahead", { percent: rank.percent })
        : rank.status === "band"
          ? t("benchmark.summary.aheadBand", { from: rank.from, to: rank.to })
          : null,
  };
}
