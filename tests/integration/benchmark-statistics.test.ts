/**
 * Every aggregate the benchmark reads (readGroups: counts, cell keys, levels, histograms) and every
 * statistic computed from it is checked against the independent TypeScript reference
 * (app/domain/benchmark/reference.ts) on random populations: ties, missing scores, several
 * submissions per factory (same instant too), other questionnaire versions, submissions outside
 * the window or after "as of", small groups that force the fallback, synthetic factories, periods.
 * Statistics are defined on scores rounded to 0.01.
 */
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { fallbackChain, inGroup, sameGroup, type PeerGroupSpec, type ProfileSnapshot } from "~/domain/benchmark/groups";
import { createRandom, type Random } from "~/domain/benchmark/random";
import { hundredths } from "~/domain/benchmark/histogram";
import { populationOrganizationId } from "~/domain/benchmark/population";
import { latestPeers, referenceBenchmark, referenceContributors, referenceGroup, type ScoreRecord } from "~/domain/benchmark/reference";
import type { ItemBenchmark } from "~/domain/benchmark/statistics";
import type { RawGroup } from "~/domain/disclosure/types";
import { readGroups } from "~/models/aggregates.server";
import { itemStatistics, peerWindow, resolveGroup } from "~/models/benchmark.server";
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
    // Some synthetic factories (the 5eed5eed-… block), counted apart.
    const organizationId = random.chance(0.2) ? populationOrganizationId(random.int(0, 1_000_000)) : crypto.randomUUID();
    if (records.some((r) => r.organizationId === organizationId)) continue;
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
        period: random.weighted(["2025", "2026"], [1, 2]),
        recordKey: random.int(0, 255),
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
      period: r.period ?? "2026",
      submittedAt: r.submittedAt,
      industryCode: r.industryCode,
      industryCategory: r.industryCategory,
      regionCode: r.regionCode,
      provinceCode: r.provinceCode,
      cityCode: r.cityCode,
      sizeBand: r.sizeBand,
      overall: r.overall,
      level: r.level,
      recordKey: r.recordKey ?? 0,
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

