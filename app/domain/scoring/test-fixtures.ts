/**
 * Test-only builders and a small hand-built questionnaire ("mini") whose scores are worked out
 * by hand in the tests. Not exported from index.ts.
 */
import type { PlantProfile } from "~/domain/questionnaire/profile";
import type { Answer, Capability, Dimension, KpiQuestion, LevelQuestion, Questionnaire } from "~/domain/questionnaire/schema";

const text = (value: string) => ({ "zh-CN": value, en: value });

export function levelQuestion(id: string, weight = 1, allowNa = false): LevelQuestion {
  return {
    id,
    type: "level",
    title: text(id),
    help: text(id),
    evidence: text(id),
    weight,
    allowNa,
    descriptors: [0, 1, 2, 3, 4, 5].map((band) => text(`band ${band}`)),
  };
}

export function kpiQuestion(
  id: string,
  range: { min: number; max: number; thresholds: number[] },
  weight = 1,
  allowNa = false,
): KpiQuestion {
  return { id, type: "kpi", title: text(id), help: text(id), evidence: text(id), unit: text("%"), weight, allowNa, ...range };
}

export function capability(id: string, weight: number, questions: Capability["questions"]): Capability {
  return { id, name: text(id), description: text(id), weight, advice: [0, 1, 2, 3, 4].map((n) => text(`step ${n}`)), questions };
}

export function dimension(id: string, weight: number, capabilities: Capability[]): Dimension {
  return { id, name: text(id), description: text(id), weight, capabilities };
}

export function questionnaire(dimensions: Dimension[], key = "mini", version = "1.0.0"): Questionnaire {
  return {
    key,
    version,
    publishedAt: "2025-01-01",
    title: text(key),
    description: text(key),
    belowFirstLevel: text("未达级"),
    levels: [1, 2, 3, 4, 5].map((level) => ({ level, name: text(`L${level}`), description: text(`L${level}`) })),
    dimensions,
  };
}

const percent = (thresholds: number[]) => ({ min: 0, max: 100, thresholds });

/** 4 dimensions × 4 capabilities, 24 questions; weights differ on purpose at every level. */
export const mini = questionnaire([
  dimension("strategy", 2, [
    capability("strategy.vision", 1, [levelQuestion("strategy.vision.roadmap")]),
    capability("strategy.organisation", 1, [levelQuestion("strategy.organisation.roles")]),
    capability("strategy.investment", 1, [
      levelQuestion("strategy.investment.budget", 3),
      kpiQuestion("strategy.investment.roi", percent([5, 10, 15, 20, 30])),
    ]),
    capability("strategy.talent", 2, [
      levelQuestion("strategy.talent.training"),
      kpiQuestion("strategy.talent.hours", { min: 0, max: 200, thresholds: [8, 16, 24, 40, 60] }, 1, true),
    ]),
  ]),
  dimension("operations", 3, [
    capability("operations.planning", 1, [levelQuestion("operations.planning.aps")]),
    capability("operations.production", 2, [
      levelQuestion("operations.production.mes"),
      kpiQuestion("operations.production.oee", percent([40, 55, 65, 75, 85])),
    ]),
    capability("operations.quality", 1, [
      levelQuestion("operations.quality.spc"),
      kpiQuestion("operations.quality.first-pass-yield", percent([80, 90, 95, 98, 99.5])),
    ]),
    capability("operations.warehouse", 1, [
      levelQuestion("operations.warehouse.wms", 1, true),
      levelQuestion("operations.warehouse.agv", 1, true),
    ]),
  ]),
  dimension("technology", 3, [
    capability("technology.data", 1, [levelQuestion("technology.data.platform")]),
    capability("technology.network", 1, [levelQuestion("technology.network.coverage")]),
    capability("technology.automation", 1, [levelQuestion("technology.automation.rate")]),
    capability("technology.security", 1, [
      levelQuestion("technology.security.policy"),
      levelQuestion("technology.security.ot-segmentation", 2, true),
    ]),
  ]),
  dimension("business", 2, [
    capability("business.customer", 1, [levelQuestion("business.customer.crm")]),
    capability("business.supply-chain", 1, [levelQuestion("business.supply-chain.visibility")]),
    capability("business.service", 1, [levelQuestion("business.service.remote"), levelQuestion("business.service.lifecycle")]),
    capability("business.sustainability", 2, [
      levelQuestion("business.sustainability.energy", 1, true),
      kpiQuestion("business.sustainability.saving", { min: 0, max: 50, thresholds: [2, 5, 10, 15, 20] }),
    ]),
  ]),
]);

