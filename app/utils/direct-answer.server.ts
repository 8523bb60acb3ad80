/**
 * What the server's direct path (server/direct-actions.ts, ADR 0030, 0037) and the actions it calls
 * hand each other outside the web Request/Response: the body the server already read from the Node
 * request, and the text of a JSON answer. An undici Request or Response with a body builds a web
 * stream, and reading it back costs more than the save itself (issue 14: ~15 % of a save's CPU).
 * Anything not answered directly (Remix, tests calling an action) keeps real bodies: nothing here
 * changes what an action checks or answers, only how the bytes travel.
 *
 * Both maps live under registered symbols: in production the server's copy of this module and the
 * Remix build's are two module instances, and they must share one map per process.
 */

/** A body the server read before building the Request: its bytes, or why there are none. */
export type ReadBody = Uint8Array<ArrayBuffer> | "too-large" | "unreadable";

const BODIES = Symbol.for("ffi.direct.bodies");
const TEXTS = Symbol.for("ffi.direct.texts");
const shared = globalThis as { [BODIES]?: WeakMap<Request, ReadBody>; [TEXTS]?: WeakMap<Response, string> };
const bodies = (shared[BODIES] ??= new WeakMap());
const texts = (shared[TEXTS] ??= new WeakMap());

/** The server read `request`'s body (within the route's limit); readBody() takes it from here. */
export function attachReadBody(request: Request, body: ReadBody) {
  bodies.set(request, body);
}

/** The body the server read for `request`, once (a second read is "unreadable", like a used stream). */
export function takeReadBody(request: Request): ReadBody | undefined {
  const body = bodies.get(request);
  if (body !== undefined) bodies.set(request, "unreadable");
  return body;
}

/**
 * A JSON answer, as `Response.json(data, init)`. To a request the server answers directly the
 * Response carries no body stream: the server writes the text kept beside it (`answerTextOf`).
 */
export function jsonAnswer(request: Request, data: unknown, init: ResponseInit = {}): Response {
  if (!bodies.has(request)) return Response.json(data, init);
  const headers = new Headers(init.headers);
  if (!headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  const response = new Response(null, { ...init, headers });
  texts.set(response, JSON.stringify(data));
  return response;
}

/** The body of a jsonAnswer() made for a directly answered request, else undefined (read the Response). */
export function answerTextOf(response: Response): string | undefined {
  return texts.get(response);
}