function expectSameGroup(actual: RawGroup, expected: ReturnType<typeof referenceGroup>, context: string, withItems: boolean) {
  expect({ n: actual.n, key: actual.key, synthetic: actual.synthetic, levels: actual.levels }, context).toEqual({ n: expected.n, key: expected.key, synthetic: expected.synthetic, levels: expected.levels });
  if (!withItems) return;
  expect([...actual.items.keys()].sort(), context).toEqual([...expected.items.keys()].sort());
  for (const [itemId, histogram] of expected.items) {
    const item = actual.items.get(itemId)!;
    expect(item.histogram, `${context} ${itemId}`).toEqual(histogram);
    expect(item.n, `${context} ${itemId}`).toBe(histogram.reduce((a, b) => a + b, 0));
  }
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
      const chain = fallbackChain(requested);
      const groups = await readGroups({ versionId, scope: { kind: "current" }, specs: chain.map((c) => c.spec), excludeOrganizationId: subject.organizationId, asOf: AS_OF, items: true });
      const contributors = referenceContributors(records, versionId, { kind: "current", asOf: AS_OF }, subject.organizationId);
      chain.forEach((candidate, index) => {
        const members = peers.filter((peer) => inGroup(peer, candidate.spec));
        expect(groups[index]!.n, `${context} ${JSON.stringify(candidate.spec)}`).toBe(members.length);
        expectSameGroup(groups[index]!, referenceGroup(contributors, candidate.spec), `${context} ${JSON.stringify(candidate.spec)}`, true);
      });

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

      const statistics = itemStatistics(subjectRecord, resolved.used!.raw, minGroup);
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
    const resolved = await resolveGroup(subject, spec, 5, window);
    expect(resolved.used?.raw.n).toBe(6); // seven factories, the subject left out

    const statistics = itemStatistics(subject, resolved.used!.raw, 5);
    expect(statistics).toEqual([
      // overall 0…5 → P25 1.25, P50 2.5, P75 3.75, P90 4.5; 4.5 is above five of six peers
      { itemType: "OVERALL", itemId: "overall", status: "ok", n: 6, p25: 1.25, p50: 2.5, p75: 3.75, p90: 4.5, percentileRank: (100 * 5) / 6 },
      { itemType: "DIMENSION", itemId: "dim.a", status: "ok", n: 6, p25: 0.625, p50: 1.25, p75: 1.875, p90: 2.25, percentileRank: 100 },
      { itemType: "CAPABILITY", itemId: "dim.a.one", status: "too-few-peers" },
    ]);
    // With k = 7 not even the group exists: no statistic at all.
    expect((await resolveGroup(subject, spec, 7, window)).used).toBeNull();
    // With k = 4, the capability has exactly enough peers.
    const withFour = itemStatistics(subject, resolved.used!.raw, 4);
    expect(withFour[2]).toEqual({ itemType: "CAPABILITY", itemId: "dim.a.one", status: "ok", n: 4, p25: 0.75, p50: 1.5, p75: 2.25, p90: 2.7, percentileRank: 87.5 });
  });

  it.each([21, 22, 23])("random population %i, period scope: each factory's latest submission with the period label, chosen items", async (seed) => {
    const random = createRandom(seed * 7919);
    const records = randomPopulation(random);
    await store(records);
    const specs: PeerGroupSpec[] = [
      { industry: { kind: "all" }, region: { kind: "all" }, size: { kind: "all" } },
      { industry: { kind: "division", code: "34" }, region: { kind: "province", code: "31" }, size: { kind: "all" } },
      { industry: { kind: "category", category: "equipment" }, region: { kind: "city", code: "3205" }, size: { kind: "band", band: "MEDIUM" } },
      { industry: { kind: "all" }, region: { kind: "district", code: "310115" }, size: { kind: "band", band: "SMALL" } },
      { industry: { kind: "division", code: "13" }, region: { kind: "all" }, size: { kind: "all" } }, // nobody: n = 0
    ];
    for (const period of ["2025", "2026", "1999"]) {
      const groups = await readGroups({ versionId, scope: { kind: "period", period }, specs, items: ["overall", "dim.a", "dim.a.one", "no.such.item"] });
      const contributors = referenceContributors(records, versionId, { kind: "period", period });
      specs.forEach((spec, index) => {
        const context = `seed ${seed} ${period} ${JSON.stringify(spec)}`;
        const expected = referenceGroup(contributors, spec);
        expectSameGroup(groups[index]!, { ...expected, items: new Map() }, context, false);
        for (const itemId of ["overall", "dim.a", "dim.a.one", "no.such.item"]) {
          const histogram = expected.items.get(itemId) ?? new Array<number>(501).fill(0);
          expect(groups[index]!.items.get(itemId)?.histogram, `${context} ${itemId}`).toEqual(histogram);
        }
        expect([...groups[index]!.items.keys()].sort(), context).toEqual(["dim.a", "dim.a.one", "no.such.item", "overall"]);
      });
      expect(groups[4]!.n).toBe(0);
    }
  });

  it("rounds scores to hundredths half up, as toHundredths does (2.125 → 2.13, 1.005 → 1.00 in binary)", async () => {
    const base = { questionnaireVersionId: versionId, ...PROFILES[0]!, sizeBand: "MEDIUM" as const, level: 2, submittedAt: new Date(AS_OF.getTime() - DAY) };
    const scores = [2.125, 1.005, 0.004999, 4.995, 3.3349999];
    const records: ScoreRecord[] = scores.map((overall) => ({ ...base, assessmentId: crypto.randomUUID(), organizationId: crypto.randomUUID(), overall, items: [] }));
    await store(records);
    const spec: PeerGroupSpec = { industry: { kind: "all" }, region: { kind: "all" }, size: { kind: "all" } };
    const [group] = await readGroups({ versionId, scope: { kind: "current" }, specs: [spec], items: true, asOf: AS_OF });
    const histogram = group!.items.get("overall")!.histogram;
    const bins = histogram.flatMap((count, bin) => (count > 0 ? [bin] : []));
    expect(bins).toEqual([0, 100, 213, 333, 500]);
    expect(scores.map(hundredths).sort((a, b) => a - b)).toEqual(bins); // the TypeScript side agrees
  });
});
