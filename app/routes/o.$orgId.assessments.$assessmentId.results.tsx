import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { CrosswalksSection } from "~/components/assessment/crosswalks-section";
import { PlausibilitySection } from "~/components/assessment/plausibility-section";
import { ProfileSummary } from "~/components/assessment/profile-summary";
import { AnswerChangeText, RequirementsExplanation } from "~/components/assessment/requirements-explanation";
import { VetoesSection } from "~/components/assessment/vetoes-section";
import { CapabilityScoresFigure, DimensionScoresFigure, RankedCapabilities } from "~/components/assessment/score-figures";
import { ExpectedGain } from "~/components/assessment/expected-gain";
import { PeerGap } from "~/components/difference";
import { differenceFromGap } from "~/domain/assessment/difference";
import { displayScore } from "~/domain/scoring/display";
import { dimensionRadar } from "~/components/charts.server";
import { reviseAssessment } from "~/models/assessment.server";
import { cachedResultsView } from "~/models/frozen-views.server";
import { pageValidation } from "~/models/validation.server";
import { guard } from "~/utils/guard.server";
import { httpError, uuidParam } from "~/utils/http.server";
import { formatDateTime, formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

export const loader = /* @__PURE__ */ guard("assessment:read", async ({ request, params, org, role, locale, t, can }) => {
  const assessmentId = uuidParam(params, "assessmentId", t);
  // The roadmap weighs each capability's gap to the peer median too (empty when no group reaches k).
  // Frozen once submitted: cached per viewer and profile version, the peer gaps for a minute (ADR 0024),
  // made once per entry with the radar drawn on the server (the bundle carries no charting library).
  // The answers appendix is the printable report's: this page does not show it, so it is not sent.
  const outcome = await cachedResultsView({ organizationId: org.id, role, locale, request }, assessmentId, ({ answers: _appendix, ...report }) => ({
    report,
    radar: dimensionRadar(report.dimensions, report.organization.name),
  }));
  if (outcome.status === "not-found") httpError(404, t("errors.notFoundText"));
  if (outcome.status === "not-submitted") httpError(409, t("assessment.errors.notSubmitted"));
  const { report, radar } = outcome.view;
  return { report, radar, canRevise: can("assessment:edit"), orgId: org.id, validation: await pageValidation(request, org.id, assessmentId) };
});

/** "Revise": a new draft prefilled with these answers; this assessment stays frozen. */
export const action = /* @__PURE__ */ guard("assessment:edit", async ({ params, org, auth, t }) => {
  const outcome = await reviseAssessment(org.id, uuidParam(params, "assessmentId", t), auth.user.id);
  if (outcome.status === "not-found") httpError(404, t("errors.notFoundText"));
  if (outcome.status === "not-submitted") httpError(409, t("assessment.errors.notSubmitted"));
  throw redirect(`/o/${org.id}/assessments/${outcome.id}`);
});

export default function Results() {
  const { report, radar, canRevise, orgId, validation } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [searchParams] = useSearchParams();
  const base = `/o/${orgId}/assessments/${report.id}`;
  const score = (value: number | null) => (value === null ? t("assessment.results.insufficient") : displayScore(value, 2));
  return (
    <>
      {searchParams.get("submitted") ? (
        <div className="alert alert-success" role="status">
          {t("assessment.submitted")}
        </div>
      ) : null}
      <div className="page-header results-header">
        <div>
          <h1>{t("assessment.results.title", { label: report.label })}</h1>
          <p>{t("assessment.results.lead", { version: report.version, date: formatDateTime(locale, report.submittedAt) })}</p>
          <ProfileSummary profile={report.profile} />
        </div>
        <div className="actions">
          {validation ? (
            <Link className="button" to={`${base}/validation`}>
              {t("validation.resultsLink")}
            </Link>
          ) : null}
          <Link className="button" to={`${base}/benchmark`}>
            {t("assessment.results.benchmarkLink")}
          </Link>
          <Link className="button" to={`/o/${orgId}/assessments/${report.id}/report`}>
            {t("assessment.results.print")}
          </Link>
          <a className="button" href={`/o/${orgId}/assessments/${report.id}/export.xlsx`} download>
            {t("assessment.results.exportXlsx")}
          </a>
          <Link className="button button-ghost" to={`/o/${orgId}/assessments`}>
            {t("assessment.results.historyLink")}
          </Link>
        </div>
      </div>

      {validation?.issued ? (
        <div className="alert alert-info" role="status">
          {t("validation.resultsNotice")} <Link to={`${base}/validation`}>{t("validation.resultsLink")}</Link>
        </div>
      ) : null}

      <div className="grid results-summary">
        <section className="card level-card" aria-labelledby="level-title">
          <h2 id="level-title">{t("assessment.results.level")}</h2>
          <p className={`level-badge level-${report.level}`}>
            <span className="level-code">L{report.level}</span>
            <span className="level-name">{report.levelName}</span>
          </p>
          <p className="muted">{report.levels.find((l) => l.level === report.level)?.description}</p>
        </section>
        <section className="card" aria-labelledby="overall-title">
          <h2 id="overall-title">{t("assessment.results.overall")}</h2>
          <p className="overall-score">
            {displayScore(report.overall, 2)} <span className="muted small">{t("assessment.results.outOf")}</span>
          </p>
          <ul className="dimension-scores">
            {report.dimensions.map((d) => (
              <li key={d.id}>
                <span className={`dot dim-${d.id}`} aria-hidden="true" /> {d.name}
                <strong>{score(d.score)}</strong>
              </li>
            ))}
          </ul>
        </section>
      </div>

      <VetoesSection vetoes={report.vetoes} level={report.level} levelBeforeVetoes={report.levelBeforeVetoes} />
      <PlausibilitySection flags={report.plausibility} />
      <CrosswalksSection crosswalks={report.crosswalks} levelName={(level) => report.levels.find((l) => l.level === level)?.name ?? ""} />

      <div className="grid charts-grid">
        <section className="card" aria-labelledby="radar-title">
          <h2 id="radar-title">{t("assessment.results.dimensionsTitle")}</h2>
          <DimensionScoresFigure dimensions={report.dimensions} radar={radar} />
        </section>
        <section className="card" aria-labelledby="strengths-title">
          <h2 id="strengths-title">{t("assessment.results.strengthsTitle")}</h2>
          <RankedCapabilities items={report.strengths} />
          <h2>{t("assessment.results.gapsTitle")}</h2>
          <RankedCapabilities items={report.gaps} />
        </section>
      </div>

      <section className="card" aria-labelledby="capabilities-title">
        <h2 id="capabilities-title">{t("assessment.results.capabilitiesTitle")}</h2>
        <CapabilityScoresFigure capabilities={report.capabilities} />
        {report.capabilities.some((c) => c.score === null) ? <p className="muted small">{t("assessment.results.insufficientHint")}</p> : null}
      </section>

      <section className="card" aria-labelledby="holding-title">
        <h2 id="holding-title">{t("assessment.results.holdingTitle")}</h2>
        {report.explanation.status === "at-top" ? (
          <p>{t("assessment.results.atTop")}</p>
        ) : report.explanation.status === "next-requirements" ? (
          <RequirementsExplanation explanation={report.explanation} collapseAfter={8} />
        ) : (
          <>
            <p>
              {t("assessment.results.nextLevelNeeds", {
                level: `L${report.explanation.nextLevel} ${report.explanation.nextLevelName}`,
                overall: report.explanation.requiredOverall,
                floor: report.explanation.requiredFloor,
              })}{" "}
              {report.explanation.overallGap > 0 ? t("assessment.results.overallGap", { gap: formatNumber(locale, Math.ceil(report.explanation.overallGap * 100) / 100) }) : null}
            </p>
            <ul>
              {report.explanation.holdingBack
                .filter((h) => h.floorGap > 0)
                .map((h) => (
                  <li key={h.dimensionId}>
                    {t("assessment.results.dimensionBelow", { dimension: h.name, score: displayScore(h.score, 2), floor: report.explanation.status === "next-level" ? report.explanation.requiredFloor : 0 })}
                  </li>
                ))}
            </ul>
            {report.explanation.holdingBack.map((h) => (
              <div key={h.dimensionId}>
                <p className="small">
                  <strong>{h.name}</strong> — {t("assessment.results.weakQuestions")}
                </p>
                <ul className="small">
                  {h.weakestQuestions.map((q) => (
                    <li key={q.id}>
                      {q.number}. {q.title} ({t("assessment.band", { band: q.score })})
                    </li>
                  ))}
                </ul>
              </div>
            ))}
            <h3>{t("assessment.results.changesTitle")}</h3>
            <p className="muted small">{t("assessment.results.changesLead")}</p>
            {report.explanation.reachable ? (
              <ol>
                {report.explanation.changes.map((change) => (
                  <li key={change.questionId}>
                    <AnswerChangeText change={change} />
                  </li>
                ))}
              </ol>
            ) : (
              <p>{t("assessment.results.unreachable")}</p>
            )}
          </>
        )}
      </section>

      <section className="card" aria-labelledby="roadmap-title">
        <h2 id="roadmap-title">{t("assessment.results.roadmapTitle")}</h2>
        <p className="muted">{t("assessment.results.roadmapLead")}</p>
        <p className="muted small">{t("assessment.results.expectedGainHint")}</p>
        {/* On a phone each row becomes a card (CSS: .roadmap-table); the labels repeat the headers there. */}
        <div className="roadmap-wrap">
          <table className="roadmap-table">
            <thead>
              <tr>
                <th scope="col">{t("assessment.results.rank")}</th>
                <th scope="col">{t("assessment.results.capability")}</th>
                <th scope="col">{t("assessment.results.score")}</th>
                <th scope="col">{t("assessment.results.expectedGain")}</th>
                <th scope="col">{t("assessment.results.peerGap")}</th>
                <th scope="col">{t("assessment.results.nextStep")}</th>
              </tr>
            </thead>
            <tbody>
              {report.roadmap.map((item) => (
                <tr key={item.capabilityId}>
                  <td className="roadmap-rank" data-label={t("assessment.results.rank")}>
                    {item.rank}
                  </td>
                  <th scope="row" className="roadmap-name">
                    <span className={`dot dim-${item.dimensionId}`} aria-hidden="true" /> {item.name}
                  </th>
                  <td data-label={t("assessment.results.score")}>{displayScore(item.score, 2)}</td>
                  <td data-label={t("assessment.results.expectedGain")}>
                    <ExpectedGain gain={item.expectedGain} />
                  </td>
                  <td data-label={t("assessment.results.peerGap")}>{item.peerGap === null ? "—" : <PeerGap value={differenceFromGap(item.peerGap)} />}</td>
                  <td className="small roadmap-advice" data-label={t("assessment.results.nextStep")}>
                    {item.advice}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {canRevise ? (
        <section className="card" aria-labelledby="revise-title">
          <h2 id="revise-title">{t("assessment.revise")}</h2>
          <p className="muted">{t("assessment.reviseHint")}</p>
          <Form method="post">
            <button type="submit" className="button">
              {t("assessment.revise")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
