import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { chosenAssessmentsSchema, decisionSchema } from "~/forms/engagement";
import { MAX_MONTHS, OFFERED_SCOPES, scopeWithin, type Side } from "~/domain/engagement/lifecycle";
import { assessmentLabelsByIds } from "~/models/assessment.server";
import { decideEngagement, listEngagements, listSubmittedAssessments, notifyEngagement, type EngagementRow } from "~/models/engagement.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { guard, type OrgContext } from "~/utils/guard.server";
import { httpError } from "~/utils/http.server";
import { formatDate } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

/** Factories and consultancies have engagements; for anyone else the page does not exist. */
function sideOf({ org, t }: Pick<OrgContext, "org" | "t">): Side {
  if (org.kind === "AUTHORITY") httpError(404, t("errors.notFoundText"));
  return org.kind;
}

export const loader = /* @__PURE__ */ guard("engagements:read", async (context) => {
  const side = sideOf(context);
  const { org, can, locale } = context;
  const canManage = can("engagements:manage");
  const [listed, chosen] = await Promise.all([listEngagements(org, side), side === "FACTORY" && canManage ? listSubmittedAssessments(org.id) : Promise.resolve([])]);
  // Covered assessments are named by edition (ADR 0022): a year alone does not tell two revisions apart.
  const labels = await assessmentLabelsByIds([...listed.flatMap((row) => row.assessments.map((a) => a.id)), ...chosen.map((a) => a.id)], locale);
  const labelled = <A extends { id: string; period: string }>(a: A) => ({ ...a, label: labels.get(a.id) ?? a.period });
  const rows = listed.map((row) => ({ ...row, assessments: row.assessments.map(labelled) }));
  return { side, canManage, orgId: org.id, rows, submitted: chosen.map(labelled) };
});

export const action = /* @__PURE__ */ guard("engagements:manage", async (context) => {
  const side = sideOf(context);
  const { request, org, auth, t } = context;
  const parsed = await parseForm(request, decisionSchema, t);
  if (!parsed.ok) return formFailure(parsed.failure);
  const input = parsed.data;
  let assessmentIds: string[] | undefined;
  if (input.intent === "approve" && input.coverage === "chosen") {
    const chosen = chosenAssessmentsSchema.safeParse(parsed.formData.getAll("assessmentIds"));
    if (!chosen.success) return formFailure({ fieldErrors: { assessmentIds: t("engagement.errors.assessmentsInvalid") }, formError: t("errors.formInvalid") });
    if (chosen.data.length === 0) return formFailure({ fieldErrors: { assessmentIds: t("engagement.errors.chooseAssessments") }, formError: t("errors.formInvalid") });
    assessmentIds = chosen.data;
  }
  const outcome = await decideEngagement(org, side, auth.user.id, input.intent === "approve" ? { ...input, assessmentIds } : input);
  switch (outcome.status) {
    case "not-found":
      return formFailure({ fieldErrors: {}, formError: t("errors.notFoundText") }, 404);
    case "not-allowed":
      return formFailure({ fieldErrors: {}, formError: t("engagement.errors.notOpen") }, 409);
    case "narrowing-invalid": {
      const message = { scope: "engagement.errors.narrowScope", months: "engagement.errors.narrowMonths", assessmentIds: "engagement.errors.narrowAssessments" } as const;
      return formFailure({ fieldErrors: { [outcome.field]: t(message[outcome.field]) }, formError: t(message[outcome.field]) });
    }
    case "done": {
      const { engagement } = outcome;
      // The other side hears about it: its owners, and the person who asked or invited.
      const toConsultancy = side === "FACTORY";
      await notifyEngagement({
        kind: input.intent === "approve" ? "approved" : input.intent === "decline" ? "declined" : input.intent === "revoke" ? "revoked" : "ended",
        origin: new URL(request.url).origin,
        to: toConsultancy ? engagement.consultancy : engagement.factory,
        alsoUserIds: [engagement.requestedById].filter((id) => id !== auth.user.id),
        from: toConsultancy ? { id: org.id, name: engagement.factoryShownAs } : engagement.consultancy,
        actor: auth.user.displayName,
        scope: engagement.scope,
        expiresAt: engagement.expiresAt,
      });
      return { ok: true as const, message: t(`engagement.done.${input.intent}`) };
    }
  }
});

type Row = EngagementRow;
type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type JsonRow = LoaderData["rows"][number];

