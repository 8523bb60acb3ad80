import { describe, expect, it } from "vitest";
import * as account from "~/routes/account";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import * as signup from "~/routes/signup";
import { MAX_FAILURES_PER_ACCOUNT } from "~/models/login-attempts.server";
import { prisma } from "~/utils/db.server";
import { translator } from "~/utils/i18n";
import { call, cookieFor, createTestUser, TEST_PASSWORD } from "../support/routes";

const t = translator("zh-CN");

const signupForm = (email: string, extra: Record<string, string> = {}) => ({
  email,
  displayName: "王工",
  password: "a-strong-password",
  organizationKind: "FACTORY",
  organizationName: "东方机床",
  ...extra,
});

describe("sign up", () => {
  it("creates the user, an organisation they own, and a session; the password is hashed with argon2id", async () => {
    const result = await call(signup.action, { path: "/signup", form: signupForm("New.Owner@Example.com") });
    expect(result.status).toBe(302);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "new.owner@example.com" }, include: { memberships: { include: { organization: true } } } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.memberships).toHaveLength(1);
    expect(user.memberships[0]!.role).toBe("OWNER");
    expect(user.memberships[0]!.organization).toMatchObject({ kind: "FACTORY", name: "东方机床" });
    expect(result.headers.get("Location")).toBe(`/o/${user.memberships[0]!.organizationId}/profile`);
    const cookie = result.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/__ffi_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("refuses a duplicate e-mail with 409 and creates nothing", async () => {
    await call(signup.action, { path: "/signup", form: signupForm("dup@example.com") });
    const before = await prisma.organization.count();
    const result = await call(signup.action, { path: "/signup", form: signupForm("DUP@example.com") });
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({ fieldErrors: { email: t("errors.emailTaken") } });
    expect(await prisma.organization.count()).toBe(before);
  });

  it("rejects a short password and a missing organisation type with messages in the user's language", async () => {
    const result = await call(signup.action, {
      path: "/signup",
      form: signupForm("short@example.com", { password: "short", organizationKind: "" }),
      headers: { "Accept-Language": "en-GB,en;q=0.9" },
    });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      fieldErrors: { password: translator("en")("errors.passwordTooShort"), organizationKind: translator("en")("errors.kindInvalid") },
    });
    expect(await prisma.user.count({ where: { email: "short@example.com" } })).toBe(0);
  });
});

describe("log in", () => {
  it("logs in with the right password and records the attempt", async () => {
    const user = await createTestUser({ email: "login-ok@example.com" });
    const result = await call(login.action, { path: "/login", form: { email: "login-ok@example.com", password: TEST_PASSWORD, redirectTo: "/account" } });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/account");
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
    expect(await prisma.loginAttempt.count({ where: { email: "login-ok@example.com", succeeded: true } })).toBe(1);
  });

  it("never redirects to another site after login", async () => {
    await createTestUser({ email: "redirect@example.com" });
    const result = await call(login.action, { path: "/login", form: { email: "redirect@example.com", password: TEST_PASSWORD, redirectTo: "//evil.example" } });
    expect(result.headers.get("Location")).toBe("/orgs");
  });

  it("answers 401 with one message for a wrong password and an unknown e-mail alike", async () => {
    await createTestUser({ email: "login-bad@example.com" });
    const wrongPassword = await call(login.action, { path: "/login", form: { email: "login-bad@example.com", password: "nope-nope-nope" } });
    const unknownEmail = await call(login.action, { path: "/login", form: { email: "nobody@example.com", password: "nope-nope-nope" } });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.data).toEqual(unknownEmail.data);
    expect(wrongPassword.headers.get("Set-Cookie")).toBeNull();
  });

  it("after failures from many addresses, a browser the account does not know waits even with the right password (429)", async () => {
    await createTestUser({ email: "locked@example.com" });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      const failed = await call(login.action, { path: "/login", form: { email: "locked@example.com", password: "wrong-password" }, headers: { "x-ffi-client-ip": `10.0.0.${i}` } });
      expect(failed.status).toBe(401);
    }
    const blocked = await call(login.action, { path: "/login", form: { email: "locked@example.com", password: TEST_PASSWORD } });
    expect(blocked.status).toBe(429);
    // The message names the same wait as Retry-After, rounded up to whole minutes.
    const minutes = Math.ceil(Number(blocked.headers.get("Retry-After")) / 60);
    expect(blocked.data).toMatchObject({ formError: t("errors.tooManyAttempts", { minutes }) });
    expect(blocked.headers.get("Set-Cookie")).toBeNull();
  }, 60_000);

  it("limits one IP address guessing across many accounts", async () => {
    for (let i = 0; i < 20; i++) {
      await call(login.action, { path: "/login", form: { email: `spray-${i}@example.com`, password: "wrong-password" }, headers: { "x-ffi-client-ip": "203.0.113.9" } });
    }
    await createTestUser({ email: "victim@example.com" });
    const blocked = await call(login.action, { path: "/login", form: { email: "victim@example.com", password: TEST_PASSWORD }, headers: { "x-ffi-client-ip": "203.0.113.9" } });
    expect(blocked.status).toBe(429);
    const otherIp = await call(login.action, { path: "/login", form: { email: "victim@example.com", password: TEST_PASSWORD }, headers: { "x-ffi-client-ip": "198.51.100.1" } });
    expect(otherIp.status).toBe(302);
  }, 60_000);
});

