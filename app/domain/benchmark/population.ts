/**
 * Synthetic factory populations for benchmarks, demos and load tests. Pure and seeded: factory i
 * of seed s is always the same factory (its own random stream), whatever the batch size.
 *
 * Each factory gets a profile (industry, region, size band) drawn from a plausible mix — weighted
 * to Shanghai and the Yangtze River Delta — and a latent maturity. Answers are drawn around that
 * maturity (dimension and capability effects, correlated through the shared latent value), then
 * scored by the real engine, so every stored score follows from the stored answers. The latent
 * scale is calibrated so the levels come out close to the 2022 GB/T 39116 self-assessment
 * distribution: ≈ 63 % ≤ L1, 21 % L2, 12 % L3, 4 % ≥ L4 (population.test.ts checks this).
 *
 * Synthetic data is marked: ids in the UUID block 5eed5eed-…, names "样本企业 000123", no members.
 */
import type { StoredAnswers } from "~/domain/assessment/answers";
import { buildScoreRows, type ItemScoreRow, type ScoreRow } from "~/domain/assessment/score-rows";
import type { Answer } from "~/domain/questionnaire/schema";
import { makeCreditCode } from "~/domain/reference/credit-code";
import { INDUSTRIES, findIndustry } from "~/domain/reference/industries";
import { REGIONS } from "~/domain/reference/regions";
import { deriveSizeBand, SIZE_BANDS, type SizeBand } from "~/domain/reference/size-band";
import { scoreAssessment, type AssessmentResult, type CompiledModel, type CompiledQuestion } from "~/domain/scoring";
import { createRandom, hashSeed, type Random } from "./random";

// ---------------------------------------------------------------------------------------------
// Marking synthetic rows

/** Every synthetic organisation and assessment id lies in this block (first group 5eed5eed). */
export const POPULATION_ID_MIN = "5eed5eed-0000-0000-0000-000000000000";
export const POPULATION_ID_MAX = "5eed5eed-ffff-ffff-ffff-ffffffffffff";
export const POPULATION_NAME_PREFIX = "样本企业 ";
export const MAX_POPULATION = 1_000_000;

const hex12 = (index: number) => index.toString(16).padStart(12, "0");
export const populationOrganizationId = (index: number) => `5eed5eed-0000-4000-8000-${hex12(index)}`;
/** sequence 0 is the latest submission, 1 an earlier one. */
export const populationAssessmentId = (index: number, sequence: number) => `5eed5eed-${(sequence + 1).toString(16).padStart(4, "0")}-4000-8000-${hex12(index)}`;
export const isPopulationId = (id: string) => id >= POPULATION_ID_MIN && id <= POPULATION_ID_MAX;
export const populationName = (index: number) => `${POPULATION_NAME_PREFIX}${String(index).padStart(6, "0")}`;

// ---------------------------------------------------------------------------------------------
// Profile mix

/** Rough shares of manufacturing enterprises by GB/T 4754 division (China, above designated size). */
const INDUSTRY_WEIGHTS: Record<string, number> = {
  "13": 4.5, "14": 2, "15": 1.5, "16": 0.05, "17": 4.5, "18": 3.5, "19": 2, "20": 2, "21": 1.5, "22": 1.8, "23": 1.2, "24": 2.2,
  "25": 0.6, "26": 6, "27": 2.2, "28": 0.5, "29": 6.5, "30": 8, "31": 1.3, "32": 2,
  "33": 6.5, "34": 9, "35": 6, "36": 4.5, "37": 1.5, "38": 7.5, "39": 5, "40": 1.3,
  "41": 0.4, "42": 0.4, "43": 0.3,
};

/** Province weights: Shanghai and the Yangtze River Delta first, then the big manufacturing provinces. */
const PROVINCE_WEIGHTS: Record<string, number> = {
  "31": 30, "32": 20, "33": 17, "34": 7,
  "44": 6, "37": 4, "35": 2, "41": 2, "42": 1.5, "13": 1.5, "43": 1, "51": 1.2, "11": 1, "12": 0.8, "50": 0.8, "36": 0.8,
  "21": 0.7, "61": 0.5, "45": 0.4, "14": 0.3, "22": 0.3, "23": 0.3, "15": 0.2, "52": 0.3, "53": 0.3, "62": 0.15, "46": 0.1,
  "63": 0.05, "64": 0.08, "65": 0.15, "54": 0.02,
};

