import { redirect } from "@remix-run/node";
import { getAssessment, loadQuestionnaireVersion, progressByDimension } from "~/models/assessment.server";
import { guard } from "~/utils/guard.server";
import { httpError, uuidParam } from "~/utils/http.server";

/** Opens a draft at its plant profile (if it still needs one) or first unfinished dimension, and a submitted assessment at its results. */
export const loader = /* @__PURE__ */ guard("assessment:read", async ({ params, org, t }) => {
  const assessment = await getAssessment(org.id, uuidParam(params, "assessmentId", t));
  if (!assessment) httpError(404, t("errors.notFoundText"));
  const base = `/o/${org.id}/assessments/${assessment.id}`;
  if (assessment.status === "SUBMITTED") throw redirect(`${base}/results`);
  const { questionnaire } = await loadQuestionnaireVersion(assessment.questionnaireVersionId);
  // A questionnaire answered after a plant profile starts with it (never a dead end without one).
  if (questionnaire.usesPlantProfile && !assessment.profile) throw redirect(`${base}/profile`);
  const progress = progressByDimension(questionnaire, assessment.answers, questionnaire.usesPlantProfile ? assessment.profile : null);
  const next = progress.find((p) => p.answered < p.total) ?? progress[0]!;
  throw redirect(`${base}/d/${next.dimensionId}`);
});
