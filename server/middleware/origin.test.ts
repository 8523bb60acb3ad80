/**
 * The cross-site refusal on real HTTP, with and without a trusted proxy (the E2E server runs without
 * one; tests/e2e/edge.spec.ts covers the whole app).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "~/utils/i18n";
import { refuseCrossSiteRequests } from "./origin";

interface Answer {
  status: number;
  body: string;
}

function listen(trustProxy: boolean) {
  const app = express();
  app.use(refuseCrossSiteRequests({ trustProxy }));
  app.all("*", (req, res) => {
    res.json({ forwardedHost: req.get("x-forwarded-host") ?? null });
  });
  return new Promise<http.Server>((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve(server));
  });
}

function send(server: http.Server, method: string, headers: Record<string, string>): Promise<Answer> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, method, path: "/login", headers: { host: "app.example:8080", ...headers } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.end(method === "POST" ? "email=a" : undefined);
  });
}

const own = "http://app.example:8080";
const refusedText = translator("en")("errors.originRefused");

describe("without a trusted proxy (TRUST_PROXY unset)", () => {
  let server: http.Server;
  beforeAll(async () => (server = await listen(false)));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("lets a POST from its own origin through", async () => {
    expect((await send(server, "POST", { origin: own })).status).toBe(200);
  });

  it.each(["foo", "http://", "http://127.0.0.1:3222.evil.com", "null", "http://evil.example", "https://app.example:8080", "file:///x", ""])(
    "refuses Origin %j with 403 and the message in both languages",
    async (origin) => {
      const answer = await send(server, "POST", { origin });
      expect(answer.status).toBe(403);
      expect(answer.body).toContain(translator("zh-CN")("errors.originRefused"));
      expect(answer.body).toContain(refusedText);
    },
  );

  it("does not believe X-Forwarded-Host or -Proto, and hides them from the app", async () => {
    const forged = await send(server, "POST", { origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    expect(forged.status).toBe(403);
    const passed = await send(server, "POST", { origin: own, "x-forwarded-host": "evil.example" });
    expect(passed.status).toBe(200);
    expect(JSON.parse(passed.body)).toEqual({ forwardedHost: null });
  });

  it("without Origin, accepts Sec-Fetch-Site: same-origin and refuses cross-site, same-site and none", async () => {
    expect((await send(server, "POST", { "sec-fetch-site": "same-origin" })).status).toBe(200);
    for (const site of ["cross-site", "same-site", "none"]) expect((await send(server, "POST", { "sec-fetch-site": site })).status, site).toBe(403);
  });

  it("without Origin or Sec-Fetch-Site, judges by the Referer's origin", async () => {
    expect((await send(server, "POST", { referer: `${own}/login?x=1` })).status).toBe(200);
    for (const referer of ["http://evil.example/login", "garbage", "http://app.example:8080.evil.com/"]) {
      expect((await send(server, "POST", { referer })).status, referer).toBe(403);
    }
  });

  it("refuses a POST that says nothing about where it comes from, on every unsafe method", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) expect((await send(server, method, {})).status, method).toBe(403);
  });

  it("leaves GET and HEAD alone, whatever their headers", async () => {
    expect((await send(server, "GET", { origin: "foo" })).status).toBe(200);
    expect((await send(server, "HEAD", { origin: "http://evil.example" })).status).toBe(200);
  });
});

describe("behind a trusted proxy (TRUST_PROXY=1)", () => {
  let server: http.Server;
  beforeAll(async () => (server = await listen(true)));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("compares with the forwarded host and protocol", async () => {
    const forwarded = { "x-forwarded-host": "ffi.example.cn", "x-forwarded-proto": "https" };
    expect((await send(server, "POST", { ...forwarded, origin: "https://ffi.example.cn" })).status).toBe(200);
    expect((await send(server, "POST", { ...forwarded, origin: "http://ffi.example.cn" })).status).toBe(403);
    expect((await send(server, "POST", { ...forwarded, origin: own })).status).toBe(403);
    expect((await send(server, "POST", { ...forwarded, "sec-fetch-site": "same-origin" })).status).toBe(200);
  });

  it("refuses a malformed forwarded host instead of failing", async () => {
    expect((await send(server, "POST", { "x-forwarded-host": "a/b@evil", origin: "http://a" })).status).toBe(403);
  });
});
