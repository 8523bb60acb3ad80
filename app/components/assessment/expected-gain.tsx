import { formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

/** The rise of the overall score (0–5) this step is expected to bring: "总分 +0.06", below 0.01 "总分 +<0.01". */
export function ExpectedGain({ gain }: { gain: number }) {
  const t = useT();
  const locale = useLocale();
  const amount = gain < 0.005 ? `<${formatNumber(locale, 0.01)}` : formatNumber(locale, gain, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return <span className="roadmap-gain">{t("assessment.results.expectedGainValue", { amount })}</span>;
}
