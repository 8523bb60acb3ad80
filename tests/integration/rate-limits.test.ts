import { afterAll, describe, expect, it } from "vitest";
import { hitRateLimits, pruneRateLimits, RATE_LIMITS, type RateLimitRule } from "~/models/rate-limit.server";
import * as account from "~/routes/account";
import * as answersRoute from "~/routes/o.$orgId.assessments.$assessmentId.answers";
import * as members from "~/routes/o.$orgId.members";
import * as signup from "~/routes/signup";
import { createPrismaClient, prisma } from "~/utils/db.server";
import { translator } from "~/utils/i18n";
import { createFactoryOwner, startTestDraft } from "../support/assessments";
import { addMember, call, cookieFor, createTestOrganization, createTestUser, TEST_PASSWORD } from "../support/routes";

const zh = translator("zh-CN");
const rule: RateLimitRule = { name: "test", limit: 3, windowMs: 60_000 };

/**
 * Uses up a rule for a subject in the current window and the following ones (so a test that
 * crosses a window boundary on a slow machine still meets a full counter).
 */
async function exhaust(limitRule: RateLimitRule, subject: string, spanMs = 120_000) {
  const first = Math.floor(Date.now() / limitRule.windowMs) * limitRule.windowMs;
  const key = `${limitRule.name}:${subject}`;
  for (let start = first; start <= first + Math.max(spanMs, limitRule.windowMs); start += limitRule.windowMs) {
    const windowStart = new Date(start);
    await prisma.rateLimit.upsert({
      where: { key_windowStart: { key, windowStart } },
      create: { key, windowStart, expiresAt: new Date(start + limitRule.windowMs), count: limitRule.limit },
      update: { count: limitRule.limit },
    });
  }
}

function expect429(result: { status: number; headers: Headers; data: unknown }) {
  expect(result.status).toBe(429);
  const retryAfter = Number(result.headers.get("Retry-After"));
  expect(retryAfter).toBeGreaterThan(0);
  const message = retryAfter < 60 ? zh("errors.tooManyRequestsSeconds", { seconds: retryAfter }) : zh("errors.tooManyRequestsMinutes", { minutes: Math.ceil(retryAfter / 60) });
  expect(JSON.stringify(result.data)).toContain(message);
}

describe("fixed-window counters", () => {
  it("allows `limit` hits per window, refuses the next with the seconds left, and starts afresh in the next window", async () => {
    const now = new Date(Date.UTC(2026, 10, 29, 6, 0, 10));
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await hitRateLimits([{ rule, subject: "a" }], { now }));
    expect(outcomes.map((outcome) => outcome.allowed)).toEqual([true, true, true, false]);
    expect(outcomes[3]!.retryAfterSeconds).toBe(50);
    expect((await hitRateLimits([{ rule, subject: "b" }], { now })).allowed).toBe(true);
    expect((await hitRateLimits([{ rule, subject: "a" }], { now: new Date(now.getTime() + 50_000) })).allowed).toBe(true);
  });

  it("is shared by two workers with their own connection pools: exactly `limit` of many parallel hits pass", async () => {
    const workers = [createPrismaClient(process.env.DATABASE_URL!), createPrismaClient(process.env.DATABASE_URL!)];
    try {
      const shared: RateLimitRule = { name: "shared", limit: 25, windowMs: 3_600_000 };
      const now = new Date();
      const outcomes = await Promise.all(Array.from({ length: 60 }, (_, i) => hitRateLimits([{ rule: shared, subject: "x" }], { now, db: workers[i % 2] })));
      expect(outcomes.filter((outcome) => outcome.allowed)).toHaveLength(25);
      const row = await prisma.rateLimit.findFirstOrThrow({ where: { key: "shared:x" } });
      expect(row.count).toBe(60);
    } finally {
      await Promise.all(workers.map((worker) => worker.$disconnect()));
    }
  });

  it("prunes only windows that have ended", async () => {
    const now = new Date(Date.UTC(2026, 10, 29, 8, 0, 0));
    await hitRateLimits([{ rule, subject: "old" }], { now: new Date(now.getTime() - 120_000) });
    await hitRateLimits([{ rule, subject: "current" }], { now });
    expect(await pruneRateLimits(now)).toBeGreaterThanOrEqual(1);
    const keys = (await prisma.rateLimit.findMany({ where: { key: { in: ["test:old", "test:current"] } } })).map((row) => row.key);
    expect(keys).toEqual(["test:current"]);
  });
});

