import type { UseFormReturn } from "react-hook-form";
import { useT } from "~/utils/use-t";
import type { AnswersForm } from "./question-card";

/** A level question's bands 0–5, one radio button each, with the questionnaire's descriptor. */
export function DescriptorList({ descriptors, name, form, defaultValue }: { descriptors: readonly string[]; name: `answers.${number}`; form: UseFormReturn<AnswersForm>; defaultValue: string | undefined }) {
  const t = useT();
  return (
    <div className="descriptors" role="radiogroup" aria-label={t("assessment.levelLegend")}>
      {descriptors.map((descriptor, band) => (
        <label key={band} className="descriptor">
          <input type="radio" value={String(band)} defaultChecked={defaultValue === String(band)} {...form.register(`${name}.value`)} />
          <span className="descriptor-band">{band}</span>
          <span className="descriptor-text">{descriptor}</span>
        </label>
      ))}
    </div>
  );
}
