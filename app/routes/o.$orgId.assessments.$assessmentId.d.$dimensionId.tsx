import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useBlocker, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect, useMemo } from "react";
import { useForm, useWatch, type UseFormReturn } from "react-hook-form";
import { z } from "zod";
import { useAutosave, type SaveState } from "~/components/assessment/use-autosave";
import type { StoredAnswer } from "~/domain/assessment/answers";
import { formAnswersFromFormData, fromFormAnswer, toFormAnswer, type FormAnswer } from "~/domain/assessment/form";
import { kpiBand } from "~/domain/questionnaire";
import { questionnaireView, type QuestionView } from "~/domain/questionnaire/view";
import { getAssessment, loadQuestionnaireVersion, saveAnswers } from "~/models/assessment.server";
import { scoringErrorMessage } from "~/models/assessment-messages.server";
import { formFailure, readForm } from "~/utils/forms.server";
import { guard } from "~/utils/guard.server";
import { httpError } from "~/utils/http.server";
import { formatDateTime, isMessageKey } from "~/utils/i18n";
import { useAssessment } from "~/utils/use-assessment";
import { useLocale, useT } from "~/utils/use-t";

const paramsSchema = z.object({ assessmentId: z.uuid(), dimensionId: z.string().max(100) });

export const loader = /* @__PURE__ */ guard("assessment:read", async ({ params, org, t, locale }) => {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) httpError(404, t("errors.notFoundText"));
  const assessment = await getAssessment(org.id, parsed.data.assessmentId);
  if (!assessment) httpError(404, t("errors.notFoundText"));
  if (assessment.status === "SUBMITTED") throw redirect(`/o/${org.id}/assessments/${assessment.id}/results`);
  const { questionnaire } = await loadQuestionnaireVersion(assessment.questionnaireVersionId);
  const dimension = questionnaireView(questionnaire, locale).dimensions.find((d) => d.id === parsed.data.dimensionId);
  if (!dimension) httpError(404, t("errors.notFoundText"));
  // Only this dimension's questions and answers travel to the browser.
  const ids = new Set(dimension.capabilities.flatMap((c) => c.questions.map((q) => q.id)));
  const answers = Object.fromEntries(Object.entries(assessment.answers).filter(([id]) => ids.has(id)));
  return { dimension, answers, revision: assessment.revision };
});

