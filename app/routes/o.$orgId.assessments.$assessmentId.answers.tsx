import type { z } from "zod";
import { answerPatchSchema } from "~/domain/assessment/answers";
import { saveAnswers } from "~/models/assessment.server";
import { scoringErrorMessage } from "~/models/assessment-messages.server";
import { jsonRateLimited, limitJson, RATE_LIMITS } from "~/models/rate-limit.server";
import { readJson } from "~/utils/forms.server";
import { jsonAnswer } from "~/utils/direct-answer.server";
import { guard } from "~/utils/guard.server";
import { httpError, uuidParam } from "~/utils/http.server";
import { isMessageKey, type Translate } from "~/utils/i18n";

export const loader = /* @__PURE__ */ guard("assessment:read", async ({ t }) => httpError(404, t("errors.notFoundText")));

/** A refused patch: the first problem, and the question it is about so the page can drop just that change. */
function invalidPatch(request: Request, error: z.ZodError, t: Translate) {
  const issue = error.issues[0];
  const [top, questionId] = issue?.path ?? [];
  const message = issue && isMessageKey(issue.message) ? t(issue.message) : t("assessment.errors.badPayload");
  const about = top === "changes" && typeof questionId === "string" ? questionId : undefined;
  return jsonAnswer(request, { reason: "invalid", message, questionId: about }, { status: 400 });
}

/**
 * Autosave endpoint: JSON `{ revision, changes }`. 200 with the new revision; 409 when the draft
 * moved on (stale revision, with the newer answers so the page can offer to load them) or was
 * submitted; 400 for anything the questionnaire does not allow (with `questionId` when one
 * question is to blame); 413/415 from readJson. Nothing is stored on error, and a save that
 * changes nothing keeps the revision.
 * A plain JSON Response (not Remix `data()`), because resource routes must set their own status;
 * through jsonAnswer(), which the server's direct path writes without a body stream (ADR 0037).
 */
export const action = /* @__PURE__ */ guard("assessment:edit", async ({ request, params, org, auth, t }) => {
  const assessmentId = uuidParam(params, "assessmentId", t);
  const limits = [
    { rule: RATE_LIMITS.autosaveBurstPerUser, subject: auth.user.id },
    { rule: RATE_LIMITS.autosavePerUser, subject: auth.user.id },
  ];
  // Every request counts against the limits; a valid patch is counted in the same statement that
  // saves it (issue 14), anything refused earlier is counted here.
  let body: unknown;
  try {
    body = await readJson(request, t);
  } catch (refused) {
    const limited = await limitJson(t, ...limits);
    throw limited ?? refused;
  }
  const patch = answerPatchSchema.safeParse(body);
  if (!patch.success) return (await limitJson(t, ...limits)) ?? invalidPatch(request, patch.error, t);
  const outcome = await saveAnswers(org.id, assessmentId, auth.user.id, patch.data, { rateLimits: limits });
  switch (outcome.status) {
    case "rate-limited":
      return jsonRateLimited(t, outcome.limit);
    case "saved":
      return jsonAnswer(request, { reason: "saved", revision: outcome.revision, savedAt: outcome.savedAt.toISOString() });
    case "stale":
      return jsonAnswer(
        request,
        { reason: "stale", message: t("assessment.errors.stale"), revision: outcome.revision, answers: outcome.answers, updatedAt: outcome.updatedAt.toISOString() },
        { status: 409 },
      );
    case "submitted":
      return jsonAnswer(request, { reason: "submitted", message: t("assessment.errors.submitted") }, { status: 409 });
    case "invalid":
      return jsonAnswer(request, { reason: "invalid", message: scoringErrorMessage(outcome.error, t), questionId: (outcome.error.details as { questionId?: string }).questionId }, { status: 400 });
    case "not-found":
      return httpError(404, t("errors.notFoundText"));
  }
});