/**
 * The worked example of docs/scoring.md: dimensions 3.1 / 3.0 / 3.0 / 0.9, overall 2.6, level 1
 * (not 2, because business is below the L2 floor of 1).
 */
export const exampleValues: Record<string, number> = {
  "strategy.vision.roadmap": 3,
  "strategy.organisation.roles": 3,
  "strategy.investment.budget": 3,
  "strategy.investment.roi": 7, // band 1 (≥ 5, < 10)
  "strategy.talent.training": 3,
  "strategy.talent.hours": 45, // band 4 (≥ 40, < 60)
  "operations.planning.aps": 4,
  "operations.production.mes": 2,
  "operations.production.oee": 68, // band 3 (≥ 65, < 75)
  "operations.quality.spc": 3,
  "operations.quality.first-pass-yield": 96, // band 3 (≥ 95, < 98)
  "operations.warehouse.wms": 2,
  "operations.warehouse.agv": 4,
  "technology.data.platform": 4,
  "technology.network.coverage": 2,
  "technology.automation.rate": 3,
  "technology.security.policy": 3,
  "technology.security.ot-segmentation": 3,
  "business.customer.crm": 1,
  "business.supply-chain.visibility": 1,
  "business.service.remote": 0,
  "business.service.lifecycle": 1,
  "business.sustainability.energy": 1,
  "business.sustainability.saving": 3, // band 1 (≥ 2, < 5)
};

export function answersFrom(values: Record<string, number>, overrides: Answer[] = []): Answer[] {
  const overridden = new Set(overrides.map((answer) => answer.questionId));
  const answers: Answer[] = Object.entries(values)
    .filter(([questionId]) => !overridden.has(questionId))
    .map(([questionId, value]) => ({ questionId, value }));
  return [...answers, ...overrides];
}

export const na = (questionId: string, naReason = "no such area on site"): Answer => ({ questionId, na: true, naReason });

/**
 * A small 2.0.0-style questionnaire for the requirements rule, worked by hand in
 * requirements.test.ts: capabilities weighted 1 / 2 / 2, a process-only and a discrete-only
 * question, a KPI with process thresholds, a veto, a plausibility rule and crosswalks.
 */
export const plant: Questionnaire = {
  ...questionnaire(
    [
      dimension("d", 1, [
        capability("d.sec", 1, [levelQuestion("d.sec.q")]),
        capability("d.run", 2, [
          levelQuestion("d.run.a"),
          {
            ...kpiQuestion("d.run.kpi", { min: 0, max: 100, thresholds: [10, 20, 30, 40, 50] }),
            thresholdsByPath: { process: [20, 40, 60, 80, 90] },
          },
        ]),
        capability("d.proc", 2, [
          { ...levelQuestion("d.proc.dcs"), appliesTo: { productionType: ["process", "mixed"] }, notApplicableNote: text("discrete plants have no DCS") },
          { ...levelQuestion("d.proc.cnc"), appliesTo: { productionType: ["discrete", "mixed"] }, notApplicableNote: text("process plants have no CNC") },
          levelQuestion("d.proc.all"),
        ]),
      ]),
    ],
    "plant",
    "2.0.0",
  ),
  levelRule: "requirements",
  usesPlantProfile: true,
  vetoes: [{ capability: "d.sec", maxLevelAbove: 1, reason: text("security") }],
  plausibility: [{ id: "run-vs-kpi", question: "d.run.a", bandAtLeast: 3, kpi: "d.run.kpi", kpiBelow: 25, message: text("check") }],
  crosswalks: {
    cmmm: { source: text("GB/T 39116") },
    gradient: {
      source: text("MIIT"),
      tiers: [
        { id: "basic", name: text("basic"), minCmmmLevel: 2, items: [{ question: "d.run.a", bandAtLeast: 2, label: text("work orders") }] },
        { id: "advanced", name: text("advanced"), minCmmmLevel: 3, items: [{ question: "d.proc.dcs", bandAtLeast: 3, label: text("DCS") }] },
        { id: "leading", name: text("leading"), minCmmmLevel: 4, items: [] },
      ],
    },
    digitalLevel: { source: text("Zhejiang"), targets: [{ value: 2, label: text("≥ 2") }, { value: 3, label: text("≥ 3") }] },
  },
};

export const discretePlant: PlantProfile = { productionType: "discrete", markets: ["b2b"], productVariety: "high", sites: "single" };
export const processPlant: PlantProfile = { productionType: "process", markets: ["b2b", "b2c"], productVariety: "low", sites: "multiple" };
