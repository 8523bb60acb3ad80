/**
 * The engagement path of the guard (ADR 0016), through two tiny guarded handlers shaped like the
 * consultant pages (`/o/:orgId/clients/:clientId/…`): which engagements open a client's data, what
 * scope and consultancy role allow, covered assessments, that revocation takes effect on the next
 * request, and that every request that passes is written to the audit log exactly once.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeEach, describe, expect, it } from "vitest";
import * as engagements from "~/routes/o.$orgId.engagements._index";
import { prisma } from "~/utils/db.server";
import { guard } from "~/utils/guard.server";
import { translator } from "~/utils/i18n";
import { createFactoryOwner } from "../support/assessments";
import { createConsultancy, createEngagement, submitTestAssessment } from "../support/engagements";
import { addMember, call, cookieFor, createTestUser } from "../support/routes";

const t = translator("zh-CN");
const DAY = 86_400_000;

/** A read page and a validate action, as B/C/E write them: the client's data only through `client.id`. */
const readPage = guard({ engagement: "assessment:read", param: "clientId" }, async ({ client, engagement, org, scopeCan, covers }) => ({
  consultancy: org.id,
  client: client.id,
  scope: engagement.scope,
  mayValidate: scopeCan("assessment:validate"),
  coversNothingElse: covers("00000000-0000-4000-8000-000000000000"),
}));
const validateAction = guard({ engagement: "assessment:validate", param: "clientId" }, async ({ client }) => ({ validated: client.id }));

let factory: Awaited<ReturnType<typeof createFactoryOwner>>;
let factoryId: string;
let consultancy: Awaited<ReturnType<typeof createConsultancy>>;
let consultancyId: string;

beforeEach(async () => {
  factory = await createFactoryOwner("东方机床");
  factoryId = factory.organization.id;
  consultancy = await createConsultancy("智造诊断咨询");
  consultancyId = consultancy.organization.id;
});

function engage(options: Partial<Parameters<typeof createEngagement>[0]> = {}) {
  return createEngagement({ consultancyId, factoryId, requestedById: consultancy.owner.id, ...options });
}

function open(handler: typeof readPage | typeof validateAction, options: { cookie?: string; orgId?: string; clientId?: string; assessmentId?: string; post?: boolean } = {}) {
  const orgId = options.orgId ?? consultancyId;
  const clientId = options.clientId ?? factoryId;
  const params: Record<string, string> = { orgId, clientId };
  let path = `/o/${orgId}/clients/${clientId}`;
  if (options.assessmentId) {
    params.assessmentId = options.assessmentId;
    path += `/assessments/${options.assessmentId}`;
  }
  return call(handler, { path, params, cookie: options.cookie ?? consultancy.cookie, form: options.post ? {} : undefined });
}

const auditCount = () => prisma.auditLogEntry.count({ where: { factoryId, consultancyId } });

describe("an ACTIVE, started, unexpired engagement", () => {
  it("opens the client's data with the engagement's scope and writes who, what and when to the audit log", async () => {
    const engagement = await engage({ scope: "VALIDATE" });
    const result = await open(readPage);
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ consultancy: consultancyId, client: factoryId, scope: "VALIDATE", mayValidate: true, coversNothingElse: true });
    expect((await open(validateAction, { post: true })).status).toBe(200);
    const entries = await prisma.auditLogEntry.findMany({ where: { factoryId }, orderBy: { id: "asc" } });
    expect(entries.map((entry) => [entry.action, entry.target, entry.engagementId, entry.userId, entry.userName])).toEqual([
      ["view", `assessment:read GET /o/${consultancyId}/clients/${factoryId}`, engagement.id, consultancy.owner.id, consultancy.owner.displayName],
      ["change", `assessment:validate POST /o/${consultancyId}/clients/${factoryId}`, engagement.id, consultancy.owner.id, consultancy.owner.displayName],
    ]);
  });

  it("writes one audit entry per request, however many loaders of the page reach the client", async () => {
    await engage();
    const request = new Request(`http://localhost/o/${consultancyId}/clients/${factoryId}`, { headers: { Cookie: consultancy.cookie } });
    const args: LoaderFunctionArgs = { request, params: { orgId: consultancyId, clientId: factoryId }, context: {} };
    await readPage(args);
    await readPage(args);
    expect(await auditCount()).toBe(1);
    await open(readPage);
    expect(await auditCount()).toBe(2);
  });
});

