/**
 * Autosave for a draft: changes are queued per question and sent about a second after the last
 * edit. Every request names the revision it is based on; the server answers 409 when someone else
 * saved in between, and then nothing is sent until the user decides (load theirs, or save mine on
 * top). Network failures are retried with backoff; unsaved work blocks leaving the page.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { StoredAnswer, StoredAnswers } from "~/domain/assessment/answers";

export type SaveState =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "retrying"; attempt: number }
  | { kind: "invalid"; message?: string }
  | { kind: "conflict"; revision: number; answers: StoredAnswers; updatedAt: Date }
  | { kind: "submitted" };

type Changes = Map<string, StoredAnswer | null>;

const MAX_BACKOFF_MS = 30_000;

export function useAutosave({ url, revision, delayMs = 800, enabled }: { url: string; revision: number; delayMs?: number; enabled: boolean }) {
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const [pendingCount, setPendingCount] = useState(0);
  const revisionRef = useRef(revision);
  const pending = useRef<Changes>(new Map());
  const inFlight = useRef(false);
  const blocked = useRef(false); // conflict or submitted: wait for the user
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
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ revision: revisionRef.current, changes: Object.fromEntries(sending) }),
      });
      const body = (await response.json().catch(() => ({}))) as {
        reason?: string;
        revision?: number;
        savedAt?: string;
        answers?: StoredAnswers;
        updatedAt?: string;
        message?: string;
      };
      if (response.ok && body.reason === "saved" && typeof body.revision === "number") {
        revisionRef.current = body.revision;
        attempt.current = 0;
        setPendingCount(pending.current.size);
        setState(pending.current.size ? { kind: "pending" } : { kind: "saved", at: new Date(body.savedAt ?? Date.now()) });
        if (pending.current.size) schedule(delayMs);
      } else if (response.status === 409 && body.reason === "stale") {
        putBack();
        blocked.current = true;
        setState({ kind: "conflict", revision: body.revision ?? revisionRef.current, answers: body.answers ?? {}, updatedAt: new Date(body.updatedAt ?? Date.now()) });
      } else if (response.status === 409) {
        putBack();
        blocked.current = true;
        setState({ kind: "submitted" });
      } else if (response.status === 400) {
        putBack();
        setState({ kind: "invalid", message: body.message });
      } else {
        throw new Error(`HTTP ${response.status}`);
      }
    } catch {
      putBack();
      attempt.current += 1;
      setState({ kind: "retrying", attempt: attempt.current });
      schedule(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempt.current - 1)));
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

  return { state, pendingCount, queue, unqueue, flush, resolveConflict, hasUnsaved: () => pending.current.size > 0 || inFlight.current };
}
