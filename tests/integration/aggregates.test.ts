/**
 * The maintained aggregates (contributions, cube cells, histograms of large cells, registered
 * counts; kept by the triggers of the aggregates migration) against the straight SQL over the score
 * rows (readGroupsLive, itself checked against the TypeScript reference in
 * benchmark-statistics.test.ts), on random populations: after inserts, re-submissions, moves and
 * growth, deletions, profile changes, expiry and a rebuild. Small histogram threshold, so that
 * both the histogram cells and the cells read from the contributions are exercised.
 */
import crypto from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { PeerGroupSpec } from "~/domain/benchmark/groups";
import { populationOrganizationId } from "~/domain/benchmark/population";
import { createRandom, type Random } from "~/domain/benchmark/random";
import { windowStart } from "~/domain/benchmark/window";
import type { RawGroup } from "~/domain/disclosure/types";
import {
  aggregatePeriods,
  aggregatePeriodsLive,
  aggregatesReady,
  cellHistogramsSql,
  cellKey,
  expireAggregates,
  maintainAggregates,
  readGroups,
  readGroupsLive,
  readGroupsMaintained,
  rebuildAggregates,
  registeredCounts,
  registeredCountsLive,
  sectorVersion,
  sectorVersionLive,
  type AggregateScope,
} from "~/models/aggregates.server";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { rebuildAggregatesInSteps } from "../../server/population-aggregates";

const DAY = 86_400_000;
const REGIONS = [
  { regionCode: "310115", provinceCode: "31", cityCode: null },
  { regionCode: "310104", provinceCode: "31", cityCode: null },
  { regionCode: "31", provinceCode: "31", cityCode: null },
  { regionCode: "3205", provinceCode: "32", cityCode: "3205" },
  { regionCode: "3202", provinceCode: "32", cityCode: "3202" },
  { regionCode: "33", provinceCode: "33", cityCode: null },
] as const;
const INDUSTRIES = [
  { industryCode: "34", industryCategory: "equipment" },
  { industryCode: "39", industryCategory: "equipment" },
  { industryCode: "14", industryCategory: "consumer" },
  { industryCode: "26", industryCategory: "materials" },
] as const;
const SIZES = ["LARGE", "MEDIUM", "SMALL", "MICRO"] as const;
const ITEMS = ["dim.a", "dim.b", "dim.a.one", "dim.a.two", "dim.b.one"];
const SPECS: PeerGroupSpec[] = [
  { industry: { kind: "all" }, region: { kind: "all" }, size: { kind: "all" } },
  { industry: { kind: "division", code: "34" }, region: { kind: "all" }, size: { kind: "band", band: "SMALL" } },
  { industry: { kind: "category", category: "equipment" }, region: { kind: "province", code: "31" }, size: { kind: "all" } },
  { industry: { kind: "all" }, region: { kind: "district", code: "310115" }, size: { kind: "all" } },
  { industry: { kind: "division", code: "34" }, region: { kind: "district", code: "310115" }, size: { kind: "band", band: "MEDIUM" } },
  { industry: { kind: "all" }, region: { kind: "city", code: "3205" }, size: { kind: "band", band: "SMALL" } },
  { industry: { kind: "category", category: "consumer" }, region: { kind: "province", code: "32" }, size: { kind: "all" } },
  { industry: { kind: "division", code: "26" }, region: { kind: "province", code: "31" }, size: { kind: "band", band: "LARGE" } },
  { industry: { kind: "division", code: "13" }, region: { kind: "all" }, size: { kind: "all" } }, // nobody
  { industry: { kind: "all" }, region: { kind: "district", code: "310104" }, size: { kind: "band", band: "MICRO" } },
];

let versionId: string;
let otherVersionId: string;

async function sql(text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  versionId = (await prisma.questionnaireVersion.findFirstOrThrow({ select: { id: true } })).id;
  otherVersionId = (await prisma.questionnaireVersion.create({ data: { key: "aggregates-test", version: "9.9.9", contentHash: "0".repeat(64), content: {} }, select: { id: true } })).id;
  // Cells of 8 contributors keep histograms: both read paths get exercised on small populations.
  await prisma.aggregateState.update({ where: { id: 1 }, data: { histogramMin: 8 } });
});

interface Factory {
  organizationId: string;
  profile: { industryCode: string; industryCategory: string; regionCode: string; provinceCode: string; cityCode: string | null; sizeBand: (typeof SIZES)[number] };
}

function randomProfile(random: Random): Factory["profile"] {
  return { ...random.weighted(INDUSTRIES, [4, 1, 1, 1]), ...random.weighted(REGIONS, [4, 2, 1, 2, 1, 1]), sizeBand: random.weighted(SIZES, [1, 3, 4, 1]) };
}

