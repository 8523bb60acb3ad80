import { describe, expect, it } from "vitest";
import { defaultGroup, type PeerGroupSpec } from "./groups";
import { latestPeers, referenceBenchmark, type ScoreRecord } from "./reference";

const VERSION = "v1";
const AS_OF = new Date("2026-11-27T00:00:00Z");
const OWN = "org-own";
const daysAgo = (days: number) => new Date(AS_OF.getTime() - days * 86400000);

let counter = 0;
function record(organizationId: string, overrides: Partial<ScoreRecord> & { capability?: number | null } = {}): ScoreRecord {
  const { capability = 2, ...rest } = overrides;
  counter++;
  return {
    assessmentId: `a-${String(counter).padStart(4, "0")}`,
    organizationId,
    questionnaireVersionId: VERSION,
    submittedAt: daysAgo(10),
    industryCode: "34",
    industryCategory: "equipment",
    regionCode: "3205",
    provinceCode: "32",
    cityCode: "3205",
    sizeBand: "MEDIUM",
    overall: 2,
    level: 2,
    items: [
      { itemType: "DIMENSION", itemId: "d", score: rest.overall ?? 2 },
      { itemType: "CAPABILITY", itemId: "c", score: capability },
    ],
    ...rest,
  };
}

describe("latestPeers", () => {
  it("keeps each other organisation's latest submission on the version, if it is inside the window", () => {
    const rows = [
      record("a", { submittedAt: daysAgo(400), overall: 1 }),
      record("a", { submittedAt: daysAgo(20), overall: 3 }), // latest of a
      record("b", { submittedAt: daysAgo(800) }), // outside 24 months
      record("c", { submittedAt: daysAgo(30) }),
      record("c", { submittedAt: daysAgo(5), questionnaireVersionId: "v2" }), // other version: ignored
      record("d", { submittedAt: daysAgo(-1) }), // after asOf
      record(OWN, { submittedAt: daysAgo(3) }), // the factory itself
    ];
    const peers = latestPeers(rows, { ownOrganizationId: OWN, questionnaireVersionId: VERSION, asOf: AS_OF });
    expect(peers.map((p) => [p.organizationId, p.overall]).sort()).toEqual([
      ["a", 3],
      ["c", 2],
    ]);
  });

  it("counts a factory with its latest profile only, even if an older submission fits the group better", () => {
    const rows = [record("moved", { submittedAt: daysAgo(300), regionCode: "3205", cityCode: "3205" }), record("moved", { submittedAt: daysAgo(10), regionCode: "3401", provinceCode: "34", cityCode: "3401" })];
    const peers = latestPeers(rows, { ownOrganizationId: OWN, questionnaireVersionId: VERSION, asOf: AS_OF });
    expect(peers).toHaveLength(1);
    expect(peers[0]!.cityCode).toBe("3401");
  });

  it("breaks a tie on the instant by the larger assessment id", () => {
    const at = daysAgo(7);
    const rows = [record("t", { submittedAt: at, assessmentId: "b-2", overall: 4 }), record("t", { submittedAt: at, assessmentId: "b-1", overall: 1 })];
    expect(latestPeers(rows, { ownOrganizationId: OWN, questionnaireVersionId: VERSION, asOf: AS_OF }).map((p) => p.overall)).toEqual([4]);
  });
});

describe("referenceBenchmark", () => {
  const own = { overall: 2, items: record(OWN).items };
  const selection = { ownOrganizationId: OWN, questionnaireVersionId: VERSION, asOf: AS_OF };

  it("uses the requested group when it has k peers, with hand-checked statistics", () => {
    const rows = [1, 2, 3, 4, 5].map((overall, index) => record(`p${index}`, { overall, level: overall === 5 ? 4 : Math.floor(overall), capability: index < 2 ? null : overall }));
    const result = referenceBenchmark([...rows, record(OWN, { overall: 0 })], own, selection, defaultGroup(rows[0]!), 5);
    expect(result.used).toMatchObject({ step: null, n: 5, levelCounts: [0, 1, 1, 1, 2, 0] });
    expect(result.items[0]).toEqual({ itemType: "OVERALL", itemId: "overall", status: "ok", n: 5, p25: 2, p50: 3, p75: 4, p90: 4.6, percentileRank: 30 });
    expect(result.items[1]).toMatchObject({ itemType: "DIMENSION", itemId: "d", status: "ok", n: 5 });
    // Only three peers have a capability score: below k, so nothing for it.
    expect(result.items[2]).toEqual({ itemType: "CAPABILITY", itemId: "c", status: "too-few-peers" });
  });

  it("falls back along the hierarchy and reports only the sizes it tried", () => {
    const rows = [
      record("m1", { sizeBand: "MEDIUM" }),
      record("l1", { sizeBand: "LARGE" }),
      record("l2", { sizeBand: "LARGE" }),
      record("x1", { industryCode: "35", regionCode: "31", provinceCode: "31", cityCode: null }),
      record("x2", { industryCode: "36", regionCode: "31", provinceCode: "31", cityCode: null }),
    ];
    const requested: PeerGroupSpec = { industry: { kind: "division", code: "34" }, region: { kind: "city", code: "3205" }, size: { kind: "band", band: "MEDIUM" } };
    const result = referenceBenchmark(rows, own, selection, requested, 5);
    expect(result.tried.map((t) => [t.step, t.n])).toEqual([
      [null, 1],
      ["size", 3],
      ["region", 3],
      ["region", 3],
      ["industry-category", 5],
    ]);
    expect(result.used).toMatchObject({ step: "industry-category", n: 5 });
  });

  it("shows nothing when even all manufacturing has fewer than k peers", () => {
    const result = referenceBenchmark([record("a"), record("b"), record("c"), record("d")], own, selection, defaultGroup(record("x")), 5);
    expect(result.used).toBeNull();
    expect(result.items).toEqual([]);
  });
});
