/**
 * Engagements end to end through the real routes: request by credit code, invitation by code or
 * e-mail, approval with narrowing, decline, revoke, end, expiry, e-mail to the side that must act,
 * the factory's access log and the consultancy's credit code. Every refusal: its status, the
 * translated message, and no change in the database.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { makeCreditCode } from "~/domain/reference/credit-code";
import { addMonths } from "~/domain/engagement/lifecycle";
import { ENGAGEMENT_LIMITS } from "~/models/engagement.server";
import { windowOf } from "~/models/rate-limit.server";
import * as audit from "~/routes/o.$orgId.engagements.audit";
import * as engagements from "~/routes/o.$orgId.engagements._index";
import * as newEngagement from "~/routes/o.$orgId.engagements.new";
import * as profile from "~/routes/o.$orgId.profile";
import { prisma } from "~/utils/db.server";
import { writeAuditEntry } from "~/utils/engagement-access.server";
import { translator } from "~/utils/i18n";
import { createFactoryOwner, uniqueCreditCode } from "../support/assessments";
import { createConsultancy, createEngagement, submitTestAssessment } from "../support/engagements";
import { changedTables, databaseFingerprint } from "../support/matrix";
import { addMember, call, cookieFor, createTestOrganization, createTestUser, type RouteResult } from "../support/routes";

const t = translator("zh-CN");
const en = translator("en");
const DAY = 86_400_000;

let factory: Awaited<ReturnType<typeof createFactoryOwner>>;
let factoryId: string;
let factoryCode: string;
let consultancy: Awaited<ReturnType<typeof createConsultancy>>;
let consultancyId: string;
let consultancyCode: string;

beforeEach(async () => {
  factory = await createFactoryOwner("东方机床");
  factoryId = factory.organization.id;
  factoryCode = (await prisma.factoryProfile.findUniqueOrThrow({ where: { organizationId: factoryId } })).creditCode;
  consultancy = await createConsultancy("智造诊断咨询");
  consultancyId = consultancy.organization.id;
  consultancyCode = uniqueCreditCode();
  await prisma.consultancyProfile.create({ data: { organizationId: consultancyId, creditCode: consultancyCode } });
});

const newPath = (orgId: string) => `/o/${orgId}/engagements/new`;
const listPath = (orgId: string) => `/o/${orgId}/engagements`;

function request(form: Record<string, string>, cookie = consultancy.cookie, orgId = consultancyId) {
  return call(newEngagement.action, { path: newPath(orgId), params: { orgId }, cookie, form: { intent: "request", scope: "VALIDATE", months: "12", ...form } });
}
function invite(form: Record<string, string>, cookie = factory.cookie, orgId = factoryId) {
  return call(newEngagement.action, { path: newPath(orgId), params: { orgId }, cookie, form: { intent: "invite", by: "code", scope: "VALIDATE", months: "12", coverage: "all", ...form } });
}
function decide(intent: string, engagementId: string, cookie: string, orgId: string, extra: Record<string, string> = {}) {
  return call(engagements.action, { path: listPath(orgId), params: { orgId }, cookie, form: { intent, engagementId, ...extra } });
}
function list(cookie: string, orgId: string) {
  return call(engagements.loader, { path: listPath(orgId), params: { orgId }, cookie });
}

/** Runs a request that must be refused and proves it changed no table (apart from `allowed`). */
async function refused(run: () => Promise<RouteResult>, allowed: string[] = []) {
  const before = await databaseFingerprint();
  const result = await run();
  expect(changedTables(before, await databaseFingerprint()).filter((table) => !allowed.includes(table))).toEqual([]);
  return result;
}

function fieldError(result: RouteResult, field: string) {
  return (result.data as { fieldErrors?: Record<string, string> }).fieldErrors?.[field];
}
function formError(result: RouteResult) {
  return (result.data as { formError?: string }).formError;
}

async function requestedEngagement() {
  const result = await request({ creditCode: factoryCode });
  expect(result.status).toBe(302);
  return prisma.engagement.findFirstOrThrow({ where: { consultancyId, factoryId } });
}

