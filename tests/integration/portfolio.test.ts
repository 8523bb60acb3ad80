/**
 * The consultancy's portfolio against a real PostgreSQL: one consultancy with clients in every
 * engagement state, assessments built through the model functions, an issued validation written
 * directly (validation is another helper's feature; the row is what it stores).
 */
import crypto from "node:crypto";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { selectablePeriods } from "~/forms/assessment";
import { startTestDraft } from "../support/assessments";
import * as bias from "~/routes/o.$orgId.clients.bias";
import * as clients from "~/routes/o.$orgId.clients._index/route";
import * as compare from "~/routes/o.$orgId.clients.compare";
import * as dashboard from "~/routes/o.$orgId._index";
import * as exportXlsx from "~/routes/o.$orgId.clients.export[.xlsx]";
import * as overview from "~/routes/o.$orgId.clients.$clientId._index";
import { prisma } from "~/utils/db.server";
import { translator } from "~/utils/i18n";
import { createFactoryOwner } from "../support/assessments";
import { createConsultancy, createEngagement, submitTestAssessment } from "../support/engagements";
import { addMember, call, cookieFor, createTestUser } from "../support/routes";

const zh = translator("zh-CN");
const en = translator("en");
const DAY = 86_400_000;
const [, lastYear, twoYearsAgo] = selectablePeriods();

type Consultancy = Awaited<ReturnType<typeof createConsultancy>>;
type Factory = Awaited<ReturnType<typeof createFactoryOwner>>;

let consultancy: Consultancy;
let other: Consultancy;
let active: Factory & { old: string; latest: string };
let chosen: Factory & { old: string; latest: string };
let drafting: Factory & { draft: string };
let requested: Factory;
let ended: Factory;
let expired: Factory;
let foreign: Factory;

async function creditCode(orgId: string) {
  return (await prisma.factoryProfile.findUniqueOrThrow({ where: { organizationId: orgId } })).creditCode;
}

beforeAll(async () => {
  consultancy = await createConsultancy("诊断咨询公司");
  other = await createConsultancy("另一家咨询公司");
  const engage = (factoryId: string, options: Parameters<typeof createEngagement>[0] extends infer O ? Partial<O> : never = {}, by = consultancy) =>
    createEngagement({ consultancyId: by.organization.id, factoryId, requestedById: by.owner.id, ...options });

  const a = await createFactoryOwner("甲机床");
  active = { ...a, old: await submitTestAssessment(a.organization.id, a.owner.id, twoYearsAgo, 2), latest: await submitTestAssessment(a.organization.id, a.owner.id, lastYear, 3) };
  await engage(a.organization.id);

  const b = await createFactoryOwner("乙电子");
  chosen = { ...b, old: await submitTestAssessment(b.organization.id, b.owner.id, twoYearsAgo, 1), latest: await submitTestAssessment(b.organization.id, b.owner.id, lastYear, 4) };
  // The engagement covers the older assessment only: the newer one stays out of every view.
  await engage(b.organization.id, { scope: "READ", assessmentIds: [chosen.old], expiresAt: new Date(Date.now() + 10 * DAY) });

  const d = await createFactoryOwner("丙食品");
  drafting = { ...d, draft: await startTestDraft(d.organization.id, d.owner.id, lastYear) };
  await engage(d.organization.id);

  requested = await createFactoryOwner("丁化工");
  await submitTestAssessment(requested.organization.id, requested.owner.id, lastYear, 3);
  await engage(requested.organization.id, { state: "REQUESTED" });

  ended = await createFactoryOwner("戊纺织");
  await submitTestAssessment(ended.organization.id, ended.owner.id, lastYear, 3);
  await engage(ended.organization.id, { state: "REVOKED" });

  expired = await createFactoryOwner("己钢铁");
  await engage(expired.organization.id, { expiresAt: new Date(Date.now() - DAY) });

  foreign = await createFactoryOwner("庚汽车");
  await engage(foreign.organization.id, {}, other);

  // An issued validation of 甲's latest assessment: the consultant put every answer one band lower,
  // so its result is exactly the one of 甲's older, band-2 assessment.
  const [self, lower] = await Promise.all([
    prisma.assessment.findUniqueOrThrow({ where: { id: active.latest } }),
    prisma.assessment.findUniqueOrThrow({ where: { id: active.old }, include: { score: true } }),
  ]);
  expect(self.result).not.toBeNull();
  await prisma.validation.create({
    data: {
      assessmentId: active.latest,
      consultancyId: consultancy.organization.id,
      factoryId: active.organization.id,
      version: 1,
      status: "ISSUED",
      result: lower.result ?? {},
      overall: lower.score!.overall,
      level: lower.score!.level,
      createdById: consultancy.owner.id,
      issuedById: consultancy.owner.id,
      issuedByName: "顾问",
      consultancyName: "诊断咨询公司",
      issuedAt: new Date(),
    },
  });
}, 60_000);

