/**
 * The factory's answers with their confidence tier and, once a validation is issued, the validated
 * answer: the list both sides read under the comparison.
 */
import type { ConfidenceTier, ValidationReview } from "~/domain/validation/reviews";
import { formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";
import { TierBadge, type ComparisonLabelsProps } from "./comparison";

export interface AnswerRowProps {
  questionId: string;
  value: number | null;
  na: boolean;
  band: number | null;
  evidence: string[];
  tier: ConfidenceTier;
  review: ValidationReview | null;
}

export function AnswersTable({ answers, labels, issued }: { answers: AnswerRowProps[]; labels: ComparisonLabelsProps; issued: boolean }) {
  const t = useT();
  const locale = useLocale();
  const text = (questionId: string, value: number | null, band: number | null) => {
    const q = labels.questions[questionId];
    if (value === null) return t("validation.notApplicable");
    if (q?.type !== "kpi") return t("validation.bandValue", { band: value });
    const unit = q.unit ?? "";
    return band === null ? t("validation.kpiPlain", { value: formatNumber(locale, value), unit }) : t("validation.kpiValue", { value: formatNumber(locale, value), unit, band });
  };
  return (
    <div className="table-wrap">
      <table className="validation-answers">
        <thead>
          <tr>
            <th scope="col">{t("validation.question")}</th>
            <th scope="col">{t("validation.selfAnswer")}</th>
            <th scope="col">{t("validation.evidence")}</th>
            <th scope="col">{t("validation.tierTitle")}</th>
            {issued ? <th scope="col">{t("validation.validatedAnswer")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {answers.map((row) => {
            const q = labels.questions[row.questionId];
            return (
              <tr key={row.questionId}>
                <th scope="row" className="small">
                  {q?.number}. {q?.title ?? row.questionId}
                </th>
                <td>{text(row.questionId, row.value, row.band)}</td>
                <td>
                  {row.evidence.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <ul className="evidence-links">
                      {row.evidence.map((url) => (
                        <li key={url}>
                          <a href={url} target="_blank" rel="noopener noreferrer nofollow">
                            {url}
                          </a>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <TierBadge tier={row.tier} />
                </td>
                {issued ? (
                  <td>
                    {row.review?.decision === "changed" && row.review.value !== undefined ? (
                      <strong>{text(row.questionId, row.review.value, null)}</strong>
                    ) : row.review ? (
                      t("validation.reviewState.confirmed")
                    ) : (
                      "—"
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
