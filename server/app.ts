/**
 * The HTTP layer around the Remix build: security headers, compression, static files with
 * long caching for fingerprinted assets, and the client address for rate limiting.
 */
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { bodyLimit } from "./middleware/body-limit";

export function createApp(build: ServerBuild, rootDir: string) {
  const app = express();
  app.disable("x-powered-by");
  // Only trust X-Forwarded-For when told that a proxy sits in front (TRUST_PROXY=1).
  app.set("trust proxy", process.env.TRUST_PROXY === "1" ? 1 : false);

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "default-src": ["'self'"],
          // Remix inlines its hydration data as a script; nothing else is inline.
          "script-src": ["'self'", "'unsafe-inline'"],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
          "connect-src": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          "upgrade-insecure-requests": null,
        },
      },
      // Plain-HTTP local runs must not be told to switch to HTTPS.
      strictTransportSecurity: process.env.SECURE_COOKIES === "true",
      // "no-referrer" would make browsers send `Origin: null` on our own form posts.
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    }),
  );
  app.use(compression());
  app.use(bodyLimit());

  app.use("/build", express.static(path.join(rootDir, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(rootDir, "public"), { maxAge: "1h" }));

  // Cross-site form posts are refused here with a clear 403 (SameSite=Lax cookies already keep
  // them unauthenticated); Remix's own check would otherwise end them in a bare 500.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const origin = req.get("origin");
    const host = req.get("x-forwarded-host")?.split(",")[0]?.trim() ?? req.get("host");
    if (origin && (origin === "null" || new URL(origin).host !== host)) {
      res.status(403).type("text/plain; charset=utf-8").send("跨站请求已被拒绝。Cross-site request refused.");
      return;
    }
    next();
  });

  app.use((req, _res, next) => {
    // Never trust a client-sent value: overwrite with the address Express determined.
    req.headers["x-ffi-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    next();
  });

  app.all("*", createRequestHandler({ build, mode: build.mode }));

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
