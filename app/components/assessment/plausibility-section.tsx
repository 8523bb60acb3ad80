/**
 * Plausibility flags (2.0.0 on): a KPI answer that contradicts a level answer. Never scored, shown
 * to the factory (and later its consultant) so the answers can be checked and revised.
 */
import { formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

export interface PlausibilityView {
  ruleId: string;
  message: string;
  question: { number: number; title: string };
  kpi: { number: number; title: string; unit: string };
  band: number;
  kpiValue: number;
}

export function PlausibilitySection({ flags, className = "card" }: { flags: readonly PlausibilityView[]; className?: string }) {
  const t = useT();
  const locale = useLocale();
  if (flags.length === 0) return null;
  return (
    <section className={className} aria-labelledby="plausibility-title">
      <h2 id="plausibility-title">{t("assessment.plausibility.title")}</h2>
      <p className="muted">{t("assessment.plausibility.lead")}</p>
      <ul>
        {flags.map((flag) => (
          <li key={flag.ruleId}>
            <strong>{flag.message}</strong>
            <br />
            <span className="small">
              {t("assessment.plausibility.detail", {
                question: `${flag.question.number}. ${flag.question.title}`,
                band: flag.band,
                kpi: `${flag.kpi.number}. ${flag.kpi.title}`,
                value: formatNumber(locale, flag.kpiValue),
                unit: flag.kpi.unit,
              })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
