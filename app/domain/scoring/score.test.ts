import { describe, expect, it } from "vitest";
import { compileModel, kpiBand } from "./model";
import { displayScore, scoreAssessment, type AssessmentResult } from "./score";
import {
  answersFrom,
  capability,
  dimension,
  exampleValues,
  levelQuestion,
  mini,
  na,
  questionnaire,
} from "./test-fixtures";

const model = compileModel(mini);

function scoreOf(result: AssessmentResult, id: string): number | "insufficient-data" {
  const part =
    result.capabilities.find((capability) => capability.capabilityId === id) ??
    result.dimensions.find((dimension) => dimension.dimensionId === id);
  if (!part) throw new Error(`no ${id}`);
  return part.status === "scored" ? part.score : part.status;
}

describe("compileModel", () => {
  it("lays questions out dimension → capability → question with contiguous ranges", () => {
    expect(model.questions).toHaveLength(24);
    expect(model.capabilities).toHaveLength(16);
    const investment = model.capabilities.find((capability) => capability.id === "strategy.investment")!;
    expect(model.questions.slice(investment.firstQuestion, investment.endQuestion).map((question) => question.id)).toEqual([
      "strategy.investment.budget",
      "strategy.investment.roi",
    ]);
    expect(investment.questionWeight).toBe(4);
    const business = model.dimensions[3]!;
    expect(model.capabilities.slice(business.firstCapability, business.endCapability).map((capability) => capability.id)).toEqual([
      "business.customer",
      "business.supply-chain",
      "business.service",
      "business.sustainability",
    ]);
    expect(model.questionIndex.get("business.sustainability.saving")).toBe(23);
  });
});

describe("kpiBand", () => {
  const thresholds = [40, 55, 65, 75, 85];
  it.each([
    [0, 0],
    [39.999, 0],
    [40, 1], // a value equal to a threshold reaches that band
    [54.9, 1],
    [55, 2],
    [70, 3],
    [75, 4],
    [85, 5],
    [100, 5],
  ])("value %s → band %s", (value, band) => {
    expect(kpiBand(thresholds, value)).toBe(band);
  });
});

describe("scoreAssessment — the worked example (docs/scoring.md)", () => {
  const result = scoreAssessment(model, answersFrom(exampleValues), { mode: "submission" });

  it("scores capabilities as weighted means of question bands", () => {
    // strategy.investment: budget 3 (w3), roi 7 % → band 1 (w1): (3·3 + 1·1) / 4 = 2.5
    expect(scoreOf(result, "strategy.investment")).toBe(2.5);
    // strategy.talent: training 3, hours 45 → band 4: (3 + 4) / 2 = 3.5
    expect(scoreOf(result, "strategy.talent")).toBe(3.5);
    // operations.production: mes 2, oee 68 % → band 3: (2 + 3) / 2 = 2.5
    expect(scoreOf(result, "operations.production")).toBe(2.5);
    // operations.quality: spc 3, first-pass yield 96 % → band 3: 3
    expect(scoreOf(result, "operations.quality")).toBe(3);
    // technology.security: policy 3 (w1), segmentation 3 (w2): 3
    expect(scoreOf(result, "technology.security")).toBe(3);
    // business.service: remote 0, lifecycle 1: 0.5; business.sustainability: energy 1, saving 3 % → band 1: 1
    expect(scoreOf(result, "business.service")).toBe(0.5);
    expect(scoreOf(result, "business.sustainability")).toBe(1);
  });

  it("scores dimensions as weighted means of capabilities", () => {
    // strategy (capability weights 1,1,1,2): (3 + 3 + 2.5 + 2·3.5) / 5 = 15.5 / 5 = 3.1
    expect(scoreOf(result, "strategy")).toBeCloseTo(3.1, 12);
    // operations (1,2,1,1): (4 + 2·2.5 + 3 + 3) / 5 = 15 / 5 = 3.0
    expect(scoreOf(result, "operations")).toBeCloseTo(3, 12);
    // technology (1,1,1,1): (4 + 2 + 3 + 3) / 4 = 3.0
    expect(scoreOf(result, "technology")).toBeCloseTo(3, 12);
    // business (1,1,1,2): (1 + 1 + 0.5 + 2·1) / 5 = 4.5 / 5 = 0.9
    expect(scoreOf(result, "business")).toBeCloseTo(0.9, 12);
  });

  it("scores overall with dimension weights and applies the level floor", () => {
    // dimension weights 2,3,3,2: (2·3.1 + 3·3 + 3·3 + 2·0.9) / 10 = 26 / 10 = 2.6
    expect(result.overall).toBeCloseTo(2.6, 12);
    // L2 needs overall ≥ 2 (2.6 ✓) and every dimension ≥ 1 (business 0.9 ✗) → L1
    expect(result.level).toBe(1);
  });

  it("reports every question with its band", () => {
    expect(result.questions[model.questionIndex.get("operations.production.oee")!]).toEqual({
      questionId: "operations.production.oee",
      status: "answered",
      value: 68,
      score: 3,
    });
    expect(result.mode).toBe("submission");
    expect(result.questionnaire).toEqual({ key: "mini", version: "1.0.0" });
  });
});

