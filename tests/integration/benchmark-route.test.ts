/**
 * The benchmark page against a real PostgreSQL: a synthetic population seeded through the batch
 * writer, a factory that submits through the real assessment model, then the loader as Remix calls
 * it — statuses, messages, the fallback, k-anonymity, organisation isolation, peer gaps.
 */
import crypto from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { toEngineAnswers } from "~/domain/assessment/answers";
import { parseStoredAnswers, parseStoredProfile } from "~/domain/assessment/stored";
import { defaultGroup } from "~/domain/benchmark/groups";
import { POPULATION_ID_MAX, POPULATION_ID_MIN, syntheticAnswers, toStoredAnswers } from "~/domain/benchmark/population";
import { createRandom } from "~/domain/benchmark/random";
import { latestPeers, referenceBenchmark, type ScoreRecord } from "~/domain/benchmark/reference";
import { peerGaps } from "~/domain/benchmark/statistics";
import { publishGroup } from "~/domain/disclosure";
import { disclosureRules } from "~/models/disclosure.server";
import { frozenViewCaches } from "~/models/frozen-views.server";
import type { PlantProfile } from "~/domain/questionnaire/profile";
import { makeCreditCode } from "~/domain/reference/credit-code";
import { scoreAssessment } from "~/domain/scoring";
import { loadQuestionnaireVersion, currentQuestionnaireVersion, saveAnswers, savePlantProfile, startAssessment, submitAssessment } from "~/models/assessment.server";
import { loadBenchmark, loadPeerGaps, peerWindow } from "~/models/benchmark.server";
import * as benchmarkRoute from "~/routes/o.$orgId.assessments.$assessmentId.benchmark/route";
import { prisma } from "~/utils/db.server";
import { translator } from "~/utils/i18n";
import { deletePopulation, populationSize, RealAccountsError, seedPopulation } from "../../server/population";
import { addMember, call, cookieFor, createTestOrganization, createTestUser } from "../support/routes";

const t = translator("zh-CN");

const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const uniqueCreditCode = () => makeCreditCode("91310115" + Array.from({ length: 9 }, () => CHARSET[Math.floor(Math.random() * CHARSET.length)]).join(""));

