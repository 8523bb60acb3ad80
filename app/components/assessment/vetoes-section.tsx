/**
 * Vetoes (2.0.0 on): capabilities that cap the level at their score + 1, each with why it is a
 * floor and whether it lowered this result's level. Shared by the results page and the report.
 */
import { displayScore } from "~/domain/scoring/display";
import { useT } from "~/utils/use-t";

export interface VetoView {
  capabilityId: string;
  name: string;
  capabilityScore: number;
  maxLevel: number;
  applied: boolean;
  reason: string;
}

export function VetoesSection({ vetoes, level, levelBeforeVetoes, className = "card" }: { vetoes: readonly VetoView[]; level: number; levelBeforeVetoes: number; className?: string }) {
  const t = useT();
  if (vetoes.length === 0) return null;
  return (
    <section className={className} aria-labelledby="vetoes-title">
      <h2 id="vetoes-title">{t("assessment.vetoes.title")}</h2>
      <p className="muted">{t("assessment.vetoes.lead")}</p>
      <ul>
        {vetoes.map((veto) => (
          <li key={veto.capabilityId} className={veto.applied ? "veto-applied" : undefined}>
            <strong>
              {veto.applied
                ? t("assessment.vetoes.applied", { capability: veto.name, score: displayScore(veto.capabilityScore, 2), before: levelBeforeVetoes, level })
                : t("assessment.vetoes.notApplied", { capability: veto.name, score: displayScore(veto.capabilityScore, 2), max: veto.maxLevel })}
            </strong>
            <br />
            <span className="muted small">{veto.reason}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
