/**
 * Security headers (ADR 0008): a Content-Security-Policy whose scripts need a fresh nonce per
 * request, which Remix receives through its load context and puts on every script it renders.
 */
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler, Response } from "express";
import helmet from "helmet";

export function cspNonceOf(res: Response): string {
  return String(res.locals.cspNonce);
}

/** Must run before `securityHeaders()` and the Remix handler. */
export function makeCspNonce(): RequestHandler {
  return (_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  };
}

export function securityHeaders({ hsts }: { hsts: boolean }): RequestHandler {
  const nonceSource = (_req: IncomingMessage, res: ServerResponse) => `'nonce-${cspNonceOf(res as Response)}'`;
  return helmet({
    contentSecurityPolicy: {
      directives: {
        "default-src": ["'self'"],
        // Remix's hydration data and module loader are inline scripts: they carry the nonce, nothing else may run.
        "script-src": ["'self'", nonceSource],
        // Recharts positions its tooltips and legends with inline style attributes.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        "upgrade-insecure-requests": null,
      },
    },
    // Plain-HTTP local runs must not be told to switch to HTTPS.
    strictTransportSecurity: hsts,
    // "no-referrer" would make browsers send `Origin: null` on our own form posts.
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  });
}

/**
 * The security headers of a JSON answer (autosave's direct path, ADR 0033): nothing in it runs or
 * renders, so its policy allows nothing and needs no nonce. The header set is helmet's, computed once
 * at start-up and copied onto each answer (a save is ~3 ms of CPU; helmet and a nonce per request
 * were a measurable part of it).
 */
export function jsonSecurityHeaders({ hsts }: { hsts: boolean }): RequestHandler {
  const headers = new Map<string, string>();
  const collect = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { "default-src": ["'none'"], "frame-ancestors": ["'none'"], "base-uri": ["'none'"], "form-action": ["'none'"] },
    },
    strictTransportSecurity: hsts,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  })({} as IncomingMessage, collect as unknown as ServerResponse, () => undefined);
  const fixed = [...headers];
  return (_req, res, next) => {
    for (const [name, value] of fixed) res.setHeader(name, value);
    next();
  };
}

