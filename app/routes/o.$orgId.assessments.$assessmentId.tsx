import { Outlet } from "@remix-run/react";
import { questionnaireView } from "~/domain/questionnaire/view";
import { getAssessment, loadQuestionnaireVersion, progressByDimension } from "~/models/assessment.server";
import { guard } from "~/utils/guard.server";
import { httpError, uuidParam } from "~/utils/http.server";

/**
 * Loads one assessment of this organisation (404 for any other id) with the questionnaire in the
 * user's language; the pages below read it with useAssessment().
 */
export const loader = /* @__PURE__ */ guard("assessment:read", async ({ params, org, can, locale, t }) => {
  const assessment = await getAssessment(org.id, uuidParam(params, "assessmentId", t));
  if (!assessment) httpError(404, t("errors.notFoundText"));
  const { questionnaire } = await loadQuestionnaireVersion(assessment.questionnaireVersionId);
  return {
    orgId: org.id,
    canEdit: can("assessment:edit") && assessment.status === "DRAFT",
    assessment: {
      id: assessment.id,
      period: assessment.period,
      status: assessment.status,
      revision: assessment.revision,
      submittedAt: assessment.submittedAt,
      updatedAt: assessment.updatedAt,
      revisedFromId: assessment.revisedFromId,
      answers: assessment.answers,
    },
    questionnaire: questionnaireView(questionnaire, locale),
    progress: progressByDimension(questionnaire, assessment.answers),
  };
});

export default function AssessmentLayout() {
  return <Outlet />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
