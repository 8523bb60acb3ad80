import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { QuestionComments } from "~/components/comments/question-comments";
import { ComparisonSummary, ValidationComparisonView } from "~/components/validation/comparison";
import { isValidationIntent, validationSchemas } from "~/forms/validation";
import { confidenceTier } from "~/domain/validation/reviews";
import { reviewableQuestionIds, reviewProgress } from "~/domain/validation/compare";
import { assessmentLabelsByIds } from "~/models/assessment.server";
import { openCommentThreads } from "~/models/comment.server";
import { comparisonLabels, confirmRemaining, issueValidation, saveReviews, startValidation, validationWorkspace, type ValidationActor } from "~/models/validation.server";
import { parseForm, readForm } from "~/utils/forms.server";
import { guard, type EngagementContext } from "~/utils/guard.server";
import { httpError, uuidParam } from "~/utils/http.server";
import type { Translate } from "~/utils/i18n";
import { useT } from "~/utils/use-t";
import { QuestionReview, type ReviewQuestion } from "./question-review";

const ACCESS = { engagement: "assessment:validate", param: "clientId" } as const;

function actorOf(context: EngagementContext): ValidationActor {
  return {
    consultancyId: context.org.id,
    consultancyName: context.org.name,
    factoryId: context.client.id,
    engagementId: context.engagement.id,
    userId: context.auth.user.id,
    userName: context.auth.user.displayName,
  };
}

export const loader = /* @__PURE__ */ guard(ACCESS, async (context) => {
  const { params, t, locale, org, client } = context;
  const assessmentId = uuidParam(params, "assessmentId", t);
  const workspace = await validationWorkspace(actorOf(context), assessmentId, locale);
  if (workspace.status === "not-found") httpError(404, t("errors.notFoundText"));
  if (workspace.status === "not-submitted") httpError(409, t("validation.errors.notSubmitted"));
  const { loaded, view, draft, busy, lastIssued, nextVersion, versions, preview } = workspace;
  const { answers, result } = loaded.assessment;
  const reviews = draft?.reviews ?? {};
  const reviewable = new Set(reviewableQuestionIds(result));
  const bands = new Map(result.questions.map((q) => [q.questionId, q.status === "answered" ? q.score : null]));
  const dimensions = view.dimensions
    .map((dimension) => {
      const questions: ReviewQuestion[] = dimension.capabilities.flatMap((capability) =>
        capability.questions
          .filter((q) => reviewable.has(q.id))
          .map((q) => {
            const answer = answers[q.id] ?? {};
            return {
              id: q.id,
              number: q.number,
              title: q.title,
              capability: capability.name,
              type: q.type,
              descriptors: q.descriptors ?? [],
              unit: q.unit ?? "",
              min: q.min ?? 0,
              max: q.max ?? 0,
              self: { value: answer.value ?? null, na: answer.na === true, naReason: answer.naReason ?? "", note: answer.note ?? "", evidence: answer.evidence ?? [], band: bands.get(q.id) ?? null },
              tier: confidenceTier(answer, reviews[q.id], false),
              review: reviews[q.id] ?? null,
            };
          }),
      );
      return { id: dimension.id, name: dimension.name, questions, reviewed: questions.filter((q) => q.review).length };
    })
    .filter((d) => d.questions.length > 0);
  // Every thread of the assessment this consultancy may see; opening the page marks them read.
  const threads = await openCommentThreads(assessmentId, context.auth.user.id, { consultancyId: org.id });
  const state = draft ? "draft" : busy ? "busy" : lastIssued ? "issued" : "not-started";
  return {
    orgId: org.id,
    consultancyName: org.name,
    client,
    assessmentId,
    label: (await assessmentLabelsByIds([assessmentId], locale)).get(assessmentId) ?? loaded.assessment.period,
    state,
    version: draft?.version ?? nextVersion,
    revision: draft?.revision ?? 0,
    progress: reviewProgress(result, reviews),
    // One page for all questions, so a link to any question's thread (#comments-…) lands on it.
    dimensions,
    threads,
    preview,
    issued: lastIssued?.result ? { version: lastIssued.version, consultancyName: lastIssued.consultancyName, issuedByName: lastIssued.issuedByName, issuedAt: lastIssued.issuedAt } : null,
    versions,
    labels: comparisonLabels(view),
  };
});

