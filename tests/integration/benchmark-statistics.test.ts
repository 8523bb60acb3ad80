/**
 * Every statistic PostgreSQL computes for benchmarks is checked against the independent
 * TypeScript reference (app/domain/benchmark/reference.ts) on random populations: ties, missing
 * scores, several submissions per factory (same instant too), other questionnaire versions,
 * submissions outside the window or after "as of", small groups that force the fallback.
 */
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { fallbackChain, inGroup, sameGroup, type PeerGroupSpec, type ProfileSnapshot } from "~/domain/benchmark/groups";
import { createRandom, type Random } from "~/domain/benchmark/random";
import { latestPeers, referenceBenchmark, type ScoreRecord } from "~/domain/benchmark/reference";
import type { ItemBenchmark } from "~/domain/benchmark/statistics";
import { groupSize, groupStatistics, peerWindow, resolveGroup } from "~/models/benchmark.server";
import { prisma } from "~/utils/db.server";

const AS_OF = new Date("2026-06-15T08:00:00.000Z");
const DAY = 86400000;
const PROFILES: Omit<ProfileSnapshot, "sizeBand">[] = [
  { industryCode: "34", industryCategory: "equipment", regionCode: "310115", provinceCode: "31", cityCode: null },
  { industryCode: "34", industryCategory: "equipment", regionCode: "310104", provinceCode: "31", cityCode: null },
  { industryCode: "39", industryCategory: "equipment", regionCode: "3205", provinceCode: "32", cityCode: "3205" },
  { industryCode: "35", industryCategory: "equipment", regionCode: "3202", provinceCode: "32", cityCode: "3202" },
  { industryCode: "14", industryCategory: "consumer", regionCode: "3401", provinceCode: "34", cityCode: "3401" },
  { industryCode: "26", industryCategory: "materials", regionCode: "31", provinceCode: "31", cityCode: null },
  { industryCode: "34", industryCategory: "equipment", regionCode: "44", provinceCode: "44", cityCode: null },
];
const SIZES = ["LARGE", "MEDIUM", "SMALL", "MICRO"] as const;
const ITEMS = [
  { itemType: "DIMENSION", itemId: "dim.a" },
  { itemType: "DIMENSION", itemId: "dim.b" },
  { itemType: "CAPABILITY", itemId: "dim.a.one" },
  { itemType: "CAPABILITY", itemId: "dim.a.two" },
  { itemType: "CAPABILITY", itemId: "dim.b.one" },
] as const;

let versionId: string;
let otherVersionId: string;

beforeAll(async () => {
  versionId = (await prisma.questionnaireVersion.findFirstOrThrow({ select: { id: true } })).id;
  otherVersionId = (await prisma.questionnaireVersion.create({ data: { key: "benchmark-test", version: "9.9.9", contentHash: "0".repeat(64), content: {} }, select: { id: true } })).id;
});

/** Scores from a coarse grid (many ties) or continuous, sometimes missing. */
function randomScore(random: Random, missingShare: number): number | null {
  if (random.chance(missingShare)) return null;
  return random.chance(0.6) ? random.int(0, 10) / 2 : Math.round(random.next() * 5 * 1e6) / 1e6;
}

function randomPopulation(random: Random): ScoreRecord[] {
  const organizations = random.int(15, 120);
  const records: ScoreRecord[] = [];
  for (let o = 0; o < organizations; o++) {
    const organizationId = crypto.randomUUID();
    const submissions = random.chance(0.25) ? random.int(2, 3) : 1;
    let profile = { ...random.weighted(PROFILES, [3, 2, 3, 2, 2, 1, 1]), sizeBand: random.weighted(SIZES, [1, 3, 3, 1]) };
    const sharedInstant = new Date(AS_OF.getTime() - random.int(1, 700) * DAY);
    for (let s = 0; s < submissions; s++) {
      // Most inside the window; some older than 24 months, a few "in the future" of asOf.
      const age = random.chance(0.1) ? -random.int(1, 20) : random.chance(0.15) ? random.int(731, 1000) : random.int(0, 720);
      const submittedAt = submissions > 1 && random.chance(0.2) ? sharedInstant : new Date(AS_OF.getTime() - age * DAY - random.int(0, 1000));
      if (s > 0 && random.chance(0.3)) profile = { ...random.weighted(PROFILES, [1, 1, 1, 1, 1, 1, 1]), sizeBand: random.weighted(SIZES, [1, 1, 1, 1]) };
      const missing = random.chance(0.2) ? 0.6 : 0.1;
      const items = ITEMS.map((item) => ({ ...item, score: randomScore(random, item.itemType === "DIMENSION" ? missing / 3 : missing) }));
      const overall = randomScore(random, 0) ?? 0;
      records.push({
        assessmentId: crypto.randomUUID(),
        organizationId,
        questionnaireVersionId: random.chance(0.08) ? otherVersionId : versionId,
        submittedAt,
        ...profile,
        overall,
        level: Math.min(5, Math.floor(overall)),
        items,
      });
    }
  }
  return records;
}

