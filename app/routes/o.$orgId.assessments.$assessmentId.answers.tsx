import { answerPatchSchema } from "~/domain/assessment/answers";
import { saveAnswers } from "~/models/assessment.server";
import { scoringErrorMessage } from "~/models/assessment-messages.server";
import { limitJson, RATE_LIMITS } from "~/models/rate-limit.server";
import { guard } from "~/utils/guard.server";
import { httpError, uuidParam } from "~/utils/http.server";

export const loader = /* @__PURE__ */ guard("assessment:read", async ({ t }) => httpError(404, t("errors.notFoundText")));

/**
 * Autosave endpoint: JSON `{ revision, changes }`. 200 with the new revision; 409 when the draft
 * moved on (stale revision, with the newer answers so the page can offer to load them) or was
 * submitted; 400 for anything the questionnaire does not allow. Nothing is stored on error.
 * A plain JSON Response (not Remix `data()`), because resource routes must set their own status.
 */
export const action = /* @__PURE__ */ guard("assessment:edit", async ({ request, params, org, auth, t }) => {
  const assessmentId = uuidParam(params, "assessmentId", t);
  const limited = await limitJson(t, { rule: RATE_LIMITS.autosaveBurstPerUser, subject: auth.user.id }, { rule: RATE_LIMITS.autosavePerUser, subject: auth.user.id });
  if (limited) return limited;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ reason: "invalid", message: t("assessment.errors.badPayload") }, { status: 400 });
  }
  const patch = answerPatchSchema.safeParse(body);
  if (!patch.success) return Response.json({ reason: "invalid", message: t("assessment.errors.badPayload") }, { status: 400 });
  const outcome = await saveAnswers(org.id, assessmentId, auth.user.id, patch.data);
  switch (outcome.status) {
    case "saved":
      return Response.json({ reason: "saved", revision: outcome.revision, savedAt: outcome.savedAt.toISOString() });
    case "stale":
      return Response.json(
        { reason: "stale", message: t("assessment.errors.stale"), revision: outcome.revision, answers: outcome.answers, updatedAt: outcome.updatedAt.toISOString() },
        { status: 409 },
      );
    case "submitted":
      return Response.json({ reason: "submitted", message: t("assessment.errors.submitted") }, { status: 409 });
    case "invalid":
      return Response.json({ reason: "invalid", message: scoringErrorMessage(outcome.error, t), questionId: (outcome.error.details as { questionId?: string }).questionId }, { status: 400 });
    case "not-found":
      return httpError(404, t("errors.notFoundText"));
  }
});
