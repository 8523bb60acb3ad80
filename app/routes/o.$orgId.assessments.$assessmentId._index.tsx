import { redirect } from "@remix-run/node";
import { getAssessment, loadQuestionnaireVersion, progressByDimension } from "~/models/assessment.server";
import { guard } from "~/utils/guard.server";
import { httpError, uuidParam } from "~/utils/http.server";

/** Opens a draft at its first unfinished dimension, and a submitted assessment at its results. */
export const loader = /* @__PURE__ */ guard("assessment:read", async ({ params, org, t }) => {
  const assessment = await getAssessment(org.id, uuidParam(params, "assessmentId", t));
  if (!assessment) httpError(404, t("errors.notFoundText"));
  const base = `/o/${org.id}/assessments/${assessment.id}`;
  if (assessment.status === "SUBMITTED") throw redirect(`${base}/results`);
  const { questionnaire } = await loadQuestionnaireVersion(assessment.questionnaireVersionId);
  const progress = progressByDimension(questionnaire, assessment.answers);
  const next = progress.find((p) => p.answered < p.total) ?? progress[0]!;
  throw redirect(`${base}/d/${next.dimensionId}`);
});
