import { Form, Link, useLoaderData } from "@remix-run/react";
import { auditQuerySchema } from "~/forms/engagement";
import { assessmentLabelsByIds } from "~/models/assessment.server";
import { listAuditEntries } from "~/models/engagement.server";
import { guard } from "~/utils/guard.server";
import { httpError } from "~/utils/http.server";
import { formatDateTime, isMessageKey, type Translate } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

/** The factory owner's audit log: every request consultants made to its data (written by the guard). */
export const loader = /* @__PURE__ */ guard("engagements:manage", async ({ request, org, t, locale }) => {
  // Only a factory's data is reached through engagements; a consultancy has no audit log of its own here.
  if (org.kind !== "FACTORY") httpError(404, t("errors.notFoundText"));
  const url = new URL(request.url);
  const query = auditQuerySchema.safeParse({ page: url.searchParams.get("page") ?? undefined, consultancy: url.searchParams.get("consultancy") || undefined });
  if (!query.success) httpError(400, t("engagement.errors.pageInvalid"));
  const log = await listAuditEntries(org.id, { page: query.data.page, consultancyId: query.data.consultancy });
  if (query.data.page > log.pageCount) httpError(404, t("errors.notFoundText"));
  const labels = await assessmentLabelsByIds(log.rows.flatMap((row) => (row.assessmentId ? [row.assessmentId] : [])), locale);
  const rows = log.rows.map((row) => ({ ...row, label: row.assessmentId ? (labels.get(row.assessmentId) ?? null) : null }));
  return { orgId: org.id, page: query.data.page, consultancy: query.data.consultancy ?? "", ...log, rows };
});

type AuditRow = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

/** Guard entries are "view"/"change"; named actions ("validation.issue") are camel-cased into their key. */
function describe(t: Translate, row: AuditRow) {
  const actionKey = `engagement.audit.action.${row.action.replace(/\.(\w)/g, (_, letter: string) => letter.toUpperCase())}`;
  const action = isMessageKey(actionKey) && actionKey !== "engagement.audit.action.other" ? t(actionKey) : t("engagement.audit.action.other", { action: row.action });
  const parts = [action, t(`engagement.audit.page.${row.page}`)];
  if (row.label) parts.push(row.label);
  return parts.join(" · ");
}

export default function AuditLog() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const pageLink = (page: number) => {
    const params = new URLSearchParams();
    if (data.consultancy) params.set("consultancy", data.consultancy);
    if (page > 1) params.set("page", String(page));
    const search = params.toString();
    return `/o/${data.orgId}/engagements/audit${search ? `?${search}` : ""}`;
  };
  return (
    <>
      <div className="page-header">
        <h1>{t("engagement.audit.title")}</h1>
        <p>{t("engagement.audit.lead")}</p>
        <div className="actions">
          <Link className="button button-ghost" to={`/o/${data.orgId}/engagements`}>
            {t("engagement.form.back")}
          </Link>
        </div>
      </div>
      <section className="card" aria-labelledby="audit-title">
        <h2 id="audit-title" className="visually-hidden">
          {t("engagement.audit.title")}
        </h2>
        <Form method="get" className="inline-form audit-filter">
          <label htmlFor="audit-consultancy">{t("engagement.audit.filter")}</label>
          <select id="audit-consultancy" name="consultancy" defaultValue={data.consultancy}>
            <option value="">{t("engagement.audit.allConsultancies")}</option>
            {data.consultancies.map((consultancy) => (
              <option key={consultancy.id} value={consultancy.id}>
                {consultancy.name}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-small">
            {t("engagement.audit.apply")}
          </button>
        </Form>
        {data.rows.length === 0 ? (
          <p className="muted">{t("engagement.audit.empty")}</p>
        ) : (
          <>
            <p className="muted">{t("engagement.audit.total", { total: data.total })}</p>
            <div className="table-wrap">
              <table className="audit-table">
                <thead>
                  <tr>
                    <th scope="col">{t("engagement.audit.when")}</th>
                    <th scope="col">{t("engagement.audit.who")}</th>
                    <th scope="col">{t("engagement.audit.what")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((row) => (
                    <tr key={row.id}>
                      <td>
                        <time dateTime={new Date(row.createdAt).toISOString()}>{formatDateTime(locale, row.createdAt)}</time>
                      </td>
                      <td>
                        {row.userName}
                        <span className="muted"> · {row.consultancy}</span>
                      </td>
                      <td title={row.target}>{describe(t, row)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {data.pageCount > 1 ? (
          <nav className="audit-pagination" aria-label={t("engagement.audit.pageOf", { page: data.page, pages: data.pageCount })}>
            {data.page > 1 ? (
              <Link className="button button-small" to={pageLink(data.page - 1)} rel="prev">
                {t("engagement.audit.previous")}
              </Link>
            ) : null}
            <span>{t("engagement.audit.pageOf", { page: data.page, pages: data.pageCount })}</span>
            {data.page < data.pageCount ? (
              <Link className="button button-small" to={pageLink(data.page + 1)} rel="next">
                {t("engagement.audit.next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
