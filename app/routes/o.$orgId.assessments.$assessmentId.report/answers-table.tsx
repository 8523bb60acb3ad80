import { formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";
import { runsBy } from "./row-groups";
import type { ReportAnswer as Answer } from "./types";

/** The appendix table of one dimension: every question with its answer, band, note and evidence links. */
export function AnswersTable({ dimension, answers }: { dimension: string; answers: Answer[] }) {
  const t = useT();
  return (
    <table className="report-table report-answers">
      <caption>{dimension}</caption>
      <colgroup>
        <col className="col-number" />
        <col className="col-question" />
        <col className="col-answer" />
        <col className="col-band" />
        <col className="col-remarks" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col" className="num">
            {t("assessment.report.number")}
          </th>
          <th scope="col">{t("assessment.report.question")}</th>
          <th scope="col">{t("assessment.report.answer")}</th>
          <th scope="col" className="num">
            {t("assessment.report.band")}
          </th>
          <th scope="col">{t("assessment.report.remarks")}</th>
        </tr>
      </thead>
      {/* One section per capability: printed, its heading row stays with its questions. */}
      {runsBy(answers, (answer) => answer.capability).map((group) => (
        <tbody key={group.rows[0]!.id} className="report-keep-rows">
          <tr className="report-group-row">
            <th scope="colgroup" colSpan={5}>
              {group.rows[0]!.capability}
            </th>
          </tr>
          {group.rows.map((answer) => (
            <tr key={answer.id}>
              <td className="num">{answer.number}</td>
              <td>{answer.title}</td>
              <td>
                <AnswerValue answer={answer} />
              </td>
              <td className="num">{answer.band ?? "—"}</td>
              <td className="report-remarks">
                {answer.note ? (
                  <p>
                    <span className="report-label">{t("assessment.report.noteLabel")}</span>
                    {answer.note}
                  </p>
                ) : null}
                {answer.evidence.length > 0 ? (
                  <>
                    <span className="report-label">{t("assessment.report.evidenceLabel")}</span>
                    <ul className="report-links">
                      {answer.evidence.map((link) => (
                        <li key={link}>
                          <a href={link} rel="noreferrer noopener" target="_blank">
                            {link}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {!answer.note && answer.evidence.length === 0 ? "—" : null}
              </td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

function AnswerValue({ answer }: { answer: Answer }) {
  const t = useT();
  const locale = useLocale();
  if (answer.na) {
    return (
      <>
        <strong>{t("assessment.notApplicable")}</strong>
        {answer.naReason ? <span className="report-na-reason">{t("assessment.report.naReason", { reason: answer.naReason })}</span> : null}
      </>
    );
  }
  if (answer.value === null) return <span className="muted">{t("assessment.report.noAnswer")}</span>;
  if (answer.type === "kpi") return <>{[formatNumber(locale, answer.value), answer.unit].filter(Boolean).join(" ")}</>;
  return <>{answer.descriptor ?? t("assessment.band", { band: answer.value })}</>;
}
