/**
 * The Express edge of the real server (ADR 0008): cross-site refusal, CSP nonces, no caching of
 * anything about a user. API requests only (Playwright's `request` sends no Origin or Sec-Fetch-*
 * of its own, so every header here is the test's choice).
 */
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { translator } from "../../app/utils/i18n";
import { DEMO_PASSWORD, expect, queryE2eDatabase, test } from "./fixtures";

const MACHINE_BUILDER = "0b9e3c1e-0000-4000-8000-000000000001";
const WRONG_LOGIN = { email: "nobody@example.com", password: "wrong-password-1" };

function baseUrl(): string {
  return process.env.E2E_BASE_URL!;
}

async function expectRefused(response: APIResponse) {
  expect(response.status()).toBe(403);
  const text = await response.text();
  expect(text).toContain(translator("zh-CN")("errors.originRefused"));
  expect(text).toContain(translator("en")("errors.originRefused"));
}

async function logInDemoFactory(request: APIRequestContext) {
  const response = await request.post("/login", {
    form: { email: "factory@demo.future-factory.cn", password: DEMO_PASSWORD, redirectTo: `/o/${MACHINE_BUILDER}` },
    headers: { origin: baseUrl() },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
}

test.describe("cross-site requests", () => {
  for (const origin of ["foo", "http://", "http://127.0.0.1:3222.evil.com", "null", "http://evil.example"]) {
    test(`a POST with Origin ${JSON.stringify(origin)} gets 403 with the message in both languages`, async ({ request }) => {
      await expectRefused(await request.post("/login", { form: WRONG_LOGIN, headers: { origin } }));
    });
  }

  test("X-Forwarded-Host is not believed without TRUST_PROXY", async ({ request }) => {
    const host = new URL(baseUrl()).host;
    await expectRefused(await request.post("/login", { form: WRONG_LOGIN, headers: { origin: "http://evil.example", "x-forwarded-host": "evil.example" } }));
    // …and a same-origin post with a stray X-Forwarded-Host still works (it is dropped, not compared).
    const own = await request.post("/login", { form: WRONG_LOGIN, headers: { origin: baseUrl(), "x-forwarded-host": `other-${host}` } });
    expect(own.status()).toBe(401);
  });

  test("a POST without Origin is judged by Sec-Fetch-Site, then Referer, and refused when it says nothing", async ({ request }) => {
    expect((await request.post("/login", { form: WRONG_LOGIN, headers: { "sec-fetch-site": "same-origin" } })).status()).toBe(401);
    await expectRefused(await request.post("/login", { form: WRONG_LOGIN, headers: { "sec-fetch-site": "cross-site" } }));
    await expectRefused(await request.post("/login", { form: WRONG_LOGIN, headers: { "sec-fetch-site": "same-site" } }));
    expect((await request.post("/login", { form: WRONG_LOGIN, headers: { referer: `${baseUrl()}/login` } })).status()).toBe(401);
    await expectRefused(await request.post("/login", { form: WRONG_LOGIN, headers: { referer: "http://evil.example/login" } }));
    await expectRefused(await request.post("/login", { form: WRONG_LOGIN }));
  });

  test("GET /login?redirectTo= with a tab trick stays on the site", async ({ request }) => {
    await logInDemoFactory(request);
    for (const target of ["/%09/evil.example/phish", "/%0A/x", "//evil.example", "/%5Cevil.example"]) {
      const response = await request.get(`/login?redirectTo=${target}`, { maxRedirects: 0 });
      expect(response.status(), target).toBe(302);
      expect(new URL(response.headers()["location"]!, baseUrl()).origin, target).toBe(new URL(baseUrl()).origin);
    }
  });
});

test.describe("Content-Security-Policy", () => {
  function scriptNonce(response: APIResponse): string {
    const csp = response.headers()["content-security-policy"] ?? "";
    const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src ")) ?? "";
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    const nonce = /^script-src 'self' 'nonce-([A-Za-z0-9+/=]{22,})'$/.exec(scriptSrc)?.[1];
    expect(nonce, `script-src in ${csp}`).toBeDefined();
    return nonce!;
  }

  async function expectEveryScriptCarries(response: APIResponse, nonce: string) {
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, "Remix renders its hydration scripts").toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  }

  test("every page gets a fresh script nonce, and all its scripts carry it", async ({ request }) => {
    const first = await request.get("/login");
    const second = await request.get("/login");
    const nonce = scriptNonce(first);
    expect(scriptNonce(second)).not.toBe(nonce);
    await expectEveryScriptCarries(first, nonce);

    await logInDemoFactory(request);
    const dashboard = await request.get(`/o/${MACHINE_BUILDER}`);
    expect(dashboard.status()).toBe(200);
    await expectEveryScriptCarries(dashboard, scriptNonce(dashboard));
  });
});

test.describe("caching", () => {
  test("pages, their data and the Excel export about a user are never stored; static files keep their caching", async ({ request }) => {
    const [assessment] = await queryE2eDatabase<{ id: string }>(`SELECT id FROM "Assessment" WHERE "organizationId" = $1 AND status = 'SUBMITTED' ORDER BY "submittedAt" DESC LIMIT 1`, [MACHINE_BUILDER]);
    expect(assessment, "the demo seeds a submitted assessment for the machine builder").toBeDefined();
    const base = `/o/${MACHINE_BUILDER}/assessments/${assessment!.id}`;
    // Even a public page shows who is signed in (the header).
    expect((await request.get("/login")).headers()["cache-control"]).toBe("private, no-store");
    await logInDemoFactory(request);
    for (const path of [`${base}/results`, `${base}/report`, `${base}/benchmark`, `${base}/export.xlsx`, `${base}/results.data`, `/o/${MACHINE_BUILDER}`, "/account"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
      expect(response.headers()["cache-control"], path).toBe("private, no-store");
    }
    expect((await request.get("/favicon.svg")).headers()["cache-control"]).toBe("public, max-age=3600");
    const html = await (await request.get("/account")).text();
    // Without module preloads (ADR 0026) the scripts are named in the inline module script's imports.
    const asset = /["'](\/build\/[^"']+\.js)["']/.exec(html);
    expect(asset, "the page names a fingerprinted script").not.toBeNull();
    expect((await request.get(asset![1]!)).headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  });
});

test.describe("rendering", () => {
  // React 18's renderer padded 2048-byte chunks with zero bytes when a Chinese character did not
  // fit at the end (`泰\0\0州市`); most Chinese pages had some. Seen on the real pages only.
  test("server-rendered pages are clean UTF-8: no zero bytes, no replacement characters", async ({ request }) => {
    const [assessment] = await queryE2eDatabase<{ id: string }>(`SELECT id FROM "Assessment" WHERE "organizationId" = $1 AND status = 'SUBMITTED' ORDER BY "submittedAt" DESC LIMIT 1`, [MACHINE_BUILDER]);
    const base = `/o/${MACHINE_BUILDER}/assessments/${assessment!.id}`;
    await logInDemoFactory(request);
    for (const path of [`${base}/results`, `${base}/report`, `${base}/benchmark`, `/o/${MACHINE_BUILDER}`, "/"]) {
      const body = await (await request.get(path)).body();
      expect(body.length, path).toBeGreaterThan(8192);
      expect(body.indexOf(0), `zero byte in ${path}`).toBe(-1);
      expect(body.toString("utf8").includes("\uFFFD"), `replacement character in ${path}`).toBe(false);
    }
  });
});
