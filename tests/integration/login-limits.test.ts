import { describe, expect, it } from "vitest";
import * as login from "~/routes/login";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS } from "~/models/login-attempts.server";
import { prisma } from "~/utils/db.server";
import { translator } from "~/utils/i18n";
import { call, createTestUser, TEST_PASSWORD } from "../support/routes";

const attempt = (email: string, password: string, ip: string, cookie?: string) =>
  call(login.action, { path: "/login", form: { email, password }, headers: { "x-ffi-client-ip": ip }, cookie });

function deviceCookieOf(headers: Headers): string {
  const cookie = headers.getSetCookie().find((value) => value.startsWith("__ffi_device="));
  if (!cookie) throw new Error("no known-device cookie was set");
  return cookie.split(";")[0]!;
}

describe("login limits", () => {
  it("never checks more passwords than the limit when 30 wrong ones arrive at once", async () => {
    await createTestUser({ email: "race@example.com" });
    const results = await Promise.all(Array.from({ length: 30 }, () => attempt("race@example.com", "wrong-password", "192.0.2.10")));
    // A LoginAttempt row is written only after a real (argon2) password check.
    const checked = await prisma.loginAttempt.count({ where: { email: "race@example.com" } });
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS);
    expect(results.filter((result) => result.status === 401)).toHaveLength(checked);
    expect(results.filter((result) => result.status === 429)).toHaveLength(30 - checked);
  }, 60_000);

  it("an attacker at another address cannot lock the owner out, and the owner is told once by e-mail", async () => {
    await createTestUser({ email: "owner@example.com" });
    const attacker = [];
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS + 3; i++) attacker.push(await attempt("owner@example.com", "wrong-password", "192.0.2.66"));
    expect(attacker.slice(0, MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS).map((result) => result.status)).toEqual(Array(MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS).fill(401));
    const refused = attacker.slice(MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS);
    expect(refused.map((result) => result.status)).toEqual([429, 429, 429]);
    expect(Number(refused[0]!.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(refused[0]!.data).toMatchObject({ formError: translator("zh-CN")("errors.tooManyAttempts", { minutes: Math.ceil(Number(refused[0]!.headers.get("Retry-After")) / 60) }) });

    const owner = await attempt("owner@example.com", TEST_PASSWORD, "198.51.100.7");
    expect(owner.status).toBe(302);

    const mails = await prisma.outboxEmail.findMany({ where: { to: "owner@example.com" } });
    expect(mails.map((mail) => mail.subject)).toEqual([translator("zh-CN")("email.loginGuessingSubject")]);
    expect(mails[0]!.body).toContain("owner@example.com");
  }, 60_000);

  it("distributed guessing slows unknown browsers but the owner's known device still gets in", async () => {
    await createTestUser({ email: "device@example.com", locale: "en" });
    const first = await attempt("device@example.com", TEST_PASSWORD, "198.51.100.20");
    expect(first.status).toBe(302);
    const device = deviceCookieOf(first.headers);

    const guesses = await Promise.all(
      Array.from({ length: MAX_FAILURES_PER_ACCOUNT }, (_, i) => attempt("device@example.com", "wrong-password", `203.0.113.${i + 1}`)),
    );
    expect(guesses.every((result) => result.status === 401)).toBe(true);
    expect((await attempt("device@example.com", "wrong-password", "203.0.113.200")).status).toBe(429);

    // A browser the account has never logged in from waits, even with the right password…
    const unknownBrowser = await attempt("device@example.com", TEST_PASSWORD, "198.51.100.30");
    expect(unknownBrowser.status).toBe(429);
    expect(unknownBrowser.headers.getSetCookie()).toEqual([]);
    // …a known device of another account does not help…
    const stranger = await createTestUser();
    const strangersDevice = deviceCookieOf((await attempt(stranger.email, TEST_PASSWORD, "198.51.100.40")).headers);
    expect((await attempt("device@example.com", TEST_PASSWORD, "198.51.100.30", strangersDevice)).status).toBe(429);
    // …nor a forged one, but the owner's own browser gets in from anywhere.
    expect((await attempt("device@example.com", TEST_PASSWORD, "198.51.100.30", device.replace(/=.*/, "=forged"))).status).toBe(429);
    expect((await attempt("device@example.com", TEST_PASSWORD, "198.51.100.30", device)).status).toBe(302);

    const mails = await prisma.outboxEmail.findMany({ where: { to: "device@example.com" } });
    expect(mails.map((mail) => mail.subject)).toEqual([translator("en")("email.loginGuessingSubject")]);
  }, 60_000);

  it("a successful log-in does not count as a failure", async () => {
    await createTestUser({ email: "often@example.com" });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS + 2; i++) {
      expect((await attempt("often@example.com", TEST_PASSWORD, "192.0.2.99")).status).toBe(302);
    }
    const counters = await prisma.rateLimit.findMany({ where: { key: { contains: "often@example.com" } } });
    expect(counters.length).toBeGreaterThan(0);
    expect(counters.every((row) => row.count === 0)).toBe(true);
  }, 60_000);
});