describe("N/A and the more-than-half guard", () => {
  const withNa = (...ids: string[]) =>
    scoreAssessment(
      model,
      answersFrom(
        exampleValues,
        ids.map((id) => na(id)),
      ),
      { mode: "submission" },
    );

  it("renormalises the remaining weights when exactly half is N/A (not MORE than half)", () => {
    // warehouse: wms N/A, agv 4 → N/A share 1/2, scored from agv alone: 4
    const result = withNa("operations.warehouse.wms");
    expect(result.capabilities.find((c) => c.capabilityId === "operations.warehouse")).toEqual({
      capabilityId: "operations.warehouse",
      dimensionId: "operations",
      status: "scored",
      score: 4,
      naShare: 0.5,
    });
    // operations: (4 + 2·2.5 + 3 + 4) / 5 = 16 / 5 = 3.2
    expect(scoreOf(result, "operations")).toBeCloseTo(3.2, 12);
    expect(result.questions[model.questionIndex.get("operations.warehouse.wms")!]).toEqual({
      questionId: "operations.warehouse.wms",
      status: "not-applicable",
      naReason: "no such area on site",
    });
  });

  it("does not score a capability with more than half of its weight N/A and renormalises the dimension", () => {
    // security: policy 5 (w1), segmentation (w2 of 3) N/A → N/A share 2/3 > 1/2 → insufficient data.
    // Without the guard security would be 5 and technology (4 + 2 + 3 + 5) / 4 = 3.5.
    const answers = answersFrom(exampleValues, [{ questionId: "technology.security.policy", value: 5 }, na("technology.security.ot-segmentation")]);
    const result = scoreAssessment(model, answers, { mode: "submission" });
    const security = result.capabilities.find((c) => c.capabilityId === "technology.security")!;
    expect(security).toMatchObject({ status: "insufficient-data", reason: "mostly-not-applicable" });
    expect(security.naShare).toBeCloseTo(2 / 3, 12);
    // technology over data 4, network 2, automation 3 only: 9 / 3 = 3.0
    expect(scoreOf(result, "technology")).toBeCloseTo(3, 12);
  });

  it("excludes an unscored capability's weight from its dimension", () => {
    // warehouse: both N/A → insufficient; operations over (1,2,1): (4 + 2·2.5 + 3) / 4 = 12 / 4 = 3.0
    // talent: hours N/A (exactly half) → training 3 alone; strategy (3 + 3 + 2.5 + 2·3) / 5 = 14.5 / 5 = 2.9
    const result = withNa("operations.warehouse.wms", "operations.warehouse.agv", "strategy.talent.hours");
    expect(scoreOf(result, "operations.warehouse")).toBe("insufficient-data");
    expect(scoreOf(result, "operations")).toBeCloseTo(3, 12);
    expect(scoreOf(result, "strategy")).toBeCloseTo(2.9, 12);
    // overall: (2·2.9 + 3·3 + 3·3 + 2·0.9) / 10 = 25.6 / 10 = 2.56
    expect(result.overall).toBeCloseTo(2.56, 12);
  });

  it("treats an exact half made of float weights as half, not more", () => {
    const floatHalf = compileModel(
      questionnaire([
        dimension("d", 1, [
          capability("d.c", 1, [levelQuestion("d.c.a", 0.4, true), levelQuestion("d.c.b", 0.3), levelQuestion("d.c.c", 0.1)]),
        ]),
      ]),
    );
    // 0.4 / (0.4 + 0.3 + 0.1) is 0.5000000000000001 in binary floating point
    const result = scoreAssessment(floatHalf, [na("d.c.a"), { questionId: "d.c.b", value: 4 }, { questionId: "d.c.c", value: 4 }], {
      mode: "submission",
    });
    expect(result.capabilities[0]!.naShare).toBeGreaterThan(0.5);
    expect(result.capabilities[0]).toMatchObject({ status: "scored", score: 4 });
  });

  it("reports a dimension with no scored capability as insufficient and leaves it out of overall", () => {
    const allNa = compileModel(
      questionnaire([
        dimension("a", 1, [capability("a.c", 1, [levelQuestion("a.c.q")])]),
        dimension("b", 3, [capability("b.c", 1, [levelQuestion("b.c.q", 1, true)])]),
      ]),
    );
    const result = scoreAssessment(allNa, [{ questionId: "a.c.q", value: 2 }, na("b.c.q")], { mode: "submission" });
    expect(result.dimensions).toEqual([
      { dimensionId: "a", status: "scored", score: 2 },
      { dimensionId: "b", status: "insufficient-data" },
    ]);
    // overall = a alone = 2; the floor ignores the unscored dimension → L2
    expect(result.overall).toBe(2);
    expect(result.level).toBe(2);
  });

  it("gives overall null and level 0 when nothing can be scored", () => {
    const onlyNa = compileModel(questionnaire([dimension("a", 1, [capability("a.c", 1, [levelQuestion("a.c.q", 1, true)])])]));
    const result = scoreAssessment(onlyNa, [na("a.c.q")], { mode: "submission" });
    expect(result.overall).toBeNull();
    expect(result.level).toBe(0);
  });
});

