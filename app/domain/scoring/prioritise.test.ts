import { describe, expect, it } from "vitest";
import { compileModel } from "./model";
import { prioritise } from "./prioritise";
import { scoreAssessment } from "./score";
import { answersFrom, exampleValues, mini, na } from "./test-fixtures";

const model = compileModel(mini);
const result = scoreAssessment(model, answersFrom(exampleValues), { mode: "submission" });

/*
 * Shares of the overall score in the worked example (dimension weights 2,3,3,2 of 10):
 *   strategy   0.2 × (1,1,1,2)/5 → vision, organisation, investment 0.04; talent 0.08
 *   operations 0.3 × (1,2,1,1)/5 → planning, quality, warehouse 0.06; production 0.12
 *   technology 0.3 × 1/4 each    → 0.075
 *   business   0.2 × (1,1,1,2)/5 → customer, supply-chain, service 0.04; sustainability 0.08
 * Gap to the next band: integer scores 1 (3 → 4 …), half scores 0.5 (2.5 → 3, 3.5 → 4).
 */
describe("prioritise", () => {
  it("ranks by share × gap to the next band, ties by id", () => {
    const ranked = prioritise(model, result);
    expect(ranked.map((p) => [p.capabilityId, p.expectedGain])).toEqual([
      ["business.sustainability", expect.closeTo(0.08, 12)], // 0.08 × 1
      ["technology.automation", expect.closeTo(0.075, 12)], // 0.075 × 1 (×4, by id)
      ["technology.data", expect.closeTo(0.075, 12)],
      ["technology.network", expect.closeTo(0.075, 12)],
      ["technology.security", expect.closeTo(0.075, 12)],
      ["operations.planning", expect.closeTo(0.06, 12)], // 0.06 × 1
      ["operations.production", expect.closeTo(0.06, 12)], // 0.12 × 0.5
      ["operations.quality", expect.closeTo(0.06, 12)],
      ["operations.warehouse", expect.closeTo(0.06, 12)],
      ["business.customer", expect.closeTo(0.04, 12)],
      ["business.supply-chain", expect.closeTo(0.04, 12)],
      ["strategy.organisation", expect.closeTo(0.04, 12)],
      ["strategy.talent", expect.closeTo(0.04, 12)], // 0.08 × 0.5
      ["strategy.vision", expect.closeTo(0.04, 12)],
      ["business.service", expect.closeTo(0.02, 12)], // 0.04 × 0.5
      ["strategy.investment", expect.closeTo(0.02, 12)],
    ]);
    expect(ranked.map((p) => p.rank)).toEqual(ranked.map((_, index) => index + 1));
    expect(ranked.reduce((sum, p) => sum + p.share, 0)).toBeCloseTo(1, 12);
  });

  it("reports the parts of the formula and the advice step", () => {
    const production = prioritise(model, result).find((p) => p.capabilityId === "operations.production");
    expect(production).toEqual({
      rank: 7,
      capabilityId: "operations.production",
      dimensionId: "operations",
      score: 2.5,
      share: expect.closeTo(0.12, 12),
      gap: 0.5,
      peerGap: null,
      blendedGap: 0.5,
      expectedGain: expect.closeTo(0.06, 12),
      adviceStep: 2, // advice[2] leads from band 2 to band 3
    });
  });

  it("blends a peer gap: (1 − α)·gap + α·max(0, peer gap)", () => {
    const peerGap = new Map([
      ["business.service", 2.5], // 0.5·0.5 + 0.5·2.5 = 1.5 → 0.04 × 1.5 = 0.06
      ["business.sustainability", -1], // above peers: 0.5·1 + 0 = 0.5 → 0.08 × 0.5 = 0.04
    ]);
    const ranked = prioritise(model, result, { peerGap });
    const service = ranked.find((p) => p.capabilityId === "business.service")!;
    expect(service).toMatchObject({ peerGap: 2.5, blendedGap: 1.5, rank: 5 }); // first of the 0.06 group by id
    expect(service.expectedGain).toBeCloseTo(0.06, 12);
    expect(ranked.find((p) => p.capabilityId === "business.sustainability")!.expectedGain).toBeCloseTo(0.04, 12);
    expect(ranked[0]!.capabilityId).toBe("technology.automation");
    // α = 1 ranks by peer gap alone where there is one
    const peersOnly = prioritise(model, result, { peerGap, peerWeight: 1 });
    expect(peersOnly.find((p) => p.capabilityId === "business.sustainability")!.expectedGain).toBe(0);
  });

  it("uses a target instead of the next band when given", () => {
    // network 2 → target 4: gap 2 → 0.075 × 2 = 0.15; a target below the score gives 0
    const targets = new Map([
      ["technology.network", 4],
      ["technology.data", 3],
      ["strategy.vision", 9], // capped at 5: gap 2
    ]);
    const ranked = prioritise(model, result, { targets });
    expect(ranked[0]).toMatchObject({ capabilityId: "technology.network", gap: 2 });
    expect(ranked[0]!.expectedGain).toBeCloseTo(0.15, 12);
    expect(ranked.find((p) => p.capabilityId === "technology.data")).toMatchObject({ gap: 0, expectedGain: 0, rank: 16 });
    expect(ranked.find((p) => p.capabilityId === "strategy.vision")).toMatchObject({ gap: 2 });
  });

  it("gives a capability at 5 no gain and advice step 4; skips unscored capabilities", () => {
    const answers = answersFrom({ ...exampleValues, "technology.data.platform": 5 }, [
      na("technology.security.ot-segmentation"), // 2/3 N/A → not scored
    ]);
    const ranked = prioritise(model, scoreAssessment(model, answers, { mode: "submission" }));
    expect(ranked).toHaveLength(15);
    expect(ranked.some((p) => p.capabilityId === "technology.security")).toBe(false);
    expect(ranked.at(-1)).toMatchObject({ capabilityId: "technology.data", score: 5, gap: 0, expectedGain: 0, adviceStep: 4 });
  });

  it("rejects a peer weight outside [0, 1]", () => {
    expect(() => prioritise(model, result, { peerWeight: 1.5 })).toThrow(RangeError);
    expect(() => prioritise(model, result, { peerWeight: Number.NaN })).toThrow(RangeError);
  });
});
