import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/utils/nonce";
import { RETRY_AFTER_SECONDS } from "~/utils/db-unavailable";
import { acceptsGzip, gzipWithNonce, joinWithNonce, renderKey, sharedRenderCache, splitOnNonce, type MemoEntry } from "~/utils/render-cache.server";

const ABORT_DELAY = 5_000;

/**
 * Every page and its loader data is about one signed-in user or shows who is signed in (the header),
 * so nothing Remix renders may be kept by a browser or a shared cache (ADR 0008). A route that sets
 * its own Cache-Control keeps it; static assets never come through here.
 */
function noStoreByDefault(headers: Headers) {
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-store");
}

/**
 * React 18's Node renderer (18.3.1, the last 18.x) writes its whole 2048-byte view when a
 * multi-byte character does not fit at its end, so the document gets zero bytes between two
 * characters (`平台\0和…`) — most Chinese pages had some, and browsers show them as garbage and
 * fail hydration. HTML we render never holds NUL (forms refuse it, PostgreSQL cannot store it), so
 * every zero byte is that padding and is cut out. React 19 fixed the renderer.
 */
export function withoutZeroPadding(html: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
  let zero = html.indexOf(0);
  if (zero === -1) return html;
  const parts: Buffer<ArrayBuffer>[] = [];
  let start = 0;
  while (zero !== -1) {
    if (zero > start) parts.push(html.subarray(start, zero));
    start = zero + 1;
    zero = html.indexOf(0, start);
  }
  parts.push(html.subarray(start));
  return Buffer.concat(parts);
}

// Pages are small and their data is loaded before rendering, so we send complete HTML
// (onAllReady) to browsers and crawlers alike, as one buffer: simpler for screen readers and
// cheaper to compress than many small chunks (measured with npm run bench:http).
export default function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  noStoreByDefault(headers);
  const nonce = loadContext.cspNonce ?? "";
  // The render memo (ADR 0025): the loaders have run (guard, permissions, version stamps); when they
  // returned exactly what a previous request's did, for the same URL, React's output is the same.
  const memo = sharedRenderCache();
  const { staticHandlerContext: state } = remixContext;
  const key = memo
    ? renderKey({
        method: request.method,
        url: request.url,
        status,
        buildVersion: remixContext.manifest.version,
        loaderData: state.loaderData,
        actionData: state.actionData,
        errors: state.errors,
        hasNonce: nonce !== "",
      })
    : null;
  /** A stored page, with this request's nonce put back: gzipped as stored when the client takes it. */
  const fromMemo = (entry: MemoEntry) => {
    headers.set("Content-Type", "text/html; charset=utf-8");
    headers.append("Vary", "Accept-Encoding");
    if (acceptsGzip(request.headers.get("Accept-Encoding"))) {
      // Compressed when stored (ADR 0030); the compression middleware leaves an encoded body alone.
      headers.set("Content-Encoding", "gzip");
      return new Response(gzipWithNonce(entry.gzip, entry.parts, nonce), { headers, status });
    }
    return new Response(joinWithNonce(entry.parts, nonce), { headers, status });
  };
  const hit = key ? memo?.get(key) : undefined;
  if (hit) {
    // Nobody will read the hydration data stream React would have inlined: let it go (ADR 0038).
    void remixContext.serverHandoffStream?.cancel().catch(() => undefined);
    return Promise.resolve(fromMemo(hit));
  }
  return new Promise<Response>((resolve, reject) => {
    let failed = false;
    const app = (
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>
    );
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
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
          const html = withoutZeroPadding(Buffer.concat(chunks));
          const stored = key && !failed ? memo?.set(key, splitOnNonce(html, nonce)) : undefined;
          // The page was just gzipped for the memo: sent from there, it is not compressed a second time.
          resolve(stored ? fromMemo(stored) : new Response(html, { headers, status: failed ? 500 : status }));
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

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  noStoreByDefault(response.headers);
  // Client-side navigations (`.data`) get the same Retry-After as documents while the database is away.
  if (response.status === 503) response.headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
  return response;
};

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
