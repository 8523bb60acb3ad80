/**
 * The caches of submitted assessments' pages (issue 14, ADR 0024): results, printable report and
 * benchmark are served from the web process's cache, yet a profile change, another locale or another
 * viewer never gets a page built for something else, and peer statistics expire after PEER_TTL_MS.
 * The loaders are called as Remix calls them, against a real PostgreSQL; the cache's own hit and miss
 * counts show when a page came from it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { questionnaireView } from "~/domain/questionnaire/view";
import { currentQuestionnaireVersion, loadQuestionnaireVersion } from "~/models/assessment.server";
import { frozenViewCaches, PEER_TTL_MS } from "~/models/frozen-views.server";
import { saveFactoryProfile } from "~/models/organization.server";
import * as benchmark from "~/routes/o.$orgId.assessments.$assessmentId.benchmark/route";
import * as report from "~/routes/o.$orgId.assessments.$assessmentId.report/route";
import * as layout from "~/routes/o.$orgId.assessments.$assessmentId";
import * as results from "~/routes/o.$orgId.assessments.$assessmentId.results";
import * as whoami from "~/routes/o.$orgId.whoami";
import { hotStatementCount, prisma } from "~/utils/db.server";
import { createFactoryOwner, uniqueCreditCode } from "../support/assessments";
import { submitTestAssessment } from "../support/engagements";
import { addMember, call, cookieFor, createTestUser } from "../support/routes";

type ResultsData = { report: { organization: { name: string; legalName: string }; dimensions: { name: string }[] }; canRevise: boolean };
type ReportData = { report: { organization: { name: string; legalName: string } } };
type BenchmarkData = { selected: { size: string }; orgId: string };

async function submittedFactory(name: string) {
  const factory = await createFactoryOwner(name);
  const orgId = factory.organization.id;
  const assessmentId = await submitTestAssessment(orgId, factory.owner.id, "2025");
  return { ...factory, orgId, assessmentId };
}

type Page = "results" | "report" | "benchmark";
const loaders = { results: results.loader, report: report.loader, benchmark: benchmark.loader };

function load(page: Page, cookie: string, orgId: string, assessmentId: string, query = "") {
  return call(loaders[page], { path: `/o/${orgId}/assessments/${assessmentId}/${page}${query}`, params: { orgId, assessmentId }, cookie });
}

/** How the cache answered the calls made inside `run`. */
async function counted<T>(page: Page, run: () => Promise<T>) {
  const before = frozenViewCaches.stats()[page];
  const value = await run();
  const after = frozenViewCaches.stats()[page];
  return { value, hits: after.hits - before.hits, misses: after.misses - before.misses };
}

async function renameFactory(orgId: string, name: string) {
  await saveFactoryProfile(orgId, { name, legalName: `${name}股份有限公司`, creditCode: uniqueCreditCode(), industryCode: "34", regionCode: "310115", employees: 500, revenueWan: 30000 });
}

beforeEach(() => frozenViewCaches.clear());
afterEach(() => vi.useRealTimers());

// Each test submits one or two assessments through the model (scoring, score rows, aggregates): a few
// seconds on a busy machine, so a generous timeout.
describe("results and report of a submitted assessment", { timeout: 60_000 }, () => {
  it.each(["results", "report"] as const)("%s: the second request is served from the cache, and a profile change shows at once", async (page) => {
    const factory = await submittedFactory("缓存机械");
    const first = await counted(page, () => load(page, factory.cookie, factory.orgId, factory.assessmentId));
    expect(first.value.status).toBe(200);
    expect(first.misses).toBe(1);
    const second = await counted(page, () => load(page, factory.cookie, factory.orgId, factory.assessmentId));
    expect(second).toMatchObject({ hits: 1, misses: 0 });
    expect((second.value.data as ReportData).report).toEqual((first.value.data as ReportData).report);

    // Saved as any process of the web tier would: nothing in this process is told, the stamp changes.
    await renameFactory(factory.orgId, "新名机械");
    const renamed = await counted(page, () => load(page, factory.cookie, factory.orgId, factory.assessmentId));
    expect(renamed.misses).toBe(1);
    expect((renamed.value.data as ReportData).report.organization).toMatchObject({ name: "新名机械", legalName: "新名机械股份有限公司" });
  });

  it("results follow the viewer's language: another locale is another entry", async () => {
    const factory = await submittedFactory("双语机械");
    const { questionnaire } = await loadQuestionnaireVersion((await currentQuestionnaireVersion()).id);
    const zh = await load("results", factory.cookie, factory.orgId, factory.assessmentId);
    expect((zh.data as ResultsData).report.dimensions.map((d) => d.name)).toEqual(questionnaireView(questionnaire, "zh-CN").dimensions.map((d) => d.name));
    await prisma.user.update({ where: { id: factory.owner.id }, data: { locale: "en" } });
    const en = await counted("results", () => load("results", factory.cookie, factory.orgId, factory.assessmentId));
    expect(en.misses).toBe(1);
    expect((en.value.data as ResultsData).report.dimensions.map((d) => d.name)).toEqual(questionnaireView(questionnaire, "en").dimensions.map((d) => d.name));
  });
});

