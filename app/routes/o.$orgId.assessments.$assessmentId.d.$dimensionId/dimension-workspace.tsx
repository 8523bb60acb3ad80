import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useMemo } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { useAutosave } from "~/components/assessment/use-autosave";
import type * as FormConversion from "~/domain/assessment/form";
import { toFormAnswer, type FormAnswer } from "~/domain/assessment/form-values";
import { countFormAnswered, dimensionQuestions, overallProgress, unansweredQuestions } from "~/domain/assessment/progress";
import { useAssessment } from "~/utils/use-assessment";
import { useT } from "~/utils/use-t";
import { ConflictNotice } from "./conflict-notice";
import { DimensionPager } from "./dimension-pager";
import { ExcludedQuestions } from "./excluded-questions";
import { ProgressSidebar } from "./progress-sidebar";
import { QuestionCard, type AnswersForm } from "./question-card";
import type { action, loader } from "./route";
import { SaveIndicator } from "./save-indicator";

/**
 * The answer check (the stored-answer schema, with zod) is not needed to show or hydrate the page:
 * the browser loads it when the form is first touched (focus or pointer), before the first edit
 * needs it, instead of before the first paint (ADR 0026) or as a long task while the page settles (ADR 0034).
 */
let conversion: Promise<typeof FormConversion> | undefined;
const loadConversion = () => (conversion ??= import("~/domain/assessment/form"));

/** One dimension's questions with the draft's progress beside them; mounted afresh per dimension and revision. */
export function DimensionWorkspace({ autosave, onLoadTheirs }: { autosave: ReturnType<typeof useAutosave>; onLoadTheirs: () => void }) {
  const { assessment, dimensions, progress, canEdit, orgId, usesPlantProfile } = useAssessment();
  const { dimension, excluded, answers, revision } = useLoaderData<typeof loader>();
  const t = useT();
  const [searchParams] = useSearchParams();
  const actionData = useActionData<typeof action>();
  const questions = useMemo(() => dimensionQuestions(dimension), [dimension]);
  const form = useForm<AnswersForm>({
    defaultValues: { answers: questions.map((q) => toFormAnswer(q.id, answers[q.id])) },
    mode: "onChange",
  });
  const base = `/o/${orgId}/assessments/${assessment.id}`;
  const { queue, unqueue } = autosave;

  // Every edit is converted and validated like the server will; valid answers are queued for saving.
  useEffect(() => {
    let mounted = true;
    const subscription = form.watch((values, { name }) => {
      const match = name?.match(/^answers\.(\d+)\./);
      if (!match) return;
      const index = Number(match[1]);
      const question = questions[index];
      const value = values.answers?.[index];
      if (!question || !value) return;
      // A copy of this edit's values; edits are converted in the order they were made (one promise).
      const edited = { ...value } as FormAnswer;
      void loadConversion().then(({ fromFormAnswer }) => {
        if (!mounted) return;
        const converted = fromFormAnswer(question, edited);
        form.clearErrors(`answers.${index}`);
        if (converted.ok) queue(question.id, converted.answer);
        else {
          unqueue(question.id);
          form.setError(`answers.${index}.${converted.field}`, { message: converted.message });
        }
      });
    });
    return () => {
      mounted = false;
      subscription.unsubscribe();
    };
  }, [form, questions, queue, unqueue]);

  const watched = useWatch({ control: form.control, name: "answers" });
  const answeredHere = countFormAnswered(watched);
  const totals = overallProgress(progress, { dimensionId: dimension.id, answered: answeredHere });
  const serverErrors = actionData && "fieldErrors" in actionData ? actionData.fieldErrors : undefined;

  return (
    <div className="assessment-layout">
      <ProgressSidebar
        base={base}
        label={assessment.label}
        dimensions={dimensions}
        progress={progress}
        current={{ dimensionId: dimension.id, answered: answeredHere }}
        totals={totals}
        canEdit={canEdit}
        unanswered={unansweredQuestions(questions, watched)}
        profileLink={usesPlantProfile ? `${base}/profile` : undefined}
        status={
          <div className="save-bar" role="status" aria-live="polite">
            {canEdit ? <SaveIndicator state={autosave.state} /> : <span>{t("assessment.readOnlyViewer")}</span>}
          </div>
        }
      />

      <div className="assessment-main">
        {autosave.state.kind === "conflict" ? (
          <ConflictNotice updatedAt={autosave.state.updatedAt} pendingCount={autosave.pendingCount} onLoadTheirs={onLoadTheirs} onKeepMine={() => autosave.resolveConflict("keep-mine")} />
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
          onFocusCapture={() => void loadConversion()}
          onPointerDownCapture={() => void loadConversion()}
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
                {capability.questions.map((question) => (
                  <QuestionCard key={question.id} question={question} index={questions.findIndex((q) => q.id === question.id)} form={form} serverErrors={serverErrors} />
                ))}
              </section>
            ))}
            <noscript>
              <button type="submit" className="button button-primary">
                {t("assessment.saveNoScript")}
              </button>
            </noscript>
          </fieldset>
        </Form>

        <ExcludedQuestions questions={excluded} profileLink={`${base}/profile`} />

        <DimensionPager base={base} dimensions={dimensions} currentId={dimension.id} canEdit={canEdit} />
      </div>
    </div>
  );
}
