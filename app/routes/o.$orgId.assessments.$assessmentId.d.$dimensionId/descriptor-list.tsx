import type { UseFormReturn } from "react-hook-form";
import { useT } from "~/utils/use-t";
import type { AnswersForm } from "./question-card";

/**
 * A level question's bands 0–5, one radio button each, with the questionnaire's descriptor.
 * The radios are plain form fields that hand their value to react-hook-form when chosen, instead of
 * being registered one by one: registering ≈ 70 radios was a large part of the work done while
 * the questionnaire hydrates (issue 13). Their name still makes the plain form post work without JavaScript.
 */
export function DescriptorList({ descriptors, name, form, defaultValue }: { descriptors: readonly string[]; name: `answers.${number}`; form: UseFormReturn<AnswersForm>; defaultValue: string | undefined }) {
  const t = useT();
  const field = `${name}.value` as const;
  return (
    <div className="descriptors" role="radiogroup" aria-label={t("assessment.levelLegend")}>
      {descriptors.map((descriptor, band) => (
        <label key={band} className="descriptor">
          <input
            type="radio"
            name={field}
            value={String(band)}
            defaultChecked={defaultValue === String(band)}
            onChange={(event) => form.setValue(field, event.currentTarget.value, { shouldDirty: true })}
          />
          <span className="descriptor-band">{band}</span>
          <span className="descriptor-text">{descriptor}</span>
        </label>
      ))}
    </div>
  );
}
