/**
 * Autosave for a draft: changes are queued per question and sent about a second after the last
 * edit. Every request names the revision it is based on; the server answers 409 when someone else
 * saved in between, and then nothing is sent until the user decides (load theirs, or save mine on
 * top). What each answer means is decided in autosave-response.ts: a 400 naming a question drops
 * that one change (the others are saved), 413 and 401/403/404 are shown and not retried; only
 * network failures, 429, 503 and other 5xx are retried with backoff, honouring Retry-After.
 * Unsaved work blocks leaving the page.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { StoredAnswer, StoredAnswers } from "~/domain/assessment/answers";
import { decide, type AutosaveBody } from "./autosave-response";

export type SaveState =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "retrying"; attempt: number; message?: string }
  | { kind: "tooLarge"; message?: string }
  | { kind: "stopped"; status: number; message?: string }
  | { kind: "conflict"; revision: number; answers: StoredAnswers; updatedAt: Date }
  | { kind: "submitted" };

/** The last change the server refused (400 naming a question); shown until that question is edited again. */
export interface RefusedChange {
  questionId: string;
  message?: string;
}

type Changes = Map<string, StoredAnswer | null>;

const MAX_BACKOFF_MS = 30_000;
/** A Retry-After longer than this is not waited out in full: the page checks back sooner. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

export function useAutosave({ url, revision, delayMs = 800, enabled }: { url: string; revision: number; delayMs?: number; enabled: boolean }) {
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const [refused, setRefused] = useState<RefusedChange | null>(null);
  const [pendingCount, setPendingCount] = useState(0);
  const revisionRef = useRef(revision);
  const pending = useRef<Changes>(new Map());
  const inFlight = useRef(false);
  const blocked = useRef(false); // conflict, submitted or stopped (401/403/404): wait for the user
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const attempt = useRef(0);

  const schedule = useCallback((ms: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flushRef.current(), ms);
  }, []);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    if (!enabled || inFlight.current || blocked.current || pending.current.size === 0) return;
    const sending: Changes = pending.current;
    pending.current = new Map();
    inFlight.current = true;
    setState({ kind: "saving" });
    const putBack = () => {
      // Edits made while the request was in flight are newer than what we tried to send.
      for (const [id, answer] of sending) if (!pending.current.has(id)) pending.current.set(id, answer);
      setPendingCount(pending.current.size);
    };
    const retry = (afterMs?: number, message?: string) => {
      putBack();
      attempt.current += 1;
      setState({ kind: "retrying", attempt: attempt.current, message });
      const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempt.current - 1));
      schedule(afterMs === undefined ? backoff : Math.min(MAX_RETRY_AFTER_MS, Math.max(afterMs, 1000)));
    };
    try {
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({ revision: revisionRef.current, changes: Object.fromEntries(sending) }),
        });
      } catch {
        retry();
        return;
      }
      const body = (await response.json().catch(() => ({}))) as AutosaveBody;
      const decision = decide(response.status, body, response.headers.get("Retry-After"));
      if (decision.kind !== "retry") attempt.current = 0;
      switch (decision.kind) {
        case "saved":
          revisionRef.current = decision.revision;
          setPendingCount(pending.current.size);
          setState(pending.current.size ? { kind: "pending" } : { kind: "saved", at: decision.savedAt });
          if (pending.current.size) schedule(delayMs);
          break;
        case "conflict":
          putBack();
          blocked.current = true;
          setState({ kind: "conflict", revision: decision.revision ?? revisionRef.current, answers: decision.answers, updatedAt: decision.updatedAt });
          break;
        case "submitted":
          putBack();
          blocked.current = true;
          setState({ kind: "submitted" });
          break;
        case "refuse-one":
          // Only the refused change is dropped; the rest go out again right away.
          sending.delete(decision.questionId);
          putBack();
          setRefused({ questionId: decision.questionId, message: decision.message });
          setState(pending.current.size ? { kind: "pending" } : { kind: "idle" });
          if (pending.current.size) schedule(delayMs);
          break;
        case "too-large":
          // Kept; the next edit (e.g. a shorter note) tries again.
          putBack();
          setState({ kind: "tooLarge", message: decision.message });
          break;
        case "stop":
          putBack();
          blocked.current = true;
          setState({ kind: "stopped", status: decision.status, message: decision.message });
          break;
        case "retry":
          retry(decision.afterMs, decision.message);
          break;
      }
    } finally {
      inFlight.current = false;
    }
  }, [delayMs, enabled, schedule, url]);

  const flushRef = useRef(flush);
  flushRef.current = flush;

  const queue = useCallback(
    (questionId: string, answer: StoredAnswer | null) => {
      if (!enabled) return;
      pending.current.set(questionId, answer);
      setPendingCount(pending.current.size);
      setRefused((previous) => (previous?.questionId === questionId ? null : previous));
      if (!blocked.current) {
        setState((previous) => (previous.kind === "saving" ? previous : { kind: "pending" }));
        schedule(delayMs);
      }
    },
    [delayMs, enabled, schedule],
  );

  /** Drop a queued change (e.g. the field became invalid again before it was sent). */
  const unqueue = useCallback((questionId: string) => {
    pending.current.delete(questionId);
    setPendingCount(pending.current.size);
  }, []);

  const resolveConflict = useCallback(
    (choice: "load-theirs" | "keep-mine") => {
      if (state.kind !== "conflict") return;
      revisionRef.current = state.revision;
      blocked.current = false;
      if (choice === "load-theirs") {
        pending.current = new Map();
        setPendingCount(0);
        setState({ kind: "idle" });
      } else {
        setState({ kind: "pending" });
        void flushRef.current();
      }
    },
    [state],
  );

  // Warn before leaving with unsaved work; try to send it right away as well.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (pending.current.size === 0 && !inFlight.current) return;
      void flushRef.current();
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, []);

  useEffect(() => () => clearTimeout(timer.current), []);

  return { state, refused, pendingCount, queue, unqueue, flush, resolveConflict, hasUnsaved: () => pending.current.size > 0 || inFlight.current };
}
