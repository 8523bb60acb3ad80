import { Link, useLoaderData } from "@remix-run/react";
import { QuestionComments } from "~/components/comments/question-comments";
import { AnswersTable } from "~/components/validation/answers-table";
import { OtherThreads } from "~/components/validation/threads";
import { ValidationComparisonView } from "~/components/validation/comparison";
import { openCommentThreads } from "~/models/comment.server";
import { validationComparison } from "~/models/validation.server";
import { displayScore } from "~/domain/scoring";
import { guard } from "~/utils/guard.server";
import { httpError, uuidParam } from "~/utils/http.server";
import { formatDate } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

/**
 * A client's submitted assessment as the factory answered it (read scope): answers with confidence
 * tiers, this consultancy's validation versions and, once one is issued, self vs validated.
 */
export const loader = /* @__PURE__ */ guard({ engagement: "assessment:read", param: "clientId" }, async ({ params, t, locale, org, client, auth, can, scopeCan }) => {
  const assessmentId = uuidParam(params, "assessmentId", t);
  const outcome = await validationComparison(client.id, assessmentId, locale, { consultancyId: org.id });
  if (outcome.status === "not-found") httpError(404, t("errors.notFoundText"));
  if (outcome.status === "not-submitted") httpError(409, t("validation.errors.notSubmitted"));
  const threads = await openCommentThreads(assessmentId, auth.user.id, { consultancyId: org.id });
  return { orgId: org.id, client, assessmentId, threads, canValidate: can("clients:work") && scopeCan("assessment:validate"), ...outcome };
});

export default function ClientAssessment() {
  const page = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/o/${page.orgId}/clients/${page.client.id}`;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("validation.clientTitle", { client: page.client.name, label: page.label })}</h1>
          <p>{t("validation.clientLead")}</p>
        </div>
        <div className="actions">
          {page.canValidate ? (
            <Link className="button button-primary" to={`${base}/assessments/${page.assessmentId}/validate`}>
              {t("validation.validateLink")}
            </Link>
          ) : null}
          <Link className="button button-ghost" to={base}>
            {t("validation.backToClient")}
          </Link>
        </div>
      </div>
      {page.canValidate ? null : <p className="muted">{t("validation.readOnlyScope")}</p>}

      {page.inProgress ? (
        <div className="alert alert-info" role="status">
          {t("validation.inProgress", { consultancy: page.inProgress.consultancyName ?? "", version: page.inProgress.version, reviewed: page.inProgress.reviewed, total: page.inProgress.total })}
        </div>
      ) : null}

      {page.versions.length > 0 ? (
        <section className="card" aria-labelledby="versions-title">
          <h2 id="versions-title">{t("validation.versionsTitle")}</h2>
          <ul>
            {page.versions.map((v) => (
              <li key={v.id}>
                {v.status === "ISSUED" && v.issuedAt
                  ? t("validation.versionIssued", { version: v.version, consultancy: v.consultancyName ?? "", date: formatDate(locale, v.issuedAt), level: v.level ?? 0, score: v.overall === null ? "—" : displayScore(v.overall, 2) })
                  : t("validation.versionDraft", { version: v.version, consultancy: v.consultancyName ?? "" })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {page.issued ? (
        <ValidationComparisonView
          comparison={page.issued.comparison}
          labels={page.labels}
          signature={page.issued}
          afterDifference={(questionId) => (
            <QuestionComments questionId={questionId} thread={page.threads[questionId]} action={`${base}/assessments/${page.assessmentId}/comments`} canPost={page.canValidate} headingLevel={4} />
          )}
        />
      ) : (
        <p>{t("validation.none")}</p>
      )}

      <OtherThreads
        threads={page.threads}
        except={page.issued?.comparison.differences.map((d) => d.questionId) ?? []}
        labels={page.labels}
        action={`${base}/assessments/${page.assessmentId}/comments`}
        canPost={page.canValidate}
      />

      <section className="card" aria-labelledby="answers-title">
        <h2 id="answers-title">{t("validation.factoryAnswer")}</h2>
        <p className="muted small">{t("validation.tierLegend")}</p>
        <AnswersTable answers={page.answers} labels={page.labels} issued={page.issued !== null} />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
