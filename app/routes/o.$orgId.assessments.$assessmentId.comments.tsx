import { commentSchema } from "~/forms/comment";
import { commentActionResponse, factoryCommentsPath, postComment } from "~/models/comment.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { guard } from "~/utils/guard.server";
import { uuidParam } from "~/utils/http.server";

/**
 * The factory's side of a question's thread (action only; the threads are shown by the pages that
 * embed <QuestionComments>). Owners and editors write; viewers read the threads but get 403 here.
 * Only on a submitted assessment that a consultancy is engaged on.
 */
export const action = /* @__PURE__ */ guard("assessment:edit", async ({ request, params, org, auth, t }) => {
  const assessmentId = uuidParam(params, "assessmentId", t);
  const parsed = await parseForm(request, commentSchema, t);
  if (!parsed.ok) return formFailure(parsed.failure);
  const outcome = await postComment({
    factoryId: org.id,
    assessmentId,
    questionId: parsed.data.questionId,
    body: parsed.data.body,
    author: { id: auth.user.id, name: auth.user.displayName },
    side: { kind: "factory" },
    origin: new URL(request.url).origin,
  });
  return commentActionResponse(outcome, parsed.data, t, factoryCommentsPath(org.id, assessmentId));
});
