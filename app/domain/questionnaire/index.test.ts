import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allQuestions,
  findCapability,
  findDimension,
  findQuestion,
  findQuestionInContext,
  kpiBand,
  kpiQuestionCount,
  levelName,
  localize,
  questionCount,
  questionsInContext,
  type KpiQuestion,
} from "./index";
import { loadQuestionnaire } from "./load";
import { REAL_FILE, realText } from "./test-support";

const questionnaire = loadQuestionnaire(realText, REAL_FILE);
const kpis = allQuestions(questionnaire).filter((question): question is KpiQuestion => question.type === "kpi");

describe("kpiBand", () => {
  const thresholds = [20, 40, 60, 80, 95];
  const question = { thresholds };

  it("is 0 below the first threshold and k from the k-th threshold on", () => {
    expect(kpiBand(question, 0)).toBe(0);
    expect(kpiBand(question, 19.999)).toBe(0);
    thresholds.forEach((threshold, index) => {
      expect(kpiBand(question, threshold - 0.001)).toBe(index);
      expect(kpiBand(question, threshold)).toBe(index + 1);
      expect(kpiBand(question, threshold + 0.001)).toBe(index + 1);
    });
    expect(kpiBand(question, 100)).toBe(5);
  });

  it("bands values outside [min, max] without clamping errors, and refuses NaN and infinities", () => {
    expect(kpiBand(question, -5)).toBe(0);
    expect(kpiBand(question, 1e9)).toBe(5);
    expect(() => kpiBand(question, Number.NaN)).toThrow(RangeError);
    expect(() => kpiBand(question, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it("works at and around every threshold of every KPI in the model", () => {
    expect(kpis.length).toBeGreaterThan(0);
    for (const kpi of kpis) {
      kpi.thresholds.forEach((threshold, index) => {
        expect(kpiBand(kpi, threshold), kpi.id).toBe(index + 1);
        expect(kpiBand(kpi, threshold - 1e-6), kpi.id).toBe(index);
      });
    }
  });

  it("never decreases as the value grows and equals the number of thresholds reached", () => {
    fc.assert(
      fc.property(fc.constantFrom(...kpis), fc.double({ min: -10, max: 110, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), (kpi, value, step) => {
        const band = kpiBand(kpi, value);
        expect(band).toBe(kpi.thresholds.filter((threshold) => value >= threshold).length);
        expect(kpiBand(kpi, value + step)).toBeGreaterThanOrEqual(band);
      }),
    );
  });
});

describe("lookups", () => {
  it("lists questions in document order with their context", () => {
    const all = allQuestions(questionnaire);
    expect(all[0]!.id).toBe("device.connectivity.equipment-networked");
    expect(all.at(-1)!.id).toBe("business.security.resilience");
    expect(questionCount(questionnaire)).toBe(all.length);
    expect(kpiQuestionCount(questionnaire)).toBe(kpis.length);
    expect(questionsInContext(questionnaire).map((entry) => entry.question)).toEqual(all);
    for (const { question, capability, dimension } of questionsInContext(questionnaire)) {
      expect(question.id.startsWith(`${capability.id}.`)).toBe(true);
      expect(capability.id.startsWith(`${dimension.id}.`)).toBe(true);
    }
  });

  it("finds questions, capabilities and dimensions by id", () => {
    expect(findQuestion(questionnaire, "process.execution.mes-traceability")?.type).toBe("level");
    expect(findQuestion(questionnaire, "process.execution")).toBeUndefined();
    expect(findQuestion(questionnaire, "nope")).toBeUndefined();
    const found = findQuestionInContext(questionnaire, "device.edge.private-5g");
    expect(found?.capability.id).toBe("device.edge");
    expect(found?.dimension.id).toBe("device");
    expect(findQuestionInContext(questionnaire, "nope")).toBeUndefined();
    expect(findCapability(questionnaire, "business.security")?.questions).toHaveLength(3);
    expect(findCapability(questionnaire, "business")).toBeUndefined();
    expect(findDimension(questionnaire, "knowledge")?.capabilities).toHaveLength(5);
    expect(findDimension(questionnaire, "device.edge")).toBeUndefined();
  });

  it("names levels 0–5 in both languages and refuses anything else", () => {
    expect(levelName(questionnaire, 0, "en")).toBe("Not yet at Level 1");
    expect(levelName(questionnaire, 1, "en")).toBe("Planning");
    expect(levelName(questionnaire, 5, "zh-CN")).toBe("引领级");
    for (const bad of [-1, 6, 2.5, Number.NaN]) expect(() => levelName(questionnaire, bad, "en")).toThrow(RangeError);
  });

  it("localizes text", () => {
    expect(localize(questionnaire.title, "zh-CN")).toBe("未来工厂成熟度模型");
    expect(localize(questionnaire.title, "en")).toBe("Future Factory Maturity Model");
  });
});
