/**
 * The diagnostic report a consultancy prints for a client (A4): the consultancy's latest issued
 * validation beside the factory's self-assessment; before one is issued the report is marked
 * "not yet validated". Reached only through an active engagement covering the assessment.
 */
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DiagnosticDocument } from "~/components/diagnostic/document";
import { diagnosticReport } from "~/models/diagnostic.server";
import { guard } from "~/utils/guard.server";
import { httpError, uuidParam } from "~/utils/http.server";
import { useT } from "~/utils/use-t";
import { nowToTheMinute } from "~/utils/render-cache.server";

export const loader = /* @__PURE__ */ guard({ engagement: "assessment:read", param: "clientId" }, async ({ params, org, client, scopeCan, can, locale, t }) => {
  const assessmentId = uuidParam(params, "assessmentId", t);
  const outcome = await diagnosticReport(client.id, assessmentId, org.id, locale);
  if (outcome.status === "not-found") httpError(404, t("errors.notFoundText"));
  if (outcome.status === "not-submitted") httpError(409, t("assessment.errors.notSubmitted"));
  const { report } = outcome;
  return {
    report,
    base: `/o/${org.id}/clients/${client.id}/assessments/${assessmentId}`,
    canRecommend: scopeCan("assessment:validate") && can("clients:work"),
    generatedAt: nowToTheMinute(),
    documentTitle: t("diagnostic.documentTitle", { factory: report.self.organization.legalName, label: report.self.label }),
  };
});

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.documentTitle }] : []);

export default function ClientDiagnosticReport() {
  const { report, base, canRecommend, generatedAt } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="report-toolbar">
        <Link className="button button-ghost" to={base}>
          {t("diagnostic.backToClient")}
        </Link>
        {canRecommend ? (
          <Link className="button button-ghost" to={`${base}/recommendations`}>
            {t("diagnostic.editRecommendations")}
          </Link>
        ) : null}
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
