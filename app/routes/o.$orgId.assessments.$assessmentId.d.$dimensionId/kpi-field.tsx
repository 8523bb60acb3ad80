import { useWatch, type UseFormReturn } from "react-hook-form";
import { percentOf } from "~/domain/assessment/percent";
// Not the questionnaire barrel: that would ship the YAML parser to the browser.
import { kpiBand } from "~/domain/questionnaire/kpi-band";
import type { QuestionView } from "~/domain/questionnaire/view";
import { formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";
import type { AnswersForm } from "./question-card";

/** A KPI question's number with its unit, and the band the typed value falls in, updated as the user types. */
export function KpiField({
  question,
  id,
  name,
  form,
  defaultValue,
  error,
  basisErrors,
}: {
  question: QuestionView;
  id: string;
  name: `answers.${number}`;
  form: UseFormReturn<AnswersForm>;
  defaultValue: string | undefined;
  error: string | undefined;
  basisErrors: { numerator?: string; denominator?: string };
}) {
  const t = useT();
  const value = useWatch({ control: form.control, name: `${name}.value` });
  const kpiValue = Number(String(value ?? "").replace(/,/g, ""));
  const band = value !== "" && value !== undefined && Number.isFinite(kpiValue) ? kpiBand({ thresholds: question.thresholds! }, kpiValue) : null;
  if (question.basis) return <KpiBasisField question={question} id={id} name={name} form={form} basisErrors={basisErrors} plainValue={defaultValue} />;
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

function toNumber(raw: string | undefined): number | null {
  const text = String(raw ?? "").trim().replace(/,/g, "");
  if (text === "") return null;
  const number = Number(text);
  return Number.isFinite(number) ? number : null;
}

/**
 * A percentage KPI asked as its two counts (e.g. networked machines and all production machines):
 * the percentage and its band are computed as the user types, exactly as they will be stored.
 */
function KpiBasisField({
  question,
  id,
  name,
  form,
  basisErrors,
  plainValue,
}: {
  question: QuestionView;
  id: string;
  name: `answers.${number}`;
  form: UseFormReturn<AnswersForm>;
  basisErrors: { numerator?: string; denominator?: string };
  /** A stored percentage without counts (carried forward from 1.0.0): kept until counts replace it. */
  plainValue: string | undefined;
}) {
  const t = useT();
  const locale = useLocale();
  const [numeratorText, denominatorText] = useWatch({ control: form.control, name: [`${name}.numerator`, `${name}.denominator`] });
  const defaults = form.formState.defaultValues?.answers?.[Number(name.split(".")[1])];
  const numerator = toNumber(numeratorText);
  const denominator = toNumber(denominatorText);
  const percent = numerator !== null && denominator !== null && numerator >= 0 && denominator > 0 ? percentOf(numerator, denominator) : null;
  const band = percent === null ? null : kpiBand({ thresholds: question.thresholds! }, percent);
  const input = (field: "numerator" | "denominator", label: string) => {
    const error = basisErrors[field];
    return (
      <div className="field kpi-basis-part">
        <label htmlFor={`${id}-${field}`}>{label}</label>
        <input
          id={`${id}-${field}`}
          inputMode="decimal"
          autoComplete="off"
          defaultValue={defaults?.[field]}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-kpi-hint${error ? ` ${id}-${field}-error` : ""}`}
          {...form.register(`${name}.${field}`)}
        />
        {error ? (
          <p className="field-error" id={`${id}-${field}-error`}>
            {error}
          </p>
        ) : null}
      </div>
    );
  };
  const onlyPlain = percent === null && numerator === null && denominator === null && plainValue ? plainValue : null;
  return (
    <div className="kpi kpi-basis">
      <input type="hidden" defaultValue={plainValue} {...form.register(`${name}.value`)} />
      <div className="kpi-basis-inputs">
        {input("numerator", question.basis!.numerator)}
        <span className="kpi-basis-divider" aria-hidden="true">
          ÷
        </span>
        {input("denominator", question.basis!.denominator)}
      </div>
      <p className="field-hint" id={`${id}-kpi-hint`}>
        <output className="kpi-band" aria-live="polite" htmlFor={`${id}-numerator ${id}-denominator`}>
          {percent !== null
            ? `${t("assessment.kpiPercent", { value: formatNumber(locale, percent) })} · ${t("assessment.kpiBand", { band: band! })}`
            : onlyPlain !== null
              ? t("assessment.kpiPercentCarried", { value: onlyPlain })
              : t("assessment.kpiPercentNone")}
        </output>{" "}
        · {t("assessment.kpiThresholds", { thresholds: question.thresholds!.join(" / ") })} ({question.unit})
      </p>
    </div>
  );
}
