import { commentSchema } from "~/forms/comment";
import { commentActionResponse, consultantCommentsPath, postComment } from "~/models/comment.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { guard } from "~/utils/guard.server";
import { uuidParam } from "~/utils/http.server";

/**
 * The consultant's side of a question's thread (action only). Needs an ACTIVE engagement with
 * validate scope covering the assessment and a consultancy role that may work (the guard: 404
 * without an engagement, 403 for read scope or a consultancy viewer); the assessment must be the
 * client's and submitted.
 */
export const action = /* @__PURE__ */ guard({ engagement: "assessment:validate", param: "clientId" }, async ({ request, params, org, client, engagement, auth, t }) => {
  const assessmentId = uuidParam(params, "assessmentId", t);
  const parsed = await parseForm(request, commentSchema, t);
  if (!parsed.ok) return formFailure(parsed.failure);
  const outcome = await postComment({
    factoryId: client.id,
    assessmentId,
    questionId: parsed.data.questionId,
    body: parsed.data.body,
    author: { id: auth.user.id, name: auth.user.displayName },
    side: { kind: "consultancy", consultancyId: org.id, consultancyName: org.name, engagementId: engagement.id },
    origin: new URL(request.url).origin,
  });
  return commentActionResponse(outcome, parsed.data, t, consultantCommentsPath(org.id, client.id, assessmentId, true));
});
