/**
 * Crosswalks (2.0.0 on): the result read against outside schemes — an estimated CMMM level (GB/T
 * 39116/39117), the 智能工厂梯度培育 pre-check and Zhejiang's 数字化水平 thresholds. Every block
 * says it is an estimate and names its source (text from the questionnaire).
 */
import { displayScore } from "~/domain/scoring/display";
import { useT } from "~/utils/use-t";

export interface CrosswalksView {
  cmmm: { score: number; level: number; source: string };
  gradient: {
    source: string;
    highest: string | null;
    tiers: { id: string; name: string; minCmmmLevel: number; met: boolean; levelMet: boolean; failedItems: string[] }[];
  };
  digitalLevel: { source: string; index: number; targets: { value: number; met: boolean; label: string }[] };
}

function Source({ text }: { text: string }) {
  const t = useT();
  return (
    <p className="muted small">
      <span className="estimate-label">{t("assessment.estimates.label")}</span> {t("assessment.estimates.source")}
      {text}
    </p>
  );
}

export function CrosswalksSection({ crosswalks, levelName, className = "card" }: { crosswalks: CrosswalksView | null; levelName: (level: number) => string; className?: string }) {
  const t = useT();
  if (!crosswalks) return null;
  const { cmmm, gradient, digitalLevel } = crosswalks;
  return (
    <section className={className} aria-labelledby="estimates-title">
      <h2 id="estimates-title">{t("assessment.estimates.title")}</h2>
      <p className="muted">{t("assessment.estimates.lead")}</p>

      <h3>{t("assessment.estimates.cmmmTitle")}</h3>
      <p>
        <strong>{cmmm.level === 0 ? t("assessment.estimates.cmmmBelow") : t("assessment.estimates.cmmmLevel", { level: cmmm.level, name: levelName(cmmm.level) })}</strong>{" "}
        <span className="muted">{t("assessment.estimates.cmmmScore", { score: displayScore(cmmm.score, 2) })}</span>
      </p>
      <Source text={cmmm.source} />

      <h3>{t("assessment.estimates.gradientTitle")}</h3>
      <p>
        <strong>{gradient.highest ? t("assessment.estimates.gradientHighest", { tier: gradient.highest }) : t("assessment.estimates.gradientNone")}</strong>
      </p>
      <ul className="tier-list">
        {gradient.tiers.map((tier) => (
          <li key={tier.id}>
            <strong>{tier.name}</strong> — {tier.met ? t("assessment.estimates.met") : t("assessment.estimates.notMet")}
            {!tier.levelMet ? <div className="small">{t("assessment.estimates.tierLevelShort", { level: tier.minCmmmLevel })}</div> : null}
            {tier.failedItems.length > 0 ? <div className="small">{t("assessment.estimates.tierFailed", { items: tier.failedItems.join("；") })}</div> : null}
          </li>
        ))}
      </ul>
      <Source text={gradient.source} />

      <h3>{t("assessment.estimates.digitalTitle")}</h3>
      <p>{t("assessment.estimates.digitalIndex", { index: displayScore(digitalLevel.index, 2) })}</p>
      <ul className="tier-list">
        {digitalLevel.targets.map((target) => (
          <li key={target.value}>
            {target.label} — <strong>{target.met ? t("assessment.estimates.met") : t("assessment.estimates.notMet")}</strong>
          </li>
        ))}
      </ul>
      <Source text={digitalLevel.source} />
    </section>
  );
}