const portfolio = (query = "", who: { organization: { id: string }; cookie: string } = consultancy) =>
  call(clients.loader, { path: `/o/${who.organization.id}/clients${query}`, params: { orgId: who.organization.id }, cookie: who.cookie });

interface ActiveRow {
  kind: "active";
  clientId: string;
  name: string;
  status: string;
  state: string;
  draftInProgress: boolean;
  change: number | null;
  latest: { assessmentId: string; period: string; level: number; overall: number } | null;
  dimensions: Record<string, number | null>;
  validated: { level: number | null; overall: number | null } | null;
}
interface InactiveRow {
  kind: "inactive";
  key: string;
  status: string;
  name: string | null;
  creditCode: string | null;
}
type Row = ActiveRow | InactiveRow;
type PageData = { page: { rows: Row[]; total: number; pages: number; counts: Record<string, number> } };

describe("the clients table", () => {
  it("shows every client once, with scores only where the engagement is active", async () => {
    const result = await portfolio();
    expect(result.status).toBe(200);
    const { page } = result.data as PageData;
    expect(page.total).toBe(6);
    expect(page.counts).toMatchObject({ active: 2, "expires-soon": 1, requested: 1, expired: 1, ended: 1, validated: 1, draft: 1 });
    const byName = new Map(page.rows.map((row) => [row.name, row]));
    const a = byName.get("甲机床") as ActiveRow;
    expect(a).toMatchObject({ kind: "active", clientId: active.organization.id, state: "validated", status: "active", latest: { assessmentId: active.latest, period: lastYear, level: expect.any(Number) } });
    expect(a.change).toBeGreaterThan(0);
    expect(Object.keys(a.dimensions).length).toBeGreaterThan(0);
    expect(a.validated?.overall).toBeLessThan(a.latest!.overall);
    // Only the covered (older) assessment counts; nothing before it, so no change.
    expect(byName.get("乙电子")).toMatchObject({ kind: "active", status: "expires-soon", state: "submitted", change: null, latest: { assessmentId: chosen.old, period: twoYearsAgo } });
    expect(byName.get("丙食品")).toMatchObject({ kind: "active", state: "none", draftInProgress: true, latest: null });
  });

  it("puts no factory id of a requested, revoked or expired client into the page, and no name for a request never approved", async () => {
    const result = await portfolio();
    const body = JSON.stringify(result.data);
    for (const factory of [requested, ended, expired, foreign]) expect(body).not.toContain(factory.organization.id);
    const { page } = result.data as PageData;
    const inactive = page.rows.filter((row): row is InactiveRow => row.kind === "inactive");
    expect(inactive.map((row) => [row.status, row.name])).toEqual(
      expect.arrayContaining([
        ["requested", null],
        ["ended", "戊纺织"],
        ["expired", "己钢铁"],
      ]),
    );
    expect(inactive.find((row) => row.status === "requested")!.creditCode).toBe(await creditCode(requested.organization.id));
    expect(body).not.toContain("丁化工");
    expect(body).not.toContain("庚汽车");
  });

  it("filters, sorts and pages through the query string", async () => {
    const names = async (query: string) => ((await portfolio(query)).data as PageData).page.rows.map((row) => row.name ?? row.kind);
    expect(await names("?state=validated")).toEqual(["甲机床"]);
    expect(await names("?state=draft")).toEqual(["丙食品"]);
    expect(await names("?state=inactive&sort=name&dir=asc")).toEqual(["己钢铁", "戊纺织"].sort(new Intl.Collator("zh-CN", { numeric: true }).compare));
    expect(await names("?q=乙电")).toEqual(["乙电子"]);
    expect((await names("?sort=overall&dir=desc")).slice(0, 2)).toEqual(["甲机床", "乙电子"]);
    expect((await names("?sort=overall&dir=asc")).slice(0, 2)).toEqual(["乙电子", "甲机床"]);
    expect(await names("?industry=34&region=31&size=MEDIUM&sort=name")).toHaveLength(3);
    expect(await names("?industry=13")).toEqual([]);
  });

  it.each([
    ["?level=9", "portfolio.errors.level"],
    ["?sort=secret", "portfolio.errors.sort"],
    ["?page=-1", "portfolio.errors.page"],
    ["?industry=00", "portfolio.errors.industry"],
    ["?state=1&state=2", "portfolio.errors.repeated"],
  ] as const)("answers %s with 400 and a translated message", async (query, key) => {
    const result = await portfolio(query);
    expect(result.status).toBe(400);
    expect(result.data).toEqual({ message: zh(key) });
  });

  it("speaks the user's language", async () => {
    const user = await createTestUser({ locale: "en" });
    await addMember(consultancy.organization.id, user.id, "VIEWER");
    const result = await portfolio("?level=x", { organization: consultancy.organization, cookie: await cookieFor(user.id) });
    expect(result).toMatchObject({ status: 400, data: { message: en("portfolio.errors.level") } });
  });

  it("does not exist for a factory", async () => {
    expect((await portfolio("", active)).status).toBe(404);
  });
});