/** Weights of the cities and districts we list; unlisted ones get 1. Shanghai's industrial districts lead. */
const SUBREGION_WEIGHTS: Record<string, number> = {
  "310115": 20, "310114": 12, "310117": 12, "310112": 10, "310113": 8, "310118": 8, "310120": 7, "310116": 7, "310151": 2,
  "310107": 2, "310110": 2, "310104": 1.5, "310105": 1, "310106": 1, "310109": 1, "310101": 0.5,
  "3205": 20, "3202": 10, "3201": 8, "3204": 8, "3206": 7, "3210": 4, "3211": 3, "3212": 3, "3209": 3, "3203": 3, "3208": 2, "3207": 2, "3213": 2,
  "3302": 15, "3301": 14, "3303": 10, "3304": 8, "3306": 8, "3310": 8, "3307": 6, "3305": 5, "3308": 2, "3311": 2, "3309": 1,
  "3401": 15, "3402": 8, "3411": 4, "3405": 3, "3403": 3, "3408": 3, "3412": 3, "3415": 2, "3418": 2, "3413": 2, "3404": 2, "3406": 1, "3407": 1, "3410": 1, "3416": 1, "3417": 1,
};
/** Share of factories in a province with listed sub-regions that are recorded at province level only. */
const PROVINCE_ONLY_SHARE = 0.05;

const SIZE_WEIGHTS: Record<SizeBand, number> = { LARGE: 7, MEDIUM: 25, SMALL: 53, MICRO: 15 };

const industryCodes = INDUSTRIES.map((industry) => industry.code);
const industryWeights = industryCodes.map((code) => INDUSTRY_WEIGHTS[code] ?? 0.5);
const provinces = REGIONS.filter((region) => region.level === "province").map((region) => region.code);
const provinceWeights = provinces.map((code) => PROVINCE_WEIGHTS[code] ?? 0.2);
const subregionsByProvince = new Map<string, string[]>();
for (const region of REGIONS) {
  if (region.level === "province") continue;
  const province = region.code.slice(0, 2);
  subregionsByProvince.set(province, [...(subregionsByProvince.get(province) ?? []), region.code]);
}

export interface SyntheticProfile {
  industryCode: string;
  regionCode: string;
  sizeBand: SizeBand;
  employees: number;
  revenueWan: number;
}

const logUniform = (random: Random, low: number, high: number) => Math.exp(Math.log(low) + random.next() * (Math.log(high) - Math.log(low)));

/** Employees and revenue inside the band, so deriveSizeBand gives the band back. */
function sizeIndicators(random: Random, band: SizeBand): { employees: number; revenueWan: number } {
  switch (band) {
    case "LARGE":
      return { employees: Math.round(logUniform(random, 1000, 20000)), revenueWan: Math.round(logUniform(random, 40000, 2000000)) };
    case "MEDIUM":
      return { employees: random.int(300, 999), revenueWan: Math.round(logUniform(random, 2000, 39999)) };
    case "SMALL":
      return { employees: random.int(20, 299), revenueWan: Math.round(logUniform(random, 300, 1999)) };
    case "MICRO":
      return random.chance(0.5)
        ? { employees: random.int(3, 19), revenueWan: Math.round(logUniform(random, 50, 3000)) }
        : { employees: random.int(5, 120), revenueWan: Math.round(logUniform(random, 30, 299)) };
  }
}

export function syntheticProfile(random: Random): SyntheticProfile {
  const industryCode = random.weighted(industryCodes, industryWeights);
  const province = random.weighted(provinces, provinceWeights);
  const subregions = subregionsByProvince.get(province);
  const regionCode =
    subregions && !random.chance(PROVINCE_ONLY_SHARE)
      ? random.weighted(
          subregions,
          subregions.map((code) => SUBREGION_WEIGHTS[code] ?? 1),
        )
      : province;
  const sizeBand = random.weighted(SIZE_BANDS, SIZE_BANDS.map((band) => SIZE_WEIGHTS[band]));
  const indicators = sizeIndicators(random, sizeBand);
  if (deriveSizeBand(indicators) !== sizeBand) throw new Error(`size indicators ${JSON.stringify(indicators)} do not give ${sizeBand}`);
  return { industryCode, regionCode, sizeBand, ...indicators };
}

// ---------------------------------------------------------------------------------------------
// Maturity and answers

