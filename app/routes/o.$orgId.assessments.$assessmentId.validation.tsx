import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
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

const versionQuery = z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined);

/**
 * The factory's side: its own result and the consultancy's validated one side by side, every
 * difference with the consultant's comment, the tiers; while a validation is in progress, its status.
 * `?v=` shows an older issued version.
 */
export const loader = /* @__PURE__ */ guard("assessment:read", async ({ params, request, t, locale, org, auth, can }) => {
  const assessmentId = uuidParam(params, "assessmentId", t);
  const version = versionQuery.parse(new URL(request.url).searchParams.get("v") ?? undefined);
  const outcome = await validationComparison(org.id, assessmentId, locale, { version });
  if (outcome.status === "not-found") httpError(404, t("errors.notFoundText"));
  if (outcome.status === "not-submitted") httpError(409, t("assessment.errors.notSubmitted"));
  // The threads with the consultancies: factory owners and editors answer, viewers read.
  const threads = await openCommentThreads(assessmentId, auth.user.id);
  return { orgId: org.id, assessmentId, threads, canComment: can("assessment:edit"), ...outcome };
});

export default function FactoryValidation() {
  const page = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/o/${page.orgId}/assessments/${page.assessmentId}`;
  const issuedVersions = page.versions.filter((v) => v.status === "ISSUED");
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("validation.factoryTitle", { label: page.label })}</h1>
          <p>{t("validation.factoryLead")}</p>
        </div>
        <div className="actions">
          {page.issued ? (
            <Link className="button" to={`${base}/diagnostic`}>
              {t("diagnostic.open")}
            </Link>
          ) : null}
          <Link className="button button-ghost" to={`${base}/results`}>
            {t("validation.backToResults")}
          </Link>
        </div>
      </div>

      {page.inProgress ? (
        <div className="alert alert-info" role="status">
          {t("validation.inProgress", { consultancy: page.inProgress.consultancyName ?? "", version: page.inProgress.version, reviewed: page.inProgress.reviewed, total: page.inProgress.total })}
        </div>
      ) : null}

      {page.issued ? (
        <ValidationComparisonView
          comparison={page.issued.comparison}
          labels={page.labels}
          signature={page.issued}
          afterDifference={(questionId) => <QuestionComments questionId={questionId} thread={page.threads[questionId]} action={`${base}/comments`} canPost={page.canComment} headingLevel={4} />}
        />
      ) : (
        <p className="card">{t("validation.none")}</p>
      )}

      <OtherThreads threads={page.threads} except={page.issued?.comparison.differences.map((d) => d.questionId) ?? []} labels={page.labels} action={`${base}/comments`} canPost={page.canComment} />

      {issuedVersions.length > 1 ? (
        <section className="card" aria-labelledby="versions-title">
          <h2 id="versions-title">{t("validation.versionsTitle")}</h2>
          <ul>
            {issuedVersions.map((v) => (
              <li key={v.id}>
                <Link to={`?v=${v.version}`} aria-current={page.issued?.version === v.version ? "page" : undefined}>
                  {t("validation.versionIssued", { version: v.version, consultancy: v.consultancyName ?? "", date: v.issuedAt ? formatDate(locale, v.issuedAt) : "", level: v.level ?? 0, score: v.overall === null ? "—" : displayScore(v.overall, 2) })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="answers-title">
        <h2 id="answers-title">{t("validation.tierTitle")}</h2>
        <p className="muted small">{t("validation.tierLegend")}</p>
        <AnswersTable answers={page.answers} labels={page.labels} issued={page.issued !== null} />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
