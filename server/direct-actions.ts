/**
 * The autosave endpoint answered without Remix's router (issue 14, ADR 0030). A resource route's
 * POST through Remix matches the URL against every route two or three times (React Router flattens
 * and ranks all of them on each match): ~17 % of a save's server CPU. Here Express matches the one
 * path and calls **the route module's own exported action** from the build — the function wrapped
 * in guard() (same access rule, same zod schema, same statements) — so nothing about what the
 * endpoint checks or answers is written twice. Only actions that carry guard()'s mark are called.
 * Anything else on these paths (GET, `.data` requests, other methods) still goes through Remix.
 */
import type { ActionFunctionArgs, AppLoadContext, ServerBuild } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import type express from "express";
import { bodyLimitFor } from "../app/utils/body-limits";
import { answerTextOf, attachReadBody, type ReadBody } from "../app/utils/direct-answer.server";
import { GUARD } from "../app/utils/guard.server";

export const DIRECT_ACTIONS = [{ path: "/o/:orgId/assessments/:assessmentId/answers", routeId: "routes/o.$orgId.assessments.$assessmentId.answers" }] as const;

/**
 * Requests answered here since start, how many of their bodies were read straight from the Node
 * request and how many answers written from their text (for tests: proves the short ways were taken).
 */
export const directActionStats = { answered: 0, bodiesReadDirectly: 0, answersWrittenFromText: 0 };

type Action = (args: ActionFunctionArgs) => Promise<unknown>;

/** `before`: the middleware every request runs before Remix that a JSON answer needs (body limit, origin check, …). */
export function mountDirectActions(app: express.Express, build: ServerBuild, before: express.RequestHandler[]) {
  for (const { path, routeId } of DIRECT_ACTIONS) {
    const action = build.routes[routeId]?.module.action as (Action & { [GUARD]?: string }) | undefined;
    if (!action) continue; // a build without the route (tests load only what they need)
    if (typeof action[GUARD] !== "string") throw new Error(`${routeId}: its action is not wrapped in guard(), so it is not answered directly`);
    app.post(path, ...before, (req, res, next) => {
      // A JSON answer renders nothing: no CSP nonce in its context.
      answer(action, req, res, {}).catch(next);
    });
  }
}

async function answer(action: Action, req: express.Request, res: express.Response, context: AppLoadContext) {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(key, item));
    else if (value !== undefined) headers.set(key, value);
  }
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`);
  let request: Request;
  if (isJson(req)) {
    // A JSON body (every autosave) is read here, from the Node request, within the same limit, and
    // handed to readJson() with a Request that has no body stream: an undici Request with a web
    // stream over the Node stream, its reader and its abort signal cost ~10 % of a save's CPU
    // (issue 14, ADR 0037). Nothing in a save can be cancelled (two short statements), so there is
    // no abort signal. readJson() still checks the type, the size and the UTF-8/JSON as before.
    const body = await readNodeBody(req, bodyLimitFor(req.path));
    request = new Request(url, { method: req.method, headers });
    attachReadBody(request, body);
    directActionStats.bodiesReadDirectly++;
  } else {
    // Anything else (refused by readJson with 415) as @remix-run/express builds it: the body as a
    // stream, aborted when the client goes away before the answer is written.
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    request = new Request(url, {
      method: req.method,
      headers,
      body: createReadableStreamFromReadable(req),
      duplex: "half",
      signal: controller.signal,
    } as RequestInit);
  }
  let outcome: unknown;
  try {
    outcome = await action({ request, params: { ...req.params }, context });
  } catch (thrown) {
    // guard() and httpError() throw Responses (redirect to /login, 403, 404, 503): answers, as in Remix.
    if (!(thrown instanceof Response)) throw thrown;
    outcome = thrown;
  }
  if (!(outcome instanceof Response)) throw new Error("A directly answered action must return a Response");
  directActionStats.answered++;
  res.statusMessage = outcome.statusText;
  res.status(outcome.status);
  for (const [key, value] of outcome.headers.entries()) res.append(key, value);
  // A jsonAnswer() to a body read here has its text beside it, not in a stream (ADR 0037).
  const text = answerTextOf(outcome);
  if (text !== undefined) directActionStats.answersWrittenFromText++;
  res.end(text ?? Buffer.from(await outcome.arrayBuffer()));
}

/** The request's media type is JSON (what readJson accepts; it decides, this only picks the way to read). */
function isJson(req: express.Request): boolean {
  return (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase() === "application/json";
}

/**
 * The body, read from the Node request: at most `limit` bytes, then "too-large" (the rest is left
 * unread; the 413 closes the connection), or "unreadable" when the client goes away mid-body.
 */
function readNodeBody(req: express.Request, limit: number): Promise<ReadBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (body: ReadBody) => {
      if (settled) return;
      settled = true;
      req.off("data", onData).off("end", onEnd).off("error", onFailure).off("close", onFailure);
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        req.pause();
        settle("too-large");
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      const body = new Uint8Array(new ArrayBuffer(size));
      let offset = 0;
      for (const chunk of chunks) {
        body.set(chunk, offset);
        offset += chunk.byteLength;
      }
      settle(body);
    };
    const onFailure = () => settle("unreadable");
    req.on("data", onData).on("end", onEnd).on("error", onFailure).on("close", onFailure);
  });
}
