import { PassThrough } from "node:stream";
import type { EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { RETRY_AFTER_SECONDS } from "~/utils/db-unavailable";

const ABORT_DELAY = 5_000;

// Pages are small and their data is loaded before rendering, so we send complete HTML
// (onAllReady) to browsers and crawlers alike, as one buffer: simpler for screen readers and
// cheaper to compress than many small chunks (measured with npm run bench:http).
export default function handleRequest(request: Request, status: number, headers: Headers, remixContext: EntryContext) {
  return new Promise<Response>((resolve, reject) => {
    let failed = false;
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />, {
      onAllReady() {
        const chunks: Buffer[] = [];
        const sink = new PassThrough();
        sink.on("data", (chunk: Buffer) => chunks.push(chunk));
        sink.on("end", () => {
          headers.set("Content-Type", "text/html; charset=utf-8");
          // Remix drops a thrown Response's headers on document requests; the 503 page keeps Retry-After.
          if (status === 503) {
            headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
            headers.set("Cache-Control", "no-store");
          }
          resolve(new Response(Buffer.concat(chunks), { headers, status: failed ? 500 : status }));
        });
        sink.on("error", reject);
        pipe(sink);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        failed = true;
        console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY).unref();
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}

// Client-side navigations (single fetch `.data`) get the same Retry-After as documents while the database is away.
export function handleDataRequest(response: Response) {
  if (response.status === 503) response.headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
  return response;
}
