import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { DimensionProgress } from "~/domain/assessment/progress";
import type { QuestionView } from "~/domain/questionnaire/view";
import { useT } from "~/utils/use-t";
import { MissingAnswers } from "./missing-answers";

/** The draft's progress bar, every dimension with its count (the open one counted live), and what is still open here. */
export function ProgressSidebar({
  base,
  label,
  dimensions,
  progress,
  current,
  totals,
  canEdit,
  unanswered,
  profileLink,
  status,
}: {
  base: string;
  /** The edition label, "2026 · 第 3 版 · 草稿". */
  label: string;
  dimensions: readonly { id: string; name: string }[];
  progress: readonly DimensionProgress[];
  current: { dimensionId: string; answered: number };
  totals: { answered: number; total: number };
  canEdit: boolean;
  unanswered: readonly QuestionView[];
  /** Questionnaires with a plant profile: where to review or change it. */
  profileLink?: string;
  /** The autosave status: at the top of the sidebar it stays in view without lying over a question (issue 13). */
  status: ReactNode;
}) {
  const t = useT();
  return (
    <aside className="assessment-sidebar" aria-label={t("assessment.dimensionsNav")}>
      {status}
      <p className="assessment-title">{t("assessment.titleOf", { label })}</p>
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={totals.total} aria-valuenow={totals.answered} aria-label={t("assessment.progress", totals)}>
        <div className="progress-fill" style={{ width: `${(100 * totals.answered) / Math.max(1, totals.total)}%` }} />
      </div>
      <p className="muted small">{t("assessment.progress", totals)}</p>
      <nav>
        {profileLink ? (
          <p className="small">
            <Link to={profileLink}>{t("assessment.plantProfileLink")}</Link>
          </p>
        ) : null}
        <ol className="dimension-steps">
          {dimensions.map((d) => {
            const p = progress.find((x) => x.dimensionId === d.id)!;
            const answered = d.id === current.dimensionId ? current.answered : p.answered;
            return (
              <li key={d.id} className={d.id === current.dimensionId ? "current" : undefined}>
                <Link to={`${base}/d/${d.id}`} aria-current={d.id === current.dimensionId ? "step" : undefined}>
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
      <MissingAnswers questions={unanswered} />
    </aside>
  );
}
