/**
 * The printable A4 report of a submitted assessment: cover, level and score, charts (SVG rendered
 * on the server), explanation, roadmap and every answer in an appendix. The browser's "Print →
 * Save as PDF" turns it into the document a factory shows its board; the print rules are in the
 * "Print report" section of app/styles/app.css.
 */
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { CapabilityScoresFigure, DimensionScoresFigure, RankedCapabilities } from "~/components/assessment/score-figures";
import { displayScore } from "~/domain/scoring";
import { assessmentReport, type AssessmentReport } from "~/models/assessment-report.server";
import { guard } from "~/utils/guard.server";
import { httpError, uuidParam } from "~/utils/http.server";
import { formatDate, formatDateTime, formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

export const loader = /* @__PURE__ */ guard("assessment:read", async ({ params, org, locale, t }) => {
  const outcome = await assessmentReport(org.id, uuidParam(params, "assessmentId", t), locale);
  if (outcome.status === "not-found") httpError(404, t("errors.notFoundText"));
  if (outcome.status === "not-submitted") httpError(409, t("assessment.errors.notSubmitted"));
  const { report } = outcome;
  return {
    report,
    orgId: org.id,
    generatedAt: new Date(),
    documentTitle: t("assessment.report.documentTitle", { factory: report.organization.legalName, period: report.period }),
  };
});

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.documentTitle }] : []);

type Report = AssessmentReport;
type Answer = Report["answers"][number];