/** Shifts of the latent maturity (in standard deviations): the 2022 leaders, large firms, Shanghai. */
const INDUSTRY_SHIFT: Record<string, number> = {
  "39": 0.55, "36": 0.45, "25": 0.45, "15": 0.35, "27": 0.3, "26": 0.2, "38": 0.2, "37": 0.15, "34": 0.1, "35": 0.1, "40": 0.1, "16": 0.4,
  "17": -0.3, "18": -0.35, "19": -0.35, "20": -0.35, "21": -0.3, "24": -0.25, "23": -0.15, "13": -0.1, "33": -0.15, "30": -0.2,
  "41": -0.25, "42": -0.25, "43": -0.2,
};
const SIZE_SHIFT: Record<SizeBand, number> = { LARGE: 0.6, MEDIUM: 0.2, SMALL: -0.1, MICRO: -0.45 };
const PROVINCE_SHIFT: Record<string, number> = { "31": 0.15, "32": 0.08, "33": 0.08, "44": 0.05, "34": 0 };

/** Dimensions and capabilities that are usually ahead or behind (scores, 0–5 scale). */
const DIMENSION_OFFSET: Record<string, number> = { device: 0.12, process: 0.15, knowledge: -0.12, business: -0.2 };
const CAPABILITY_OFFSET: Record<string, number> = {
  "device.connectivity": 0.1, "device.robotics": -0.2, "device.edge": -0.55,
  "process.execution": 0.1, "process.energy-safety": 0.2, "process.twin": -0.6, "process.supply-chain": -0.2,
  "knowledge.analytics": -0.2, "knowledge.industrial-apps": -0.4,
  "business.platform": -0.4, "business.security": 0.2,
};
/** Probability of N/A on questions that allow it (default 10 %). */
const NA_PROBABILITY: Record<string, number> = {
  "device.edge.private-5g": 0.2,
  "process.logistics.intralogistics": 0.06,
  "business.customization.order-configuration": 0.12,
  "business.omnichannel.new-retail": 0.3,
};
export const SYNTHETIC_NA_REASON = "本企业无此业务（合成样本数据）";

/**
 * Latent maturity on the 0–5 scale from the position z (standard normal plus the profile's shifts):
 * θ = 1.5 + 1.5·z − 0.1·max(0, z)², flattening towards the top. The three numbers were fitted by
 * a grid search so that the scored levels match the 2022 distribution (population.test.ts).
 */
export const MATURITY_CURVE = { intercept: 1.5, slope: 1.5, flattening: 0.1 } as const;
export function latentMaturity(z: number): number {
  return MATURITY_CURVE.intercept + MATURITY_CURVE.slope * z - MATURITY_CURVE.flattening * Math.max(0, z) ** 2;
}

export function maturityPosition(random: Random, profile: Pick<SyntheticProfile, "industryCode" | "regionCode" | "sizeBand">): number {
  return random.normal() + (INDUSTRY_SHIFT[profile.industryCode] ?? 0) + SIZE_SHIFT[profile.sizeBand] + (PROVINCE_SHIFT[profile.regionCode.slice(0, 2)] ?? 0);
}

const clampBand = (value: number) => Math.max(0, Math.min(5, Math.round(value)));

/** A KPI value that falls in the given band of the question's thresholds. */
function kpiValueForBand(random: Random, question: Extract<CompiledQuestion, { type: "kpi" }>, band: number): number {
  const low = band === 0 ? question.min : question.thresholds[band - 1]!;
  const high = band === 5 ? question.max : question.thresholds[band]!;
  const value = Math.round((low + random.next() * (high - low)) * 10) / 10;
  return band < 5 && value >= high ? low : Math.min(value, question.max);
}

export interface AnswerPattern {
  /** Latent maturity 0–5 the answers are drawn around. */
  maturity: number;
}

/**
 * A complete answer set (every question answered or N/A) around the latent maturity. Dimensions
 * share the latent value (so they correlate) plus their own offset and noise; capabilities add
 * theirs; each question adds a little more before rounding to a band.
 */
export function syntheticAnswers(model: CompiledModel, random: Random, pattern: AnswerPattern): Answer[] {
  const dimensionLevel = model.dimensions.map((dimension) => pattern.maturity + (DIMENSION_OFFSET[dimension.id] ?? 0) + 0.35 * random.normal());
  const capabilityLevel = model.capabilities.map(
    (capability) => dimensionLevel[capability.dimensionIndex]! + (CAPABILITY_OFFSET[capability.id] ?? 0) + 0.3 * random.normal(),
  );
  return model.questions.map((question): Answer => {
    if (question.allowNa && random.chance(NA_PROBABILITY[question.id] ?? 0.1)) {
      return { questionId: question.id, na: true, naReason: SYNTHETIC_NA_REASON };
    }
    const band = clampBand(capabilityLevel[question.capabilityIndex]! + 0.55 * random.normal());
    return { questionId: question.id, value: question.type === "kpi" ? kpiValueForBand(random, question, band) : band };
  });
}