export default function Engagements() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [searchParams] = useSearchParams();
  const awaitingYou = data.rows.filter((row) => row.state === "REQUESTED" && row.initiatedBy !== data.side);
  const awaitingThem = data.rows.filter((row) => row.state === "REQUESTED" && row.initiatedBy === data.side);
  const active = data.rows.filter((row) => row.state === "ACTIVE");
  const past = data.rows.filter((row) => row.state !== "REQUESTED" && row.state !== "ACTIVE");
  return (
    <>
      <div className="page-header">
        <h1>{t("engagement.title")}</h1>
        <p>{data.side === "FACTORY" ? t("engagement.leadFactory") : t("engagement.leadConsultancy")}</p>
        <div className="actions">
          {data.canManage ? (
            <Link className="button button-primary" to={`/o/${data.orgId}/engagements/new`}>
              {data.side === "FACTORY" ? t("engagement.newFactory") : t("engagement.newConsultancy")}
            </Link>
          ) : null}
          {data.side === "FACTORY" && data.canManage ? (
            <Link className="button" to={`/o/${data.orgId}/engagements/audit`}>
              {t("engagement.auditLink")}
            </Link>
          ) : null}
        </div>
      </div>
      {data.canManage ? null : (
        <div className="alert alert-info" role="note">
          {t("engagement.onlyOwners")}
        </div>
      )}
      {searchParams.get("done") === "requested" && !actionData ? (
        <div className="alert alert-success" role="status">
          {t("engagement.done.requested")}
        </div>
      ) : null}
      {actionData && "message" in actionData ? (
        <div className="alert alert-success" role="status">
          {actionData.message}
        </div>
      ) : null}
      {actionData && actionData.ok === false ? (
        <div className="alert alert-error" role="alert">
          {Object.values(actionData.fieldErrors ?? {})[0] ?? actionData.formError}
        </div>
      ) : null}
      <EngagementSection id="awaiting-you" title={t("engagement.section.awaitingYou")} rows={awaitingYou} data={data} />
      <EngagementSection id="awaiting-them" title={t("engagement.section.awaitingThem")} rows={awaitingThem} data={data} />
      <EngagementSection id="active" title={t("engagement.section.active")} rows={active} data={data} />
      <EngagementSection id="past" title={t("engagement.section.past")} rows={past} data={data} />
    </>
  );
}