/** A refused form: the status, the messages, and the question card it belongs to (null: the page). */
function fail(status: 400 | 409, formError: string, questionId: string | null, fieldErrors: Record<string, string> = {}) {
  return data({ ok: false as const, fieldErrors, formError, questionId }, { status });
}

function refusal(t: Translate, outcome: { status: string; remaining?: number }, questionId: string | null = null) {
  switch (outcome.status) {
    case "not-found":
      return httpError(404, t("errors.notFoundText"));
    case "not-submitted":
      return fail(409, t("validation.errors.notSubmitted"), questionId);
    case "issued":
      return fail(409, t("validation.errors.issued"), questionId);
    case "busy":
      return fail(409, t("validation.errors.busy"), questionId);
    case "incomplete":
      return fail(409, t("validation.errors.incomplete", { count: outcome.remaining ?? 0 }), questionId);
    case "invalid":
      return fail(400, t("validation.errors.invalidValue"), questionId, { value: t("validation.errors.invalidValue") });
    default:
      return fail(409, t("validation.errors.stale"), questionId);
  }
}

export const action = /* @__PURE__ */ guard(ACCESS, async (context) => {
  const { request, params, t, org, client } = context;
  const assessmentId = uuidParam(params, "assessmentId", t);
  const formData = await readForm(request, t);
  const intent = formData.get("intent");
  if (!isValidationIntent(intent)) return fail(400, t("errors.formInvalid"), null);
  const actor = actorOf(context);
  const page = `/o/${org.id}/clients/${client.id}/assessments/${assessmentId}/validate`;
  switch (intent) {
    case "review": {
      const parsed = await parseForm(formData, validationSchemas.review, t);
      const questionId = String(formData.get("questionId") ?? "");
      if (!parsed.ok) return fail(400, parsed.failure.formError ?? t("errors.formInvalid"), questionId, parsed.failure.fieldErrors);
      const { version, revision, review } = parsed.data;
      const outcome = await saveReviews(actor, assessmentId, { version, revision }, { [questionId]: review });
      if (outcome.status !== "saved") return refusal(t, outcome, questionId);
      return { ok: true as const, questionId, message: t("validation.saved") };
    }
    case "confirm-remaining": {
      const parsed = await parseForm(formData, validationSchemas["confirm-remaining"], t);
      if (!parsed.ok) return fail(400, parsed.failure.formError ?? t("errors.formInvalid"), null, parsed.failure.fieldErrors);
      const outcome = await confirmRemaining(actor, assessmentId, parsed.data);
      if (outcome.status !== "saved") return refusal(t, outcome);
      return { ok: true as const, questionId: null, message: t("validation.confirmedAll") };
    }
    case "issue": {
      const parsed = await parseForm(formData, validationSchemas.issue, t);
      if (!parsed.ok) return fail(400, parsed.failure.formError ?? t("errors.formInvalid"), null, parsed.failure.fieldErrors);
      const outcome = await issueValidation(actor, assessmentId, parsed.data);
      if (outcome.status !== "issued-now") return refusal(t, outcome);
      throw redirect(`${page}?issued=${outcome.version}`);
    }
    case "start": {
      const outcome = await startValidation(actor, assessmentId);
      if (outcome.status !== "created" && outcome.status !== "existing") return refusal(t, outcome);
      throw redirect(page);
    }
  }
});