const compareOf = (query: string, who = consultancy) => call(compare.loader, { path: `/o/${who.organization.id}/clients/compare${query}`, params: { orgId: who.organization.id }, cookie: who.cookie });

describe("comparing clients", () => {
  it("shows the chosen live clients' dimension scores and logs the access in each factory's audit log", async () => {
    const before = await prisma.auditLogEntry.count({ where: { action: "portfolio.compare" } });
    const result = await compareOf(`?ids=${active.organization.id}&ids=${chosen.organization.id}`);
    expect(result.status).toBe(200);
    const data = result.data as { clients: { clientId: string; name: string; dimensions: Record<string, number | null> }[]; dimensions: { id: string }[] };
    expect(data.clients.map((c) => c.name)).toEqual(["甲机床", "乙电子"]);
    expect(data.dimensions.length).toBeGreaterThan(0);
    for (const dimension of data.dimensions) expect(data.clients[1]!.dimensions[dimension.id]).toBe(1);
    const entries = await prisma.auditLogEntry.findMany({ where: { action: "portfolio.compare" }, orderBy: { id: "asc" }, skip: before });
    expect(entries.map((e) => e.factoryId).sort()).toEqual([active.organization.id, chosen.organization.id].sort());
    expect(entries.every((e) => e.consultancyId === consultancy.organization.id && e.userId === consultancy.owner.id)).toBe(true);
  });

  it.each([
    ["a requested client", () => requested],
    ["a revoked client", () => ended],
    ["an expired client", () => expired],
    ["another consultancy's client", () => foreign],
  ])("answers 404 for %s, writes nothing and names nobody", async (_label, factory) => {
    const entries = await prisma.auditLogEntry.count();
    const result = await compareOf(`?ids=${active.organization.id}&ids=${factory().organization.id}`);
    expect(result.status).toBe(404);
    expect(JSON.stringify(result.data)).not.toContain("甲机床");
    expect(await prisma.auditLogEntry.count()).toBe(entries);
  });

  it.each([
    ["", "portfolio.errors.compareTooFew"],
    ["?ids=not-a-uuid", "portfolio.errors.compareIds"],
    [`?${Array.from({ length: 9 }, () => `ids=${crypto.randomUUID()}`).join("&")}`, "portfolio.errors.compareTooMany"],
  ] as const)("answers %s with 400", async (query, key) => {
    expect(await compareOf(query)).toMatchObject({ status: 400, data: { message: zh(key) } });
  });
});

describe("the bias view", () => {
  it("is empty for a consultancy without issued validations", async () => {
    const result = await call(bias.loader, { path: `/o/${other.organization.id}/clients/bias`, params: { orgId: other.organization.id }, cookie: other.cookie });
    expect(result).toMatchObject({ status: 200, data: { validations: 0, dimensions: [], questions: [] } });
  });

  it("shows how much higher factories rated themselves than validated, per dimension and question", async () => {
    const result = await call(bias.loader, { path: `/o/${consultancy.organization.id}/clients/bias`, params: { orgId: consultancy.organization.id }, cookie: consultancy.cookie });
    expect(result.status).toBe(200);
    const data = result.data as { validations: number; dimensions: { name: string; n: number; meanDifference: number }[]; questions: { meanDifference: number; higherShare: number; n: number; label: { title: string } | null }[] };
    expect(data.validations).toBe(1);
    expect(data.dimensions.length).toBeGreaterThan(0);
    // Every answer one band above the validated one: every dimension and question +1.
    for (const dimension of data.dimensions) expect(dimension).toMatchObject({ n: 1, meanDifference: 1 });
    for (const question of data.questions) expect(question).toMatchObject({ n: 1, meanDifference: 1, higherShare: 1, label: { title: expect.any(String) } });
  });

  it("leaves out validations of clients whose engagement ended", async () => {
    await prisma.engagement.updateMany({ where: { consultancyId: consultancy.organization.id, factoryId: active.organization.id }, data: { state: "ENDED", endedAt: new Date() } });
    try {
      const result = await call(bias.loader, { path: `/o/${consultancy.organization.id}/clients/bias`, params: { orgId: consultancy.organization.id }, cookie: consultancy.cookie });
      expect(result).toMatchObject({ status: 200, data: { validations: 0 } });
    } finally {
      await prisma.engagement.updateMany({ where: { consultancyId: consultancy.organization.id, factoryId: active.organization.id }, data: { state: "ACTIVE", endedAt: null } });
    }
  });
});

