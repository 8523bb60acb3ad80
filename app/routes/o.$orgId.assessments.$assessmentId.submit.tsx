import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/form";
import { questionnaireView } from "~/domain/questionnaire/view";
import { getAssessment, loadQuestionnaireVersion, missingAnswers, submitAssessment } from "~/models/assessment.server";
import { scoringErrorMessage } from "~/models/assessment-messages.server";
import { formFailure } from "~/utils/forms.server";
import { guard } from "~/utils/guard.server";
import { httpError, uuidParam } from "~/utils/http.server";
import { useAssessment } from "~/utils/use-assessment";
import { useT } from "~/utils/use-t";

export const loader = /* @__PURE__ */ guard("assessment:read", async ({ params, org, t, locale }) => {
  const assessment = await getAssessment(org.id, uuidParam(params, "assessmentId", t));
  if (!assessment) httpError(404, t("errors.notFoundText"));
  if (assessment.status === "SUBMITTED") throw redirect(`/o/${org.id}/assessments/${assessment.id}/results`);
  const { questionnaire } = await loadQuestionnaireVersion(assessment.questionnaireVersionId);
  if (questionnaire.usesPlantProfile && !assessment.profile) throw redirect(`/o/${org.id}/assessments/${assessment.id}/profile`);
  const missing = new Set(await missingAnswers(assessment));
  const missingQuestions = questionnaireView(questionnaire, locale).dimensions.flatMap((d) =>
    d.capabilities.flatMap((c) => c.questions.filter((q) => missing.has(q.id)).map((q) => ({ id: q.id, number: q.number, title: q.title, dimensionId: d.id, dimensionName: d.name }))),
  );
  return { missingQuestions };
});

/** Submitting twice is harmless: the second request finds the frozen result and goes to it. */
export const action = /* @__PURE__ */ guard("assessment:edit", async ({ params, org, auth, t }) => {
  const assessmentId = uuidParam(params, "assessmentId", t);
  const outcome = await submitAssessment(org.id, assessmentId, auth.user.id);
  switch (outcome.status) {
    case "submitted":
    case "already-submitted":
      throw redirect(`/o/${org.id}/assessments/${assessmentId}/results?submitted=1`);
    case "incomplete":
      return formFailure({ fieldErrors: {}, formError: t("assessment.missingTitle", { count: outcome.missing.length }) }, 400);
    case "profile-missing":
      return formFailure({ fieldErrors: {}, formError: t("assessment.profileMissing") }, 409);
    case "invalid":
      return formFailure({ fieldErrors: {}, formError: scoringErrorMessage(outcome.error, t) }, 400);
    case "not-found":
      return httpError(404, t("errors.notFoundText"));
  }
});

export default function SubmitPage() {
  const { missingQuestions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { dimensions, assessment, canEdit, orgId } = useAssessment();
  const t = useT();
  const base = `/o/${orgId}/assessments/${assessment.id}`;
  return (
    <div className="narrow-wide">
      <p>
        <Link to={`${base}/d/${dimensions[0]!.id}`}>← {t("assessment.titleOf", { label: assessment.label })}</Link>
      </p>
      <div className="page-header">
        <h1>{t("assessment.submitTitle")}</h1>
        <p>{t("assessment.submitLead")}</p>
      </div>
      {actionData && "formError" in actionData && actionData.formError ? (
        <div className="alert alert-error" role="alert">
          {actionData.formError}
        </div>
      ) : null}
      {missingQuestions.length > 0 ? (
        <section className="card" aria-labelledby="missing-title">
          <h2 id="missing-title">{t("assessment.missingTitle", { count: missingQuestions.length })}</h2>
          <p>{t("assessment.missingText")}</p>
          <ul className="missing-list">
            {missingQuestions.map((q) => (
              <li key={q.id}>
                <Link to={`${base}/d/${q.dimensionId}#q-${q.number}`}>
                  {q.number}. {q.title}
                </Link>{" "}
                <span className="muted small">({q.dimensionName})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <section className="card" aria-labelledby="ready-title">
          <h2 id="ready-title">{t("assessment.readyTitle")}</h2>
          {canEdit ? (
            <Form method="post">
              <SubmitButton>{t("assessment.submit")}</SubmitButton>
            </Form>
          ) : (
            <p className="muted">{t("assessment.readOnlyViewer")}</p>
          )}
        </section>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
