/** The real model, questionnaires/future-factory/1.0.0.yaml: valid, complete and locked. */
import { describe, expect, it } from "vitest";
import { contentHash, loadQuestionnaireFiles, readPublishedLock } from "./files.server";
import { allQuestions, kpiBand, levelName } from "./index";
import { loadQuestionnaire } from "./load";
import { MAX_SCORE } from "./schema";
import { QUESTIONNAIRES, REAL_FILE, realText } from "./test-support";

const questionnaire = loadQuestionnaire(realText, REAL_FILE);
const questions = allQuestions(questionnaire);

describe("future-factory 1.0.0", () => {
  it("loads from disk together with every other questionnaire file", () => {
    const files = loadQuestionnaireFiles(QUESTIONNAIRES);
    expect(files.map((file) => `${file.key}@${file.version}`)).toContain("future-factory@1.0.0");
  });

  it("has the four lines of digitalisation with 4–6 capabilities each", () => {
    expect(questionnaire.dimensions.map((dimension) => dimension.id)).toEqual(["device", "process", "knowledge", "business"]);
    for (const dimension of questionnaire.dimensions) {
      expect(dimension.capabilities.length).toBeGreaterThanOrEqual(4);
      expect(dimension.capabilities.length).toBeLessThanOrEqual(6);
    }
  });

  it("has at least 48 questions, 8–12 of them KPIs", () => {
    expect(questions.length).toBeGreaterThanOrEqual(48);
    const kpis = questions.filter((question) => question.type === "kpi");
    expect(kpis.length).toBeGreaterThanOrEqual(8);
    expect(kpis.length).toBeLessThanOrEqual(12);
  });

  it("names the levels as GB/T 39116 does", () => {
    expect([0, 1, 2, 3, 4, 5].map((level) => levelName(questionnaire, level, "zh-CN"))).toEqual([
      "未达级",
      "规划级",
      "规范级",
      "集成级",
      "优化级",
      "引领级",
    ]);
    expect(levelName(questionnaire, 3, "en")).toBe("Integrated");
  });

  it("gives every level question six distinct descriptors and every capability five advice steps", () => {
    for (const question of questions) {
      if (question.type !== "level") continue;
      expect(question.descriptors).toHaveLength(MAX_SCORE + 1);
      expect(new Set(question.descriptors.map((descriptor) => descriptor.en)).size).toBe(MAX_SCORE + 1);
    }
    for (const capability of questionnaire.dimensions.flatMap((dimension) => dimension.capabilities)) {
      expect(capability.advice).toHaveLength(5);
    }
  });

  it("describes observable facts, not grades", () => {
    const grades = /\b(good|better|best|poor|excellent|adequate|satisfactory)\b/i;
    for (const question of questions) {
      if (question.type !== "level") continue;
      for (const descriptor of question.descriptors) expect(descriptor.en, question.id).not.toMatch(grades);
    }
  });

  it("states KPIs so that higher is better, with bands reachable inside [min, max]", () => {
    for (const question of questions) {
      if (question.type !== "kpi") continue;
      expect(kpiBand(question, question.min), question.id).toBe(question.thresholds[0] === question.min ? 1 : 0);
      expect(kpiBand(question, question.max), question.id).toBe(5);
    }
  });

  it("allows N/A only where a plant can legitimately lack the thing", () => {
    expect(questions.filter((question) => question.allowNa).map((question) => question.id)).toEqual([
      "device.edge.private-5g",
      "process.logistics.intralogistics",
      "business.customization.order-configuration",
      "business.omnichannel.new-retail",
    ]);
    for (const question of questions.filter((candidate) => candidate.allowNa)) {
      expect(question.help["zh-CN"], question.id).toContain("不适用");
      expect(question.help.en, question.id).toContain("N/A");
    }
  });

  it("keeps every capability scoreable when all its N/A-able questions are N/A (at most half the weight)", () => {
    for (const capability of questionnaire.dimensions.flatMap((dimension) => dimension.capabilities)) {
      const total = capability.questions.reduce((sum, question) => sum + question.weight, 0);
      const na = capability.questions.filter((question) => question.allowNa).reduce((sum, question) => sum + question.weight, 0);
      expect(na, capability.id).toBeLessThanOrEqual(total / 2);
    }
  });

  it("matches its entry in published.lock.json (published versions are immutable)", () => {
    expect(readPublishedLock(QUESTIONNAIRES)["future-factory@1.0.0"]).toBe(contentHash(questionnaire));
  });
});
