import { useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { commentAnchor, COMMENT_MAX_LENGTH, type CommentMessage } from "~/domain/comments/thread";
import { formatDateTime } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

/** What the comment actions answer to a fetcher (a plain form post is redirected back instead). */
export type CommentActionData =
  | { ok: true; comment: CommentMessage }
  | { ok: false; fieldErrors: Record<string, string>; formError?: string };

/**
 * The thread about one question and a small form to add to it. With JavaScript the form posts
 * through a fetcher and the page's loaders refresh the thread; without, it is a normal POST that
 * the action answers with a redirect back to this page, at this thread.
 *
 * `action`: the comment action route of the side the user is on, e.g.
 * `/o/:orgId/assessments/:aid/comments` (factory) or `/o/:orgId/clients/:clientId/assessments/:aid/comments`.
 * `canPost` false shows the thread only (factory viewers, consultants with read access).
 */
export function QuestionComments({
  questionId,
  thread,
  action,
  canPost = true,
  headingLevel = 3,
}: {
  questionId: string;
  thread: readonly CommentMessage[] | undefined;
  action: string;
  canPost?: boolean;
  headingLevel?: 2 | 3 | 4;
}) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const fetcher = useFetcher<CommentActionData>({ key: `comment-${action}-${questionId}` });
  const formRef = useRef<HTMLFormElement>(null);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const id = useId();
  const messages = thread ?? [];
  const unread = messages.filter((message) => message.unread).length;
  const busy = fetcher.state !== "idle";
  const failure = fetcher.data && fetcher.data.ok === false ? fetcher.data : undefined;
  const bodyError = failure?.fieldErrors.body;
  const otherError = failure && !bodyError ? (failure.fieldErrors.questionId ?? failure.formError) : undefined;
  const posted = fetcher.state === "idle" && fetcher.data?.ok === true;
  useEffect(() => {
    if (posted) formRef.current?.reset();
  }, [posted, fetcher.data]);
  const Heading = `h${headingLevel}` as const;
  const form = (
    <fetcher.Form
      method="post"
      action={action}
      ref={formRef}
      className="comment-form"
      onSubmit={(event) => {
        // One message per press, however impatient the click.
        if (busy) event.preventDefault();
      }}
    >
      <input type="hidden" name="questionId" value={questionId} />
      <input type="hidden" name="returnTo" value={location.pathname + location.search} />
      {/* Only once JavaScript runs: answer with data for the fetcher, not with a redirect. */}
      {hydrated ? <input type="hidden" name="fetch" value="1" /> : null}
      <div className={`field${bodyError ? " field-invalid" : ""}`}>
        <label htmlFor={`${id}-body`}>{t("comments.bodyLabel")}</label>
        <textarea
          id={`${id}-body`}
          name="body"
          rows={3}
          required
          maxLength={COMMENT_MAX_LENGTH}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={`${id}-hint${bodyError ? ` ${id}-error` : ""}`}
        />
        <p className="field-hint" id={`${id}-hint`}>
          {t("comments.bodyHint")}
        </p>
        {bodyError ? (
          <p className="field-error" id={`${id}-error`} role="alert">
            {bodyError}
          </p>
        ) : null}
      </div>
      {otherError ? (
        <p className="alert alert-error" role="alert">
          {otherError}
        </p>
      ) : null}
      <div className="comment-form-actions">
        <button type="submit" className="button button-small button-primary" aria-disabled={busy || undefined}>
          {busy ? t("comments.sending") : t("comments.send")}
        </button>
        <span role="status" className="muted">
          {posted ? t("comments.posted") : ""}
        </span>
      </div>
    </fetcher.Form>
  );
  return (
    <section id={commentAnchor(questionId)} className="question-comments" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`} className="question-comments-title">
        {t("comments.threadLabel")} <span className="muted">({messages.length})</span>
        {unread > 0 ? <span className="badge badge-primary comment-unread-count">{t("comments.newMessages", { count: unread })}</span> : null}
      </Heading>
      {messages.length === 0 ? (
        canPost ? null : <p className="muted">{t("comments.empty")}</p>
      ) : (
        <ol className="comment-list">
          {messages.map((message) => (
            <li key={message.id} className={`comment comment-${message.side}${message.unread ? " comment-unread" : ""}`}>
              <p className="comment-meta">
                <strong>
                  {message.authorName}
                  {message.own ? t("comments.you") : null}
                </strong>{" "}
                <span className="badge">{message.side === "factory" ? t("comments.sideFactory") : t("comments.sideConsultancy")}</span>{" "}
                <span className="muted">{message.organizationName}</span>{" "}
                <time className="muted" dateTime={message.createdAt}>
                  {formatDateTime(locale, message.createdAt)}
                </time>
                {message.unread ? <span className="badge badge-primary">{t("comments.unread")}</span> : null}
              </p>
              <p className="comment-body">{message.body}</p>
            </li>
          ))}
        </ol>
      )}
      {!canPost ? (
        <p className="muted">{t("comments.readOnly")}</p>
      ) : messages.length === 0 && !failure ? (
        // An empty thread is one line until someone starts it: a workspace lists dozens of questions.
        <details className="comment-start">
          <summary>{t("comments.start")}</summary>
          {form}
        </details>
      ) : (
        form
      )}
    </section>
  );
}
