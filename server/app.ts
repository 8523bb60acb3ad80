/**
 * The HTTP layer around the Remix build: security headers, compression, static files with
 * long caching for fingerprinted assets, and the client address for rate limiting.
 */
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { secureCookies, trustProxy } from "../app/utils/env.server";
import { refuseCrossSiteRequests } from "./middleware/origin";
import { cspNonceOf, jsonSecurityHeaders, makeCspNonce, securityHeaders } from "./middleware/security-headers";
import { bodyLimit } from "./middleware/body-limit";
import { mountDirectActions } from "./direct-actions";
import { installLazyHandoff } from "./lazy-handoff";

export interface AppOptions {
  /** Autosave without Remix's router (ADR 0030); off only to compare the two paths in tests. */
  directActions?: boolean;
}

export function createApp(build: ServerBuild, rootDir: string, options: AppOptions = {}) {
  const app = express();
  app.disable("x-powered-by");
  // Only trust X-Forwarded-* when told that a proxy sits in front (TRUST_PROXY=1).
  const proxied = trustProxy();
  app.set("trust proxy", proxied ? 1 : false);

  const limitBodies = bodyLimit();
  const originCheck = refuseCrossSiteRequests({ trustProxy: proxied });
  const clientAddress: express.RequestHandler = (req, _res, next) => {
    // Never trust a client-sent value: overwrite with the address Express determined.
    req.headers["x-ffi-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    next();
  };

  // Autosave's JSON answers, before the page middleware (ADR 0030, 0033): the same body limit, origin
  // check and client address, fixed JSON security headers instead of a page's CSP with a fresh
  // nonce, and no compression wrapper (an answer is well under compression's 1 kB threshold).
  if (options.directActions !== false) {
    mountDirectActions(app, build, [jsonSecurityHeaders({ hsts: secureCookies() }), limitBodies, originCheck, clientAddress]);
  }

  app.use(makeCspNonce());
  app.use(securityHeaders({ hsts: secureCookies() }));
  app.use(compression());
  app.use(limitBodies);

  app.use("/build", express.static(path.join(rootDir, "public/build"), { immutable: true, maxAge: "1y" }));
  // Only a path whose last segment has an extension can be a file here: pages skip the disk lookup
  // (a failed stat and its error object per request, ~3 % of the floor's CPU; ADR 0030).
  const publicFiles = express.static(path.join(rootDir, "public"), { maxAge: "1h" });
  app.use((req, res, next) => (/\.[^/]*$/.test(req.path) ? publicFiles(req, res, next) : next()));

  app.use(originCheck);
  app.use(clientAddress);

  const loadContext = (_req: express.Request, res: express.Response) => ({ cspNonce: cspNonceOf(res) });
  // A memo hit must not pay for encoding the hydration data it never sends (ADR 0038).
  installLazyHandoff();

  app.all("*", createRequestHandler({ build, mode: build.mode, getLoadContext: loadContext }));

  // Last resort for errors outside Remix's boundaries: a page a person can read, never a stack trace.
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    console.error(error);
    if (res.headersSent) return;
    res
      .status(500)
      .type("html")
      .send(
        '<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>服务器开小差了 · Server error</title>' +
          '<body style="font-family:system-ui,sans-serif;max-width:560px;margin:4rem auto;text-align:center">' +
          "<h1>服务器开小差了</h1><p>我们已记录这个问题，请稍后重试。</p><p lang=\"en\">Our server hit a problem. Please try again in a moment.</p>" +
          '<p><a href="/">返回首页 · Home</a></p></body></html>',
      );
  });
  return app;
}