describe("draft mode", () => {
  it("leaves unanswered questions out and marks empty capabilities as unanswered", () => {
    const answers = answersFrom(exampleValues).filter(
      (answer) => !answer.questionId.startsWith("business.") && answer.questionId !== "strategy.investment.roi",
    );
    const result = scoreAssessment(model, answers, { mode: "draft" });
    // investment: budget 3 alone (roi unanswered) = 3 → strategy (3 + 3 + 3 + 2·3.5) / 5 = 16 / 5 = 3.2
    expect(scoreOf(result, "strategy.investment")).toBe(3);
    expect(scoreOf(result, "strategy")).toBeCloseTo(3.2, 12);
    expect(result.capabilities.find((c) => c.capabilityId === "business.customer")).toMatchObject({
      status: "insufficient-data",
      reason: "unanswered",
      naShare: 0,
    });
    expect(scoreOf(result, "business")).toBe("insufficient-data");
    // overall over strategy, operations, technology: (2·3.2 + 3·3 + 3·3) / 8 = 24.4 / 8 = 3.05; floor 2 ✓ → L3
    expect(result.overall).toBeCloseTo(3.05, 12);
    expect(result.level).toBe(3);
    expect(result.questions[model.questionIndex.get("business.customer.crm")!]).toEqual({
      questionId: "business.customer.crm",
      status: "unanswered",
    });
  });

  it("scores an empty draft as nothing", () => {
    const result = scoreAssessment(model, [], { mode: "draft" });
    expect(result.overall).toBeNull();
    expect(result.level).toBe(0);
    expect(result.dimensions.every((d) => d.status === "insufficient-data")).toBe(true);
  });
});

describe("float tolerance in the level rule", () => {
  // Three questions of weight 0.1 answered 0, 1, 5: exactly 2, but 1.9999999999999996 in floating point.
  const tenths = compileModel(
    questionnaire(
      ["a", "b"].map((d) =>
        dimension(d, 1, [capability(`${d}.c`, 1, [levelQuestion(`${d}.c.x`, 0.1), levelQuestion(`${d}.c.y`, 0.1), levelQuestion(`${d}.c.z`, 0.1)])]),
      ),
    ),
  );
  const answers = ["a", "b"].flatMap((d) => [
    { questionId: `${d}.c.x`, value: 0 },
    { questionId: `${d}.c.y`, value: 1 },
    { questionId: `${d}.c.z`, value: 5 },
  ]);

  it("reaches L2 although the float sum is a hair below 2", () => {
    const result = scoreAssessment(tenths, answers, { mode: "submission" });
    expect(result.overall).toBeLessThan(2);
    expect(result.overall).toBeCloseTo(2, 12);
    expect(result.level).toBe(2);
    expect(displayScore(result.overall!)).toBe("2.0");
  });

  it("keeps a full score at exactly 5 (never above)", () => {
    const fives = answers.map((answer) => ({ ...answer, value: 5 }));
    const result = scoreAssessment(tenths, fives, { mode: "submission" });
    expect(result.overall).toBe(5);
    expect(result.level).toBe(5);
  });
});

describe("displayScore", () => {
  it.each([
    [2.6, 1, "2.6"],
    [2.96, 1, "2.9"], // cut down, never shown as 3.0 next to a missed L3
    [3, 1, "3.0"],
    [0.9, 1, "0.9"],
    [3.456, 2, "3.45"],
  ])("%s with %s decimal(s) → %s", (score, decimals, shown) => {
    expect(displayScore(score, decimals)).toBe(shown);
  });
});