async function withPg<T>(run: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const BENCHMARK_PLANT: PlantProfile = { productionType: "discrete", markets: ["b2b"], productVariety: "high", sites: "single" };

type Factory = { orgId: string; ownerId: string; cookie: string; submittedId: string; draftId: string };

async function factory(profile: { industryCode: string; regionCode: string; sizeBand: "LARGE" | "MEDIUM" | "SMALL" | "MICRO" }, maturity: number): Promise<Factory> {
  const owner = await createTestUser();
  const org = await createTestOrganization(owner.id, "FACTORY", "测试工厂");
  await prisma.factoryProfile.create({ data: { organizationId: org.id, legalName: "上海测试机械有限公司", creditCode: uniqueCreditCode(), employees: 500, revenueWan: 20000, ...profile } });
  const version = await currentQuestionnaireVersion();
  const { model } = await loadQuestionnaireVersion(version.id);
  // On a questionnaire with a plant profile (2.0.0 on) the draft states one first and answers only what applies to it.
  const plant = model.usesPlantProfile ? BENCHMARK_PLANT : undefined;
  const answers = toStoredAnswers(syntheticAnswers(model, createRandom(Math.round(maturity * 1000)), { maturity, plant }));
  const started = await startAssessment(org.id, owner.id, "2026");
  if (started.status === "profile-missing") throw new Error("profile missing");
  if (plant) expect((await savePlantProfile(org.id, started.id, owner.id, plant)).status).toBe("saved");
  expect((await saveAnswers(org.id, started.id, owner.id, { revision: plant ? 1 : 0, changes: answers })).status).toBe("saved");
  expect((await submitAssessment(org.id, started.id, owner.id)).status).toBe("submitted");
  const draft = await startAssessment(org.id, owner.id, "2027");
  if (draft.status === "profile-missing") throw new Error("profile missing");
  return { orgId: org.id, ownerId: owner.id, cookie: await cookieFor(owner.id), submittedId: started.id, draftId: draft.id };
}

const benchmark = (f: Pick<Factory, "orgId" | "cookie">, assessmentId: string, query = "") =>
  call(benchmarkRoute.loader, { path: `/o/${f.orgId}/assessments/${assessmentId}/benchmark${query}`, params: { orgId: f.orgId, assessmentId }, cookie: f.cookie });

type PageData = Awaited<ReturnType<typeof benchmarkRoute.loader>>;

/** Every score row in the database, for the reference implementation. */
async function allRecords(): Promise<ScoreRecord[]> {
  const scores = await prisma.assessmentScore.findMany();
  const items = await prisma.assessmentItemScore.findMany();
  const byAssessment = new Map<string, ScoreRecord["items"][number][]>();
  for (const item of items) byAssessment.set(item.assessmentId, [...(byAssessment.get(item.assessmentId) ?? []), { itemType: item.itemType as "DIMENSION" | "CAPABILITY", itemId: item.itemId, score: item.score }]);
  return scores.map((score) => ({ ...score, items: byAssessment.get(score.assessmentId) ?? [] }));
}

let machine: Factory;
let electronics: Factory;

beforeAll(async () => {
  // The population must be written before any test account exists: it refuses real databases.
  await withPg((client) => seedPopulation(client, { factories: 600, seed: 11 }));
  machine = await factory({ industryCode: "34", regionCode: "310115", sizeBand: "MEDIUM" }, 2.4);
  electronics = await factory({ industryCode: "39", regionCode: "3205", sizeBand: "LARGE" }, 3.2);
}, 60_000);

describe("benchmark page", () => {
  it("shows the default group (own division and size band, all of China) with the oracle's figures as published, n and no peer data", async () => {
    const result = await benchmark(machine, machine.submittedId);
    expect(result.status).toBe(200);
    const data = result.data as PageData;
    expect(data.selected).toEqual({ industry: "34", region: "all", size: "MEDIUM" });
    expect(data.group).not.toBeNull();

    const records = await allRecords();
    const own = records.find((r) => r.assessmentId === machine.submittedId)!;
    const reference = referenceBenchmark(records, own, { ownOrganizationId: machine.orgId, questionnaireVersionId: own.questionnaireVersionId, asOf: new Date() }, defaultGroup(own), 5);
    // Published through app/domain/disclosure (docs/privacy.md): counts within ±2 (cell key), levels
    // below k suppressed, the median at 0.01 (or its band below 20 peers), the rank coarsened.
    const n = data.group!.n;
    if (n.status !== "ok") throw new Error("the group used always has k peers");
    expect(Math.abs(n.value - reference.used!.n)).toBeLessThanOrEqual(2);
    data.group!.levels.counts.forEach((count, level) => {
      const truth = reference.used!.levelCounts[level]!;
      if (count.status === "ok") expect(Math.abs(count.value - truth)).toBeLessThanOrEqual(2);
      if (truth < 5) expect(count.status).toBe("suppressed");
    });
    expect(data.group!.widened).toBe(reference.used!.step !== null);
    const overall = reference.items.find((item) => item.itemType === "OVERALL")!;
    if (overall.status !== "ok") throw new Error("no overall statistic");
    const { quantiles, rank } = data.overallStat;
    if (quantiles.status === "ok") expect(Math.abs(quantiles.p50 - overall.p50)).toBeLessThanOrEqual(0.005 + 1e-9);
    else if (quantiles.status === "band") expect(overall.p50 >= quantiles.medianFrom && overall.p50 <= quantiles.medianTo).toBe(true);
    else throw new Error("no overall statistic");
    if (rank.status === "band") expect(overall.percentileRank! >= rank.from - 1e-9 && overall.percentileRank! <= rank.to + 1e-9).toBe(true);
    else if (rank.status === "exact") expect(rank.percent).toBe(Math.floor(overall.percentileRank! + 1e-9));
    else expect(overall.n).toBeLessThan(20);
    // Everyone else here is synthetic, and it says so — as a flag, not a count.
    expect(data.group!.containsSynthetic).toBe(true);
    // Aggregates only: no peer's id, name or answers reach the page.
    const payload = JSON.stringify(data);
    expect(payload).not.toMatch(/5eed5eed|样本企业/);
    expect(data.dimensions).toHaveLength(4);
    const { model } = await loadQuestionnaireVersion(own.questionnaireVersionId);
    expect(data.dimensions.flatMap((d) => d.capabilities)).toHaveLength(model.capabilities.length);
    // Peers answered the same questionnaire version, and the page names it (benchmark.versionNote).
    expect(data.version).toBe((await prisma.questionnaireVersion.findUniqueOrThrow({ where: { id: own.questionnaireVersionId } })).version);
  });

  it("widens a group that is too small along the hierarchy and says which group it used", async () => {
    const result = await benchmark(machine, machine.submittedId, "?industry=34&region=310115&size=MEDIUM");
    expect(result.status).toBe(200);
    const data = result.data as PageData;
    expect(data.selected).toEqual({ industry: "34", region: "310115", size: "MEDIUM" });
    // Industry and region names are reference data; the size band and the wording come from the locale.
    expect(data.requestedLabel).toBe(["34 通用设备制造业", "上海市", "浦东新区", t("benchmark.group.sizeBand", { band: t("sizeBand.MEDIUM") })].join(" · "));
    expect(data.group!.widened).toBe(true);
    const n = data.group!.n;
    if (n.status !== "ok") throw new Error("the group used always has k peers");
    expect(n.value).toBeGreaterThanOrEqual(5);
    expect(data.group!.steps[0]).toBe(t("benchmark.group.step.size"));
    const records = await allRecords();
    const own = records.find((r) => r.assessmentId === machine.submittedId)!;
    const reference = referenceBenchmark(records, own, { ownOrganizationId: machine.orgId, questionnaireVersionId: own.questionnaireVersionId, asOf: new Date() }, { industry: { kind: "division", code: "34" }, region: { kind: "district", code: "310115" }, size: { kind: "band", band: "MEDIUM" } }, 5);
    expect(reference.tried[0]!.n).toBeLessThan(5);
    expect(Math.abs(n.value - reference.used!.n)).toBeLessThanOrEqual(2);
    expect(data.group!.steps).toHaveLength(reference.tried.length - 1);
  });

  it("accepts categories, provinces, cities and 'all', and the English labels follow the user", async () => {
    const data = (await benchmark(electronics, electronics.submittedId, "?industry=equipment&region=32&size=all")).data as PageData;
    expect(data.group!.label).toMatch(/^装备制造 · 江苏省/);
    await prisma.user.update({ where: { id: electronics.ownerId }, data: { locale: "en" } });
    const english = (await benchmark(electronics, electronics.submittedId, "?industry=all&region=3205&size=all")).data as PageData;
    await prisma.user.update({ where: { id: electronics.ownerId }, data: { locale: "zh_CN" } });
    const en = translator("en");
    expect(english.requestedLabel).toBe([en("benchmark.filters.allIndustries"), "Suzhou, Jiangsu", en("benchmark.group.allSizes")].join(" · "));
  });

  it.each([
    ["?industry=99", t("benchmark.errors.industry", { code: "99" })],
    ["?region=123456", t("benchmark.errors.region", { code: "123456" })],
    ["?size=GIANT", t("benchmark.errors.size", { code: "GIANT" })],
    ["?industry=34&region=' OR 1=1 --", t("benchmark.errors.region", { code: "' OR 1=1 --" })],
  ])("answers %s with 400 and a message, never a 500", async (query, message) => {
    const result = await benchmark(machine, machine.submittedId, query.replace(/ /g, "%20"));
    expect(result.status).toBe(400);
    expect(result.data).toEqual({ message });
  });

  it("answers a draft with 409 and says why", async () => {
    const result = await benchmark(machine, machine.draftId);
    expect(result.status).toBe(409);
    expect(result.data).toEqual({ message: t("benchmark.errors.notSubmitted") });
  });

  it("answers 404 for another organisation's assessment, through its own organisation or the other's", async () => {
    // Electronics' assessment id under the machine builder's organisation: the scoped query finds nothing.
    expect((await benchmark(machine, electronics.submittedId)).status).toBe(404);
    // The machine builder's owner asking for the electronics organisation: the guard says 404.
    expect((await benchmark({ orgId: electronics.orgId, cookie: machine.cookie }, electronics.submittedId)).status).toBe(404);
    // A synthetic factory's assessment is no more reachable than any other.
    const synthetic = await prisma.assessmentScore.findFirstOrThrow({ where: { organizationId: { gte: POPULATION_ID_MIN, lte: POPULATION_ID_MAX } }, select: { assessmentId: true } });
    expect((await benchmark(machine, synthetic.assessmentId)).status).toBe(404);
    expect((await benchmark(machine, "not-a-uuid")).status).toBe(404);
    expect((await benchmark(machine, crypto.randomUUID())).status).toBe(404);
  });

  it("lets a viewer of the factory read the benchmark", async () => {
    const viewer = await createTestUser();
    await addMember(machine.orgId, viewer.id, "VIEWER");
    expect((await benchmark({ orgId: machine.orgId, cookie: await cookieFor(viewer.id) }, machine.submittedId)).status).toBe(200);
  });
});

describe("k-anonymity", () => {
  it("shows no statistic at all when even all manufacturing has fewer than k peers", async () => {
    const outcome = await loadBenchmark(machine.orgId, machine.submittedId, null, { minGroup: 1000 });
    expect(outcome.status).toBe("ok");
    if (outcome.status !== "ok") return;
    expect(outcome.benchmark.group.used).toBeNull();
    expect(outcome.benchmark.items).toEqual([]);
    // The groups tried are named, but their sizes are not even kept.
    expect(outcome.benchmark.group.skipped.every((candidate) => !("n" in candidate))).toBe(true);
  });

  it("leaves the factory out of its own peers: the electronics factory counts for the machine builder, not for itself", async () => {
    const everyone = { industry: { kind: "all" }, region: { kind: "all" }, size: { kind: "all" } } as const;
    const records = await allRecords();
    const machineView = await loadBenchmark(machine.orgId, machine.submittedId, () => everyone);
    const electronicsView = await loadBenchmark(electronics.orgId, electronics.submittedId, () => everyone);
    if (machineView.status !== "ok" || electronicsView.status !== "ok") throw new Error("no benchmark");
    const versionId = machineView.benchmark.subject.questionnaireVersionId;
    const all = latestPeers(records, { ownOrganizationId: "nobody", questionnaireVersionId: versionId, asOf: new Date() }).length;
    expect(machineView.benchmark.group.used!.n).toBe(all - 1);
    expect(electronicsView.benchmark.group.used!.n).toBe(all - 1);
  });

  it("hides a capability that fewer than k peers have scored, while showing the rest", async () => {
    // Only four factories keep a score for device.edge; for everyone else it is insufficient data.
    await prisma.$executeRaw`UPDATE "AssessmentItemScore" SET score = NULL WHERE "itemId" = 'device.edge' AND "assessmentId" NOT IN (
      SELECT "assessmentId" FROM "AssessmentScore" WHERE "organizationId" <> ${machine.orgId}::uuid ORDER BY "assessmentId" LIMIT 4)`;
    const data = (await benchmark(machine, machine.submittedId, "?industry=all&size=all")).data as PageData;
    const device = data.dimensions.find((d) => d.id === "device")!;
    expect(device.capabilities.find((c) => c.id === "device.edge")!.stat).toEqual({ n: { status: "suppressed" }, quantiles: { status: "suppressed" }, rank: { status: "suppressed" } });
    expect(device.capabilities.find((c) => c.id === "device.connectivity")!.stat.quantiles.status).toBe("ok");
    // The score update fires the aggregates' upkeep for every contributing factory: 8.6 s in a loaded CI run.
  }, 60_000);
});

describe("peer gaps for the roadmap", () => {
  it("are peer median − own score per capability against the default group", async () => {
    const gaps = await loadPeerGaps(machine.orgId, machine.submittedId);
    const outcome = await loadBenchmark(machine.orgId, machine.submittedId, null, { withResult: true });
    if (outcome.status !== "ok") throw new Error("no benchmark");
    const { subject, items, group } = outcome.benchmark;
    // What the page may show: published medians only (an exact gap would reveal an unpublished median).
    const published = publishGroup(group.used!.raw, disclosureRules(), subject.result!.capabilities.map((c) => c.capabilityId));
    expect(gaps).toEqual(peerGaps(subject.result!, published));
    for (const capabilityId of gaps.keys()) {
      const quantiles = published.items.find((item) => item.itemId === capabilityId)!.quantiles;
      expect(quantiles.status).toBe("ok");
    }
    // Gaps exist exactly where an exact median is published; a median band (5–19 peers) gives none.
    const scored = new Set(subject.result!.capabilities.filter((c) => c.status === "scored").map((c) => c.capabilityId));
    const exact = published.items.filter((item) => item.quantiles.status === "ok" && scored.has(item.itemId)).map((item) => item.itemId);
    expect([...gaps.keys()].sort()).toEqual(exact.sort());
    const banded = published.items.filter((item) => item.quantiles.status === "band" && scored.has(item.itemId));
    expect(banded.length + exact.length).toBeGreaterThan(15);
    for (const item of banded) expect(gaps.has(item.itemId)).toBe(false);
    const version = await currentQuestionnaireVersion();
    const { model } = await loadQuestionnaireVersion(version.id);
    const assessment = await prisma.assessment.findUniqueOrThrow({ where: { id: machine.submittedId } });
    const rescored = scoreAssessment(model, toEngineAnswers(parseStoredAnswers(assessment.answers)), { mode: "submission", profile: parseStoredProfile(assessment.profile) });
    const connectivity = items.find((item) => item.itemId === "device.connectivity");
    const own = rescored.capabilities.find((c) => c.capabilityId === "device.connectivity");
    const publishedConnectivity = published.items.find((item) => item.itemId === "device.connectivity")!.quantiles;
    if (connectivity?.status === "ok" && own?.status === "scored" && publishedConnectivity.status === "ok") {
      expect(gaps.get("device.connectivity")).toBeCloseTo(publishedConnectivity.p50 - Math.round(own.score * 100) / 100, 9);
    }
    expect(await loadPeerGaps(machine.orgId, machine.draftId)).toEqual(new Map());
    expect(await loadPeerGaps(electronics.orgId, machine.submittedId)).toEqual(new Map());
    expect(peerWindow(new Date("2026-11-27T00:00:00Z")).since.toISOString()).toBe("2024-11-27T00:00:00.000Z");
  });
});

describe("synthetic population safety", () => {
  it("refuses to seed a database with real accounts and deletes only synthetic factories", async () => {
    const before = await withPg(populationSize);
    expect(before).toBe(600);
    await expect(withPg((client) => seedPopulation(client, { factories: 10, seed: 1 }))).rejects.toBeInstanceOf(RealAccountsError);
    expect(await withPg(populationSize)).toBe(600);
    expect(await withPg(deletePopulation)).toBe(600);
    expect(await withPg(populationSize)).toBe(0);
    expect(await prisma.organization.count({ where: { id: { in: [machine.orgId, electronics.orgId] } } })).toBe(2);
    expect(await prisma.assessmentScore.count()).toBe(2);
    // With only two factories left there is nothing to show, and the page says so instead of failing.
    // Peer statistics may be served from the cache for up to PEER_TTL_MS (ADR 0024): start afresh.
    frozenViewCaches.clear();
    const data = (await benchmark(machine, machine.submittedId)).data as PageData;
    expect(data.group).toBeNull();
    expect(data.overallStat).toEqual({ n: { status: "suppressed" }, quantiles: { status: "suppressed" }, rank: { status: "suppressed" } });
  });
});
