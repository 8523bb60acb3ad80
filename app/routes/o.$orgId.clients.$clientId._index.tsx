/**
 * One client as the consultancy sees it through its engagement: the factory's profile, the
 * engagement's scope and expiry, and the assessments it covers with their state for this
 * consultancy (draft in progress / submitted / validated) and the way into each.
 */
import { Link, useLoaderData } from "@remix-run/react";
import { industryName } from "~/domain/reference/industries";
import { regionLabel } from "~/domain/reference/regions";
import { displayScore } from "~/domain/scoring";
import { clientOverview } from "~/models/portfolio.server";
import { guard } from "~/utils/guard.server";
import { assessmentLabel } from "~/utils/assessment-label";
import { formatDate, formatDateTime, formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

export const loader = /* @__PURE__ */ guard({ engagement: "assessment:read", param: "clientId" }, async ({ org, client, engagement, covers, scopeCan, can, t, locale }) => {
  const overview = await clientOverview(org.id, client.id, covers);
  const labelled = overview.assessments.map((a) => ({ ...a, label: assessmentLabel(t, locale, { period: a.period, edition: a.edition, status: a.state === "draft" ? "DRAFT" : "SUBMITTED", submittedAt: a.submittedAt }) }));
  return {
    orgId: org.id,
    client,
    scope: engagement.scope,
    expiresAt: engagement.expiresAt,
    // Validating needs both the engagement's scope and a consultancy role that may work.
    canValidate: scopeCan("assessment:validate") && can("clients:work"),
    ...overview,
    assessments: labelled,
  };
});

export default function ClientOverview() {
  const { orgId, client, scope, expiresAt, canValidate, profile, assessments } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/o/${orgId}/clients/${client.id}/assessments`;
  return (
    <>
      <div className="page-header">
        <h1>{client.name}</h1>
        <p>{t("portfolio.overview.lead", { scope: t(`portfolio.scope.${scope}`), date: formatDate(locale, expiresAt) })}</p>
        <p className="actions">
          <Link className="button button-ghost" to={`/o/${orgId}/clients`}>
            {t("portfolio.overview.back")}
          </Link>
        </p>
      </div>
      <section className="card" aria-labelledby="client-profile-title">
        <h2 id="client-profile-title">{t("portfolio.overview.profileTitle")}</h2>
        {profile ? (
          <dl className="dl">
            <dt>{t("portfolio.overview.legalName")}</dt>
            <dd>{profile.legalName}</dd>
            <dt>{t("portfolio.overview.creditCode")}</dt>
            <dd>{profile.creditCode}</dd>
            <dt>{t("portfolio.overview.industry")}</dt>
            <dd>
              {profile.industryCode} {industryName(profile.industryCode, locale)}
            </dd>
            <dt>{t("portfolio.overview.region")}</dt>
            <dd>{regionLabel(profile.regionCode, locale)}</dd>
            <dt>{t("portfolio.overview.size")}</dt>
            <dd>
              {t(`sizeBand.${profile.sizeBand}`)} ·{" "}
              {t("portfolio.overview.employees", { employees: formatNumber(locale, profile.employees), revenue: formatNumber(locale, profile.revenueWan) })}
            </dd>
          </dl>
        ) : (
          <p className="muted">{t("portfolio.overview.noProfile")}</p>
        )}
      </section>
      <section className="card" aria-labelledby="client-assessments-title">
        <h2 id="client-assessments-title">{t("portfolio.overview.assessmentsTitle")}</h2>
        {assessments.length === 0 ? (
          <p className="muted">{t("portfolio.overview.noAssessments")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("portfolio.overview.period")}</th>
                  <th scope="col">{t("portfolio.overview.version")}</th>
                  <th scope="col">{t("portfolio.overview.state")}</th>
                  <th scope="col">{t("portfolio.overview.result")}</th>
                  <th scope="col">{t("portfolio.overview.updated")}</th>
                  <th scope="col">{t("portfolio.overview.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {assessments.map((assessment) => (
                  <tr key={assessment.id}>
                    <th scope="row">{assessment.label}</th>
                    <td>{assessment.version}</td>
                    <td>
                      <span className={`badge portfolio-state-${assessment.state}`}>
                        {assessment.state === "draft"
                          ? t("portfolio.overview.stateDraft")
                          : assessment.state === "validated" && assessment.validation
                            ? t("portfolio.overview.stateValidated", { version: assessment.validation.version })
                            : t("portfolio.overview.stateSubmitted")}
                      </span>
                    </td>
                    <td>
                      {assessment.level !== null && assessment.overall !== null ? t("portfolio.selfScore", { level: assessment.level, overall: displayScore(assessment.overall, 2) }) : "—"}
                      {assessment.validation && assessment.validation.level !== null && assessment.validation.overall !== null ? (
                        <>
                          {" / "}
                          {t("portfolio.validatedScore", { level: assessment.validation.level, overall: displayScore(assessment.validation.overall, 2) })}
                        </>
                      ) : null}
                    </td>
                    <td>{formatDateTime(locale, assessment.updatedAt)}</td>
                    <td>
                      {assessment.state === "draft" ? null : (
                        <span className="actions">
                          <Link className="button button-small" to={`${base}/${assessment.id}`}>
                            {t("portfolio.overview.openAssessment")}
                          </Link>
                          {canValidate ? (
                            <Link className="button button-small" to={`${base}/${assessment.id}/validate`}>
                              {t("portfolio.overview.validate")}
                            </Link>
                          ) : null}
                          <Link className="button button-small" to={`${base}/${assessment.id}/diagnostic`}>
                            {t("portfolio.overview.diagnostic")}
                          </Link>
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