export default function Validate() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [searchParams] = useSearchParams();
  const base = `/o/${page.orgId}/clients/${page.client.id}/assessments/${page.assessmentId}`;
  const confirmingIssue = searchParams.get("issue") === "confirm";
  const issuedNow = searchParams.get("issued");
  const pageMessage = actionData && !("questionId" in actionData && actionData.questionId) ? actionData : null;
  const editable = page.state === "draft" || page.state === "not-started";
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("validation.workspaceTitle", { client: page.client.name, label: page.label })}</h1>
          <p>{t("validation.workspaceLead")}</p>
        </div>
        <div className="actions">
          <Link className="button" to={base}>
            {t("validation.readLink")}
          </Link>
          <Link className="button button-ghost" to={`/o/${page.orgId}/clients/${page.client.id}`}>
            {t("validation.backToClient")}
          </Link>
        </div>
      </div>

      {issuedNow ? (
        <div className="alert alert-success" role="status">
          {t("validation.issuedNow", { version: issuedNow })}
        </div>
      ) : null}
      {pageMessage && "message" in pageMessage ? (
        <div className="alert alert-success" role="status">
          {pageMessage.message}
        </div>
      ) : null}
      {pageMessage && pageMessage.ok === false && pageMessage.formError ? (
        <div className="alert alert-error" role="alert">
          {pageMessage.formError}
        </div>
      ) : null}

      {page.state === "busy" ? (
        <div className="alert alert-info" role="status">
          {t("validation.busy")}
        </div>
      ) : null}

      {page.state === "issued" && page.issued ? (
        <section className="card" aria-labelledby="issued-title">
          <h2 id="issued-title">{t("validation.issuedNotice", { version: page.issued.version })}</h2>
          <p className="muted">{t("validation.startNewHint")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <button type="submit" className="button">
              {t("validation.startNew")}
            </button>
          </Form>
        </section>
      ) : null}

      {editable ? (
        <section className="card validation-status" aria-labelledby="validation-progress-title">
          <h2 id="validation-progress-title">{page.state === "draft" ? t("validation.draftOf", { version: page.version }) : t("validation.notStarted", { version: page.version })}</h2>
          <p>
            <label htmlFor="validation-progress">{t("validation.progress", { reviewed: page.progress.reviewed, total: page.progress.total })}</label>
            <progress id="validation-progress" max={page.progress.total} value={page.progress.reviewed} />
          </p>
          {page.preview ? <ComparisonSummary comparison={page.preview} /> : null}
          <div className="actions">
            {page.progress.remaining.length > 0 ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="confirm-remaining" />
                <input type="hidden" name="version" value={page.version} />
                <input type="hidden" name="revision" value={page.revision} />
                <button type="submit" className="button" title={t("validation.confirmAllHint")}>
                  {t("validation.confirmAll", { count: page.progress.remaining.length })}
                </button>
              </Form>
            ) : null}
            {page.progress.remaining.length === 0 && page.state === "draft" ? (
              <Link className="button button-primary" to={`?issue=confirm`}>
                {t("validation.issue")}
              </Link>
            ) : (
              <p className="muted small">{t("validation.issueBlocked", { count: page.progress.remaining.length })}</p>
            )}
          </div>
          {confirmingIssue && page.state === "draft" ? (
            <div className="validation-issue-confirm" role="group" aria-labelledby="issue-confirm-title">
              <h3 id="issue-confirm-title">{t("validation.issueConfirmTitle", { version: page.version })}</h3>
              <p>{t("validation.issueConfirmText", { consultancy: page.consultancyName })}</p>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="issue" />
                <input type="hidden" name="version" value={page.version} />
                <input type="hidden" name="revision" value={page.revision} />
                <input type="hidden" name="confirm" value="yes" />
                <button type="submit" className="button button-primary">
                  {t("validation.issueConfirm")}
                </button>
              </Form>
              <Link className="button button-ghost" to="?">
                {t("validation.cancel")}
              </Link>
            </div>
          ) : null}
        </section>
      ) : null}

      {editable ? (
        <>
          <nav className="validation-dimensions" aria-label={t("validation.dimension")}>
            <ul>
              {page.dimensions.map((d) => (
                <li key={d.id}>
                  <a href={`#dimension-${d.id}`}>
                    <span className={`dot dim-${d.id}`} aria-hidden="true" /> {d.name} <span className="muted small">{`${d.reviewed}/${d.questions.length}`}</span>
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {page.dimensions.map((d) => (
            <section key={d.id} id={`dimension-${d.id}`} aria-labelledby={`dimension-${d.id}-title`} className="validation-dimension">
              <h2 id={`dimension-${d.id}-title`}>{d.name}</h2>
              {d.questions.map((q) => (
                <QuestionReview
                  key={q.id}
                  question={q}
                  version={page.version}
                  revision={page.revision}
                  fallback={actionData && "questionId" in actionData && actionData.questionId === q.id ? actionData : undefined}
                  comments={<QuestionComments questionId={q.id} thread={page.threads[q.id]} action={`${base}/comments`} headingLevel={4} />}
                />
              ))}
            </section>
          ))}
        </>
      ) : null}

      {page.preview ? (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">{t("validation.previewTitle")}</h2>
          <ValidationComparisonView comparison={page.preview} labels={page.labels} signature={null} />
        </section>
      ) : null}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
