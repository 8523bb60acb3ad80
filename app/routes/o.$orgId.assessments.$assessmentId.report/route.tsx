/**
 * The printable A4 report of a submitted assessment: cover, level and score, charts (SVG rendered
 * on the server), explanation, roadmap, the peer comparison and every answer in an appendix. The
 * browser's "Print → Save as PDF" turns it into the document a factory shows its board; the print
 * rules are in the "Print report" sections of app/styles/app.css. The report's sections sit beside
 * this file.
 */
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CrosswalksSection } from "~/components/assessment/crosswalks-section";
import { PlausibilitySection } from "~/components/assessment/plausibility-section";
import { ProfileSummary } from "~/components/assessment/profile-summary";
import { CapabilityScoresFigure, DimensionScoresFigure } from "~/components/assessment/score-figures";
import { dimensionRadar } from "~/components/charts.server";
import { VetoesSection } from "~/components/assessment/vetoes-section";
import { groupByDimension } from "~/domain/assessment/appendix";
import { publishedBenchmark } from "~/models/benchmark-view.server";
import { cachedBenchmarkView, cachedPrintView } from "~/models/frozen-views.server";
import { guard } from "~/utils/guard.server";
import { httpError, uuidParam } from "~/utils/http.server";
import { formatDate } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";
import { AnswersTable } from "./answers-table";
import { BenchmarkSection } from "./benchmark";
import { ReportCover } from "./cover";
import { Explanation } from "./explanation";
import { Roadmap } from "./roadmap";
import { ReportSummary } from "./summary";
import { nowToTheMinute } from "~/utils/render-cache.server";

export const loader = /* @__PURE__ */ guard("assessment:read", async ({ request, params, org, role, locale, t }) => {
  const assessmentId = uuidParam(params, "assessmentId", t);
  const viewer = { organizationId: org.id, role, locale, request };
  // Frozen once submitted: cached per viewer and profile version (ADR 0024). The peer comparison is
  // the default group's, published as on the benchmark page (never raw), and kept a minute at most.
  const [outcome, peers] = await Promise.all([
    cachedPrintView(viewer, assessmentId, (report) => ({ report, radar: dimensionRadar(report.dimensions, report.organization.name, 260) })),
    cachedBenchmarkView(viewer, assessmentId, "report:default-group", async () => {
      const published = await publishedBenchmark(org.id, assessmentId, null, t, locale);
      if (published.status !== "ok") httpError(published.status === "not-found" ? 404 : 409, t(published.status === "not-found" ? "errors.notFoundText" : "assessment.errors.notSubmitted"));
      return published.benchmark;
    }),
  ]);
  if (outcome.status === "not-found") httpError(404, t("errors.notFoundText"));
  if (outcome.status === "not-submitted" || peers.status !== "ok") httpError(409, t("assessment.errors.notSubmitted"));
  const { report, radar } = outcome.view;
  return {
    report,
    radar,
    benchmark: peers.view,
    orgId: org.id,
    generatedAt: nowToTheMinute(),
    documentTitle: t("assessment.report.documentTitle", { factory: report.organization.legalName, label: report.label }),
  };
});

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.documentTitle }] : []);

export default function PrintableReport() {
  const { report, radar, benchmark, orgId, generatedAt } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const organization = report.organization;
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
        <ReportCover report={report} generatedAt={generatedAt} />

        <ReportSummary report={report} />
        <ProfileSummary profile={report.profile} />

        {/* Room for two-line English labels; radar and bars still share one A4 page. */}
        <section className="report-section report-charts" aria-labelledby="charts-title">
          <h2 id="charts-title">{t("assessment.report.chartsTitle")}</h2>
          <div className="report-figure report-figure-radar">
            <DimensionScoresFigure dimensions={report.dimensions} radar={radar} />
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

        <VetoesSection vetoes={report.vetoes} level={report.level} levelBeforeVetoes={report.levelBeforeVetoes} className="report-section" />
        <PlausibilitySection flags={report.plausibility} className="report-section" />
        <CrosswalksSection crosswalks={report.crosswalks} levelName={(level) => report.levels.find((l) => l.level === level)?.name ?? ""} className="report-section" />

        <Roadmap roadmap={report.roadmap} />
        <BenchmarkSection benchmark={benchmark} />

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

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
