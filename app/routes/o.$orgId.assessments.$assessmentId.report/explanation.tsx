import { AnswerChangeText, RequirementsExplanation } from "~/components/assessment/requirements-explanation";
import { displayScore } from "~/domain/scoring";
import { formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";
import type { ReportView } from "./types";

/** Why the factory is at its level and the fewest answer changes that would reach the next one. */
export function Explanation({ report }: { report: ReportView }) {
  const t = useT();
  const locale = useLocale();
  const explanation = report.explanation;
  if (explanation.status === "at-top") return <p>{t("assessment.results.atTop")}</p>;
  if (explanation.status === "next-requirements") {
    return (
      <>
        <h3>{t("assessment.results.holdingTitle")}</h3>
        <RequirementsExplanation explanation={explanation} keepClassName="report-keep" />
      </>
    );
  }
  return (
    <>
      <h3>{t("assessment.results.holdingTitle")}</h3>
      <p>
        {t("assessment.results.nextLevelNeeds", {
          level: `L${explanation.nextLevel} ${explanation.nextLevelName}`,
          overall: explanation.requiredOverall,
          floor: explanation.requiredFloor,
        })}{" "}
        {explanation.overallGap > 0 ? t("assessment.results.overallGap", { gap: formatNumber(locale, Math.ceil(explanation.overallGap * 100) / 100) }) : null}
      </p>
      <ul>
        {explanation.holdingBack
          .filter((h) => h.floorGap > 0)
          .map((h) => (
            <li key={h.dimensionId}>{t("assessment.results.dimensionBelow", { dimension: h.name, score: displayScore(h.score, 2), floor: explanation.requiredFloor })}</li>
          ))}
      </ul>
      {explanation.holdingBack.map((h) => (
        <div key={h.dimensionId} className="report-keep">
          <p className="report-subhead">
            <strong>{h.name}</strong> — {t("assessment.results.weakQuestions")}
          </p>
          <ul>
            {h.weakestQuestions.map((q) => (
              <li key={q.id}>
                {q.number}. {q.title} ({t("assessment.band", { band: q.score })})
              </li>
            ))}
          </ul>
        </div>
      ))}
      <div className="report-keep">
        <h3>{t("assessment.results.changesTitle")}</h3>
        <p className="muted">{t("assessment.results.changesLead")}</p>
        {explanation.reachable ? (
          <ol>
            {explanation.changes.map((change) => (
              <li key={change.questionId}>
                    <AnswerChangeText change={change} />
                  </li>
            ))}
          </ol>
        ) : (
          <p>{t("assessment.results.unreachable")}</p>
        )}
      </div>
    </>
  );
}
