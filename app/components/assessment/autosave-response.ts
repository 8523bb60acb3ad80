/**
 * What the autosave client does with a server answer (pure, so it is unit-tested without a
 * browser). The rule: a 4xx is about this request and reaches the user as a message; only a
 * network failure, 503 or another 5xx is "try again later" (issue 8: a 500 for one bad note used
 * to be retried forever, merging the bad change into every later save).
 */
import type { StoredAnswers } from "~/domain/assessment/answers";

export interface AutosaveBody {
  reason?: string;
  revision?: number;
  savedAt?: string;
  answers?: StoredAnswers;
  updatedAt?: string;
  message?: string;
  questionId?: string;
}

export type AutosaveDecision =
  | { kind: "saved"; revision: number; savedAt: Date }
  | { kind: "conflict"; revision?: number; answers: StoredAnswers; updatedAt: Date }
  | { kind: "submitted"; message?: string }
  /** 400 about one question: drop that change, save the others. */
  | { kind: "refuse-one"; questionId: string; message?: string }
  /** 413: the batch is too large; keep it, wait for the user to shorten something. */
  | { kind: "too-large"; message?: string }
  /** 401/403/404 and any other 4xx: say so and stop sending; changes stay (and block leaving). */
  | { kind: "stop"; status: number; message?: string }
  /** 429, 503, other 5xx, network: keep the changes and try again after `afterMs`. */
  | { kind: "retry"; afterMs?: number; message?: string };

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function decide(status: number, body: AutosaveBody, retryAfter: string | null): AutosaveDecision {
  if (status >= 200 && status < 300 && body.reason === "saved" && typeof body.revision === "number") {
    return { kind: "saved", revision: body.revision, savedAt: new Date(body.savedAt ?? Date.now()) };
  }
  if (status === 409 && body.reason === "stale") {
    return { kind: "conflict", revision: body.revision, answers: body.answers ?? {}, updatedAt: new Date(body.updatedAt ?? Date.now()) };
  }
  if (status === 409) return { kind: "submitted", message: body.message };
  if (status === 400 && typeof body.questionId === "string") return { kind: "refuse-one", questionId: body.questionId, message: body.message };
  if (status === 413) return { kind: "too-large", message: body.message };
  if (status === 429) return { kind: "retry", afterMs: retryAfterMs(retryAfter), message: body.message };
  if (status >= 400 && status < 500) return { kind: "stop", status, message: body.message };
  // 2xx without a revision (a proxy's page?), 503, 5xx: nothing was acknowledged, try again.
  return { kind: "retry", afterMs: retryAfterMs(retryAfter) };
}
