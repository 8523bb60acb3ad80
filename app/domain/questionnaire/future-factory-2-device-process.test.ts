/**
 * The device and process dimensions of questionnaires/future-factory/2.0.0.yaml (issue 10): a
 * process-industry path, single-site band 5s, facts scored once, KPIs with numerator and
 * denominator, and a carry-forward map from 1.0.0 that only keeps questions whose scale is unchanged.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findQuestion, kpiBand, type KpiQuestion, type Question, type Questionnaire } from "./index";
import { loadQuestionnaire } from "./load";
import { allPlantProfiles, isApplicable, type PlantProfile } from "./profile";
import { QUESTIONNAIRES, REAL_FILE, realText } from "./test-support";

const V2_FILE = "questionnaires/future-factory/2.0.0.yaml";
const v2 = loadQuestionnaire(fs.readFileSync(path.join(QUESTIONNAIRES, "future-factory/2.0.0.yaml"), "utf8"), V2_FILE);
const v1 = loadQuestionnaire(realText, REAL_FILE);

const OURS = ["device", "process"];
const ourQuestions = (questionnaire: Questionnaire): Question[] =>
  questionnaire.dimensions
    .filter((dimension) => OURS.includes(dimension.id))
    .flatMap((dimension) => dimension.capabilities.flatMap((capability) => capability.questions));
const ids = (questions: Question[]) => questions.map((question) => question.id);
const profile = (productionType: PlantProfile["productionType"]): PlantProfile => ({
  productionType,
  markets: ["b2b"],
  productVariety: "low",
  sites: "single",
});
const applicableIds = (questionnaire: Questionnaire, plant: PlantProfile) =>
  ids(ourQuestions(questionnaire).filter((question) => isApplicable(question.appliesTo, plant)));
const textOf = (question: Question) =>
  [question.title, question.help, question.evidence, ...(question.type === "level" ? question.descriptors : [])]
    .flatMap((text) => [text["zh-CN"], text.en])
    .join("\n");

const PROCESS_PATH = [
  "device.automation.process-control", // DCS → APC → RTO
  "device.automation.control-loop-auto-rate",
  "process.execution.lims",
  "process.execution.batch-recipe",
  "process.safety.sis",
  "process.safety.dual-prevention",
];
const DISCRETE_ONLY = [
  "device.automation.critical-process-nc",
  "device.automation.line-automation",
  "device.automation.program-management",
  "device.robotics.robot-application",
];

describe("future-factory 2.0.0 — device and process", () => {
  it("asks a process plant about DCS/APC/RTO, LIMS, SIS, dual prevention and batch/recipe, not about NC, DNC or robot assembly", () => {
    const process = applicableIds(v2, profile("process"));
    for (const id of PROCESS_PATH) expect(process, id).toContain(id);
    for (const id of DISCRETE_ONLY) expect(process, id).not.toContain(id);
  });

  it("keeps the discrete path for discrete plants and asks mixed plants both", () => {
    const discrete = applicableIds(v2, profile("discrete"));
    const mixed = applicableIds(v2, profile("mixed"));
    for (const id of DISCRETE_ONLY) expect(discrete, id).toContain(id);
    for (const id of PROCESS_PATH) expect(discrete, id).not.toContain(id);
    for (const id of [...PROCESS_PATH, ...DISCRETE_ONLY]) expect(mixed, id).toContain(id);
  });

  it("keeps the stable ids and asks them of every profile", () => {
    for (const id of [
      "device.connectivity.equipment-networked",
      "device.connectivity.data-acquisition",
      "process.execution.digital-work-orders",
      "process.execution.mes-traceability",
    ]) {
      const question = findQuestion(v2, id);
      expect(question, id).toBeDefined();
      for (const plant of allPlantProfiles()) expect(isApplicable(question?.appliesTo, plant), id).toBe(true);
    }
  });

  it("does not give a DCS plant high networking bands for free: the process path has its own, higher thresholds", () => {
    const networked = findQuestion(v2, "device.connectivity.equipment-networked") as KpiQuestion;
    expect(kpiBand(networked, 85)).toBe(4);
    expect(kpiBand({ thresholds: networked.thresholdsByPath?.process ?? networked.thresholds }, 85)).toBe(3);
  });

  it("has the capabilities an assessor expects: system integration, safety, and energy and low-carbon", () => {
    const process = v2.dimensions.find((dimension) => dimension.id === "process");
    expect(process?.capabilities.map((capability) => capability.id)).toEqual(
      expect.arrayContaining(["process.integration", "process.safety", "process.green", "process.execution"]),
    );
    const green = ids(process?.capabilities.find((capability) => capability.id === "process.green")?.questions ?? []);
    expect(green).toEqual(
      expect.arrayContaining(["process.green.carbon-accounting", "process.green.energy-benchmarking", "process.green.environmental-monitoring"]),
    );
  });

  it("asks every percentage KPI as numerator and denominator", () => {
    const percentages = ourQuestions(v2).filter((question): question is KpiQuestion => question.type === "kpi" && question.unit.en === "%");
    expect(percentages.length).toBeGreaterThan(0);
    for (const kpi of percentages) expect(kpi.basis, kpi.id).toBeDefined();
  });

  it("makes every band 5 reachable by one site on its own (no other plants, groups, partners or other companies)", () => {
    const elsewhere =
      /多工厂|多基地|集团|上下游|其他企业|供应商、客户|across plants|several plants|several sites|other companies|across the group|suppliers and customers/i;
    for (const question of ourQuestions(v2)) {
      if (question.type !== "level") continue;
      const top = question.descriptors[5];
      expect(top, question.id).toBeDefined();
      expect(top?.["zh-CN"], question.id).not.toMatch(elsewhere);
      expect(top?.en, question.id).not.toMatch(elsewhere);
    }
  });

  it("scores DNC only in device.automation and predictive maintenance only in device.monitoring", () => {
    for (const question of ourQuestions(v2)) {
      if (question.type !== "level") continue;
      const descriptors = question.descriptors.flatMap((text) => [text["zh-CN"], text.en]).join("\n");
      if (!question.id.startsWith("device.automation.")) expect(descriptors, question.id).not.toMatch(/DNC/);
      if (!question.id.startsWith("device.monitoring.")) {
        expect(descriptors, question.id).not.toMatch(/预测性维护|设备预测|predictive maintenance|equipment-prediction/i);
      }
    }
  });

  it("says AR-assisted work, never hands-free, and leaves the IT/OT firewall to network security", () => {
    for (const question of ourQuestions(v2)) {
      const text = question.type === "level" ? question.descriptors.flatMap((descriptor) => [descriptor["zh-CN"], descriptor.en]).join("\n") : "";
      expect(textOf(question), question.id).not.toMatch(/免提|hands-free/i);
      expect(text, question.id).not.toMatch(/防火墙|firewall/i);
    }
  });

  it("carries forward only from existing 1.0.0 questions of the same type and scale, and not the rewritten ones", () => {
    const group = v2.carryForward?.find((carry) => Object.keys(carry.answers).some((id) => id.startsWith("device.")));
    expect(group?.from).toBe("1.0.0");
    const answers = group?.answers ?? {};
    for (const [target, source] of Object.entries(answers)) {
      const to = findQuestion(v2, target);
      const from = findQuestion(v1, source);
      expect(from, `${target} ← ${source}`).toBeDefined();
      expect(to?.type, target).toBe(from?.type);
      if (to?.type === "kpi" && from?.type === "kpi") expect([to.min, to.max, to.unit.en], target).toEqual([from.min, from.max, from.unit.en]);
    }
    for (const rewritten of ["device.robotics.robot-application", "device.edge.private-5g", "process.twin.operational-twin"]) {
      expect(Object.keys(answers)).not.toContain(rewritten);
    }
  });

  it("flags a KPI that contradicts a level answer only where both can be asked of the same plant", () => {
    const rules = (v2.plausibility ?? []).filter((rule) => OURS.includes(rule.question.split(".")[0] ?? ""));
    expect(rules.length).toBeGreaterThanOrEqual(5);
    for (const rule of rules) {
      const question = findQuestion(v2, rule.question);
      const kpi = findQuestion(v2, rule.kpi);
      const together = allPlantProfiles().some((plant) => isApplicable(question?.appliesTo, plant) && isApplicable(kpi?.appliesTo, plant));
      expect(together, rule.id).toBe(true);
    }
  });
});
