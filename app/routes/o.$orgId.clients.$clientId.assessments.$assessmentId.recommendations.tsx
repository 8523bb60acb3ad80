/**
 * The consultant writes its own recommendation per capability of a client's submitted assessment;
 * the diagnostic report prints it next to the questionnaire's advice. Validate scope (and a
 * consultancy role that may work) through the engagement; read-only consultants get 403.
 */
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/form";
import { MAX_RECOMMENDATION_LENGTH, RECOMMENDATION_FIELD, recommendationsSchema } from "~/forms/diagnostic";
import { diagnosticReport, saveRecommendations } from "~/models/diagnostic.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { guard } from "~/utils/guard.server";
import { httpError, uuidParam } from "~/utils/http.server";
import { useT } from "~/utils/use-t";

const access = { engagement: "assessment:validate", param: "clientId" } as const;

export const loader = /* @__PURE__ */ guard(access, async ({ params, org, client, locale, t }) => {
  const assessmentId = uuidParam(params, "assessmentId", t);
  const outcome = await diagnosticReport(client.id, assessmentId, org.id, locale);
  if (outcome.status === "not-found") httpError(404, t("errors.notFoundText"));
  if (outcome.status === "not-submitted") httpError(409, t("diagnostic.recommendations.notSubmitted"));
  const { report } = outcome;
  const current = report.validated ?? report.self;
  const byCapability = new Map(report.roadmap.map((row) => [row.capabilityId, row] as const));
  return {
    base: `/o/${org.id}/clients/${client.id}/assessments/${assessmentId}`,
    factory: report.self.organization.legalName,
    label: report.self.label,
    capabilities: current.capabilities.map((c) => ({
      id: c.id,
      dimensionId: c.dimensionId,
      name: c.name,
      advice: byCapability.get(c.id)?.advice ?? null,
      text: byCapability.get(c.id)?.recommendation ?? "",
    })),
  };
});

export const action = /* @__PURE__ */ guard(access, async ({ request, params, org, client, auth, t }) => {
  const assessmentId = uuidParam(params, "assessmentId", t);
  const parsed = await parseForm(request, recommendationsSchema, t);
  if (!parsed.ok) return formFailure(parsed.failure);
  const outcome = await saveRecommendations(client.id, assessmentId, org.id, auth.user.id, parsed.data);
  switch (outcome.status) {
    case "not-found":
      return formFailure({ fieldErrors: {}, formError: t("errors.notFoundText") }, 404);
    case "not-submitted":
      return formFailure({ fieldErrors: {}, formError: t("diagnostic.recommendations.notSubmitted") }, 409);
    case "unknown-capability":
      return formFailure({ fieldErrors: {}, formError: t("diagnostic.recommendations.unknownCapability") }, 400);
    case "saved":
      return { ok: true as const, message: outcome.changed > 0 ? t("diagnostic.recommendations.saved") : t("diagnostic.recommendations.unchanged") };
  }
});

export default function Recommendations() {
  const { base, factory, label, capabilities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const fieldErrors = actionData && actionData.ok === false ? (actionData.fieldErrors ?? {}) : {};
  return (
    <>
      <div className="page-header">
        <h1>{t("diagnostic.recommendations.title")}</h1>
        <p>
          {factory} · {label}
        </p>
        <p className="muted">{t("diagnostic.recommendations.lead")}</p>
        <p>
          <Link to={`${base}/diagnostic`}>{t("diagnostic.open")}</Link>
        </p>
      </div>
      {actionData && actionData.ok ? (
        <div className="alert alert-success" role="status">
          {actionData.message}
        </div>
      ) : null}
      {actionData && actionData.ok === false && actionData.formError ? (
        <div className="alert alert-error" role="alert">
          {Object.keys(fieldErrors).length > 0 ? t("errors.formInvalid") : actionData.formError}
        </div>
      ) : null}
      <Form method="post" className="card diagnostic-recommendations">
        {capabilities.map((capability) => {
          const name = `${RECOMMENDATION_FIELD}${capability.id}`;
          return (
            <Field
              key={capability.id}
              label={t("diagnostic.recommendations.field", { capability: capability.name })}
              hint={capability.advice ? t("diagnostic.recommendations.questionnaireAdvice", { advice: capability.advice }) : undefined}
              error={fieldErrors[name]}
              required={false}
            >
              {({ id, describedBy, invalid }) => (
                <textarea id={id} name={name} rows={3} maxLength={MAX_RECOMMENDATION_LENGTH} defaultValue={capability.text} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
              )}
            </Field>
          );
        })}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            {t("diagnostic.recommendations.save")}
          </button>
        </div>
      </Form>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