describe("sessions", () => {
  it("log out deletes the session row, so the cookie no longer works", async () => {
    const user = await createTestUser();
    const cookie = await cookieFor(user.id);
    expect((await call(account.loader, { path: "/account", cookie })).status).toBe(200);
    const result = await call(logout.action, { path: "/logout", form: {}, cookie });
    expect(result.status).toBe(302);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    const after = await call(account.loader, { path: "/account", cookie });
    expect(after.status).toBe(302);
    expect(after.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
  });

  it("treats an expired session as signed out", async () => {
    const user = await createTestUser();
    const cookie = await cookieFor(user.id);
    await prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call(account.loader, { path: "/account", cookie })).status).toBe(302);
  });

  it("ignores a forged cookie value", async () => {
    const result = await call(account.loader, { path: "/account", cookie: "__ffi_session=forged-session-id" });
    expect(result.status).toBe(302);
  });
});

describe("change password", () => {
  it("refuses a wrong current password and keeps the old one", async () => {
    const user = await createTestUser();
    const cookie = await cookieFor(user.id);
    const result = await call(account.action, {
      path: "/account",
      cookie,
      form: { intent: "password", currentPassword: "not-my-password", newPassword: "brand-new-password", confirmPassword: "brand-new-password" },
    });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ fieldErrors: { currentPassword: t("errors.wrongCurrentPassword") } });
    const unchanged = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(unchanged.passwordHash).toBe(user.passwordHash);
  });

  it("changes the password and ends every other session", async () => {
    const user = await createTestUser({ email: "change@example.com" });
    const cookie = await cookieFor(user.id);
    const otherDevice = await cookieFor(user.id);
    const result = await call(account.action, {
      path: "/account",
      cookie,
      form: { intent: "password", currentPassword: TEST_PASSWORD, newPassword: "brand-new-password", confirmPassword: "brand-new-password" },
    });
    expect(result.status).toBe(200);
    expect((await call(account.loader, { path: "/account", cookie })).status).toBe(200);
    expect((await call(account.loader, { path: "/account", cookie: otherDevice })).status).toBe(302);
    const relogin = await call(login.action, { path: "/login", form: { email: "change@example.com", password: "brand-new-password" } });
    expect(relogin.status).toBe(302);
  });

  it("rejects mismatching new passwords", async () => {
    const user = await createTestUser();
    const result = await call(account.action, {
      path: "/account",
      cookie: await cookieFor(user.id),
      form: { intent: "password", currentPassword: TEST_PASSWORD, newPassword: "brand-new-password", confirmPassword: "brand-new-passw0rd" },
    });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ fieldErrors: { confirmPassword: t("errors.passwordMismatch") } });
  });
});
