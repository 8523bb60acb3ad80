import type { QuestionView } from "~/domain/questionnaire/view";
import { useT } from "~/utils/use-t";

/** This dimension's open questions, each a link to its card. */
export function MissingAnswers({ questions }: { questions: readonly QuestionView[] }) {
  const t = useT();
  return (
    <section aria-labelledby="unanswered-title" className="unanswered">
      <h2 id="unanswered-title">{t("assessment.unansweredTitle")}</h2>
      {questions.length === 0 ? (
        <p className="muted small">{t("assessment.allAnswered")}</p>
      ) : (
        <ul>
          {questions.map((q) => (
            <li key={q.id}>
              <a href={`#q-${q.number}`}>
                {q.number}. {q.title}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
