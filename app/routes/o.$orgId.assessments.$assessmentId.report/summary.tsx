import { RankedCapabilities } from "~/components/assessment/score-figures";
import { displayScore } from "~/domain/scoring";
import { useT } from "~/utils/use-t";
import type { ReportView } from "./types";

/** The level's description, the dimension scores, strengths and gaps. */
export function ReportSummary({ report }: { report: ReportView }) {
  const t = useT();
  const score = (value: number | null) => (value === null ? t("assessment.results.insufficient") : displayScore(value, 2));
  const levelDescription = report.levels.find((l) => l.level === report.level)?.description;
  return (
    <section className="report-section" aria-labelledby="summary-title">
      <h2 id="summary-title">{t("assessment.report.summaryTitle")}</h2>
      {levelDescription ? <p>{levelDescription}</p> : null}
      <div className="report-columns">
        <div>
          <table className="report-table report-scores">
            <caption className="visually-hidden">{t("assessment.results.dimensionsTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("assessment.results.dimension")}</th>
                <th scope="col" className="num">
                  {t("assessment.results.score")}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.dimensions.map((d) => (
                <tr key={d.id}>
                  <td>
                    <span className={`dot dim-${d.id}`} aria-hidden="true" /> {d.name}
                  </td>
                  <td className="num">{score(d.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h3 className="report-first">{t("assessment.results.strengthsTitle")}</h3>
          <RankedCapabilities items={report.strengths} className="report-list" />
          <h3>{t("assessment.results.gapsTitle")}</h3>
          <RankedCapabilities items={report.gaps} className="report-list" />
        </div>
      </div>
    </section>
  );
}
