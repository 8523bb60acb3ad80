/**
 * The factory's copy of its diagnostic report: the one of the consultancy that issued the
 * assessment's latest validation, exactly as the consultancy prints it. Before any validation is
 * issued there is no report (404 with a message saying so).
 */
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DiagnosticDocument } from "~/components/diagnostic/document";
import { factoryDiagnosticReport } from "~/models/diagnostic.server";
import { guard } from "~/utils/guard.server";
import { httpError, uuidParam } from "~/utils/http.server";
import { useT } from "~/utils/use-t";
import { nowToTheMinute } from "~/utils/render-cache.server";

export const loader = /* @__PURE__ */ guard("assessment:read", async ({ params, org, locale, t }) => {
  const assessmentId = uuidParam(params, "assessmentId", t);
  const outcome = await factoryDiagnosticReport(org.id, assessmentId, locale);
  if (outcome.status === "not-found") httpError(404, t("errors.notFoundText"));
  if (outcome.status === "not-submitted") httpError(409, t("assessment.errors.notSubmitted"));
  if (outcome.status === "no-report") httpError(404, t("diagnostic.errors.noReport"));
  const { report } = outcome;
  return {
    report,
    base: `/o/${org.id}/assessments/${assessmentId}`,
    generatedAt: nowToTheMinute(),
    documentTitle: t("diagnostic.documentTitle", { factory: report.self.organization.legalName, label: report.self.label }),
  };
});

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.documentTitle }] : []);

export default function FactoryDiagnosticReport() {
  const { report, base, generatedAt } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="report-toolbar">
        <Link className="button button-ghost" to={`${base}/results`}>
          {t("diagnostic.backToAssessment")}
        </Link>
        <a className="button button-ghost" href={`${base}/diagnostic.xlsx`} download>
          {t("diagnostic.openXlsx")}
        </a>
        <button type="button" className="button button-primary" onClick={() => window.print()}>
          {t("diagnostic.printNow")}
        </button>
        <p className="muted small">{t("diagnostic.printHint")}</p>
      </div>
      <DiagnosticDocument report={report} generatedAt={generatedAt} />
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