function EngagementSection({ id, title, rows, data }: { id: string; title: string; rows: JsonRow[]; data: LoaderData }) {
  const t = useT();
  return (
    <section className="card engagement-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {title} <span className="badge">{rows.length}</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{t("engagement.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="engagement-table">
            <thead>
              <tr>
                <th scope="col">{data.side === "FACTORY" ? t("engagement.column.consultancy") : t("engagement.column.factory")}</th>
                <th scope="col">{t("engagement.column.scope")}</th>
                <th scope="col">{t("engagement.column.coverage")}</th>
                <th scope="col">{t("engagement.column.period")}</th>
                <th scope="col">{t("engagement.column.state")}</th>
                <th scope="col">{t("engagement.column.message")}</th>
                {data.canManage ? <th scope="col">{t("engagement.column.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <EngagementRowView key={row.id} row={row} data={data} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function monthsBetween(start: Date | string, end: Date | string) {
  return Math.max(1, Math.round((new Date(end).getTime() - new Date(start).getTime()) / (30.44 * 86_400_000)));
}

function EngagementRowView({ row, data }: { row: JsonRow; data: LoaderData }) {
  const t = useT();
  const locale = useLocale();
  const name = row.counterpart.name;
  return (
    <tr>
      <th scope="row">
        {name ?? (
          <>
            {t("engagement.hiddenFactory", { code: row.counterpart.creditCode ?? "—" })}
            <span className="muted engagement-hint"> · {t("engagement.hiddenFactoryHint")}</span>
          </>
        )}
        <span className="muted engagement-hint"> · {row.initiatedBy === data.side ? t("engagement.startedByYou") : t("engagement.startedByThem")}</span>
        {row.clientId ? (
          <>
            {" "}
            <Link to={`/o/${data.orgId}/clients/${row.clientId}`}>{t("engagement.openClient")}</Link>
          </>
        ) : null}
      </th>
      <td>{t(`engagement.scope.${row.scope}`)}</td>
      <td>{row.allAssessments ? t("engagement.coverageAll") : row.assessments.map((a) => a.label).join(t("engagement.listSeparator")) || "—"}</td>
      <td>
        {row.state === "REQUESTED"
          ? t("engagement.durationMonths", { months: monthsBetween(row.startsAt, row.expiresAt) })
          : t("engagement.dateRange", { start: formatDate(locale, row.startsAt), end: formatDate(locale, row.expiresAt) })}
      </td>
      <td>
        <span className={`badge engagement-state engagement-state-${row.state.toLowerCase()}`}>{t(`engagement.state.${row.state}`)}</span>
      </td>
      <td className="engagement-message">{row.message ?? "—"}</td>
      {data.canManage ? (
        <td>
          <RowActions row={row} data={data} />
        </td>
      ) : null}
    </tr>
  );
}

function CloseButton({ row, intent, label, confirm, danger }: { row: Pick<Row, "id">; intent: "decline" | "revoke" | "end"; label: string; confirm: string; danger?: boolean }) {
  return (
    <Form
      method="post"
      className="inline-form"
      onSubmit={(event) => {
        if (!window.confirm(confirm)) event.preventDefault();
      }}
    >
      <input type="hidden" name="engagementId" value={row.id} />
      <button type="submit" name="intent" value={intent} className={`button button-small${danger ? " button-danger" : ""}`}>
        {label}
      </button>
    </Form>
  );
}

function RowActions({ row, data }: { row: JsonRow; data: LoaderData }) {
  const t = useT();
  const { actions } = row;
  const mine = row.initiatedBy === data.side;
  return (
    <div className="engagement-actions">
      {actions.approve ? <ApproveForm row={row} data={data} /> : null}
      {actions.decline ? <CloseButton row={row} intent="decline" label={t("engagement.decline")} confirm={t("engagement.declineConfirm")} /> : null}
      {actions.revoke ? (
        <CloseButton row={row} intent="revoke" label={mine && row.state === "REQUESTED" ? t("engagement.withdraw") : t("engagement.revoke")} confirm={mine && row.state === "REQUESTED" ? t("engagement.withdrawConfirm") : t("engagement.revokeConfirm")} danger />
      ) : null}
      {actions.end ? (
        <CloseButton row={row} intent="end" label={mine && row.state === "REQUESTED" ? t("engagement.withdraw") : t("engagement.end")} confirm={mine && row.state === "REQUESTED" ? t("engagement.withdrawConfirm") : t("engagement.endConfirm")} danger />
      ) : null}
    </div>
  );
}

/** Approve as asked, or narrow first (scope, months, which assessments) in the folded part. */
function ApproveForm({ row, data }: { row: JsonRow; data: LoaderData }) {
  const t = useT();
  const [coverage, setCoverage] = useState<"all" | "chosen">("all");
  const scopes = OFFERED_SCOPES.filter((scope) => scopeWithin(scope, row.scope));
  // A factory narrows among its submitted assessments (within the chosen ones, if the request named some).
  const choices = data.side === "FACTORY" ? data.submitted.filter((a) => row.allAssessments || row.assessments.some((c) => c.id === a.id)) : [];
  return (
    <Form method="post" className="engagement-approve">
      <input type="hidden" name="engagementId" value={row.id} />
      <button type="submit" name="intent" value="approve" className="button button-small button-primary">
        {data.side === "FACTORY" ? t("engagement.approve") : t("engagement.accept")}
      </button>
      <details>
        <summary>{t("engagement.narrowTitle")}</summary>
        <p className="muted">{t("engagement.narrowLead")}</p>
        <label>
          {t("engagement.form.scope")}
          <select name="scope" defaultValue={scopes.includes(row.scope as (typeof scopes)[number]) ? row.scope : scopes[scopes.length - 1]}>
            {scopes.map((scope) => (
              <option key={scope} value={scope}>
                {t(`engagement.scope.${scope}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("engagement.form.months")}
          <input name="months" type="number" inputMode="numeric" min={1} max={Math.min(MAX_MONTHS, monthsBetween(row.startsAt, row.expiresAt))} placeholder={t("engagement.keepRequested")} />
        </label>
        {choices.length > 0 ? (
          <fieldset className="choice-group">
            <legend>{t("engagement.form.coverage")}</legend>
            <label>
              <input type="radio" name="coverage" value="all" checked={coverage === "all"} onChange={() => setCoverage("all")} /> {t("engagement.keepRequested")}
            </label>
            <label>
              <input type="radio" name="coverage" value="chosen" checked={coverage === "chosen"} onChange={() => setCoverage("chosen")} /> {t("engagement.form.coverageChosen")}
            </label>
            {choices.map((assessment) => (
              <label key={assessment.id} className="engagement-choice">
                <input type="checkbox" name="assessmentIds" value={assessment.id} /> {assessment.label}
              </label>
            ))}
          </fieldset>
        ) : null}
      </details>
    </Form>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
