import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { toEngineAnswers } from "~/domain/assessment/answers";
import { buildScoreRows } from "~/domain/assessment/score-rows";
import { loadQuestionnaireFiles } from "~/domain/questionnaire/files.server";
import { validateCreditCode } from "~/domain/reference/credit-code";
import { findRegion } from "~/domain/reference/regions";
import { deriveSizeBand } from "~/domain/reference/size-band";
import { compileModel, scoreAssessment, type CompiledModel } from "~/domain/scoring";
import {
  isPopulationId,
  latentMaturity,
  populationAssessmentId,
  populationName,
  populationOrganizationId,
  syntheticFactories,
  syntheticFactory,
  type SyntheticFactory,
} from "./population";
import { createRandom, hashSeed } from "./random";
import { windowStart } from "./window";

const ANCHOR = new Date("2026-11-27T00:00:00Z");
let model: CompiledModel;
let sample: SyntheticFactory[];

beforeAll(() => {
  const [file] = loadQuestionnaireFiles(path.resolve(import.meta.dirname, "../../../questionnaires"));
  model = compileModel(file!.questionnaire);
  sample = [...syntheticFactories(model, 42, 0, 6000, ANCHOR)];
});

const share = (count: number) => (100 * count) / sample.length;

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
        const rescored = scoreAssessment(model, toEngineAnswers(assessment.answers), { mode: "submission" });
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

  it("has levels close to GB/T 39116 2022: ≈ 63 % ≤ L1, 21 % L2, 12 % L3, 4 % ≥ L4", () => {
    const levels = sample.map((f) => f.assessments[0]!.result.level);
    const atMost1 = share(levels.filter((l) => l <= 1).length);
    const l2 = share(levels.filter((l) => l === 2).length);
    const l3 = share(levels.filter((l) => l === 3).length);
    const atLeast4 = share(levels.filter((l) => l >= 4).length);
    expect(Math.abs(atMost1 - 63)).toBeLessThan(3);
    expect(Math.abs(l2 - 21)).toBeLessThan(3);
    expect(Math.abs(l3 - 12)).toBeLessThan(2.5);
    expect(Math.abs(atLeast4 - 4)).toBeLessThan(1.5);
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
    expect(latentMaturity(0)).toBe(1.5);
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
