import { ExpectedGain } from "~/components/assessment/expected-gain";
import { displayScore } from "~/domain/scoring";
import { useT } from "~/utils/use-t";
import { headAndTail } from "./row-groups";
import type { ReportView } from "./types";

/** The improvement roadmap: capabilities by expected gain, with the next step for each. */
export function Roadmap({ roadmap }: { roadmap: ReportView["roadmap"] }) {
  const t = useT();
  return (
    <section className="report-section" aria-labelledby="roadmap-title">
      <h2 id="roadmap-title">{t("assessment.report.roadmapTitle")}</h2>
      <p className="muted">{t("assessment.results.roadmapLead")}</p>
      <p className="muted small">{t("assessment.results.expectedGainHint")}</p>
      <table className="report-table report-roadmap">
        <colgroup>
          <col className="col-rank" />
          <col className="col-capability" />
          <col className="col-score" />
          <col className="col-gain" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("assessment.results.rank")}
            </th>
            <th scope="col">{t("assessment.results.capability")}</th>
            <th scope="col" className="num">
              {t("assessment.results.score")}
            </th>
            <th scope="col" className="num">
              {t("assessment.results.expectedGain")}
            </th>
            <th scope="col">{t("assessment.results.nextStep")}</th>
          </tr>
        </thead>
        {/* Printed, the first rows stay with the heading and the last ones never stand alone. */}
        {headAndTail(roadmap).map((group) => (
          <tbody key={group.rows[0]?.capabilityId ?? "empty"} className={group.keep ? "report-keep-rows" : undefined}>
            {group.rows.map((item) => (
              <tr key={item.capabilityId}>
                <td className="num">{item.rank}</td>
                <td>
                  <span className={`dot dim-${item.dimensionId}`} aria-hidden="true" /> {item.name}
                </td>
                <td className="num">{displayScore(item.score, 2)}</td>
                <td className="num">
                  <ExpectedGain gain={item.expectedGain} />
                </td>
                <td>{item.advice ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </section>
  );
}