async function store(records: ScoreRecord[]) {
  await prisma.assessmentItemScore.deleteMany();
  await prisma.assessmentScore.deleteMany();
  await prisma.assessment.deleteMany();
  await prisma.organization.deleteMany();
  const organizations = [...new Set(records.map((r) => r.organizationId))];
  await prisma.organization.createMany({ data: organizations.map((id, index) => ({ id, kind: "FACTORY" as const, name: `测试 ${index}` })) });
  await prisma.assessment.createMany({
    data: records.map((r, index) => ({
      id: r.assessmentId,
      organizationId: r.organizationId,
      questionnaireVersionId: r.questionnaireVersionId,
      period: `P${index}`,
      status: "SUBMITTED" as const,
      submittedAt: r.submittedAt,
    })),
  });
  await prisma.assessmentScore.createMany({
    data: records.map((r) => ({
      assessmentId: r.assessmentId,
      organizationId: r.organizationId,
      questionnaireVersionId: r.questionnaireVersionId,
      period: "2026",
      submittedAt: r.submittedAt,
      industryCode: r.industryCode,
      industryCategory: r.industryCategory,
      regionCode: r.regionCode,
      provinceCode: r.provinceCode,
      cityCode: r.cityCode,
      sizeBand: r.sizeBand,
      overall: r.overall,
      level: r.level,
    })),
  });
  await prisma.assessmentItemScore.createMany({ data: records.flatMap((r) => r.items.map((item) => ({ assessmentId: r.assessmentId, ...item }))) });
}

function randomSpec(random: Random, own: ProfileSnapshot): PeerGroupSpec {
  const industry = random.weighted(
    [{ kind: "division", code: own.industryCode } as const, { kind: "category", category: "equipment" } as const, { kind: "division", code: "39" } as const, { kind: "all" } as const],
    [4, 1, 1, 1],
  );
  const region = random.weighted(
    [{ kind: "all" } as const, { kind: "province", code: "31" } as const, { kind: "district", code: "310115" } as const, { kind: "city", code: "3205" } as const, { kind: "province", code: own.provinceCode } as const],
    [3, 1, 1, 1, 1],
  );
  const size = random.chance(0.6) ? ({ kind: "band", band: own.sizeBand } as const) : random.chance(0.5) ? ({ kind: "all" } as const) : ({ kind: "band", band: "LARGE" } as const);
  return { industry, region, size };
}

function expectSameItems(sql: ItemBenchmark[], reference: ItemBenchmark[], context: string) {
  expect(sql.map((item) => `${item.itemType}/${item.itemId}/${item.status}`).sort(), context).toEqual(reference.map((item) => `${item.itemType}/${item.itemId}/${item.status}`).sort());
  for (const expected of reference) {
    const actual = sql.find((item) => item.itemId === expected.itemId && item.itemType === expected.itemType)!;
    if (expected.status !== "ok" || actual.status !== "ok") continue;
    const where = `${context} ${expected.itemId}`;
    expect(actual.n, where).toBe(expected.n);
    for (const key of ["p25", "p50", "p75", "p90"] as const) expect(actual[key], `${where} ${key}`).toBeCloseTo(expected[key], 9);
    if (expected.percentileRank === null) expect(actual.percentileRank, where).toBeNull();
    else expect(actual.percentileRank, where).toBeCloseTo(expected.percentileRank, 9);
  }
}

