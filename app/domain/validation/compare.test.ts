import { describe, expect, it } from "vitest";
import { toEngineAnswers, type StoredAnswers } from "~/domain/assessment/answers";
import { compileModel, scoreAssessment } from "~/domain/scoring";
import { exampleValues, mini } from "~/domain/scoring/test-fixtures";
import { compareValidation, reviewProgress, reviewableQuestionIds } from "./compare";
import { validatedAnswers, type ValidationReviews } from "./reviews";

const model = compileModel(mini);
const selfAnswers: StoredAnswers = Object.fromEntries(Object.entries(exampleValues).map(([id, value]) => [id, { value }]));
selfAnswers["operations.warehouse.wms"] = { na: true, naReason: "没有仓库" };
const score = (answers: StoredAnswers) => scoreAssessment(model, toEngineAnswers(answers), { mode: "submission", profile: null });
const selfResult = score(selfAnswers);

function compare(reviews: ValidationReviews) {
  return compareValidation({ model, profile: null, selfAnswers, selfResult, reviews, validatedResult: score(validatedAnswers(selfAnswers, reviews)) });
}

describe("compareValidation", () => {
  it("finds no difference when every answer is confirmed", () => {
    const reviews = Object.fromEntries(reviewableQuestionIds(selfResult).map((id) => [id, { decision: "confirmed" as const }]));
    const comparison = compare(reviews);
    expect(comparison.differences).toEqual([]);
    expect(comparison.levelChange).toBe(0);
    expect(comparison.overall.delta).toBe(0);
    expect(comparison.dimensions.every((d) => d.delta === 0 || d.delta === null)).toBe(true);
    expect(comparison.counts).toMatchObject({ reviewable: 24, reviewed: 24, confirmed: 24, changed: 0 });
  });

  it("lists every changed question with both bands, the comment and its effect, in questionnaire order", () => {
    const comparison = compare({
      "technology.data.platform": { decision: "changed", value: 2, comment: "平台只覆盖一个车间" },
      "strategy.vision.roadmap": { decision: "changed", value: 1, comment: "规划未经批准" },
      "strategy.organisation.roles": { decision: "confirmed", evidenceChecked: true },
    });
    expect(comparison.differences.map((d) => d.questionId)).toEqual(["strategy.vision.roadmap", "technology.data.platform"]);
    const [vision, platform] = comparison.differences;
    expect(vision).toMatchObject({ selfValue: 3, validatedValue: 1, selfScore: 3, validatedScore: 1, comment: "规划未经批准", capabilityId: "strategy.vision", dimensionId: "strategy" });
    expect(vision!.capability).toEqual({ self: 3, validated: 1, delta: -2 });
    expect(vision!.overallEffect).toBeLessThan(0);
    expect(platform!.overallEffect).toBeLessThan(0);
    // Both changes lower the overall score; the dimension of each goes down, the others stay.
    expect(comparison.overall.delta).toBeLessThan(0);
    const byId = Object.fromEntries(comparison.dimensions.map((d) => [d.dimensionId, d.delta]));
    expect(byId.strategy).toBeLessThan(0);
    expect(byId.technology).toBeLessThan(0);
    expect(byId.operations).toBe(0);
    expect(comparison.counts).toMatchObject({ reviewed: 3, confirmed: 1, changed: 2, evidenceChecked: 1 });
  });

  it("scores a KPI changed to another measure through its thresholds", () => {
    const comparison = compare({ "operations.production.oee": { decision: "changed", value: 50, comment: "按班次记录重新计算" } });
    expect(comparison.differences[0]).toMatchObject({ selfValue: 68, validatedValue: 50, selfScore: 3, validatedScore: 1 });
  });

  it("turns an N/A answer the consultant rejects into a scored one", () => {
    const comparison = compare({ "operations.warehouse.wms": { decision: "changed", value: 1, comment: "有仓库，只是手工记账" } });
    expect(comparison.differences[0]).toMatchObject({ selfValue: null, selfScore: null, validatedValue: 1, validatedScore: 1 });
  });

  it("shows a level change and the change that causes it", () => {
    // The worked example is L1 because business is below the L2 floor; raising it lifts the level.
    const raised: ValidationReviews = {
      "business.customer.crm": { decision: "changed", value: 4, comment: "CRM 已全面使用" },
      "business.supply-chain.visibility": { decision: "changed", value: 4, comment: "供应商门户已上线" },
      "business.service.remote": { decision: "changed", value: 4, comment: "远程运维已覆盖" },
      "business.service.lifecycle": { decision: "changed", value: 4, comment: "全生命周期服务" },
    };
    const comparison = compare(raised);
    expect(comparison.self.level).toBe(selfResult.level);
    expect(comparison.levelChange).toBe(comparison.validated.level - comparison.self.level);
    expect(comparison.levelChange).toBeGreaterThan(0);
  });
});

describe("reviewProgress", () => {
  it("counts every answered or N/A question and names those without a review", () => {
    const progress = reviewProgress(selfResult, { "strategy.vision.roadmap": { decision: "confirmed" } });
    expect(progress.total).toBe(24);
    expect(progress.reviewed).toBe(1);
    expect(progress.remaining).toHaveLength(23);
    expect(progress.remaining).toContain("operations.warehouse.wms");
    expect(progress.remaining).not.toContain("strategy.vision.roadmap");
  });
});