describe("scope and the consultant's own role", () => {
  it("lets READ scope read but not validate (403), writing nothing for the refusal", async () => {
    await engage({ scope: "READ" });
    expect(await open(readPage)).toMatchObject({ status: 200, data: { mayValidate: false } });
    const before = await auditCount();
    const refused = await open(validateAction, { post: true });
    expect(refused.status).toBe(403);
    expect(refused.data).toEqual({ message: t("errors.forbiddenText") });
    expect(await auditCount()).toBe(before);
  });

  it("lets a VIEWER of the consultancy read but not validate, even with VALIDATE scope", async () => {
    await engage({ scope: "VALIDATE" });
    const viewer = await createTestUser();
    await addMember(consultancyId, viewer.id, "VIEWER");
    const cookie = await cookieFor(viewer.id);
    expect((await open(readPage, { cookie })).status).toBe(200);
    expect((await open(validateAction, { cookie, post: true })).status).toBe(403);
  });
});

describe("no usable engagement: 404 exactly like a factory that does not exist", () => {
  const notFound = { message: t("errors.notFoundText") };

  it.each([
    ["revoked", { state: "REVOKED" as const }],
    ["ended", { state: "ENDED" as const }],
    ["declined", { state: "DECLINED" as const }],
    ["requested", { state: "REQUESTED" as const }],
    ["expired", { expiresAt: new Date(Date.now() - 1000) }],
    ["not started yet", { startsAt: new Date(Date.now() + DAY) }],
  ])("%s", async (_name, options) => {
    await engage(options);
    const read = await open(readPage);
    expect(read).toMatchObject({ status: 404, data: notFound });
    expect((await open(validateAction, { post: true })).status).toBe(404);
    expect(await auditCount()).toBe(0);
  });

  it("never had one; same answer for a factory id that does not exist, a malformed one, or another consultancy", async () => {
    const none = await open(readPage);
    expect(none).toMatchObject({ status: 404, data: notFound });
    expect(await open(readPage, { clientId: "11111111-1111-4111-8111-111111111111" })).toMatchObject({ status: 404, data: notFound });
    expect(await open(readPage, { clientId: "nope" })).toMatchObject({ status: 404, data: notFound });
    // Another consultancy's engagement does not open the factory to this one.
    const other = await createConsultancy("另一家咨询");
    await createEngagement({ consultancyId: other.organization.id, factoryId, requestedById: other.owner.id });
    expect((await open(readPage)).status).toBe(404);
    // Nor can this consultant use the other consultancy's id in the URL: not a member there.
    expect((await open(readPage, { orgId: other.organization.id })).status).toBe(404);
    expect(await prisma.auditLogEntry.count({ where: { factoryId } })).toBe(0);
  });

  it("a factory's own members do not reach another factory through these pages (404), anonymous visitors are sent to log in", async () => {
    await engage();
    const other = await createFactoryOwner("另一家工厂");
    // Even a member of the factory itself: the client pages are for consultancies only.
    expect((await open(readPage, { cookie: factory.cookie, orgId: factoryId })).status).toBe(404);
    expect((await open(readPage, { cookie: other.cookie, orgId: other.organization.id })).status).toBe(404);
    const anonymous = await call(readPage, { path: `/o/${consultancyId}/clients/${factoryId}`, params: { orgId: consultancyId, clientId: factoryId } });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("covered assessments", () => {
  it("opens only the chosen assessments (404 for the others)", async () => {
    const chosen = await submitTestAssessment(factoryId, factory.owner.id, "2025");
    const other = await submitTestAssessment(factoryId, factory.owner.id, "2024");
    await engage({ assessmentIds: [chosen] });
    expect((await open(readPage, { assessmentId: chosen })).status).toBe(200);
    expect(await open(readPage, { assessmentId: other })).toMatchObject({ status: 404, data: { message: t("errors.notFoundText") } });
    const entry = await prisma.auditLogEntry.findFirstOrThrow({ where: { factoryId } });
    expect(entry.target).toBe(`assessment:read GET /o/${consultancyId}/clients/${factoryId}/assessments/${chosen}`);
  });
});

describe("revocation, ending and expiry take effect on the next request", () => {
  it("the factory owner revokes through the engagements page; the consultant's very next request is 404", async () => {
    const engagement = await engage();
    expect((await open(readPage)).status).toBe(200);
    const revoked = await call(engagements.action, { path: `/o/${factoryId}/engagements`, params: { orgId: factoryId }, cookie: factory.cookie, form: { intent: "revoke", engagementId: engagement.id } });
    expect(revoked.status).toBe(200);
    expect((await open(readPage)).status).toBe(404);
    expect(await auditCount()).toBe(1);
  });

  it("an engagement that expires between two requests closes without anyone acting", async () => {
    const engagement = await engage();
    expect((await open(readPage)).status).toBe(200);
    await prisma.engagement.update({ where: { id: engagement.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await open(readPage)).status).toBe(404);
  });

  it("the consultancy ends it; its next request is 404", async () => {
    const engagement = await engage();
    const ended = await call(engagements.action, { path: `/o/${consultancyId}/engagements`, params: { orgId: consultancyId }, cookie: consultancy.cookie, form: { intent: "end", engagementId: engagement.id } });
    expect(ended.status).toBe(200);
    expect((await open(readPage)).status).toBe(404);
  });
});