function randomScore(random: Random): number | null {
  if (random.chance(0.1)) return null;
  return random.chance(0.5) ? random.int(0, 10) / 2 : Math.round(random.next() * 5 * 1e4) / 1e4;
}

/** One submission as submitAssessment writes it: assessment, score row and item rows in one transaction. */
async function submit(random: Random, factory: Factory, options: { versionId?: string; period?: string; submittedAt?: Date } = {}) {
  const assessmentId = crypto.randomUUID();
  const version = options.versionId ?? versionId;
  const overall = randomScore(random) ?? 1;
  const submittedAt = options.submittedAt ?? new Date(Date.now() - random.int(2, 700) * DAY - random.int(0, 100_000));
  const period = options.period ?? random.weighted(["2025", "2026"], [1, 2]);
  await prisma.$transaction([
    prisma.assessment.create({ data: { id: assessmentId, organizationId: factory.organizationId, questionnaireVersionId: version, period, status: "SUBMITTED", submittedAt } }),
    prisma.assessmentScore.create({
      data: { assessmentId, organizationId: factory.organizationId, questionnaireVersionId: version, period, submittedAt, ...factory.profile, overall, level: Math.min(5, Math.floor(overall)), recordKey: random.int(0, 255) },
    }),
    prisma.assessmentItemScore.createMany({ data: ITEMS.map((itemId) => ({ assessmentId, itemType: itemId.split(".").length === 2 ? "DIMENSION" : "CAPABILITY", itemId, score: randomScore(random) })) }),
  ]);
  return assessmentId;
}

async function newFactory(random: Random, index: number): Promise<Factory> {
  const organizationId = random.chance(0.2) ? populationOrganizationId(1_000 + index) : crypto.randomUUID();
  const profile = randomProfile(random);
  await prisma.organization.create({ data: { id: organizationId, kind: "FACTORY", name: `聚合测试 ${index}` } });
  if (random.chance(0.9)) {
    await prisma.factoryProfile.create({
      data: { organizationId, legalName: `聚合测试 ${index}`, creditCode: `TEST${String(index).padStart(14, "0")}`, industryCode: profile.industryCode, regionCode: profile.regionCode, employees: 100, revenueWan: 1000, sizeBand: profile.sizeBand },
    });
  }
  return { organizationId, profile };
}

async function reset() {
  await prisma.assessment.deleteMany();
  await prisma.factoryProfile.deleteMany();
  await prisma.organization.deleteMany({ where: { name: { startsWith: "聚合测试" } } });
}

function comparable(group: RawGroup) {
  return {
    n: group.n,
    key: group.key,
    synthetic: group.synthetic,
    levels: group.levels,
    items: Object.fromEntries([...group.items].filter(([, item]) => item.n > 0).map(([id, item]) => [id, { n: item.n, bins: item.histogram.flatMap((count, bin) => (count ? [[bin, count]] : [])) }])),
  };
}

/** Every spec, both scopes, items all / some / none, with and without an excluded factory: maintained = live. */
async function expectSameAsLive(context: string, factories: readonly Factory[], asOf = new Date()) {
  expect(await aggregatesReady(), context).toBe(true);
  const scopes: AggregateScope[] = [{ kind: "current" }, { kind: "period", period: "2025" }, { kind: "period", period: "2026" }, { kind: "period", period: "1999" }];
  const excluded = factories[0]?.organizationId;
  for (const scope of scopes) {
    for (const variant of [
      { items: true as const, excludeOrganizationId: undefined },
      { items: ["overall", "dim.a.one", "no.such.item"], excludeOrganizationId: excluded },
      { items: undefined, excludeOrganizationId: excluded },
    ]) {
      const query = { versionId, scope, specs: SPECS, ...variant };
      const maintained = await readGroupsMaintained(query);
      const live = await readGroupsLive({ ...query, asOf });
      SPECS.forEach((spec, index) => {
        expect(comparable(maintained[index]!), `${context} ${JSON.stringify(scope)} ${JSON.stringify(variant)} ${JSON.stringify(spec)}`).toEqual(comparable(live[index]!));
      });
    }
  }
  for (const spec of SPECS.slice(0, 4)) {
    expect(await aggregatePeriods(versionId, spec), context).toEqual(await aggregatePeriodsLive(versionId, spec));
    // The authority views list only periods with at least k contributors.
    expect(await aggregatePeriods(versionId, spec, 3), context).toEqual(await aggregatePeriodsLive(versionId, spec, 3));
    expect(await aggregatePeriods(versionId, spec, 10_000), context).toEqual([]);
    expect(await aggregatePeriodsLive(versionId, spec, 10_000), context).toEqual([]);
    expect(await sectorVersion(spec), context).toEqual(await sectorVersionLive(spec));
  }
  expect(await registeredCounts(SPECS), context).toEqual(await registeredCountsLive(SPECS));
}

