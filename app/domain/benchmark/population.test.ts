import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { toEngineAnswers } from "~/domain/assessment/answers";
import { buildScoreRows } from "~/domain/assessment/score-rows";
import { loadQuestionnaireFiles } from "~/domain/questionnaire/files.server";
import { validateCreditCode } from "~/domain/reference/credit-code";
import { findRegion } from "~/domain/reference/regions";
import { deriveSizeBand } from "~/domain/reference/size-band";
import { isApplicable, productionPath, type PlantProfile } from "~/domain/questionnaire/profile";
import { compileModel, kpiBand, kpiThresholds, scoreAssessment, type CompiledModel } from "~/domain/scoring";
import {
  answersForLevel,
  CMMM_2022_CUMULATIVE,
  curveMaturity,
  isPopulationId,
  latentMaturity,
  normalCdf,
  populationAssessmentId,
  populationCalibration,
  populationName,
  populationOrganizationId,
  syntheticFactories,
  syntheticFactory,
  type SyntheticFactory,
} from "./population";
import { createRandom, hashSeed } from "./random";
import { windowStart } from "./window";

const ANCHOR = new Date("2026-11-27T00:00:00Z");
const files = loadQuestionnaireFiles(path.resolve(import.meta.dirname, "../../../questionnaires"));
const compiled = (version: string) => compileModel(files.find((file) => file.questionnaire.version === version)!.questionnaire);
let model: CompiledModel;
let sample: SyntheticFactory[];

// The population is generated on 2.0.0 (plant profiles, requirements rule). Calibrating it scores
// 2,400 factories about 25 times each (~3 s here), hence the explicit, generous hook timeout.
beforeAll(() => {
  model = compiled("2.0.0");
  sample = [...syntheticFactories(model, 42, 0, 6000, ANCHOR)];
}, 120_000);

const share = (count: number, of: readonly unknown[] = sample) => (100 * count) / of.length;

describe("random", () => {
  it("is deterministic per seed, and forks depend only on the seed and the label", () => {
    const a = createRandom(7);
    const b = createRandom(7);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    const forkBefore = createRandom(7).fork("x").next();
    const used = createRandom(7);
    used.next();
    expect(used.fork("x").next()).toBe(forkBefore);
    expect(createRandom(7).fork("y").next()).not.toBe(forkBefore);
    expect(createRandom(8).next()).not.toBe(createRandom(7).next());
    expect(hashSeed("a")).not.toBe(hashSeed("b"));
  });

  it("draws integers within bounds and follows weights", () => {
    const random = createRandom(1);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10000; i++) {
      const value = random.int(3, 5);
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(5);
      counts[random.weighted(["a", "b"] as const, [1, 3])]++;
    }
    expect(counts.b / 10000).toBeCloseTo(0.75, 1);
    expect(() => random.weighted(["a"], [0])).toThrow(RangeError);
  });
});