/** The plain "save this page" form, for browsers without JavaScript. */
export const action = /* @__PURE__ */ guard("assessment:edit", async ({ request, params, org, auth, t, locale }) => {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) httpError(404, t("errors.notFoundText"));
  const assessment = await getAssessment(org.id, parsed.data.assessmentId);
  if (!assessment) httpError(404, t("errors.notFoundText"));
  const { questionnaire } = await loadQuestionnaireVersion(assessment.questionnaireVersionId);
  const dimension = questionnaireView(questionnaire, locale).dimensions.find((d) => d.id === parsed.data.dimensionId);
  if (!dimension) httpError(404, t("errors.notFoundText"));
  const questions = dimension.capabilities.flatMap((c) => c.questions);
  const formData = await readForm(request, t);
  const revision = Number(formData.get("revision"));
  const fieldErrors: Record<string, string> = {};
  const changes: Record<string, StoredAnswer | null> = {};
  formAnswersFromFormData(formData, questions.map((q) => q.id)).forEach((form, index) => {
    const converted = fromFormAnswer(questions[index]!, form);
    if (converted.ok) changes[form.questionId] = converted.answer;
    else fieldErrors[`answers.${index}.${converted.field}`] = isMessageKey(converted.message) ? t(converted.message, { question: questions[index]!.number }) : converted.message;
  });
  if (Object.keys(fieldErrors).length > 0) return formFailure({ fieldErrors, formError: t("errors.formInvalid") });
  if (!Number.isInteger(revision)) return formFailure({ fieldErrors: {}, formError: t("assessment.errors.badPayload") });
  const outcome = await saveAnswers(org.id, assessment.id, auth.user.id, { revision, changes });
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

function DimensionWorkspace({ autosave, onLoadTheirs }: { autosave: ReturnType<typeof useAutosave>; onLoadTheirs: () => void }) {
  const { assessment, dimensions, progress, canEdit, orgId } = useAssessment();
  const { dimension, answers, revision } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [searchParams] = useSearchParams();
  const actionData = useActionData<typeof action>();
  const dimensionIndex = dimensions.findIndex((d) => d.id === dimension.id);
  const questions = useMemo(() => dimension.capabilities.flatMap((c) => c.questions), [dimension]);
  const form = useForm<{ answers: FormAnswer[] }>({
    defaultValues: { answers: questions.map((q) => toFormAnswer(q.id, answers[q.id])) },
    mode: "onChange",
  });
  const base = `/o/${orgId}/assessments/${assessment.id}`;
  const { queue, unqueue } = autosave;

  // Every edit is converted and validated like the server will; valid answers are queued for saving.
  useEffect(() => {
    const subscription = form.watch((values, { name }) => {
      const match = name?.match(/^answers\.(\d+)\./);
      if (!match) return;
      const index = Number(match[1]);
      const question = questions[index];
      const value = values.answers?.[index];
      if (!question || !value) return;
      const converted = fromFormAnswer(question, value as FormAnswer);
      form.clearErrors(`answers.${index}`);
      if (converted.ok) queue(question.id, converted.answer);
      else {
        unqueue(question.id);
        form.setError(`answers.${index}.${converted.field}`, { message: converted.message });
      }
    });
    return () => subscription.unsubscribe();
  }, [form, questions, queue, unqueue]);

  const watched = useWatch({ control: form.control, name: "answers" });
  const answeredHere = (watched ?? []).filter((a) => a && (a.na || (a.value ?? "") !== "")).length;
  const totals = progress.reduce(
    (sum, p) => (p.dimensionId === dimension.id ? { answered: sum.answered + answeredHere, total: sum.total + p.total } : { answered: sum.answered + p.answered, total: sum.total + p.total }),
    { answered: 0, total: 0 },
  );
  const unanswered = questions.filter((_, i) => {
    const a = watched?.[i];
    return !a || (!a.na && (a.value ?? "") === "");
  });
  const previous = dimensions[dimensionIndex - 1];
  const next = dimensions[dimensionIndex + 1];

  return (
    <div className="assessment-layout">
      <aside className="assessment-sidebar" aria-label={t("assessment.dimensionsNav")}>
        <p className="assessment-title">{t("assessment.draftOf", { period: assessment.period })}</p>
        <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={totals.total} aria-valuenow={totals.answered} aria-label={t("assessment.progress", totals)}>
          <div className="progress-fill" style={{ width: `${(100 * totals.answered) / Math.max(1, totals.total)}%` }} />
        </div>
        <p className="muted small">{t("assessment.progress", totals)}</p>
        <nav>
          <ol className="dimension-steps">
            {dimensions.map((d) => {
              const p = progress.find((x) => x.dimensionId === d.id)!;
              const answered = d.id === dimension.id ? answeredHere : p.answered;
              return (
                <li key={d.id} className={d.id === dimension.id ? "current" : undefined}>
                  <Link to={`${base}/d/${d.id}`} aria-current={d.id === dimension.id ? "step" : undefined}>
                    <span className={`dot dim-${d.id}`} aria-hidden="true" />
                    <span className="step-name">{d.name}</span>
                    <span className="step-count">{t("assessment.progressDimension", { answered, total: p.total })}</span>
                  </Link>
                </li>
              );
            })}
          </ol>
        </nav>
        {canEdit ? (
          <Link to={`${base}/submit`} className="button button-primary sidebar-submit">
            {t("assessment.goToSubmit")}
          </Link>
        ) : null}
        <section aria-labelledby="unanswered-title" className="unanswered">
          <h2 id="unanswered-title">{t("assessment.unansweredTitle")}</h2>
          {unanswered.length === 0 ? (
            <p className="muted small">{t("assessment.allAnswered")}</p>
          ) : (
            <ul>
              {unanswered.map((q) => (
                <li key={q.id}>
                  <a href={`#q-${q.number}`}>
                    {q.number}. {q.title}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      </aside>

      <div className="assessment-main">
        <div className="save-bar" role="status" aria-live="polite">
          {canEdit ? <SaveIndicator state={autosave.state} /> : <span>{t("assessment.readOnlyViewer")}</span>}
        </div>
        {autosave.state.kind === "conflict" ? (
          <div className="alert alert-warning conflict" role="alert">
            <h2>{t("assessment.conflictTitle")}</h2>
            <p>{t("assessment.conflictText", { time: formatDateTime(locale, autosave.state.updatedAt) })}</p>
            {autosave.pendingCount > 0 ? <p>{t("assessment.conflictPending", { count: autosave.pendingCount })}</p> : null}
            <div className="actions">
              <button type="button" className="button button-primary" onClick={onLoadTheirs}>
                {t("assessment.loadNewer")}
              </button>
              {autosave.pendingCount > 0 ? (
                <button type="button" className="button" onClick={() => autosave.resolveConflict("keep-mine")}>
                  {t("assessment.keepMine")}
                </button>
              ) : null}
            </div>
          </div>
        ) : null}
        {autosave.refused ? (
          <div className="alert alert-error" role="alert">
            {t("assessment.refusedChange", {
              question: questions.find((q) => q.id === autosave.refused!.questionId)?.number ?? autosave.refused.questionId,
              message: autosave.refused.message ?? t("assessment.errors.badPayload"),
            })}
          </div>
        ) : null}
        {autosave.state.kind === "submitted" ? (
          <div className="alert alert-error" role="alert">
            {t("assessment.submittedElsewhere")} <Link to={`${base}/results`}>{t("assessment.viewResults")}</Link>
          </div>
        ) : null}
        {searchParams.get("saved") ? (
          <div className="alert alert-success" role="status">
            {t("assessment.savedNoScript")}
          </div>
        ) : null}
        {actionData && "formError" in actionData && actionData.formError ? (
          <div className="alert alert-error" role="alert">
            {actionData.formError}
          </div>
        ) : null}

        <div className="page-header">
          <h1>{dimension.name}</h1>
          <p>{dimension.description}</p>
        </div>

        <Form
          method="post"
          noValidate
          onSubmit={(event) => {
            // With JavaScript, Enter just saves now; the page never reloads.
            event.preventDefault();
            void autosave.flush();
          }}
        >
          <input type="hidden" name="revision" value={revision} />
          <fieldset disabled={!canEdit} className="questions">
            {dimension.capabilities.map((capability) => (
              <section key={capability.id} className="capability card" aria-labelledby={`cap-${capability.id}`}>
                <h2 id={`cap-${capability.id}`}>{capability.name}</h2>
                <p className="muted">{capability.description}</p>
                {capability.questions.map((question) => {
                  const index = questions.findIndex((q) => q.id === question.id);
                  return <QuestionField key={question.id} question={question} index={index} form={form} serverErrors={actionData && "fieldErrors" in actionData ? actionData.fieldErrors : undefined} />;
                })}
              </section>
            ))}
            <noscript>
              <button type="submit" className="button button-primary">
                {t("assessment.saveNoScript")}
              </button>
            </noscript>
          </fieldset>
        </Form>

        <nav className="dimension-pager" aria-label={t("assessment.dimensionsNav")}>
          {previous ? (
            <Link className="button" to={`${base}/d/${previous.id}`}>
              ← {previous.name}
            </Link>
          ) : (
            <span />
          )}
          {next ? (
            <Link className="button button-primary" to={`${base}/d/${next.id}`}>
              {next.name} →
            </Link>
          ) : canEdit ? (
            <Link className="button button-primary" to={`${base}/submit`}>
              {t("assessment.goToSubmit")} →
            </Link>
          ) : null}
        </nav>
      </div>
    </div>
  );
}

function SaveIndicator({ state }: { state: SaveState }) {
  const t = useT();
  const locale = useLocale();
  switch (state.kind) {
    case "saved":
      return <span className="save-state saved">✓ {t("assessment.saveState.saved", { time: new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(state.at) })}</span>;
    case "saving":
      return <span className="save-state saving">{t("assessment.saveState.saving")}</span>;
    case "pending":
      return <span className="save-state pending">{t("assessment.saveState.pending")}</span>;
    case "retrying":
      return <span className="save-state error">{t("assessment.saveState.retrying")}</span>;
    case "tooLarge":
      return <span className="save-state error">{t("assessment.saveState.tooLarge")}</span>;
    case "stopped":
      return (
        <span className="save-state error">
          {state.status === 401 ? t("assessment.saveState.signedOut") : state.status === 403 ? t("assessment.saveState.forbidden") : state.status === 404 ? t("assessment.saveState.gone") : t("assessment.saveState.stopped", { message: state.message ?? String(state.status) })}
        </span>
      );
    case "conflict":
    case "submitted":
      return <span className="save-state error">{t("assessment.conflictTitle")}</span>;
    default:
      return <span className="save-state">{t("assessment.saveState.idle")}</span>;
  }
}

function QuestionField({
  question,
  index,
  form,
  serverErrors,
}: {
  question: QuestionView;
  index: number;
  form: UseFormReturn<{ answers: FormAnswer[] }>;
  serverErrors?: Record<string, string>;
}) {
  const t = useT();
  const name = `answers.${index}` as const;
  const na = useWatch({ control: form.control, name: `${name}.na` });
  const value = useWatch({ control: form.control, name: `${name}.value` });
  const errors = form.formState.errors.answers?.[index];
  const errorFor = (field: keyof FormAnswer) => {
    const message = (errors?.[field] as { message?: string } | undefined)?.message ?? serverErrors?.[`${name}.${field}`];
    return message ? (isMessageKey(message) ? t(message, { question: question.number }) : message) : undefined;
  };
  const id = `q-${question.number}`;
  const defaults = form.formState.defaultValues?.answers?.[index];
  const hasDetails = Boolean(defaults?.note || defaults?.evidence);
  const valueError = errorFor("value");
  const kpiValue = Number(String(value ?? "").replace(/,/g, ""));
  const band = question.type === "kpi" && value !== "" && value !== undefined && Number.isFinite(kpiValue) ? kpiBand({ thresholds: question.thresholds! }, kpiValue) : null;

  return (
    <div className="question" id={id}>
      <input type="hidden" {...form.register(`${name}.questionId`)} defaultValue={question.id} />
      <fieldset className={`question-fieldset${na ? " is-na" : ""}`} aria-describedby={`${id}-help`}>
        <legend>
          <span className="question-number">{question.number}</span> {question.title}
        </legend>
        <p className="question-help" id={`${id}-help`}>
          {question.help}
        </p>
        <p className="question-evidence">
          <strong>{t("assessment.evidenceHint")}：</strong>
          {question.evidence}
        </p>
        {question.type === "level" ? (
          <div className="descriptors" role="radiogroup" aria-label={t("assessment.levelLegend")}>
            {question.descriptors!.map((descriptor, band) => (
              <label key={band} className="descriptor">
                <input type="radio" value={String(band)} defaultChecked={defaults?.value === String(band)} {...form.register(`${name}.value`)} />
                <span className="descriptor-band">{band}</span>
                <span className="descriptor-text">{descriptor}</span>
              </label>
            ))}
          </div>
        ) : (
          <div className="kpi">
            <label htmlFor={`${id}-value`}>{t("assessment.kpiValue")}</label>
            <div className="kpi-input">
              <input
                id={`${id}-value`}
                inputMode="decimal"
                autoComplete="off"
                defaultValue={defaults?.value}
                aria-invalid={valueError ? true : undefined}
                aria-describedby={`${id}-kpi-hint${valueError ? ` ${id}-value-error` : ""}`}
                {...form.register(`${name}.value`)}
              />
              <span className="kpi-unit">{question.unit}</span>
            </div>
            <p className="field-hint" id={`${id}-kpi-hint`}>
              <span className="kpi-band" aria-live="polite">
                {band === null ? t("assessment.kpiBandNone") : t("assessment.kpiBand", { band })}
              </span>{" "}
              · {t("assessment.kpiRange", { min: question.min!, max: question.max! })} · {t("assessment.kpiThresholds", { thresholds: question.thresholds!.join(" / ") })}
            </p>
          </div>
        )}
        {valueError ? (
          <p className="field-error" id={`${id}-value-error`}>
            {valueError}
          </p>
        ) : null}
      </fieldset>
      {question.allowNa ? (
        <div className="na">
          <label className="checkbox">
            <input type="checkbox" value="true" defaultChecked={defaults?.na} {...form.register(`${name}.na`)} /> {t("assessment.notApplicable")}
          </label>
          {na ? (
            <div className="field">
              <label htmlFor={`${id}-na-reason`}>{t("assessment.naReason")}</label>
              <input id={`${id}-na-reason`} defaultValue={defaults?.naReason} aria-invalid={errorFor("naReason") ? true : undefined} {...form.register(`${name}.naReason`)} />
              <p className="field-hint">{t("assessment.naReasonHint")}</p>
              {errorFor("naReason") ? <p className="field-error">{errorFor("naReason")}</p> : null}
            </div>
          ) : null}
        </div>
      ) : null}
      <details className="question-details" open={hasDetails || Boolean(errorFor("evidence") || errorFor("note"))}>
        <summary>
          {t("assessment.note")} · {t("assessment.evidenceLinks")}
        </summary>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t("assessment.note")}</label>
          <textarea id={`${id}-note`} rows={2} defaultValue={defaults?.note} aria-invalid={errorFor("note") ? true : undefined} {...form.register(`${name}.note`)} />
          {errorFor("note") ? <p className="field-error">{errorFor("note")}</p> : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-evidence`}>{t("assessment.evidenceLinks")}</label>
          <textarea
            id={`${id}-evidence`}
            rows={2}
            defaultValue={defaults?.evidence}
            aria-describedby={`${id}-evidence-hint`}
            aria-invalid={errorFor("evidence") ? true : undefined}
            {...form.register(`${name}.evidence`)}
          />
          <p className="field-hint" id={`${id}-evidence-hint`}>
            {t("assessment.evidenceLinksHint")}
          </p>
          {errorFor("evidence") ? <p className="field-error">{errorFor("evidence")}</p> : null}
        </div>
      </details>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
