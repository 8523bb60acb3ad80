/**
 * Issue 8.1: no redirect after login (or language switch) may leave the site, whatever ?redirectTo= holds.
 */
import { describe, expect, it } from "vitest";
import * as locale from "~/routes/locale";
import * as login from "~/routes/login";
import { call, cookieFor, createTestUser, TEST_PASSWORD } from "../support/routes";

const HOSTILE = [
  "/\t/evil.example/phish",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "//evil.example",
  "/\\evil.example",
  "/.//evil.example",
  "https://evil.example/",
  "/\u0000/evil.example",
];

/** Where a browser on http://localhost would go. */
function destination(location: string | null): string {
  expect(location).not.toBeNull();
  return new URL(location!, "http://localhost").origin;
}

/** A form field holding a NUL is refused as a whole (400) before any redirect is considered. */
function refusedAsText(target: string, result: { status: number; headers: Headers }): boolean {
  if (!target.includes("\u0000")) return false;
  expect(result.status).toBe(400);
  expect(result.headers.get("Location")).toBeNull();
  return true;
}

describe("redirectTo after log-in", () => {
  it.each(HOSTILE)("GET /login while signed in never leaves the site for %j", async (target) => {
    const user = await createTestUser();
    const result = await call(login.loader, { path: `/login?redirectTo=${encodeURIComponent(target)}`, cookie: await cookieFor(user.id) });
    expect(result.status).toBe(302);
    expect(destination(result.headers.get("Location"))).toBe("http://localhost");
    expect(result.headers.get("Location")).toBe("/orgs");
  });

  it("GET /login while signed in still follows a same-site path, normalised", async () => {
    const user = await createTestUser();
    const result = await call(login.loader, { path: `/login?redirectTo=${encodeURIComponent("/account/../orgs?x=1")}`, cookie: await cookieFor(user.id) });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/orgs?x=1");
  });

  it.each(HOSTILE)("POST /login never leaves the site for %j", async (target) => {
    const user = await createTestUser();
    const result = await call(login.action, { path: "/login", form: { email: user.email, password: TEST_PASSWORD, redirectTo: target } });
    if (refusedAsText(target, result)) return;
    expect(result.status).toBe(302);
    expect(destination(result.headers.get("Location"))).toBe("http://localhost");
    expect(result.headers.get("Location")).toBe("/orgs");
  });

  it.each(HOSTILE)("POST /locale never leaves the site for %j", async (target) => {
    const result = await call(locale.action, { path: "/locale", form: { locale: "en", redirectTo: target } });
    if (refusedAsText(target, result)) return;
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/");
  });
});
