/**
 * The shape of comment threads as pages and the component see them, shared by server and browser.
 * One thread per (assessment, question); see app/models/comment.server.ts for who sees what.
 */

/** The longest comment, in characters (line breaks count once). */
export const COMMENT_MAX_LENGTH = 2000;

export interface CommentMessage {
  id: string;
  questionId: string;
  authorName: string;
  /** Which side wrote it. */
  side: "factory" | "consultancy";
  /** The factory's or the consultancy's name. */
  organizationName: string;
  body: string;
  /** ISO date-time. */
  createdAt: string;
  /** Newer than the reader's last visit and not written by them. */
  unread: boolean;
  own: boolean;
}

/** Question id → its messages, oldest first. Questions without messages are absent. */
export type CommentThreads = Record<string, CommentMessage[]>;

/** The element id of a question's thread: the component renders it, links and e-mails point at it. */
export function commentAnchor(questionId: string): string {
  return `comments-${questionId}`;
}

/** Unread messages in a set of threads (e.g. for a dimension tab's count). */
export function unreadIn(threads: CommentThreads, questionIds?: readonly string[]): number {
  const ids = questionIds ?? Object.keys(threads);
  return ids.reduce((sum, id) => sum + (threads[id]?.filter((message) => message.unread).length ?? 0), 0);
}

// The pages that show an assessment's threads and mark them read while loading: the factory's
// validation page, the consultant's read view and workspace.
const THREAD_PAGE = /^\/o\/[^/]+\/(?:assessments\/([0-9a-f-]{36})\/validation|clients\/[^/]+\/assessments\/([0-9a-f-]{36})(?:\/validate)?)\/?$/i;

/**
 * The assessment whose threads the page at `pathname` opens (and so marks read in the same request),
 * or null. The header's badge leaves it out: the root loader runs beside the page's loader and would
 * otherwise count as unread what the page is showing.
 */
export function threadPageAssessment(pathname: string): string | null {
  const match = THREAD_PAGE.exec(pathname.replace(/\.data$/, ""));
  return match ? (match[1] ?? match[2] ?? null) : null;
}