describe("synthetic population", () => {
  it("is deterministic per seed and index, whatever else is generated", () => {
    const alone = syntheticFactory(model, 42, 1234, ANCHOR);
    expect(alone).toEqual(sample[1234]);
    expect(syntheticFactory(model, 43, 1234, ANCHOR)).not.toEqual(alone);
  });

  it("is clearly synthetic: ids in the 5eed5eed block, numbered names, valid but marked credit codes", () => {
    const factory = sample[123]!;
    expect(factory.organizationId).toBe(populationOrganizationId(123));
    expect(factory.organizationId).toBe("5eed5eed-0000-4000-8000-00000000007b");
    expect(factory.name).toBe("样本企业 000123");
    expect(populationName(99999)).toBe("样本企业 099999");
    expect(factory.assessments[0]!.id).toBe(populationAssessmentId(123, 0));
    expect(isPopulationId(factory.organizationId) && isPopulationId(factory.assessments[0]!.id)).toBe(true);
    expect(isPopulationId("0b9e3c1e-0000-4000-8000-000000000001")).toBe(false);
    expect(factory.creditCode).toMatch(/^91\d{6}YB0000123.$/);
    expect(new Set(sample.map((f) => f.creditCode)).size).toBe(sample.length);
    for (const f of sample.slice(0, 500)) expect(validateCreditCode(f.creditCode).ok).toBe(true);
    expect(() => syntheticFactory(model, 1, 1_000_000, ANCHOR)).toThrow(RangeError);
  });

  it("has consistent profiles: known regions, size band as the statistical rule derives it", () => {
    for (const f of sample) {
      expect(findRegion(f.regionCode), f.regionCode).toBeDefined();
      expect(deriveSizeBand(f)).toBe(f.sizeBand);
    }
  });

  it("stores scores that follow from the stored answers through the engine, in submitAssessment's row shapes", () => {
    for (const f of sample.slice(0, 300)) {
      for (const assessment of f.assessments) {
        expect(assessment.profile).toEqual(f.plant);
        const rescored = scoreAssessment(model, toEngineAnswers(assessment.answers), { mode: "submission", profile: f.plant });
        expect(rescored).toEqual(assessment.result);
        expect(assessment.rows).toEqual(buildScoreRows(rescored, f));
      }
    }
  });

  it("is weighted to Shanghai and the Yangtze River Delta", () => {
    const province = (code: string) => sample.filter((f) => f.regionCode.startsWith(code)).length;
    expect(share(province("31"))).toBeGreaterThan(25);
    expect(share(province("31") + province("32") + province("33") + province("34"))).toBeGreaterThan(68);
    expect(share(province("31") + province("32") + province("33") + province("34"))).toBeLessThan(80);
    expect(new Set(sample.map((f) => f.regionCode.slice(0, 2))).size).toBeGreaterThan(25);
    expect(new Set(sample.map((f) => f.industryCode)).size).toBe(31);
    expect(share(sample.filter((f) => f.sizeBand === "SMALL").length)).toBeGreaterThan(45);
  });

  it("gives every factory a plant profile that fits its industry and size", () => {
    const of = (codes: string[]) => sample.filter((f) => codes.includes(f.industryCode));
    const typeShare = (factories: SyntheticFactory[], type: PlantProfile["productionType"]) => share(factories.filter((f) => f.plant.productionType === type).length, factories);
    // Fuels, chemicals, chemical fibres, metal smelting: process plants; machinery, vehicles, electronics: discrete.
    expect(typeShare(of(["25", "26", "28", "31", "32"]), "process")).toBeGreaterThan(70);
    expect(typeShare(of(["13", "14", "15"]), "discrete")).toBeLessThan(15);
    expect(typeShare(of(["34", "35", "36", "39"]), "discrete")).toBeGreaterThan(80);
    expect(typeShare(of(["34", "35", "36", "39"]), "process")).toBeLessThan(3);
    expect(typeShare(sample, "process")).toBeGreaterThan(20);
    expect(typeShare(sample, "process")).toBeLessThan(35);
    expect(typeShare(sample, "mixed")).toBeGreaterThan(10);
    expect(typeShare(sample, "mixed")).toBeLessThan(25);
    // Consumers buy food and drink, rarely steel; several sites are for large firms.
    const sellsToConsumers = (factories: SyntheticFactory[]) => share(factories.filter((f) => f.plant.markets.includes("b2c")).length, factories);
    expect(sellsToConsumers(of(["14", "15"]))).toBeGreaterThan(60);
    expect(sellsToConsumers(of(["31", "32"]))).toBeLessThan(10);
    const multiSite = (band: string) => share(sample.filter((f) => f.sizeBand === band && f.plant.sites === "multiple").length, sample.filter((f) => f.sizeBand === band));
    expect(multiSite("LARGE")).toBeGreaterThan(40);
    expect(multiSite("SMALL")).toBeLessThan(15);
    expect(share(sample.filter((f) => f.plant.productionType === "process" && f.plant.productVariety === "low").length, sample.filter((f) => f.plant.productionType === "process"))).toBeGreaterThan(60);
    for (const f of sample.slice(0, 500)) expect(new Set(f.plant.markets).size).toBe(f.plant.markets.length);
  });

  it("answers exactly the questions the plant profile applies to, and no others", () => {
    for (const f of sample.slice(0, 300)) {
      const asked = model.questions.filter((question) => isApplicable(question.appliesTo, f.plant)).map((question) => question.id);
      expect(Object.keys(f.assessments[0]!.answers).sort()).toEqual([...asked].sort());
      expect(f.assessments[0]!.result.questions.filter((question) => question.status === "answered")).toHaveLength(asked.length);
      // KPI values lie in their band on the plant's path, band 5 at most one band's width above its threshold.
      for (const question of model.questions) {
        const answer = f.assessments[0]!.answers[question.id];
        if (question.type !== "kpi" || answer?.value === undefined) continue;
        const thresholds = kpiThresholds(question, productionPath(f.plant));
        expect(answer.value).toBeGreaterThanOrEqual(question.min);
        expect(answer.value, question.id).toBeLessThanOrEqual(Math.min(question.max, 2 * thresholds[4]! - thresholds[3]!));
      }
    }
    const process = sample.find((f) => f.plant.productionType === "process")!;
    const networked = model.questions.find((question) => question.id === "device.connectivity.equipment-networked")!;
    if (networked.type === "kpi" && networked.processThresholds !== networked.thresholds) {
      const value = process.assessments[0]!.answers[networked.id]!.value!;
      expect(process.assessments[0]!.result.questions[networked.index]).toMatchObject({ status: "answered", score: kpiBand(networked.processThresholds, value) });
    }
  });

  it.each(["discrete", "process"] as const)("has levels close to GB/T 39116 2022 on the %s path: ≈ 63 %% ≤ L1, 21 %% L2, 12 %% L3, 4 %% ≥ L4", (path) => {
    const group = sample.filter((f) => productionPath(f.plant) === path);
    expect(group.length).toBeGreaterThan(1200);
    const levels = group.map((f) => f.assessments[0]!.result.level);
    expect(Math.abs(share(levels.filter((l) => l <= 1).length, group) - 63)).toBeLessThan(4);
    expect(Math.abs(share(levels.filter((l) => l === 2).length, group) - 21)).toBeLessThan(4);
    expect(Math.abs(share(levels.filter((l) => l === 3).length, group) - 12)).toBeLessThan(3);
    expect(Math.abs(share(levels.filter((l) => l >= 4).length, group) - 4)).toBeLessThan(2);
  });

  it("has levels close to GB/T 39116 2022 overall, and as many on 1.0.0's rules", () => {
    const levels = sample.map((f) => f.assessments[0]!.result.level);
    expect(Math.abs(share(levels.filter((l) => l <= 1).length) - 63)).toBeLessThan(3);
    expect(Math.abs(share(levels.filter((l) => l === 2).length) - 21)).toBeLessThan(3);
    expect(Math.abs(share(levels.filter((l) => l === 3).length) - 12)).toBeLessThan(2.5);
    expect(Math.abs(share(levels.filter((l) => l >= 4).length) - 4)).toBeLessThan(1.5);
    // The calibration adapts to the questionnaire: 1.0.0 (no profile, dimension floor) is fitted as well.
    const old = compiled("1.0.0");
    const oldSample = [...syntheticFactories(old, 7, 0, 1000, ANCHOR)];
    const oldLevels = oldSample.map((f) => f.assessments[0]!.result.level);
    expect(oldSample.every((f) => f.assessments[0]!.profile === null && f.assessments[0]!.result.levelRule === "dimension-floor")).toBe(true);
    expect(Math.abs(share(oldLevels.filter((l) => l <= 1).length, oldSample) - 63)).toBeLessThan(5);
    expect(Math.abs(share(oldLevels.filter((l) => l >= 3).length, oldSample) - 16)).toBeLessThan(4);
  }, 60_000);

  it("calibrates once per model: increasing curves through the CMMM quantiles", () => {
    const calibration = populationCalibration(model);
    expect(populationCalibration(model)).toBe(calibration);
    for (const curve of Object.values(calibration)) {
      expect(curve.z[0]).toBeLessThan(curve.z[1]);
      expect(curve.z[1]).toBeLessThan(curve.z[2]);
      expect(curve.maturity[0]).toBeLessThan(curve.maturity[1]);
      expect(curve.maturity[1]).toBeLessThan(curve.maturity[2]);
      expect(curveMaturity(curve, curve.z[1])).toBeCloseTo(curve.maturity[1], 12);
      expect(curveMaturity(curve, curve.z[0] - 1)).toBeLessThan(curve.maturity[0]);
      expect(curveMaturity(curve, curve.z[2] + 1)).toBeGreaterThan(curve.maturity[2]);
    }
    expect(CMMM_2022_CUMULATIVE).toEqual([0.63, 0.84, 0.96]);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1) + normalCdf(1)).toBeCloseTo(1, 9);
    expect(latentMaturity(model, "process", calibration.process.z[0])).toBeCloseTo(calibration.process.maturity[0], 12);
  });

  it("answers for a chosen level, on either path (the demo factories)", () => {
    const plants: PlantProfile[] = [
      { productionType: "process", markets: ["b2b", "b2c"], productVariety: "low", sites: "single" },
      { productionType: "discrete", markets: ["b2b"], productVariety: "high", sites: "multiple" },
    ];
    for (const plant of plants) {
      for (const level of [0, 1, 2, 3, 4] as const) {
        const { answers } = answersForLevel(model, createRandom(hashSeed(`level/${level}`)), plant, level, 0.5);
        expect(scoreAssessment(model, answers, { mode: "submission", profile: plant }).level, `${plant.productionType} L${level}`).toBe(level);
      }
    }
  });

  it("has electronics and large firms ahead, and correlated dimensions", () => {
    const meanOverall = (factories: SyntheticFactory[]) => factories.reduce((sum, f) => sum + f.assessments[0]!.result.overall!, 0) / factories.length;
    expect(meanOverall(sample.filter((f) => f.industryCode === "39"))).toBeGreaterThan(meanOverall(sample.filter((f) => f.industryCode === "17")) + 0.3);
    expect(meanOverall(sample.filter((f) => f.sizeBand === "LARGE"))).toBeGreaterThan(meanOverall(sample.filter((f) => f.sizeBand === "MICRO")) + 0.5);
    const dimension = (index: number) => sample.map((f) => {
      const d = f.assessments[0]!.result.dimensions[index]!;
      return d.status === "scored" ? d.score : 0;
    });
    expect(correlation(dimension(0), dimension(3))).toBeGreaterThan(0.6);
  });

  it("answers the previous questionnaire version a year before when given one, leaving the latest submission as it was", () => {
    const previous = compiled("1.0.0");
    const withPrevious = [...syntheticFactories(model, 42, 0, 400, ANCHOR, previous)];
    const twice = withPrevious.filter((f) => f.assessments.length === 2);
    expect(twice.length).toBeGreaterThan(15);
    for (const f of withPrevious) expect(f.assessments[0]).toEqual(sample[f.index]!.assessments[0]);
    for (const f of twice) {
      const earlier = f.assessments[1]!;
      expect(earlier).toMatchObject({ version: "1.0.0", profile: null });
      expect(earlier.result).toMatchObject({ questionnaire: { version: "1.0.0" }, levelRule: "dimension-floor" });
      expect(scoreAssessment(previous, toEngineAnswers(earlier.answers), { mode: "submission" })).toEqual(earlier.result);
      expect(earlier.submittedAt.getTime()).toBeLessThan(f.assessments[0]!.submittedAt.getTime());
    }
  });

  it("dates submissions before the anchor: most inside the 24-month window, some older, some factories twice", () => {
    const since = windowStart(ANCHOR).getTime();
    const latest = sample.map((f) => f.assessments[0]!.submittedAt.getTime());
    expect(latest.every((time) => time < ANCHOR.getTime())).toBe(true);
    const outside = share(latest.filter((time) => time <= since).length);
    expect(outside).toBeGreaterThan(8);
    expect(outside).toBeLessThan(16);
    const twice = sample.filter((f) => f.assessments.length === 2);
    expect(share(twice.length)).toBeGreaterThan(5);
    expect(share(twice.length)).toBeLessThan(11);
    for (const f of twice) {
      expect(f.assessments[1]!.submittedAt.getTime()).toBeLessThan(f.assessments[0]!.submittedAt.getTime());
      expect(f.assessments[1]!.result.overall!).toBeLessThanOrEqual(f.assessments[0]!.result.overall! + 1e-9);
    }
  });
});

function correlation(x: number[], y: number[]) {
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const [mx, my] = [mean(x), mean(y)];
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
