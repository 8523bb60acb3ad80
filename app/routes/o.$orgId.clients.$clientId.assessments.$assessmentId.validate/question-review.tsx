/**
 * One question in the consultant's workspace: the factory's answer (band and descriptor or KPI value,
 * note, evidence links), its confidence tier, and the review form (confirm, or a validated band /
 * value with a required comment; evidence checked). Saves through a fetcher; without JavaScript the
 * same form posts normally and the page shows the answer.
 */
import { useFetcher } from "@remix-run/react";
import { useId, useState, type ReactNode } from "react";
import { TierBadge } from "~/components/validation/comparison";
import type { ConfidenceTier, ValidationReview } from "~/domain/validation/reviews";
import { formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

export interface ReviewQuestion {
  id: string;
  number: number;
  title: string;
  capability: string;
  type: "level" | "kpi";
  descriptors: string[];
  unit: string;
  min: number;
  max: number;
  self: { value: number | null; na: boolean; naReason: string; note: string; evidence: string[]; band: number | null };
  tier: ConfidenceTier;
  review: ValidationReview | null;
}

type ActionResult = { ok: true; questionId: string | null; message: string } | { ok: false; questionId: string | null; formError: string; fieldErrors: Record<string, string> };

export function QuestionReview({
  question,
  version,
  revision,
  fallback,
  comments,
}: {
  question: ReviewQuestion;
  version: number;
  revision: number;
  fallback?: ActionResult;
  /** The question's comment thread with the factory. */
  comments?: ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<ActionResult>();
  const id = useId();
  const [decision, setDecision] = useState<"confirmed" | "changed">(question.review?.decision ?? "confirmed");
  const result = fetcher.data ?? fallback;
  const errors = result && !result.ok ? result.fieldErrors : {};
  const state = question.review ? question.review.decision : "pending";
  const { self } = question;
  const selfText = self.na
    ? t("validation.notApplicable")
    : question.type === "level"
      ? self.value !== null && question.descriptors[self.value]
        ? t("validation.bandWithDescriptor", { band: self.value, descriptor: question.descriptors[self.value]! })
        : t("validation.bandValue", { band: self.value ?? "—" })
      : t("validation.kpiValue", { value: self.value === null ? "—" : formatNumber(locale, self.value), unit: question.unit, band: self.band ?? "—" });
  return (
    <article className={`card question-review review-${state}`} id={`q-${question.id}`} aria-labelledby={`${id}-title`}>
      <header className="question-review-header">
        <h3 id={`${id}-title`}>
          {question.number}. {question.title}
        </h3>
        <p className="small muted">
          {question.capability} · <TierBadge tier={question.tier} /> · <span className={`badge review-state-${state}`}>{t(`validation.reviewState.${state}`)}</span>
        </p>
      </header>
      <dl className="question-review-answer">
        <dt>{t("validation.factoryAnswer")}</dt>
        <dd>
          <strong>{selfText}</strong>
          {self.na && self.naReason ? <span className="small"> — {t("validation.naReason", { reason: self.naReason })}</span> : null}
        </dd>
        {self.note ? (
          <>
            <dt>{t("validation.note")}</dt>
            <dd className="pre-wrap">{self.note}</dd>
          </>
        ) : null}
        <dt>{t("validation.evidence")}</dt>
        <dd>
          {self.evidence.length === 0 ? (
            <span className="muted">{t("validation.noEvidence")}</span>
          ) : (
            <ul className="evidence-links">
              {self.evidence.map((url) => (
                <li key={url}>
                  <a href={url} target="_blank" rel="noopener noreferrer nofollow">
                    {url}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <fetcher.Form method="post" className="question-review-form" noValidate>
        <input type="hidden" name="intent" value="review" />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="revision" value={revision} />
        <input type="hidden" name="questionId" value={question.id} />
        <fieldset>
          <legend>{t("validation.decision")}</legend>
          <label className="radio">
            <input type="radio" name="decision" value="confirmed" checked={decision === "confirmed"} onChange={() => setDecision("confirmed")} /> {t("validation.confirm")}
          </label>
          <label className="radio">
            <input type="radio" name="decision" value="changed" checked={decision === "changed"} onChange={() => setDecision("changed")} /> {t("validation.change")}
          </label>
        </fieldset>
        {/* The validated value matters once "change" is chosen: CSS hides it until then (works without JavaScript). */}
        <div className="review-change-fields">
          {question.type === "level" ? (
            <fieldset className="validated-band" aria-describedby={errors.value ? `${id}-value-error` : undefined}>
              <legend>{t("validation.validatedBand")}</legend>
              {[0, 1, 2, 3, 4, 5].map((band) => (
                <label key={band} className="radio band-option">
                  <input
                    type="radio"
                    name="value"
                    value={band}
                    defaultChecked={question.review?.decision === "changed" && question.review.value === band}
                    onChange={() => setDecision("changed")}
                  />{" "}
                  <strong>{t("validation.bandValue", { band })}</strong> {question.descriptors[band] ?? ""}
                </label>
              ))}
            </fieldset>
          ) : (
            <p className="field">
              <label htmlFor={`${id}-value`}>{t("validation.validatedKpi", { unit: question.unit, min: question.min, max: question.max })}</label>
              <input
                id={`${id}-value`}
                name="value"
                type="number"
                inputMode="decimal"
                step="any"
                min={question.min}
                max={question.max}
                defaultValue={question.review?.decision === "changed" ? question.review.value : undefined}
                onChange={() => setDecision("changed")}
                aria-invalid={errors.value ? true : undefined}
                aria-describedby={errors.value ? `${id}-value-error` : undefined}
              />
            </p>
          )}
          {errors.value ? (
            <p className="field-error" id={`${id}-value-error`}>
              {errors.value}
            </p>
          ) : null}
        </div>
        <p className="field">
          <label htmlFor={`${id}-comment`}>{t("validation.reviewComment")}</label>
          <textarea
            id={`${id}-comment`}
            name="comment"
            rows={2}
            maxLength={2000}
            defaultValue={question.review?.comment ?? ""}
            aria-invalid={errors.comment ? true : undefined}
            aria-describedby={errors.comment ? `${id}-comment-error` : undefined}
          />
        </p>
        {errors.comment ? (
          <p className="field-error" id={`${id}-comment-error`}>
            {errors.comment}
          </p>
        ) : null}
        <label className="checkbox">
          <input type="checkbox" name="evidenceChecked" defaultChecked={question.review?.evidenceChecked === true} /> {t("validation.evidenceChecked")}
        </label>
        <div className="question-review-actions">
          <button type="submit" className="button button-small" disabled={fetcher.state !== "idle"}>
            {t("validation.save")}
          </button>
          <span role="status" aria-live="polite" className={result && !result.ok ? "field-error" : "muted small"}>
            {fetcher.state === "idle" && result ? (result.ok ? result.message : Object.keys(result.fieldErrors).length === 0 ? result.formError : null) : null}
          </span>
        </div>
      </fetcher.Form>
      {comments}
    </article>
  );
}