describe("no one is served a page cached for someone else", { timeout: 60_000 }, () => {
  it.each(["results", "report", "benchmark"] as const)("%s: another organisation gets 404 for a cached assessment, and its own page shows its own data", async (page) => {
    const a = await submittedFactory("甲方工厂");
    const b = await submittedFactory("乙方工厂");
    expect((await load(page, a.cookie, a.orgId, a.assessmentId)).status).toBe(200);
    // B's owner asks for A's assessment under B's organisation (the guard passes) and under A's (it does not).
    expect((await load(page, b.cookie, b.orgId, a.assessmentId)).status).toBe(404);
    expect((await load(page, b.cookie, a.orgId, a.assessmentId)).status).toBe(404);
    const own = await load(page, b.cookie, b.orgId, b.assessmentId);
    expect(own.status).toBe(200);
    if (page === "benchmark") expect((own.data as BenchmarkData).orgId).toBe(b.orgId);
    else expect((own.data as ReportData).report.organization.name).toBe("乙方工厂");
  });

  it("a viewer is not served the owner's entry (the role is part of the key)", async () => {
    const factory = await submittedFactory("角色机械");
    const viewer = await createTestUser();
    await addMember(factory.orgId, viewer.id, "VIEWER");
    const owner = await load("results", factory.cookie, factory.orgId, factory.assessmentId);
    expect((owner.data as ResultsData).canRevise).toBe(true);
    const asViewer = await counted("results", async () => load("results", await cookieFor(viewer.id), factory.orgId, factory.assessmentId));
    expect(asViewer.misses).toBe(1);
    expect((asViewer.value.data as ResultsData).canRevise).toBe(false);
  });
});

describe("peer statistics", { timeout: 60_000 }, () => {
  it("benchmark: the filters are part of the key, and an entry is rebuilt after PEER_TTL_MS", async () => {
    const factory = await submittedFactory("对标机械");
    const first = await counted("benchmark", () => load("benchmark", factory.cookie, factory.orgId, factory.assessmentId));
    expect(first.value.status).toBe(200);
    expect(first.misses).toBe(1);
    expect((await counted("benchmark", () => load("benchmark", factory.cookie, factory.orgId, factory.assessmentId))).hits).toBe(1);
    const small = await counted("benchmark", () => load("benchmark", factory.cookie, factory.orgId, factory.assessmentId, "?size=SMALL"));
    expect(small.misses).toBe(1);
    expect((small.value.data as BenchmarkData).selected.size).toBe("SMALL");
    expect((first.value.data as BenchmarkData).selected.size).not.toBe("SMALL");

    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + PEER_TTL_MS + 1_000 });
    const later = await counted("benchmark", () => load("benchmark", factory.cookie, factory.orgId, factory.assessmentId));
    expect(later.misses).toBe(1);
  });

  it("results: the roadmap's peer gaps are rebuilt after PEER_TTL_MS", async () => {
    const factory = await submittedFactory("差距机械");
    await load("results", factory.cookie, factory.orgId, factory.assessmentId);
    expect((await counted("results", () => load("results", factory.cookie, factory.orgId, factory.assessmentId))).hits).toBe(1);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + PEER_TTL_MS + 1_000 });
    expect((await counted("results", () => load("results", factory.cookie, factory.orgId, factory.assessmentId))).misses).toBe(1);
  });

  it.each(["results", "report", "benchmark"] as const)(
    "%s: a page request reads the stamp and the validation with the layout's statement: two round trips on a hit, and a validation issued meanwhile shows",
    async (page) => {
      const factory = await submittedFactory("一趟机械");
      const params = { orgId: factory.orgId, assessmentId: factory.assessmentId };
      // As Remix runs a document request: each loader with its own copy of the Request, all with the
      // request's one load context (the guard lets the first copy stand for the others).
      const open = async () => {
        const copy = () =>
          new Request(`http://localhost/o/${factory.orgId}/assessments/${factory.assessmentId}/${page}`, {
            headers: { Cookie: factory.cookie, "x-ffi-client-ip": "127.0.0.1" },
          });
        const context = {};
        const before = hotStatementCount();
        const [, data] = await Promise.all([layout.loader({ request: copy(), params, context }), loaders[page]({ request: copy(), params, context })]);
        return { data: data as Record<string, unknown>, statements: hotStatementCount() - before };
      };
      await open();
      const hit = await counted(page, open);
      expect(hit.hits).toBe(1);
      // The session (with the header's badge) and the layout's read of the assessment; nothing else.
      expect(hit.value.statements).toBe(2);
      if (page === "report") return;
      expect(page === "results" ? hit.value.data.validation : hit.value.data.validated).toBeNull();
      const consultancy = await prisma.organization.create({ data: { name: "验证咨询", kind: "CONSULTANCY" } });
      await prisma.validation.create({
        data: { assessmentId: factory.assessmentId, factoryId: factory.orgId, consultancyId: consultancy.id, version: 1, status: "ISSUED", level: 3, overall: 3.456, issuedAt: new Date(), createdById: factory.owner.id },
      });
      const after = await open();
      expect(page === "results" ? after.data.validation : after.data.validated).toEqual(page === "results" ? { issued: true } : { level: 3, overall: 3.46 });
    },
  );
  it("a load context never lets one user's copy of a request stand for another's, even for the same URL", async () => {
    const owner = await submittedFactory("归属机械");
    const stranger = await submittedFactory("旁人机械");
    const context = {};
    const at = (cookie: string) => new Request(`http://localhost/o/${owner.orgId}/whoami`, { headers: { Cookie: cookie, "x-ffi-client-ip": "127.0.0.1" } });
    const params = { orgId: owner.orgId };
    await expect(whoami.loader({ request: at(owner.cookie), params, context })).resolves.toMatchObject({ organization: "归属机械" });
    // The same URL and context with another user's cookie: that user's own session, so 404 (not a member).
    const refused = await whoami.loader({ request: at(stranger.cookie), params, context }).catch((thrown: unknown) => thrown);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(404);
  });
});