describe("rate-limited actions", () => {
  it("sign-up: per client address, 429 with Retry-After and nothing created", async () => {
    await exhaust(RATE_LIMITS.signupPerAddress, "198.51.100.77");
    const form = { email: "limited@example.com", displayName: "王工", password: "a-strong-password", organizationKind: "FACTORY", organizationName: "东方机床" };
    const refused = await call(signup.action, { path: "/signup", form, headers: { "x-ffi-client-ip": "198.51.100.77" } });
    expect429(refused);
    expect(await prisma.user.count({ where: { email: "limited@example.com" } })).toBe(0);
    const otherAddress = await call(signup.action, { path: "/signup", form, headers: { "x-ffi-client-ip": "198.51.100.78" } });
    expect(otherAddress.status).toBe(302);
  });

  it("invitations: per user and per organisation; nothing stored or sent when refused", async () => {
    const owner = await createTestUser();
    const organization = await createTestOrganization(owner.id);
    const coOwner = await createTestUser();
    await addMember(organization.id, coOwner.id, "OWNER");
    const invite = async (userId: string, email: string) =>
      call(members.action, { path: `/o/${organization.id}/members`, params: { orgId: organization.id }, cookie: await cookieFor(userId), form: { intent: "invite", email, role: "VIEWER" } });

    await exhaust(RATE_LIMITS.invitationsPerUser, owner.id);
    expect429(await invite(owner.id, "first@example.com"));
    expect((await invite(coOwner.id, "second@example.com")).status).toBe(200);
    await exhaust(RATE_LIMITS.invitationsPerOrganization, organization.id);
    expect429(await invite(coOwner.id, "third@example.com"));

    const invited = await prisma.invitation.findMany({ where: { organizationId: organization.id } });
    expect(invited.map((invitation) => invitation.email)).toEqual(["second@example.com"]);
    expect(await prisma.outboxEmail.count({ where: { to: { in: ["first@example.com", "third@example.com"] } } })).toBe(0);
  });

  it("password changes: per user, even with the right current password; the password is unchanged", async () => {
    const user = await createTestUser();
    const cookie = await cookieFor(user.id);
    const change = () =>
      call(account.action, { path: "/account", cookie, form: { intent: "password", currentPassword: TEST_PASSWORD, newPassword: "brand-new-password", confirmPassword: "brand-new-password" } });
    await exhaust(RATE_LIMITS.passwordChangesPerUser, user.id);
    expect429(await change());
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
  });

  it("autosave: per user (burst and per minute), a JSON 429 and the draft untouched", async () => {
    const factory = await createFactoryOwner();
    const started = { id: await startTestDraft(factory.organization.id, factory.owner.id) };
    const save = async (revision = 0) => {
      const request = new Request(`http://localhost/o/${factory.organization.id}/assessments/${started.id}/answers`, {
        method: "POST",
        headers: { Cookie: factory.cookie, "Content-Type": "application/json", "x-ffi-client-ip": "127.0.0.1" },
        body: JSON.stringify({ revision, changes: { "device.connectivity.data-acquisition": { value: revision + 2 } } }),
      });
      const response = (await answersRoute.action({ request, params: { orgId: factory.organization.id, assessmentId: started.id }, context: {} })) as Response;
      return { status: response.status, headers: response.headers, data: (await response.json()) as unknown };
    };

    await exhaust(RATE_LIMITS.autosavePerUser, factory.owner.id);
    const perMinute = await save();
    expect429(perMinute);
    expect(perMinute.data).toMatchObject({ reason: "rate-limited" });
    await prisma.rateLimit.deleteMany({ where: { key: { startsWith: RATE_LIMITS.autosavePerUser.name } } });

    await exhaust(RATE_LIMITS.autosaveBurstPerUser, factory.owner.id, 30_000);
    expect429(await save());
    expect((await prisma.assessment.findUniqueOrThrow({ where: { id: started.id } })).revision).toBe(0);

    await prisma.rateLimit.deleteMany({ where: { key: { startsWith: RATE_LIMITS.autosaveBurstPerUser.name } } });
    expect((await save()).status).toBe(200);

    // The process now knows the draft at revision 1 and saves with one statement that also counts
    // the hit (issue 14): over the limit, that statement stores nothing either.
    await exhaust(RATE_LIMITS.autosaveBurstPerUser, factory.owner.id, 30_000);
    expect429(await save(1));
    expect(await prisma.assessment.findUniqueOrThrow({ where: { id: started.id } })).toMatchObject({ revision: 1, answers: { "device.connectivity.data-acquisition": { value: 2 } } });
    await prisma.rateLimit.deleteMany({ where: { key: { startsWith: RATE_LIMITS.autosaveBurstPerUser.name } } });
    expect(await save(1)).toMatchObject({ status: 200, data: { revision: 2 } });
    // A malformed patch is counted too.
    const before = await prisma.rateLimit.aggregate({ _sum: { count: true }, where: { key: { startsWith: RATE_LIMITS.autosaveBurstPerUser.name } } });
    const badRequest = new Request(`http://localhost/o/${factory.organization.id}/assessments/${started.id}/answers`, {
      method: "POST",
      headers: { Cookie: factory.cookie, "Content-Type": "application/json", "x-ffi-client-ip": "127.0.0.1" },
      body: "{not json",
    });
    const bad = await answersRoute.action({ request: badRequest, params: { orgId: factory.organization.id, assessmentId: started.id }, context: {} }).catch((thrown: unknown) => thrown);
    expect((bad as Response).status).toBe(400);
    const after = await prisma.rateLimit.aggregate({ _sum: { count: true }, where: { key: { startsWith: RATE_LIMITS.autosaveBurstPerUser.name } } });
    expect((after._sum.count ?? 0) - (before._sum.count ?? 0)).toBe(1);
  });
});

afterAll(async () => {
  await prisma.rateLimit.deleteMany({});
});
