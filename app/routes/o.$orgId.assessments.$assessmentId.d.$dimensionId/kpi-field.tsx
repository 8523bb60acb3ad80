import { useWatch, type UseFormReturn } from "react-hook-form";
import { kpiBand } from "~/domain/questionnaire";
import type { QuestionView } from "~/domain/questionnaire/view";
import { useT } from "~/utils/use-t";
import type { AnswersForm } from "./question-card";

/** A KPI question's number with its unit, and the band the typed value falls in, updated as the user types. */
export function KpiField({
  question,
  id,
  name,
  form,
  defaultValue,
  error,
}: {
  question: QuestionView;
  id: string;
  name: `answers.${number}`;
  form: UseFormReturn<AnswersForm>;
  defaultValue: string | undefined;
  error: string | undefined;
}) {
  const t = useT();
  const value = useWatch({ control: form.control, name: `${name}.value` });
  const kpiValue = Number(String(value ?? "").replace(/,/g, ""));
  const band = value !== "" && value !== undefined && Number.isFinite(kpiValue) ? kpiBand({ thresholds: question.thresholds! }, kpiValue) : null;
  return (
    <div className="kpi">
      <label htmlFor={`${id}-value`}>{t("assessment.kpiValue")}</label>
      <div className="kpi-input">
        <input
          id={`${id}-value`}
          inputMode="decimal"
          autoComplete="off"
          defaultValue={defaultValue}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-kpi-hint${error ? ` ${id}-value-error` : ""}`}
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
  );
}