describe("maintained aggregates against the straight SQL", () => {
  it.each([1, 2, 3])(
    "random population %i: inserts, re-submissions, moves, deletions, profile changes, expiry, rebuild",
    async (seed) => {
      await reset();
      const random = createRandom(seed * 104_729);
      const factories: Factory[] = [];
      for (let index = 0; index < random.int(25, 45); index++) factories.push(await newFactory(random, index));
      for (const factory of factories) {
        await submit(random, factory);
        if (random.chance(0.15)) await submit(random, factory, { versionId: otherVersionId });
      }
      await expectSameAsLive(`seed ${seed} first submissions`, factories);

      // Re-submissions now (same or other period), some after a move or a change of size band.
      for (const factory of factories.filter(() => random.chance(0.4))) {
        if (random.chance(0.5)) factory.profile = randomProfile(random);
        await submit(random, factory, { submittedAt: new Date(Date.now() - random.int(0, 5_000)) });
      }
      // An older submission arriving late (e.g. an import): not the latest, changes nothing in "current".
      await submit(random, factories[1]!, { submittedAt: new Date(Date.now() - 720 * DAY) });
      await expectSameAsLive(`seed ${seed} re-submissions`, factories);

      // Deleted assessments (the previous one becomes the latest again) and a deleted factory.
      const scores = await prisma.assessmentScore.findMany({ select: { assessmentId: true }, orderBy: { assessmentId: "asc" } });
      for (const { assessmentId } of scores.filter(() => random.chance(0.1))) await prisma.assessment.delete({ where: { id: assessmentId } });
      await prisma.organization.delete({ where: { id: factories.at(-1)!.organizationId } });
      factories.pop();
      await expectSameAsLive(`seed ${seed} deletions`, factories);

      // Profiles edited, moved, deleted: the registered counts follow.
      for (const factory of factories.filter(() => random.chance(0.3))) {
        const profile = randomProfile(random);
        await prisma.factoryProfile.updateMany({ where: { organizationId: factory.organizationId }, data: { regionCode: profile.regionCode, sizeBand: profile.sizeBand, industryCode: profile.industryCode } });
      }
      await prisma.factoryProfile.deleteMany({ where: { organizationId: factories[2]!.organizationId } });
      await expectSameAsLive(`seed ${seed} profile changes`, factories);

      // A year later: contributions older than 24 months leave "current".
      const later = new Date(Date.now() + 365 * DAY);
      const removed = await expireAggregates(later);
      expect(removed).toBeGreaterThan(0);
      await expectSameAsLive(`seed ${seed} expiry`, factories, later);

      // A rebuild from scratch gives the same aggregates as the maintenance did (now, before expiry).
      await rebuildAggregates({ query: (text: string) => sql(text) });
      await expectSameAsLive(`seed ${seed} rebuild`, factories);

      // The stepwise rebuild (db:rebuild-aggregates): histograms over several connections, the same aggregates.
      const steps = await rebuildAggregatesInSteps(process.env.DATABASE_URL!, { connections: 3 });
      expect(steps.map((step) => step.step)).toEqual(["contributions, cells, registered counts", "histograms", "VACUUM (ANALYZE)"]);
      await expectSameAsLive(`seed ${seed} stepwise rebuild`, factories);

      // A lowered histogramMin (as migration 20261129190000 did): the missing histograms are built, nothing else changes.
      await prisma.aggregateState.update({ where: { id: 1 }, data: { histogramMin: 1_000_000 } });
      await rebuildAggregates({ query: (text: string) => sql(text) });
      await prisma.aggregateState.update({ where: { id: 1 }, data: { histogramMin: 8 } });
      await rebuildAggregatesInSteps(process.env.DATABASE_URL!, { connections: 2, histogramsOnly: true });
      const cells = await sql(`SELECT count(*) FILTER (WHERE n >= 8 AND NOT histograms)::int AS missing, count(*) FILTER (WHERE histograms)::int AS built FROM "AggregateCell"`);
      expect(cells.rows[0]).toEqual({ missing: 0, built: expect.any(Number) });
      expect(cells.rows[0].built).toBeGreaterThan(0);
      await expectSameAsLive(`seed ${seed} histograms built after histogramMin was lowered`, factories);
    },
    240_000,
  );

  it("marks the aggregates stale during a bulk load, reads the score rows meanwhile, and is current again after the rebuild", async () => {
    await reset();
    const random = createRandom(7);
    const factories: Factory[] = [];
    for (let index = 0; index < 12; index++) factories.push(await newFactory(random, index));
    for (const factory of factories) await submit(random, factory);
    await expectSameAsLive("before", factories);

    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT set_config('ffi.bulk', 'on', true)");
      await client.query(`UPDATE "AssessmentScore" SET level = 5, overall = 5 WHERE "organizationId" = $1`, [factories[0]!.organizationId]);
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
    expect(await aggregatesReady()).toBe(false);
    const spec = SPECS[0]!;
    // readGroups follows the score rows while stale
    const [group] = await readGroups({ versionId, scope: { kind: "current" }, specs: [spec], items: true });
    const [live] = await readGroupsLive({ versionId, scope: { kind: "current" }, specs: [spec], items: true });
    expect(comparable(group!)).toEqual(comparable(live!));
    expect(group!.levels[5]!.n).toBeGreaterThan(0);

    // The hourly job rebuilds what a bulk writer left stale.
    expect(await maintainAggregates()).toBe(0);
    await expectSameAsLive("after the hourly job's rebuild", factories);
  }, 60_000);

  it("reads a cell without stored histograms from exactly its own contribution rows, whatever the groups around it hold", async () => {
    await reset();
    const random = createRandom(11);
    const factories: Factory[] = [];
    for (let index = 0; index < 40; index++) factories.push(await newFactory(random, index));
    for (const factory of factories) await submit(random, factory);
    // No stored histograms at all: every cell below is read from its contributions.
    await prisma.aggregateState.update({ where: { id: 1 }, data: { histogramMin: 1_000_000 } });
    try {
      await rebuildAggregates({ query: (text: string) => sql(text) });
      const scope = "current";
      // Cells the b-tree prefixes only reached through a wider group: a division inside a district or a
      // city, a category inside a district, a size band inside a province, all manufacturing in a city.
      const specs = SPECS.filter((spec) => spec.industry.kind !== "all" || spec.region.kind !== "all");
      const keys = specs.map(cellKey);
      const cells = await prisma.aggregateCell.findMany({ where: { versionId, scope }, select: { industry: true, region: true, size: true, n: true } });
      const expected = keys.reduce((sum, key) => sum + (cells.find((cell) => cell.industry === key.industry && cell.region === key.region && cell.size === key.size)?.n ?? 0), 0);
      expect(expected).toBeGreaterThan(0);
      // The tiny test table would be scanned whole; the question is what the index lookup reads.
      const plan = await prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
        return tx.$queryRaw<{ "QUERY PLAN": { Plan: Record<string, unknown> }[] }[]>(Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${cellHistogramsSql(versionId, scope, keys, true)}`);
      });
      const nodes: Record<string, unknown>[] = [];
      const walk = (node: Record<string, unknown>) => {
        nodes.push(node);
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
      };
      walk(plan[0]!["QUERY PLAN"][0]!.Plan);
      const scans = nodes.filter((node) => node["Relation Name"] === "AggregateContribution");
      expect(scans.length).toBeGreaterThan(0);
      const removed = scans.reduce((sum, node) => sum + Number(node["Rows Removed by Filter"] ?? 0) + Number(node["Rows Removed by Index Recheck"] ?? 0), 0);
      const read = scans.reduce((sum, node) => sum + Number(node["Actual Rows"]) * Number(node["Actual Loops"]), 0);
      expect({ read, removed }).toEqual({ read: expected, removed: 0 });
    } finally {
      await prisma.aggregateState.update({ where: { id: 1 }, data: { histogramMin: 8 } });
      await rebuildAggregates({ query: (text: string) => sql(text) });
    }
  }, 120_000);

  it("windows the current scope at 24 calendar months in UTC, as the TypeScript window does", async () => {
    const rows = await prisma.$queryRaw<{ start: Date }[]>`SELECT ffi_window_start(${new Date("2026-03-31T20:30:00.000Z")}::timestamptz) AS start`;
    expect(rows[0]!.start.toISOString()).toBe(windowStart(new Date("2026-03-31T20:30:00.000Z")).toISOString());
    const leap = await prisma.$queryRaw<{ start: Date }[]>`SELECT ffi_window_start(${new Date("2028-02-29T23:59:59.999Z")}::timestamptz) AS start`;
    expect(leap[0]!.start.toISOString()).toBe(windowStart(new Date("2028-02-29T23:59:59.999Z")).toISOString());
  });
});