const overviewOf = (factory: Factory, who = consultancy) =>
  call(overview.loader, { path: `/o/${who.organization.id}/clients/${factory.organization.id}`, params: { orgId: who.organization.id, clientId: factory.organization.id }, cookie: who.cookie });

describe("a client's overview", () => {
  it("lists the covered assessments with their state for this consultancy", async () => {
    const result = await overviewOf(active);
    expect(result.status).toBe(200);
    const data = result.data as { assessments: { id: string; state: string }[]; canValidate: boolean; profile: { creditCode: string } };
    expect(data.assessments.map((a) => [a.id, a.state])).toEqual([
      [active.latest, "validated"],
      [active.old, "submitted"],
    ]);
    expect(data.canValidate).toBe(true);
  });

  it("shows a draft in progress as such", async () => {
    const data = (await overviewOf(drafting)).data as { assessments: { id: string; state: string }[] };
    expect(data.assessments).toEqual([expect.objectContaining({ id: drafting.draft, state: "draft" })]);
  });

  it("shows only the chosen assessments of a limited engagement, read-only", async () => {
    const data = (await overviewOf(chosen)).data as { assessments: { id: string }[]; canValidate: boolean };
    expect(data.assessments.map((a) => a.id)).toEqual([chosen.old]);
    expect(data.canValidate).toBe(false);
  });

  it.each([
    ["requested", () => requested],
    ["revoked", () => ended],
    ["expired", () => expired],
    ["someone else's", () => foreign],
  ])("is 404 for a %s client", async (_label, factory) => {
    expect((await overviewOf(factory())).status).toBe(404);
  });
});

describe("the Excel export", () => {
  it("holds every filtered row, scores only for active clients, and audits each exported client", async () => {
    const before = await prisma.auditLogEntry.count({ where: { action: "portfolio.export" } });
    const result = await call(exportXlsx.loader, { path: `/o/${consultancy.organization.id}/clients/export.xlsx?sort=name`, params: { orgId: consultancy.organization.id }, cookie: consultancy.cookie });
    // The helper reads the body as text; fetch it again as bytes.
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toContain("spreadsheetml");
    const response = (await exportXlsx.loader({
      request: new Request(`http://localhost/o/${consultancy.organization.id}/clients/export.xlsx`, { headers: { Cookie: consultancy.cookie } }),
      params: { orgId: consultancy.organization.id },
      context: {},
    })) as Response;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(7);
    const names = sheet.getColumn(1).values.slice(2).map(String);
    expect(names).toEqual(expect.arrayContaining(["甲机床", "乙电子", "丙食品", "戊纺织", "己钢铁", ""]));
    expect(names).not.toContain("丁化工");
    const auditEntries = await prisma.auditLogEntry.findMany({ where: { action: "portfolio.export" }, skip: before });
    // Two exports, three active clients each.
    expect(auditEntries).toHaveLength(6);
  });

  it("refuses a bad query with 400 in plain text", async () => {
    const result = await call(exportXlsx.loader, { path: `/o/${consultancy.organization.id}/clients/export.xlsx?sort=x`, params: { orgId: consultancy.organization.id }, cookie: consultancy.cookie });
    expect(result).toMatchObject({ status: 400, data: zh("portfolio.errors.sort") });
  });
});

describe("the dashboard", () => {
  it("tells a factory owner about requests waiting for a decision", async () => {
    const result = await call(dashboard.loader, { path: `/o/${requested.organization.id}`, params: { orgId: requested.organization.id }, cookie: requested.cookie });
    expect(result).toMatchObject({ status: 200, data: { pending: 1, portfolio: null } });
  });

  it("summarises a consultancy's clients", async () => {
    const result = await call(dashboard.loader, { path: `/o/${consultancy.organization.id}`, params: { orgId: consultancy.organization.id }, cookie: consultancy.cookie });
    expect(result).toMatchObject({ status: 200, data: { pending: 0, portfolio: { active: 2, "expires-soon": 1, requested: 1, validated: 1 } } });
  });
});

describe("a factory's invitation", () => {
  it("names the factory that invited the consultancy (it chose to be known) and says the invitation waits for an answer, still without its id", async () => {
    const invited = await createConsultancy("受邀咨询公司");
    const factory = await createFactoryOwner("辛电池");
    await createEngagement({ consultancyId: invited.organization.id, factoryId: factory.organization.id, requestedById: factory.owner.id, state: "REQUESTED", initiatedBy: "FACTORY" });
    const result = await call(clients.loader, { path: `/o/${invited.organization.id}/clients`, params: { orgId: invited.organization.id }, cookie: invited.cookie });
    expect(result.status).toBe(200);
    const body = JSON.stringify(result.data);
    expect(body).toContain("辛电池");
    expect(body).toContain('"invited":true');
    expect(body).not.toContain(factory.organization.id);
  });
});