describe("a consultancy asks a factory for access by its credit code", () => {
  it("stores a request for the factory's owners to decide and e-mails them in their language", async () => {
    const enOwner = await createTestUser({ locale: "en" });
    await addMember(factoryId, enOwner.id, "OWNER");
    const result = await request({ creditCode: factoryCode.toLowerCase(), scope: "READ", months: "", message: "2026 年免费诊断" });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/o/${consultancyId}/engagements?done=requested`);
    const engagement = await prisma.engagement.findFirstOrThrow({ where: { consultancyId, factoryId } });
    expect(engagement).toMatchObject({ state: "REQUESTED", scope: "READ", initiatedBy: "CONSULTANCY", allAssessments: true, message: "2026 年免费诊断", requestedById: consultancy.owner.id });
    // Empty months means the default of 12.
    expect(engagement.expiresAt.toISOString()).toBe(addMonths(engagement.startsAt, 12).toISOString());
    const zhMail = await prisma.outboxEmail.findFirstOrThrow({ where: { to: factory.owner.email } });
    expect(zhMail.subject).toBe(t("engagement.email.requestSubject", { organization: "智造诊断咨询" }));
    expect(zhMail.body).toContain(`/o/${factoryId}/engagements`);
    const enMail = await prisma.outboxEmail.findFirstOrThrow({ where: { to: enOwner.email } });
    expect(enMail.subject).toBe(en("engagement.email.requestSubject", { organization: "智造诊断咨询" }));
  });

  it("shows the consultancy only the code it typed until the factory approves, then the name and the client link", async () => {
    const engagement = await requestedEngagement();
    const before = await list(consultancy.cookie, consultancyId);
    expect(before.status).toBe(200);
    const body = JSON.stringify(before.data);
    expect(body).not.toContain("东方机床");
    expect(body).not.toContain(factoryId);
    expect(body).toContain(factoryCode);

    expect((await decide("approve", engagement.id, factory.cookie, factoryId)).status).toBe(200);
    const after = JSON.stringify((await list(consultancy.cookie, consultancyId)).data);
    expect(after).toContain("东方机床");
    expect(after).toContain(`"clientId":"${factoryId}"`);
    const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { to: consultancy.owner.email } });
    expect(mail.subject).toBe(t("engagement.email.approvedSubject", { organization: "东方机床" }));
  });

  it("refuses a malformed code with the field's message (400) and stores nothing, not even a rate-limit hit", async () => {
    const wrongCheck = factoryCode.slice(0, 17) + (factoryCode.endsWith("0") ? "1" : "0");
    const result = await refused(() => request({ creditCode: wrongCheck }));
    expect(result.status).toBe(400);
    expect(fieldError(result, "creditCode")).toBe(t("errors.creditCodeChecksum"));
    const short = await refused(() => request({ creditCode: "9131" }));
    expect(fieldError(short, "creditCode")).toBe(t("errors.creditCodeLength"));
  });

  it("answers an unknown but well-formed code with 404 and stores nothing but the look-up count", async () => {
    const result = await refused(() => request({ creditCode: uniqueCreditCode() }), ["RateLimit"]);
    expect(result.status).toBe(404);
    expect(fieldError(result, "creditCode")).toBe(t("engagement.errors.unknownFactoryCode"));
    expect(await prisma.engagement.count({ where: { consultancyId } })).toBe(0);
  });

  it("answers in English for an English-speaking consultant", async () => {
    const user = await createTestUser({ locale: "en" });
    await addMember(consultancyId, user.id, "OWNER");
    const asEnglish = await refused(async () => request({ creditCode: uniqueCreditCode() }, await cookieFor(user.id)), ["RateLimit", "Session"]);
    expect(asEnglish.status).toBe(404);
    expect(fieldError(asEnglish, "creditCode")).toBe(en("engagement.errors.unknownFactoryCode"));
  });

  it("refuses co-editing scope, a period past 36 months or under one, and a long message (400), storing nothing", async () => {
    const edit = await refused(() => request({ creditCode: factoryCode, scope: "EDIT" }));
    expect(edit.status).toBe(400);
    expect(fieldError(edit, "scope")).toBe(t("engagement.errors.scopeInvalid"));
    const long = await refused(() => request({ creditCode: factoryCode, months: "37" }));
    expect(long.status).toBe(400);
    expect(fieldError(long, "months")).toBe(t("engagement.errors.monthsTooLong"));
    const zero = await refused(() => request({ creditCode: factoryCode, months: "0" }));
    expect(fieldError(zero, "months")).toBe(t("engagement.errors.monthsInvalid"));
    const words = await refused(() => request({ creditCode: factoryCode, message: "字".repeat(501) }));
    expect(fieldError(words, "message")).toBe(t("engagement.errors.messageTooLong"));
  });

  it("refuses a second request while one is open (409), changing nothing but the look-up count", async () => {
    await requestedEngagement();
    const result = await refused(() => request({ creditCode: factoryCode }), ["RateLimit"]);
    expect(result.status).toBe(409);
    expect(formError(result)).toBe(t("engagement.errors.openExists"));
    expect(await prisma.engagement.count({ where: { consultancyId } })).toBe(1);
  });

  it("stores one request when two arrive at once (the other 409)", async () => {
    const results = await Promise.all([request({ creditCode: factoryCode }), request({ creditCode: factoryCode })]);
    expect(results.map((result) => result.status).sort()).toEqual([302, 409]);
    expect(await prisma.engagement.count({ where: { consultancyId } })).toBe(1);
  });

  it("limits look-ups to 20 an hour per consultancy (429)", async () => {
    const window = windowOf({ rule: ENGAGEMENT_LIMITS.requestsPerConsultancy, subject: consultancyId }, new Date());
    await prisma.rateLimit.create({ data: { key: window.key, windowStart: window.windowStart, expiresAt: window.expiresAt, count: ENGAGEMENT_LIMITS.requestsPerConsultancy.limit } });
    const result = await refused(() => request({ creditCode: factoryCode }), ["RateLimit"]);
    expect(result.status).toBe(429);
    expect(await prisma.engagement.count({ where: { consultancyId } })).toBe(0);
  });

  it("lets only consultancy owners request (403 for editors and viewers), and nobody from a factory", async () => {
    const viewer = await createTestUser();
    await addMember(consultancyId, viewer.id, "VIEWER");
    const result = await refused(async () => request({ creditCode: factoryCode }, await cookieFor(viewer.id)), ["Session"]);
    expect(result.status).toBe(403);
    expect((result.data as { message: string }).message).toBe(t("errors.forbiddenText"));
  });

  it("takes a new request after an expired engagement, showing the old one as expired", async () => {
    const old = await createEngagement({ consultancyId, factoryId, requestedById: consultancy.owner.id, startsAt: new Date(Date.now() - 400 * DAY), expiresAt: new Date(Date.now() - DAY) });
    await requestedEngagement();
    const closed = await prisma.engagement.findUniqueOrThrow({ where: { id: old.id } });
    expect(closed.state).toBe("ENDED");
    expect(closed.endedAt?.toISOString()).toBe(closed.expiresAt.toISOString());
    const rows = (await list(factory.cookie, factoryId)).data as { rows: { id: string; state: string }[] };
    expect(rows.rows.find((row) => row.id === old.id)?.state).toBe("EXPIRED");
  });
});

describe("the factory decides", () => {
  it("approves with a narrower scope, a shorter period and chosen assessments", async () => {
    const assessmentId = await submitTestAssessment(factoryId, factory.owner.id, "2025");
    await submitTestAssessment(factoryId, factory.owner.id, "2024");
    const engagement = await requestedEngagement();
    const result = await call(engagements.action, {
      path: listPath(factoryId),
      params: { orgId: factoryId },
      cookie: factory.cookie,
      body: new URLSearchParams([["intent", "approve"], ["engagementId", engagement.id], ["scope", "READ"], ["months", "6"], ["coverage", "chosen"], ["assessmentIds", assessmentId]]),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ ok: true, message: t("engagement.done.approve") });
    const approved = await prisma.engagement.findUniqueOrThrow({ where: { id: engagement.id }, include: { assessments: true } });
    expect(approved).toMatchObject({ state: "ACTIVE", scope: "READ", allAssessments: false, decidedById: factory.owner.id });
    expect(approved.assessments.map((a) => a.assessmentId)).toEqual([assessmentId]);
    expect(approved.expiresAt.toISOString()).toBe(addMonths(approved.startsAt, 6).toISOString());
  });

  it("refuses widening the request when approving (400) and changes nothing", async () => {
    const result = await request({ creditCode: factoryCode, scope: "READ", months: "6" });
    expect(result.status).toBe(302);
    const engagement = await prisma.engagement.findFirstOrThrow({ where: { consultancyId } });
    const scope = await refused(() => decide("approve", engagement.id, factory.cookie, factoryId, { scope: "VALIDATE" }));
    expect(scope.status).toBe(400);
    expect(fieldError(scope, "scope")).toBe(t("engagement.errors.narrowScope"));
    const months = await refused(() => decide("approve", engagement.id, factory.cookie, factoryId, { months: "12" }));
    expect(months.status).toBe(400);
    expect(fieldError(months, "months")).toBe(t("engagement.errors.narrowMonths"));
    const edit = await refused(() => decide("approve", engagement.id, factory.cookie, factoryId, { scope: "EDIT" }));
    expect(fieldError(edit, "scope")).toBe(t("engagement.errors.scopeInvalid"));
    const other = await createFactoryOwner("另一家工厂");
    const foreign = await submitTestAssessment(other.organization.id, other.owner.id, "2025");
    const chosen = await refused(() => decide("approve", engagement.id, factory.cookie, factoryId, { coverage: "chosen", assessmentIds: foreign }));
    expect(chosen.status).toBe(400);
    expect(fieldError(chosen, "assessmentIds")).toBe(t("engagement.errors.narrowAssessments"));
    const none = await refused(() => decide("approve", engagement.id, factory.cookie, factoryId, { coverage: "chosen" }));
    expect(fieldError(none, "assessmentIds")).toBe(t("engagement.errors.chooseAssessments"));
  });

  it("does not let a factory editor or viewer approve (403), nor anyone decide twice (409)", async () => {
    const engagement = await requestedEngagement();
    for (const role of ["EDITOR", "VIEWER"] as const) {
      const user = await createTestUser();
      await addMember(factoryId, user.id, role);
      const cookie = await cookieFor(user.id);
      const result = await refused(() => decide("approve", engagement.id, cookie, factoryId), ["Session"]);
      expect(result.status).toBe(403);
    }
    // The side that asked cannot approve its own request.
    const own = await refused(() => decide("approve", engagement.id, consultancy.cookie, consultancyId));
    expect(own.status).toBe(409);
    expect(formError(own)).toBe(t("engagement.errors.notOpen"));
    expect((await decide("decline", engagement.id, factory.cookie, factoryId)).status).toBe(200);
    const again = await refused(() => decide("approve", engagement.id, factory.cookie, factoryId));
    expect(again.status).toBe(409);
    expect((await prisma.engagement.findUniqueOrThrow({ where: { id: engagement.id } })).state).toBe("DECLINED");
  });

  it("tells a declined consultancy only the code, never the factory's name", async () => {
    const engagement = await requestedEngagement();
    await decide("decline", engagement.id, factory.cookie, factoryId);
    const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { to: consultancy.owner.email } });
    expect(mail.subject).toBe(t("engagement.email.declinedSubject"));
    expect(mail.body).not.toContain("东方机床");
    const body = JSON.stringify((await list(consultancy.cookie, consultancyId)).data);
    expect(body).not.toContain("东方机床");
    expect(body).not.toContain(factoryId);
  });

  it("answers 404 for another organisation's engagement or a malformed id, changing nothing", async () => {
    const engagement = await requestedEngagement();
    const other = await createFactoryOwner("另一家工厂");
    const foreign = await refused(() => decide("approve", engagement.id, other.cookie, other.organization.id));
    expect(foreign.status).toBe(404);
    expect(formError(foreign)).toBe(t("errors.notFoundText"));
    const malformed = await refused(() => decide("revoke", "not-an-id", factory.cookie, factoryId));
    expect(malformed.status).toBe(400);
  });

  it("revokes an active engagement at once and e-mails the consultancy; the consultancy ends one it holds", async () => {
    const active = await createEngagement({ consultancyId, factoryId, requestedById: consultancy.owner.id });
    const result = await decide("revoke", active.id, factory.cookie, factoryId);
    expect(result.status).toBe(200);
    expect(await prisma.engagement.findUniqueOrThrow({ where: { id: active.id } })).toMatchObject({ state: "REVOKED", endedById: factory.owner.id });
    const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { to: consultancy.owner.email } });
    expect(mail.subject).toBe(t("engagement.email.revokedSubject", { organization: "东方机床" }));
    // A revoked consultancy keeps the name it knew, but no longer the factory's id (no link to its pages).
    expect(JSON.stringify((await list(consultancy.cookie, consultancyId)).data)).not.toContain(factoryId);

    const second = await createEngagement({ consultancyId, factoryId, requestedById: consultancy.owner.id });
    // A factory cannot "end" and a consultancy cannot "revoke": each closes in its own way.
    expect((await refused(() => decide("end", second.id, factory.cookie, factoryId))).status).toBe(409);
    expect((await refused(() => decide("revoke", second.id, consultancy.cookie, consultancyId))).status).toBe(409);
    expect((await decide("end", second.id, consultancy.cookie, consultancyId)).status).toBe(200);
    expect((await prisma.engagement.findUniqueOrThrow({ where: { id: second.id } })).state).toBe("ENDED");
    const ended = await prisma.outboxEmail.findFirstOrThrow({ where: { to: factory.owner.email } });
    expect(ended.subject).toBe(t("engagement.email.endedSubject", { organization: "智造诊断咨询" }));
  });

  it("lets exactly one of two owners deciding at once win; the other gets 409", async () => {
    const engagement = await requestedEngagement();
    const second = await createTestUser();
    await addMember(factoryId, second.id, "OWNER");
    const secondCookie = await cookieFor(second.id);
    const results = await Promise.all([decide("approve", engagement.id, factory.cookie, factoryId), decide("decline", engagement.id, secondCookie, factoryId)]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    const state = (await prisma.engagement.findUniqueOrThrow({ where: { id: engagement.id } })).state;
    expect(state).toBe(results[0]!.status === 200 ? "ACTIVE" : "DECLINED");
  });

  it("cannot revoke an engagement that has already expired (409)", async () => {
    const expired = await createEngagement({ consultancyId, factoryId, requestedById: consultancy.owner.id, expiresAt: new Date(Date.now() - DAY) });
    const result = await refused(() => decide("revoke", expired.id, factory.cookie, factoryId));
    expect(result.status).toBe(409);
  });
});

describe("the factory invites a consultancy", () => {
  it("by its credit code: the consultancy's owners are told and accept, narrowing the period", async () => {
    const result = await invite({ creditCode: consultancyCode, message: "请帮我们做智改数转诊断" });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ ok: true, message: t("engagement.done.invited", { name: "智造诊断咨询" }) });
    const engagement = await prisma.engagement.findFirstOrThrow({ where: { consultancyId, factoryId } });
    expect(engagement).toMatchObject({ state: "REQUESTED", initiatedBy: "FACTORY", scope: "VALIDATE" });
    const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { to: consultancy.owner.email } });
    expect(mail.subject).toBe(t("engagement.email.inviteSubject", { organization: "东方机床" }));
    expect(mail.body).toContain("请帮我们做智改数转诊断");
    // The invited consultancy sees who invited it.
    expect(JSON.stringify((await list(consultancy.cookie, consultancyId)).data)).toContain("东方机床");
    const accepted = await decide("approve", engagement.id, consultancy.cookie, consultancyId, { months: "3" });
    expect(accepted.status).toBe(200);
    const active = await prisma.engagement.findUniqueOrThrow({ where: { id: engagement.id } });
    expect(active.state).toBe("ACTIVE");
    expect(active.expiresAt.toISOString()).toBe(addMonths(active.startsAt, 3).toISOString());
    const told = await prisma.outboxEmail.findFirstOrThrow({ where: { to: factory.owner.email } });
    expect(told.subject).toBe(t("engagement.email.approvedSubject", { organization: "智造诊断咨询" }));
  });

  it("by a consultant's e-mail when they work for exactly one consultancy, telling them too", async () => {
    const consultant = await createTestUser({ email: "li.gong@zhizao.example" });
    await addMember(consultancyId, consultant.id, "EDITOR");
    const result = await invite({ by: "email", email: "Li.Gong@zhizao.example" });
    expect(result.status).toBe(200);
    expect(await prisma.engagement.count({ where: { consultancyId, factoryId, state: "REQUESTED" } })).toBe(1);
    expect(await prisma.outboxEmail.count({ where: { to: { in: [consultant.email, consultancy.owner.email] } } })).toBe(2);
  });

  it("refuses an unknown e-mail (404), a consultant of several consultancies (409) and an unknown code (404), storing nothing", async () => {
    const nobody = await refused(() => invite({ by: "email", email: "nobody@example.com" }), ["RateLimit"]);
    expect(nobody.status).toBe(404);
    expect(fieldError(nobody, "email")).toBe(t("engagement.errors.unknownConsultantEmail"));
    // A factory member is not a consultant.
    const notConsultant = await refused(() => invite({ by: "email", email: factory.owner.email }), ["RateLimit"]);
    expect(notConsultant.status).toBe(404);
    const busy = await createTestUser();
    await addMember(consultancyId, busy.id, "EDITOR");
    await createTestOrganization(busy.id, "CONSULTANCY", "另一家咨询");
    const several = await refused(() => invite({ by: "email", email: busy.email }), ["RateLimit"]);
    expect(several.status).toBe(409);
    expect(fieldError(several, "email")).toBe(t("engagement.errors.severalConsultancies"));
    const unknown = await refused(() => invite({ creditCode: uniqueCreditCode() }), ["RateLimit"]);
    expect(unknown.status).toBe(404);
    expect(fieldError(unknown, "creditCode")).toBe(t("engagement.errors.unknownConsultancyCode"));
    const malformed = await refused(() => invite({ creditCode: makeCreditCode("91310115ABCDEFGHJ").slice(0, 17) + "I" }));
    expect(malformed.status).toBe(400);
    expect(fieldError(malformed, "creditCode")).toBe(t("errors.creditCodeCharset"));
    const badEmail = await refused(() => invite({ by: "email", email: "not-an-email" }));
    expect(fieldError(badEmail, "email")).toBe(t("errors.emailInvalid"));
  });

  it("covers only chosen submitted assessments of its own; anything else is refused (400)", async () => {
    const submitted = await submitTestAssessment(factoryId, factory.owner.id, "2025");
    const other = await createFactoryOwner("另一家工厂");
    const foreign = await submitTestAssessment(other.organization.id, other.owner.id, "2025");
    const form = (ids: string[]) =>
      call(newEngagement.action, {
        path: newPath(factoryId),
        params: { orgId: factoryId },
        cookie: factory.cookie,
        body: new URLSearchParams([["intent", "invite"], ["by", "code"], ["creditCode", consultancyCode], ["scope", "READ"], ["months", "12"], ["coverage", "chosen"], ...ids.map((id) => ["assessmentIds", id] as [string, string])]),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
    const foreignResult = await refused(() => form([foreign]));
    expect(foreignResult.status).toBe(400);
    expect(fieldError(foreignResult, "assessmentIds")).toBe(t("engagement.errors.assessmentsInvalid"));
    const none = await refused(() => form([]));
    expect(fieldError(none, "assessmentIds")).toBe(t("engagement.errors.chooseAssessments"));
    const ok = await form([submitted]);
    expect(ok.status).toBe(200);
    const engagement = await prisma.engagement.findFirstOrThrow({ where: { consultancyId }, include: { assessments: true } });
    expect(engagement.allAssessments).toBe(false);
    expect(engagement.assessments.map((a) => a.assessmentId)).toEqual([submitted]);
  });

  it("is not offered to authorities: the engagements pages do not exist for them (404)", async () => {
    const authority = await createTestUser();
    const org = await createTestOrganization(authority.id, "AUTHORITY", "经信委");
    const cookie = await cookieFor(authority.id);
    expect((await list(cookie, org.id)).status).toBe(404);
    expect((await refused(() => invite({ creditCode: consultancyCode }, cookie, org.id), ["Session"])).status).toBe(404);
  });
});

describe("the factory owner's access log", () => {
  const auditPath = (query = "") => `/o/${factoryId}/engagements/audit${query}`;
  const read = (cookie: string, query = "", orgId = factoryId) => call(audit.loader, { path: `/o/${orgId}/engagements/audit${query}`, params: { orgId }, cookie });

  it("starts empty", async () => {
    const result = await call(audit.loader, { path: auditPath(), params: { orgId: factoryId }, cookie: factory.cookie });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ rows: [], total: 0, pageCount: 1 });
  });

  it("names who (and for which consultancy), what (page and assessment period) and when, 50 a page, filterable by consultancy", async () => {
    const assessmentId = await submitTestAssessment(factoryId, factory.owner.id, "2025");
    const engagement = await createEngagement({ consultancyId, factoryId, requestedById: consultancy.owner.id });
    const other = await createConsultancy("另一家咨询");
    await createEngagement({ consultancyId: other.organization.id, factoryId, requestedById: other.owner.id, state: "ENDED" });
    const base = { factoryId, engagementId: engagement.id, userId: consultancy.owner.id, userName: "王顾问", consultancyId };
    for (let i = 0; i < 55; i++) {
      await writeAuditEntry({ ...base, action: "view", target: `assessment:read GET /o/${consultancyId}/clients/${factoryId}/assessments/${assessmentId}/validate` });
    }
    await writeAuditEntry({ ...base, consultancyId: other.organization.id, userName: "赵顾问", action: "validation.issue", target: `assessment ${assessmentId} v1` });

    const first = await read(factory.cookie);
    expect(first.status).toBe(200);
    const page1 = first.data as { rows: { userName: string; consultancy: string; action: string; page: string; period: string | null }[]; total: number; pageCount: number; consultancies: { name: string }[] };
    expect(page1.total).toBe(56);
    expect(page1.pageCount).toBe(2);
    expect(page1.rows).toHaveLength(50);
    expect(page1.rows[0]).toMatchObject({ userName: "赵顾问", consultancy: "另一家咨询", action: "validation.issue", period: "2025" });
    expect(page1.rows[1]).toMatchObject({ userName: "王顾问", consultancy: "智造诊断咨询", action: "view", page: "validate", period: "2025" });
    expect(page1.consultancies.map((c) => c.name).sort()).toEqual(["另一家咨询", "智造诊断咨询"].sort());
    const second = (await read(factory.cookie, "?page=2")).data as { rows: unknown[] };
    expect(second.rows).toHaveLength(6);
    const filtered = (await read(factory.cookie, `?consultancy=${other.organization.id}`)).data as { total: number };
    expect(filtered.total).toBe(1);
  });

  it("is for the factory's owners only: editors 403, consultancies 404; a bad page 400, a page past the end 404", async () => {
    const editor = await createTestUser();
    await addMember(factoryId, editor.id, "EDITOR");
    expect((await read(await cookieFor(editor.id))).status).toBe(403);
    expect((await read(consultancy.cookie, "", consultancyId)).status).toBe(404);
    expect((await read(consultancy.cookie)).status).toBe(404);
    const bad = await read(factory.cookie, "?page=abc");
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ message: t("engagement.errors.pageInvalid") });
    expect((await read(factory.cookie, "?page=9")).status).toBe(404);
  });
});

describe("the consultancy's credit code on its profile", () => {
  const save = (form: Record<string, string>, cookie = consultancy.cookie, orgId = consultancyId) => call(profile.action, { path: `/o/${orgId}/profile`, params: { orgId }, cookie, form });

  it("is saved normalised, can be cleared, and is how factories find the consultancy", async () => {
    const code = uniqueCreditCode();
    expect((await save({ name: "智造诊断咨询", creditCode: ` ${code.toLowerCase()} ` })).status).toBe(200);
    expect((await prisma.consultancyProfile.findUniqueOrThrow({ where: { organizationId: consultancyId } })).creditCode).toBe(code);
    const page = await call(profile.loader, { path: `/o/${consultancyId}/profile`, params: { orgId: consultancyId }, cookie: consultancy.cookie });
    expect(page.data).toMatchObject({ consultancyCreditCode: code });
    expect((await save({ name: "智造诊断咨询", creditCode: "" })).status).toBe(200);
    expect((await prisma.consultancyProfile.findUniqueOrThrow({ where: { organizationId: consultancyId } })).creditCode).toBeNull();
  });

  it("refuses a malformed code (400) and one another consultancy uses (409), changing nothing", async () => {
    const bad = await refused(() => save({ name: "智造诊断咨询", creditCode: "91310115ABC" }));
    expect(bad.status).toBe(400);
    expect(fieldError(bad, "creditCode")).toBe(t("errors.creditCodeLength"));
    const other = await createConsultancy("另一家咨询");
    const taken = await refused(() => save({ name: "另一家咨询", creditCode: consultancyCode }, other.cookie, other.organization.id));
    expect(taken.status).toBe(409);
    expect(fieldError(taken, "creditCode")).toBe(t("errors.creditCodeTaken"));
  });
});
