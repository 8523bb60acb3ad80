import type { ExcludedQuestion } from "~/domain/assessment/progress";
import { useT } from "~/utils/use-t";

/** The questions the plant profile excludes here, collapsed, each with the reason it does not apply. */
export function ExcludedQuestions({ questions, profileLink }: { questions: readonly ExcludedQuestion[]; profileLink: string }) {
  const t = useT();
  if (questions.length === 0) return null;
  return (
    <details className="card excluded-questions">
      <summary>{t("assessment.excludedTitle", { count: questions.length })}</summary>
      <p className="muted small">{t("assessment.excludedLead")}</p>
      <ul>
        {questions.map((q) => (
          <li key={q.id}>
            <strong>
              {q.number}. {q.title}
            </strong>
            <br />
            <span className="muted small">{q.note}</span>
          </li>
        ))}
      </ul>
      <p className="small">
        <a href={profileLink}>{t("profile.plant.edit")}</a>
      </p>
    </details>
  );
}
