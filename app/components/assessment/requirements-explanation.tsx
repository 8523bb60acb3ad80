/**
 * The level explanation under the requirements rule (questionnaire 2.0.0 on), shared by the
 * results page and the printed report: s_{L+1} against 0.8, the vetoes that block the next level,
 * and the plan of one-band raises. 1.0.0 results keep their own overall/dimension-floor text.
 */
import { displayScore } from "~/domain/scoring/display";
import { formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

export type ChangeView =
  | { questionId: string; number: number; title: string; type: "level"; from: number; to: number }
  | { questionId: string; number: number; title: string; type: "kpi"; from: number; to: number; unit: string };

export interface RequirementsExplanationView {
  nextLevel: number;
  nextLevelName: string;
  levelScore: number | null;
  threshold: number;
  blockingVetoes: { capabilityId: string; name: string; capabilityScore: number; maxLevel: number; neededScore: number }[];
  reachable: boolean;
  changes: ChangeView[];
}

/**
 * `collapseAfter`: on screen a long plan (a mostly band-3 plant needs dozens of one-band raises for
 * L4) shows its first steps and folds the rest into a disclosure; the printed report lists all.
 */
export function RequirementsExplanation({
  explanation,
  keepClassName,
  collapseAfter,
}: {
  explanation: RequirementsExplanationView;
  keepClassName?: string;
  collapseAfter?: number;
}) {
  const t = useT();
  const locale = useLocale();
  const shown = collapseAfter === undefined ? explanation.changes : explanation.changes.slice(0, collapseAfter);
  const folded = explanation.changes.slice(shown.length);
  const level = `L${explanation.nextLevel} ${explanation.nextLevelName}`;
  const score = explanation.levelScore;
  const met = score !== null && score + 1e-9 >= explanation.threshold;
  return (
    <>
      <p>
        {t("assessment.explain.requirementsNeeds", { level, threshold: formatNumber(locale, explanation.threshold) })}{" "}
        {score === null ? null : t("assessment.explain.levelScore", { level, score: displayScore(score, 2) })}{" "}
        {score !== null && !met ? t("assessment.explain.scoreGap", { gap: formatNumber(locale, Math.ceil((explanation.threshold - score) * 100) / 100) }) : null}
      </p>
      <p className="muted small">{t("assessment.explain.scoreHint")}</p>
      {explanation.blockingVetoes.length > 0 ? (
        <>
          <p>{met ? t("assessment.explain.requirementsMetButVetoed", { level }) : t("assessment.explain.vetoesAlso")}</p>
          <ul>
            {explanation.blockingVetoes.map((veto) => (
              <li key={veto.capabilityId}>
                {t("assessment.explain.vetoBlocks", { capability: veto.name, score: displayScore(veto.capabilityScore, 2), max: veto.maxLevel, needed: veto.neededScore })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className={keepClassName}>
        <h3>{t("assessment.explain.planTitle")}</h3>
        <p className="muted small">{t("assessment.explain.planLead")}</p>
        {explanation.reachable ? (
          <>
            <ol>
              {shown.map((change) => (
                <li key={change.questionId}>
                  <AnswerChangeText change={change} />
                </li>
              ))}
            </ol>
            {folded.length > 0 ? (
              <details className="plan-more">
                <summary>{t("assessment.explain.planMore", { count: folded.length })}</summary>
                <ol start={shown.length + 1}>
                  {folded.map((change) => (
                    <li key={change.questionId}>
                  <AnswerChangeText change={change} />
                </li>
                  ))}
                </ol>
              </details>
            ) : null}
          </>
        ) : (
          <p>{t("assessment.explain.unreachable")}</p>
        )}
      </div>
    </>
  );
}

/** One planned raise in words ("12. … : from band 2 to 3", KPIs with their unit): results page, report and both level rules. */
export function AnswerChangeText({ change }: { change: ChangeView }) {
  const t = useT();
  const locale = useLocale();
  const question = `${change.number}. ${change.title}`;
  return change.type === "level"
    ? t("assessment.results.changeLevel", { question, from: change.from, to: change.to })
    : t("assessment.results.changeKpi", { question, from: formatNumber(locale, change.from), to: formatNumber(locale, change.to), unit: change.unit ? ` ${change.unit}` : "" });
}