describe("benchmark SQL against the TypeScript reference", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])("random population %i: same peers, same group after fallback, same statistics", async (seed) => {
    const random = createRandom(seed * 7919);
    const records = randomPopulation(random);
    await store(records);
    const window = peerWindow(AS_OF);
    const onVersion = records.filter((r) => r.questionnaireVersionId === versionId && r.submittedAt <= AS_OF);
    for (let round = 0; round < 6; round++) {
      const subjectRecord = random.weighted(onVersion, onVersion.map(() => 1));
      const subject = { ...subjectRecord, organizationId: subjectRecord.organizationId, questionnaireVersionId: versionId };
      const minGroup = random.weighted([3, 5, 8], [1, 2, 1]);
      const requested = randomSpec(random, subjectRecord);
      const context = `seed ${seed}, round ${round}, k=${minGroup}, ${JSON.stringify(requested)}`;
      const selection = { ownOrganizationId: subject.organizationId, questionnaireVersionId: versionId, asOf: AS_OF };
      const reference = referenceBenchmark(records, subjectRecord, selection, requested, minGroup);

      // Group sizes along the whole chain, including the groups that are too small.
      const peers = latestPeers(records, selection);
      expect(peers.some((peer) => peer.organizationId === subject.organizationId), context).toBe(false);
      for (const candidate of fallbackChain(requested)) {
        const size = await groupSize(subject, candidate.spec, window);
        const members = peers.filter((peer) => inGroup(peer, candidate.spec));
        expect(size.n, `${context} ${JSON.stringify(candidate.spec)}`).toBe(members.length);
        expect(size.levelCounts.reduce((a, b) => a + b, 0)).toBe(members.length);
      }

      const resolved = await resolveGroup(subject, requested, minGroup, window);
      if (reference.used === null) {
        expect(resolved.used, context).toBeNull();
        continue;
      }
      expect(resolved.used, context).not.toBeNull();
      expect(sameGroup(resolved.used!.spec, reference.used.spec), context).toBe(true);
      expect(resolved.used!.step).toBe(reference.used.step);
      expect(resolved.used!.n).toBe(reference.used.n);
      expect(resolved.used!.levelCounts).toEqual(reference.used.levelCounts);
      expect(resolved.skipped.length).toBe(reference.tried.length - 1);

      const statistics = await groupStatistics(subject, resolved.used!.spec, minGroup, window);
      expectSameItems(statistics, reference.items, context);
    }
  });

  it("never returns a statistic over fewer than k peers, and leaves the factory itself out", async () => {
    // Six peers in one group; one capability scored by only four of them; the subject has the highest score.
    const own = crypto.randomUUID();
    const base = { questionnaireVersionId: versionId, ...PROFILES[0]!, sizeBand: "MEDIUM" as const, level: 2 };
    const records: ScoreRecord[] = [0, 1, 2, 3, 4, 5].map((index) => ({
      ...base,
      assessmentId: crypto.randomUUID(),
      organizationId: crypto.randomUUID(),
      submittedAt: new Date(AS_OF.getTime() - (index + 1) * DAY),
      overall: index,
      items: [
        { itemType: "DIMENSION", itemId: "dim.a", score: index / 2 },
        { itemType: "CAPABILITY", itemId: "dim.a.one", score: index < 4 ? index : null },
      ],
    }));
    const subject: ScoreRecord = { ...base, assessmentId: crypto.randomUUID(), organizationId: own, submittedAt: AS_OF, overall: 4.5, items: [{ itemType: "DIMENSION", itemId: "dim.a", score: 4 }, { itemType: "CAPABILITY", itemId: "dim.a.one", score: 3 }] };
    await store([...records, subject]);
    const window = peerWindow(AS_OF);
    const spec: PeerGroupSpec = { industry: { kind: "division", code: "34" }, region: { kind: "all" }, size: { kind: "band", band: "MEDIUM" } };
    expect((await groupSize(subject, spec, window)).n).toBe(6); // seven factories, the subject left out

    const statistics = await groupStatistics(subject, spec, 5, window);
    expect(statistics).toEqual([
      // overall 0…5 → P25 1.25, P50 2.5, P75 3.75, P90 4.5; 4.5 is above five of six peers
      { itemType: "OVERALL", itemId: "overall", status: "ok", n: 6, p25: 1.25, p50: 2.5, p75: 3.75, p90: 4.5, percentileRank: (100 * 5) / 6 },
      { itemType: "DIMENSION", itemId: "dim.a", status: "ok", n: 6, p25: 0.625, p50: 1.25, p75: 1.875, p90: 2.25, percentileRank: 100 },
      { itemType: "CAPABILITY", itemId: "dim.a.one", status: "too-few-peers" },
    ]);
    // With k = 7 not even the group exists: no statistic at all.
    expect((await resolveGroup(subject, spec, 7, window)).used).toBeNull();
    // With k = 4, the capability has exactly enough peers.
    const withFour = await groupStatistics(subject, spec, 4, window);
    expect(withFour[2]).toEqual({ itemType: "CAPABILITY", itemId: "dim.a.one", status: "ok", n: 4, p25: 0.75, p50: 1.5, p75: 2.25, p90: 2.7, percentileRank: 87.5 });
  });
});