export default function PrintableReport() {
  const { report, orgId, generatedAt } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const score = (value: number | null) => (value === null ? t("assessment.results.insufficient") : displayScore(value, 2));
  const levelDescription = report.levels.find((l) => l.level === report.level)?.description;
  const organization = report.organization;
  // Room for two-line English labels; radar and bars still share one A4 page.

  return (
    <>
      <div className="report-toolbar">
        <Link className="button button-ghost" to={`/o/${orgId}/assessments/${report.id}/results`}>
          {t("assessment.report.backToResults")}
        </Link>
        <button type="button" className="button button-primary" onClick={() => window.print()}>
          {t("assessment.report.printNow")}
        </button>
        <p className="muted small">{t("assessment.report.printHint")}</p>
      </div>

      <article className="report" aria-labelledby="report-title">
        <header className="report-cover">
          <p className="report-kicker">{t("app.name")}</p>
          <h1 id="report-title">{t("assessment.report.title")}</h1>
          <p className="report-factory">{organization.legalName}</p>
          <p className="report-subtitle">{t("assessment.report.subtitle", { period: report.period })}</p>
          <dl className="report-meta">
            <div>
              <dt>{t("assessment.report.factory")}</dt>
              <dd>{organization.legalName}</dd>
            </div>
            <div>
              <dt>{t("assessment.report.industry")}</dt>
              <dd>{organization.industry ?? t("assessment.report.notProvided")}</dd>
            </div>
            <div>
              <dt>{t("assessment.report.region")}</dt>
              <dd>{organization.region ?? t("assessment.report.notProvided")}</dd>
            </div>
            <div>
              <dt>{t("assessment.report.sizeBand")}</dt>
              <dd>{organization.sizeBand ? t(`sizeBand.${organization.sizeBand}`) : t("assessment.report.notProvided")}</dd>
            </div>
            <div>
              <dt>{t("assessment.period")}</dt>
              <dd>{report.period}</dd>
            </div>
            <div>
              <dt>{t("assessment.columns.version")}</dt>
              <dd>{report.version}</dd>
            </div>
            <div>
              <dt>{t("assessment.report.submittedAt")}</dt>
              <dd>{formatDateTime(locale, report.submittedAt)}</dd>
            </div>
            <div>
              <dt>{t("assessment.report.generatedAt")}</dt>
              <dd>{formatDateTime(locale, generatedAt)}</dd>
            </div>
          </dl>
          <div className="report-headline">
            <div className="report-headline-item">
              <p className="report-headline-label">{t("assessment.results.level")}</p>
              <p className={`level-badge level-${report.level}`}>
                <span className="level-code">L{report.level}</span>
                <span className="level-name">{report.levelName}</span>
              </p>
            </div>
            <div className="report-headline-item">
              <p className="report-headline-label">{t("assessment.results.overall")}</p>
              <p className="overall-score">
                {displayScore(report.overall, 2)} <span className="muted small">{t("assessment.results.outOf")}</span>
              </p>
            </div>
          </div>
        </header>

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

        <section className="report-section report-charts" aria-labelledby="charts-title">
          <h2 id="charts-title">{t("assessment.report.chartsTitle")}</h2>
          <div className="report-figure report-figure-radar">
            <DimensionScoresFigure dimensions={report.dimensions} ownName={organization.name} height={260} />
          </div>
          <div className="report-figure">
            <CapabilityScoresFigure capabilities={report.capabilities} rowHeight={28} />
          </div>
          {report.capabilities.some((c) => c.score === null) ? <p className="muted small">{t("assessment.results.insufficientHint")}</p> : null}
        </section>

        <section className="report-section" aria-labelledby="explanation-title">
          <h2 id="explanation-title">{t("assessment.report.explanationTitle")}</h2>
          <Explanation report={report} />
        </section>

        <section className="report-section" aria-labelledby="roadmap-title">
          <h2 id="roadmap-title">{t("assessment.report.roadmapTitle")}</h2>
          <p className="muted">{t("assessment.results.roadmapLead")}</p>
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
            <tbody>
              {report.roadmap.map((item) => (
                <tr key={item.capabilityId}>
                  <td className="num">{item.rank}</td>
                  <td>
                    <span className={`dot dim-${item.dimensionId}`} aria-hidden="true" /> {item.name}
                  </td>
                  <td className="num">{displayScore(item.score, 2)}</td>
                  <td className="num">{formatNumber(locale, item.expectedGain, { minimumFractionDigits: 3, maximumFractionDigits: 3 })}</td>
                  <td>{item.advice ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="report-section report-appendix" aria-labelledby="appendix-title">
          <h2 id="appendix-title">{t("assessment.report.appendixTitle")}</h2>
          <p className="muted">{t("assessment.report.appendixLead", { count: report.answers.length })}</p>
          {groupByDimension(report.answers).map((group) => (
            <AnswersTable key={group.dimension} dimension={group.dimension} answers={group.answers} />
          ))}
        </section>

        <footer className="report-footer">
          <p>{t("assessment.report.disclaimer")}</p>
          <p>
            {organization.legalName} · {t("assessment.report.generated", { date: formatDate(locale, generatedAt) })}
          </p>
        </footer>
      </article>
    </>
  );
}

function Explanation({ report }: { report: Report }) {
  const t = useT();
  const locale = useLocale();
  const explanation = report.explanation;
  if (explanation.status === "at-top") return <p>{t("assessment.results.atTop")}</p>;
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
                {change.type === "level"
                  ? t("assessment.results.changeLevel", { question: `${change.number}. ${change.title}`, from: change.from, to: change.to })
                  : t("assessment.results.changeKpi", {
                      question: `${change.number}. ${change.title}`,
                      from: formatNumber(locale, change.from),
                      to: formatNumber(locale, change.to),
                      unit: change.unit ? ` ${change.unit}` : "",
                    })}
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

function groupByDimension(answers: Answer[]) {
  const groups: { dimension: string; answers: Answer[] }[] = [];
  for (const answer of answers) {
    const last = groups.at(-1);
    if (last && last.dimension === answer.dimension) last.answers.push(answer);
    else groups.push({ dimension: answer.dimension, answers: [answer] });
  }
  return groups;
}

function AnswersTable({ dimension, answers }: { dimension: string; answers: Answer[] }) {
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
      <tbody>
        {answers.map((answer, index) => (
          <Fragment key={answer.id}>
            {index === 0 || answers[index - 1]!.capability !== answer.capability ? (
              <tr className="report-group-row">
                <th scope="colgroup" colSpan={5}>
                  {answer.capability}
                </th>
              </tr>
            ) : null}
            <tr>
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
          </Fragment>
        ))}
      </tbody>
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

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
