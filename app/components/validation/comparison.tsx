/**
 * Self-assessment vs validation, side by side: the one view both the factory and the consultant see
 * ("自评 L2 · 2.38 / 核验 L2 · 2.10", dimension scores, every changed question with the consultant's
 * comment and its effect). The differences come from compareValidation (app/domain/validation/compare.ts).
 */
import type { ReactNode } from "react";
import type { ConfidenceTier } from "~/domain/validation/reviews";
import type { ValidationComparison } from "~/domain/validation/compare";
import { displayScore } from "~/domain/scoring";
import { formatDate, formatNumber } from "~/utils/i18n";
import { changeWords } from "~/utils/difference-words";
import { useLocale, useT } from "~/utils/use-t";
import { Change } from "../difference";

/** Names for the comparison's ids (built on the server in the user's language). */
export interface ComparisonLabelsProps {
  levels: Record<number, string>;
  dimensions: Record<string, string>;
  capabilities: Record<string, string>;
  questions: Record<string, { number: number; title: string; type: "level" | "kpi"; unit?: string }>;
}

export interface SignatureProps {
  version: number;
  consultancyName: string | null;
  issuedByName: string | null;
  issuedAt: string | Date | null;
}

const score = (value: number | null) => (value === null ? null : displayScore(value, 2));


export function TierBadge({ tier }: { tier: ConfidenceTier }) {
  const t = useT();
  return <span className={`badge tier-badge tier-${tier}`}>{t(`validation.tiers.${tier}`)}</span>;
}

/** "自评 L2 · 2.38 / 核验 L2 · 2.10" */
export function ComparisonSummary({ comparison }: { comparison: ValidationComparison }) {
  const t = useT();
  const { self, validated } = comparison;
  return (
    <p className="validation-summary" aria-label={t("validation.summaryLabel")}>
      <span className="validation-self">{t("validation.summarySelf", { level: self.level, score: score(self.overall) ?? t("validation.noScore") })}</span>
      <span aria-hidden="true"> / </span>
      <strong className="validation-validated">{t("validation.summaryValidated", { level: validated.level, score: score(validated.overall) ?? t("validation.noScore") })}</strong>
    </p>
  );
}

export function ValidationComparisonView({
  comparison,
  labels,
  signature,
  afterDifference,
}: {
  comparison: ValidationComparison;
  labels: ComparisonLabelsProps;
  signature: SignatureProps | null;
  /** Extra content under a changed question, e.g. its comment thread. */
  afterDifference?: (questionId: string) => ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  const { self, validated, levelChange, counts } = comparison;
  const answer = (type: "level" | "kpi", unit: string | undefined, value: number | null, band: number | null) =>
    value === null
      ? t("validation.notApplicable")
      : type === "level"
        ? t("validation.bandValue", { band: value })
        : t("validation.kpiValue", { value: formatNumber(locale, value), unit: unit ?? "", band: band ?? "—" });
  return (
    <div className="validation-comparison">
      <section className="card" aria-labelledby="validation-summary-title">
        <h2 id="validation-summary-title">{t("validation.summaryLabel")}</h2>
        <ComparisonSummary comparison={comparison} />
        <p>
          {levelChange < 0
            ? t("validation.levelDown", { from: self.level, to: validated.level })
            : levelChange > 0
              ? t("validation.levelUp", { from: self.level, to: validated.level })
              : t("validation.levelSame", { level: self.level })}{" "}
          {t("validation.counts", { reviewable: counts.reviewable, confirmed: counts.confirmed, changed: counts.changed, evidence: counts.evidenceChecked })}
        </p>
        {signature?.issuedAt ? (
          <p className="muted small">
            {t("validation.signed", { version: signature.version, consultancy: signature.consultancyName ?? "", name: signature.issuedByName ?? "", date: formatDate(locale, signature.issuedAt) })}
          </p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="validation-dimensions-title">
        <h2 id="validation-dimensions-title">{t("validation.dimensionsTitle")}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("validation.dimension")}</th>
                <th scope="col">{t("validation.selfShort")}</th>
                <th scope="col">{t("validation.validatedShort")}</th>
                <th scope="col">{t("validation.difference")}</th>
              </tr>
            </thead>
            <tbody>
              {comparison.dimensions.map((d) => (
                <tr key={d.dimensionId}>
                  <th scope="row">
                    <span className={`dot dim-${d.dimensionId}`} aria-hidden="true" /> {labels.dimensions[d.dimensionId] ?? d.dimensionId}
                  </th>
                  <td>{score(d.self) ?? t("validation.noScore")}</td>
                  <td>{score(d.validated) ?? t("validation.noScore")}</td>
                  <td>{d.self !== null && d.validated !== null ? <Change later={d.validated} earlier={d.self} /> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="validation-differences-title">
        <h2 id="validation-differences-title">{t("validation.differencesTitle", { count: comparison.differences.length })}</h2>
        {comparison.differences.length === 0 ? (
          <p>{t("validation.noDifferences")}</p>
        ) : (
          <ul className="validation-differences">
            {comparison.differences.map((d) => {
              const q = labels.questions[d.questionId];
              return (
                <li key={d.questionId} id={`difference-${d.questionId}`}>
                  <p className="validation-difference-title">
                    <strong>
                      {q?.number}. {q?.title ?? d.questionId}
                    </strong>
                  </p>
                  <p>
                    {t("validation.labelled", { label: t("validation.selfShort") })}
                    {answer(q?.type ?? "level", q?.unit, d.selfValue, d.selfScore)} → {t("validation.labelled", { label: t("validation.validatedShort") })}
                    <strong>{answer(q?.type ?? "level", q?.unit, d.validatedValue, d.validatedScore)}</strong>
                  </p>
                  <blockquote className="validation-comment">{d.comment}</blockquote>
                  <p className="small muted">
                    {t("validation.labelled", { label: t("validation.effect") })}
                    {t("validation.capabilityEffect", {
                      capability: labels.capabilities[d.capabilityId] ?? d.capabilityId,
                      from: score(d.capability.self) ?? t("validation.noScore"),
                      to: score(d.capability.validated) ?? t("validation.noScore"),
                    })}
                    {t("validation.separator")}
                    {d.overallEffect === null ? null : t("validation.overallEffect", { effect: changeWords(t, locale, d.overallEffect) })}
                    {d.levelEffect !== 0 ? t("validation.levelEffect", { effect: changeWords(t, locale, d.levelEffect, 0) }) : null}
                  </p>
                  {afterDifference?.(d.questionId)}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
