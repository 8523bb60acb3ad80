/**
 * Cross-site request refusal (ADR 0008). SameSite=Lax cookies already keep cross-site posts
 * unauthenticated; this answers them with a clear 403 before Remix, whose own check would end them
 * in a bare 500. Any header a client can garble is parsed defensively: a bad value is a refusal,
 * never an exception.
 */
import type { Request, RequestHandler } from "express";
import type { TLSSocket } from "node:tls";
import { translator } from "../../app/utils/i18n";

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/** The serialised origin of an absolute http(s) URL, or undefined for anything else. */
function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

function firstValue(header: string | undefined): string | undefined {
  const value = header?.split(",")[0]?.trim();
  return value ? value : undefined;
}

/** Where this request was sent to, as the browser saw it. Forwarded headers count only behind a trusted proxy. */
export function ownOrigin(req: Request, trustProxy: boolean): string | undefined {
  const host = (trustProxy ? firstValue(req.get("x-forwarded-host")) : undefined) ?? req.get("host");
  const encrypted = (req.socket as Partial<TLSSocket>).encrypted === true;
  const proto = (trustProxy ? firstValue(req.get("x-forwarded-proto")) : undefined) ?? (encrypted ? "https" : "http");
  if (!host || /[/?#@\\\s]/.test(host)) return undefined;
  return originOf(`${proto}://${host}`);
}

export function comesFromOwnPages(req: Request, trustProxy: boolean): boolean {
  const own = ownOrigin(req, trustProxy);
  if (!own) return false;
  const origin = req.get("origin");
  if (origin !== undefined) return originOf(origin) === own;
  // Browsers that omit Origin still say where a request came from; a client that says nothing is refused.
  const fetchSite = req.get("sec-fetch-site");
  if (fetchSite !== undefined) return fetchSite === "same-origin";
  const referer = req.get("referer");
  if (referer !== undefined) return originOf(referer) === own;
  return false;
}

export function refuseCrossSiteRequests({ trustProxy }: { trustProxy: boolean }): RequestHandler {
  // Before Remix there is no user or locale yet: one message in both languages.
  const message = `${translator("zh-CN")("errors.originRefused")}\n${translator("en")("errors.originRefused")}\n`;
  return (req, res, next) => {
    if (!trustProxy) {
      // Unbelieved, so gone: Remix builds the request URL from them and repeats a (throwing) origin check on them.
      delete req.headers["x-forwarded-host"];
      delete req.headers["x-forwarded-proto"];
    }
    if (SAFE_METHODS.has(req.method) || comesFromOwnPages(req, trustProxy)) return next();
    res.status(403).type("text/plain; charset=utf-8").send(message);
  };
}
