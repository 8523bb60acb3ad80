import { Outlet } from "@remix-run/react";
import { questionnaireView } from "~/domain/questionnaire/view";
import { assessmentOfPage, loadQuestionnaireVersion, progressByDimension } from "~/models/assessment.server";
import { assessmentLabel } from "~/utils/assessment-label";
import { guard } from "~/utils/guard.server";
import { httpError, uuidParam } from "~/utils/http.server";

/**
 * Loads one assessment of this organisation (404 for any other id) with the dimension names and
 * progress; the pages below read it with useAssessment(). Kept small: it runs for every page of
 * the assessment, and each page loads the questions it shows itself.
 */
export const loader = /* @__PURE__ */ guard("assessment:read", async ({ request, params, org, can, locale, t }) => {
  const assessment = await assessmentOfPage(request, org.id, uuidParam(params, "assessmentId", t));
  if (!assessment) httpError(404, t("errors.notFoundText"));
  const { questionnaire } = await loadQuestionnaireVersion(assessment.questionnaireVersionId);
  return {
    orgId: org.id,
    canEdit: can("assessment:edit") && assessment.status === "DRAFT",
    assessment: {
      id: assessment.id,
      period: assessment.period,
      /** "2026 · 第 3 版 · 草稿": what the questionnaire, submit and profile pages call it (ADR 0022). */
      label: assessmentLabel(t, locale, assessment),
      status: assessment.status,
      revision: assessment.revision,
      submittedAt: assessment.submittedAt,
      updatedAt: assessment.updatedAt,
      revisedFromId: assessment.revisedFromId,
    },
    dimensions: questionnaireView(questionnaire, locale).dimensions.map((d) => ({ id: d.id, name: d.name })),
    /** 2.0.0 on: the plant profile decides which questions apply; null until the factory states it. */
    usesPlantProfile: questionnaire.usesPlantProfile === true,
    profile: assessment.profile,
    progress: progressByDimension(questionnaire, assessment.answers, questionnaire.usesPlantProfile ? assessment.profile : null),
  };
});

export default function AssessmentLayout() {
  return <Outlet />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