/** The same answers a year earlier: each band one lower with probability 0.4 (KPIs re-drawn in that band). */
export function earlierAnswers(model: CompiledModel, random: Random, later: readonly Answer[], result: AssessmentResult): Answer[] {
  return later.map((answer): Answer => {
    if (answer.na === true) return answer;
    const index = model.questionIndex.get(answer.questionId)!;
    const question = model.questions[index]!;
    const current = result.questions[index];
    const band = current?.status === "answered" ? current.score : 0;
    if (band === 0 || !random.chance(0.4)) return answer;
    return { questionId: answer.questionId, value: question.type === "kpi" ? kpiValueForBand(random, question, band - 1) : band - 1 };
  });
}

export function toStoredAnswers(answers: readonly Answer[]): StoredAnswers {
  const stored: StoredAnswers = {};
  for (const answer of answers) stored[answer.questionId] = answer.na === true ? { na: true, naReason: answer.naReason } : { value: answer.value };
  return stored;
}

// ---------------------------------------------------------------------------------------------
// Whole factories

export interface SyntheticAssessment {
  id: string;
  period: string;
  submittedAt: Date;
  answers: StoredAnswers;
  result: AssessmentResult;
  rows: { score: ScoreRow; items: ItemScoreRow[] };
}

export interface SyntheticFactory extends SyntheticProfile {
  index: number;
  organizationId: string;
  name: string;
  creditCode: string;
  /** Latest first; about 8 % also have the submission of a year before. */
  assessments: SyntheticAssessment[];
}

const DAY = 24 * 60 * 60 * 1000;
/** Reporting period: the calendar year in China. */
export const periodOf = (date: Date) => String(new Date(date.getTime() + 8 * 60 * 60 * 1000).getUTCFullYear());

/** Seeded, per-factory random stream: factory i is the same whatever else is generated. */
export function factoryRandom(seed: number, index: number): Random {
  return createRandom(hashSeed(`population/${seed}/${index}`));
}

/**
 * Factory `index` of population `seed`. Submissions are dated before `anchor`: 88 % in the last
 * ~23 months, 12 % older than the 24-month peer window (they exist, but are not peers).
 */
export function syntheticFactory(model: CompiledModel, seed: number, index: number, anchor: Date): SyntheticFactory {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_POPULATION) throw new RangeError(`factory index must be 0…${MAX_POPULATION - 1}`);
  const random = factoryRandom(seed, index);
  const profile = syntheticProfile(random);
  const maturity = latentMaturity(maturityPosition(random, profile));
  const answers = syntheticAnswers(model, random, { maturity });
  const ageDays = random.chance(0.88) ? random.int(1, 700) : random.int(735, 1000);
  const submittedAt = new Date(anchor.getTime() - ageDays * DAY - random.int(0, DAY / 1000 - 1) * 1000);
  const latest = scoredAssessment(model, populationAssessmentId(index, 0), submittedAt, answers, profile);
  const assessments = [latest];
  if (random.chance(0.08)) {
    const before = earlierAnswers(model, random, answers, latest.result);
    const earlierAt = new Date(submittedAt.getTime() - random.int(330, 400) * DAY);
    assessments.push(scoredAssessment(model, populationAssessmentId(index, 1), earlierAt, before, profile));
  }
  const regionPart = profile.regionCode.padEnd(6, "0");
  return {
    index,
    organizationId: populationOrganizationId(index),
    name: populationName(index),
    // 9 = 工商, 1 = 企业; 登记机关 = the region; 主体标识码 "YB" + the index (YB: 样本).
    creditCode: makeCreditCode(`91${regionPart}YB${String(index).padStart(7, "0")}`),
    ...profile,
    assessments,
  };
}

export function scoredAssessment(model: CompiledModel, id: string, submittedAt: Date, answers: readonly Answer[], profile: Pick<SyntheticProfile, "industryCode" | "regionCode" | "sizeBand">): SyntheticAssessment {
  if (!findIndustry(profile.industryCode)) throw new RangeError(`unknown industry ${profile.industryCode}`);
  const result = scoreAssessment(model, answers, { mode: "submission" });
  return { id, period: periodOf(submittedAt), submittedAt, answers: toStoredAnswers(answers), result, rows: buildScoreRows(result, profile) };
}

/** Factories [from, to) of a population, generated lazily. */
export function* syntheticFactories(model: CompiledModel, seed: number, from: number, to: number, anchor: Date): Generator<SyntheticFactory> {
  for (let index = from; index < to; index++) yield syntheticFactory(model, seed, index, anchor);
}
