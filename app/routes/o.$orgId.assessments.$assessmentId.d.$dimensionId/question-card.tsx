import { memo, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { useFormState, useWatch } from "react-hook-form";
import type { FormAnswer } from "~/domain/assessment/form";
import type { QuestionView } from "~/domain/questionnaire/view";
import { isMessageKey } from "~/utils/i18n";
import { useT } from "~/utils/use-t";
import { DescriptorList } from "./descriptor-list";
import { KpiField } from "./kpi-field";

export type AnswersForm = { answers: FormAnswer[] };

/**
 * One question: its answer (a level or a KPI value), N/A with a reason, and a note and evidence links.
 * Memoised, with its own subscriptions to its N/A box and its errors: the page around it re-renders
 * on every edit and while hydrating, and re-rendering all questions each time was most of the
 * questionnaire page's main-thread work on a phone (issue 13, Lighthouse TBT).
 */
export const QuestionCard = memo(function QuestionCard({
  question,
  index,
  form,
  serverErrors,
}: {
  question: QuestionView;
  index: number;
  form: UseFormReturn<AnswersForm>;
  serverErrors?: Record<string, string>;
}) {
  const t = useT();
  const name = `answers.${index}` as const;
  const na = useWatch({ control: form.control, name: `${name}.na` });
  const errors = useFormState({ control: form.control, name }).errors.answers?.[index];
  const errorFor = (field: keyof FormAnswer) => {
    const message = (errors?.[field] as { message?: string } | undefined)?.message ?? serverErrors?.[`${name}.${field}`];
    return message ? (isMessageKey(message) ? t(message, { question: question.number }) : message) : undefined;
  };
  const id = `q-${question.number}`;
  const defaults = form.formState.defaultValues?.answers?.[index];
  const hasDetails = Boolean(defaults?.note || defaults?.evidence);
  const valueError = errorFor("value");
  const [opened, setOpened] = useState(false);
  const detailsOpen = hasDetails || Boolean(errorFor("evidence") || errorFor("note"));
  const fieldsMounted = detailsOpen || opened;
  const notesAndEvidence = (
    <>
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
    </>
  );

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
          <DescriptorList descriptors={question.descriptors!} name={name} form={form} defaultValue={defaults?.value} />
        ) : (
          <KpiField
            question={question}
            id={id}
            name={name}
            form={form}
            defaultValue={defaults?.value}
            error={valueError}
            basisErrors={{ numerator: errorFor("numerator"), denominator: errorFor("denominator") }}
          />
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
      <details className="question-details" open={detailsOpen} onToggle={(event) => event.currentTarget.open && setOpened(true)}>
        <summary>
          {t("assessment.note")} · {t("assessment.evidenceLinks")}
        </summary>
        {fieldsMounted ? (
          notesAndEvidence
        ) : (
          // Without JavaScript the browser builds these fields, so a plain form post still saves notes; with it,
          // the closed block stays a line of text until it is opened (its textareas were ≈ 20 % of the page's load work).
          <noscript>{notesAndEvidence}</noscript>
        )}
      </details>
    </div>
  );
});
