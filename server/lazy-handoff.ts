/**
 * Remix encodes a document's loader data for hydration (turbo-stream) before our `handleRequest`
 * runs, eagerly: the encoder walks the whole data in its stream's `start`. When the render memo
 * answers (ADR 0025) that stream is cancelled unread, so a memo hit paid for an encoding nobody
 * reads — on the results and report pages, a sixth of the request's CPU (docs/performance.md,
 * "Issue 14", session 23). Remix 2.17 has no hook for it, so its encoder is wrapped once at start-up
 * in a stream that encodes on the first read (ADR 0038): a render reads it as before, a memo hit
 * cancels it and nothing is encoded. `lazyHandoffInstalled` is checked by a test, so a Remix upgrade
 * that moves the encoder fails loudly instead of silently encoding again.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

type Encode = (data: unknown, ...rest: unknown[]) => ReadableStream<Uint8Array>;
interface SingleFetchModule {
  encodeViaTurboStream: Encode;
}

const LAZY = Symbol.for("future-factory.lazy-handoff");
/** How many encodings actually started in this process (for tests). */
let started = 0;

/** A stream that calls `create` only when someone first reads from it. */
export function lazyStream<T>(create: () => ReadableStream<T>): ReadableStream<T> {
  let reader: ReadableStreamDefaultReader<T> | null = null;
  return new ReadableStream<T>(
    {
      async pull(controller) {
        reader ??= create().getReader();
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        return reader?.cancel(reason);
      },
    },
    // 0: no read-ahead, so `pull` (and the encoding) waits for a reader.
    { highWaterMark: 0 },
  );
}

/** Wraps Remix's single-fetch encoder (the same module instance the server runtime calls). */
export function installLazyHandoff() {
  const singleFetch = require("@remix-run/server-runtime/dist/single-fetch.js") as SingleFetchModule;
  const encode = singleFetch.encodeViaTurboStream;
  if (typeof encode !== "function") throw new Error("@remix-run/server-runtime: encodeViaTurboStream not found (see server/lazy-handoff.ts)");
  if ((encode as Encode & { [LAZY]?: true })[LAZY]) return;
  const lazy = Object.assign(
    (...args: Parameters<Encode>) =>
      lazyStream(() => {
        started++;
        return encode(...args);
      }),
    { [LAZY]: true as const },
  );
  singleFetch.encodeViaTurboStream = lazy;
}

export const lazyHandoff = {
  installed: () => Boolean((require("@remix-run/server-runtime/dist/single-fetch.js") as SingleFetchModule).encodeViaTurboStream[LAZY as never]),
  encodingsStarted: () => started,
};
