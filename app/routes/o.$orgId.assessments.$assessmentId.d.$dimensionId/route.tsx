import { redirect } from "@remix-run/node";
import { useBlocker, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useAutosave } from "~/components/assessment/use-autosave";
import { formAnswersFromFormData, formChanges } from "./form.server";
import { answersOfDimension, applicableDimension, dimensionQuestions } from "~/domain/assessment/progress";
import { questionnaireView } from "~/domain/questionnaire/view";
import { assessmentOfPage, getAssessment, loadQuestionnaireVersion, saveAnswers } from "~/models/assessment.server";
import { scoringErrorMessage } from "~/models/assessment-messages.server";
import { formFailure, readForm } from "~/utils/forms.server";
import { guard } from "~/utils/guard.server";
import { httpError } from "~/utils/http.server";
import { isMessageKey } from "~/utils/i18n";
import { useAssessment } from "~/utils/use-assessment";
import { useT } from "~/utils/use-t";
import { DimensionWorkspace } from "./dimension-workspace";
import { dimensionPageParams } from "./params.server";

export const loader = /* @__PURE__ */ guard("assessment:read", async ({ request, params, org, t, locale }) => {
  const parsed = dimensionPageParams.safeParse(params);
  if (!parsed.success) httpError(404, t("errors.notFoundText"));
  // The layout loader read it for this same request already.
  const assessment = await assessmentOfPage(request, org.id, parsed.data.assessmentId);
  if (!assessment) httpError(404, t("errors.notFoundText"));
  if (assessment.status === "SUBMITTED") throw redirect(`/o/${org.id}/assessments/${assessment.id}/results`);
  const { questionnaire } = await loadQuestionnaireVersion(assessment.questionnaireVersionId);
  if (questionnaire.usesPlantProfile && !assessment.profile) throw redirect(`/o/${org.id}/assessments/${assessment.id}/profile`);
  const full = questionnaireView(questionnaire, locale).dimensions.find((d) => d.id === parsed.data.dimensionId);
  if (!full) httpError(404, t("errors.notFoundText"));
  // Only the questions that apply to the plant are asked; answers kept for excluded ones stay on the server.
  const { dimension, excluded } = applicableDimension(full, questionnaire.usesPlantProfile ? assessment.profile : null);
  // Only this dimension's questions and answers travel to the browser.
  return { dimension, excluded, answers: answersOfDimension(dimension, assessment.answers), revision: assessment.revision };
});

/** The plain "save this page" form, for browsers without JavaScript. */
export const action = /* @__PURE__ */ guard("assessment:edit", async ({ request, params, org, auth, t, locale }) => {
  const parsed = dimensionPageParams.safeParse(params);
  if (!parsed.success) httpError(404, t("errors.notFoundText"));
  const assessment = await getAssessment(org.id, parsed.data.assessmentId);
  if (!assessment) httpError(404, t("errors.notFoundText"));
  const { questionnaire } = await loadQuestionnaireVersion(assessment.questionnaireVersionId);
  const full = questionnaireView(questionnaire, locale).dimensions.find((d) => d.id === parsed.data.dimensionId);
  if (!full) httpError(404, t("errors.notFoundText"));
  // The same questions the page showed: excluded ones are not in the form and keep their answers.
  const questions = dimensionQuestions(applicableDimension(full, questionnaire.usesPlantProfile ? assessment.profile : null).dimension);
  const formData = await readForm(request, t);
  const revision = Number(formData.get("revision"));
  const converted = formChanges(questions, formAnswersFromFormData(formData, questions.map((q) => q.id)));
  if (!converted.ok) {
    const fieldErrors = Object.fromEntries(converted.errors.map((e) => [e.name, isMessageKey(e.message) ? t(e.message, { question: e.questionNumber }) : e.message]));
    return formFailure({ fieldErrors, formError: t("errors.formInvalid") });
  }
  if (!Number.isInteger(revision)) return formFailure({ fieldErrors: {}, formError: t("assessment.errors.badPayload") });
  const outcome = await saveAnswers(org.id, assessment.id, auth.user.id, { revision, changes: converted.changes });
  if (outcome.status === "stale") return formFailure({ fieldErrors: {}, formError: t("assessment.errors.stale") }, 409);
  if (outcome.status === "submitted") return formFailure({ fieldErrors: {}, formError: t("assessment.errors.submitted") }, 409);
  if (outcome.status === "invalid") return formFailure({ fieldErrors: {}, formError: scoringErrorMessage(outcome.error, t) }, 400);
  if (outcome.status === "not-found") httpError(404, t("errors.notFoundText"));
  throw redirect(`${new URL(request.url).pathname}?saved=1`);
});

export default function DimensionPage() {
  const { assessment, canEdit, orgId } = useAssessment();
  const { dimension, revision } = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/o/${orgId}/assessments/${assessment.id}`;
  // Lives above the form: queued changes survive moving between dimensions and reloading answers.
  const autosave = useAutosave({ url: `${base}/answers`, revision, enabled: canEdit });
  const revalidator = useRevalidator();

  // In-app navigation waits for the last save; if it cannot be saved, ask.
  const blocker = useBlocker(() => autosave.hasUnsaved());
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    void autosave.flush().then(() => {
      if (!autosave.hasUnsaved() || window.confirm(t("assessment.leaveWarning"))) blocker.proceed();
      else blocker.reset();
    });
  }, [blocker, autosave, t]);

  const loadTheirs = () => {
    autosave.resolveConflict("load-theirs");
    revalidator.revalidate();
  };

  // A new dimension, or newer answers loaded from the server, mounts a fresh form from the server's copy.
  return <DimensionWorkspace key={`${dimension.id}:${revision}`} autosave={autosave} onLoadTheirs={loadTheirs} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
