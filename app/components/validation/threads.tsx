/**
 * Comment threads beside a validation: the threads of questions not shown elsewhere on the page
 * (e.g. not among the differences), each under its question's title. Uses the comments feature's
 * <QuestionComments>.
 */
import { QuestionComments } from "~/components/comments/question-comments";
import type { CommentThreads } from "~/domain/comments/thread";
import { useT } from "~/utils/use-t";
import type { ComparisonLabelsProps } from "./comparison";

export function OtherThreads({ threads, except, labels, action, canPost }: { threads: CommentThreads; except: readonly string[]; labels: ComparisonLabelsProps; action: string; canPost: boolean }) {
  const t = useT();
  const skip = new Set(except);
  const ids = Object.keys(threads)
    .filter((id) => !skip.has(id) && (threads[id]?.length ?? 0) > 0)
    .sort((a, b) => (labels.questions[a]?.number ?? 0) - (labels.questions[b]?.number ?? 0));
  if (ids.length === 0) return null;
  return (
    <section className="card" aria-labelledby="other-threads-title">
      <h2 id="other-threads-title">{t("validation.otherThreads")}</h2>
      {ids.map((id) => (
        <div key={id} className="validation-thread">
          <p>
            <strong>
              {labels.questions[id]?.number}. {labels.questions[id]?.title ?? id}
            </strong>
          </p>
          <QuestionComments questionId={id} thread={threads[id]} action={action} canPost={canPost} headingLevel={3} />
        </div>
      ))}
    </section>
  );
}
