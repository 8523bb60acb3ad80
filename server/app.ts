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
    }),
  );
  app.use(compression());

  app.use("/build", express.static(path.join(rootDir, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(rootDir, "public"), { maxAge: "1h" }));

  app.use((req, _res, next) => {
    // Never trust a client-sent value: overwrite with the address Express determined.
    req.headers["x-ffi-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    next();
  });

  app.all("*", createRequestHandler({ build, mode: build.mode }));
  return app;
}
