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
