/**
 * Synthetic factory populations for benchmarks, demos and load tests. Pure and seeded: factory i
 * of seed s is always the same factory (its own random stream), whatever the batch size.
 *
 * Each factory gets a profile (industry, region, size band) drawn from a plausible mix — weighted
 * to Shanghai and the Yangtze River Delta —, a plant profile that fits its industry and size
 * (流程型 for chemicals, food, materials…; markets, product variety and sites), and a latent
 * maturity. Answers are drawn around that maturity (dimension and capability effects, correlated
 * through the shared latent value) for the questions its plant profile applies to, KPI values in
 * the bands of its production path, then scored by the real engine with the plant profile, so
 * every stored score follows from the stored answers.
 *
 * The latent scale is not hand-tuned: `populationCalibration` fits it per questionnaire and per
 * production type with the engine itself, so that the levels come out close to the 2022
 * GB/T 39116 self-assessment distribution (≈ 63 % ≤ L1, 21 % L2, 12 % L3, 4 % ≥ L4) for discrete,
 * process and mixed plants alike, whatever the content and the level rule (population.test.ts).
 *
 * Synthetic data is marked: ids in the UUID block 5eed5eed-…, names "样本企业 000123", no members.
 */
import type { StoredAnswers } from "~/domain/assessment/answers";
import { buildScoreRows, type ItemScoreRow, type ScoreRow } from "~/domain/assessment/score-rows";
import {
  isApplicable,
  PRODUCT_VARIETIES,
  PRODUCTION_TYPES,
  productionPath,
  type Market,
  type PlantProfile,
  type ProductionType,
} from "~/domain/questionnaire/profile";
import type { Answer } from "~/domain/questionnaire/schema";
import { makeCreditCode } from "~/domain/reference/credit-code";
import { INDUSTRIES, findIndustry } from "~/domain/reference/industries";
import { REGIONS } from "~/domain/reference/regions";
import { deriveSizeBand, SIZE_BANDS, type SizeBand } from "~/domain/reference/size-band";
import { scoreAssessment, type AssessmentResult, type CompiledKpiQuestion, type CompiledModel, type CompiledQuestion } from "~/domain/scoring";
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
  /** What the factory states before a questionnaire with a plant profile (2.0.0 on). */
  plant: PlantProfile;
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
  return { industryCode, regionCode, sizeBand, ...indicators, plant: syntheticPlantProfile(random, industryCode, sizeBand) };
}

// ---------------------------------------------------------------------------------------------
// Plant profile (工厂概况): production type, markets, product variety, sites

/**
 * Shares of 离散型 / 流程型 / 混合型 plants by GB/T 4754 division: food and beverages, paper,
 * fuels, chemicals, pharmaceuticals, chemical fibres, building materials and metal smelting are
 * mostly process plants; textiles, rubber and plastics are split; machinery, vehicles and
 * electronics (the unlisted divisions) are discrete with a few mixed plants (batteries, wafers).
 */
const PRODUCTION_TYPE_WEIGHTS: Record<string, readonly [discrete: number, process: number, mixed: number]> = {
  "13": [0.05, 0.65, 0.3], "14": [0.1, 0.55, 0.35], "15": [0.05, 0.7, 0.25], "16": [0.05, 0.35, 0.6],
  "17": [0.45, 0.25, 0.3], "18": [0.95, 0, 0.05], "19": [0.85, 0.05, 0.1], "20": [0.75, 0.1, 0.15], "21": [0.95, 0, 0.05],
  "22": [0.1, 0.7, 0.2], "23": [0.9, 0, 0.1], "24": [0.9, 0.02, 0.08], "25": [0, 0.95, 0.05], "26": [0.03, 0.85, 0.12],
  "27": [0.05, 0.6, 0.35], "28": [0.02, 0.88, 0.1], "29": [0.5, 0.2, 0.3], "30": [0.15, 0.65, 0.2], "31": [0.02, 0.8, 0.18],
  "32": [0.05, 0.75, 0.2], "33": [0.85, 0.03, 0.12], "38": [0.82, 0.03, 0.15], "39": [0.85, 0.03, 0.12], "41": [0.75, 0.1, 0.15],
  "42": [0.3, 0.5, 0.2], "43": [0.97, 0, 0.03],
};
const DEFAULT_PRODUCTION_TYPE_WEIGHTS = [0.9, 0, 0.1] as const;

/** Share of plants that sell to consumers at all (the others sell only to businesses); default 0.1. */
const CONSUMER_SHARE: Record<string, number> = {
  "13": 0.3, "14": 0.7, "15": 0.8, "16": 0.1, "17": 0.15, "18": 0.6, "19": 0.55, "20": 0.2, "21": 0.6, "22": 0.2, "23": 0.15,
  "24": 0.6, "27": 0.25, "28": 0.02, "29": 0.2, "31": 0.02, "32": 0.03, "33": 0.2, "34": 0.08, "35": 0.05, "36": 0.15,
  "37": 0.15, "38": 0.35, "39": 0.3, "41": 0.4, "42": 0.05,
};
/** Larger firms more often have a consumer channel of their own. */
const CONSUMER_SCALE: Record<SizeBand, number> = { LARGE: 1.3, MEDIUM: 1.1, SMALL: 1, MICRO: 0.9 };
/** Of the plants selling to consumers, those that sell ONLY to consumers: small brands, rarely large firms. */
const CONSUMER_ONLY_SHARE: Record<SizeBand, number> = { LARGE: 0.15, MEDIUM: 0.25, SMALL: 0.4, MICRO: 0.55 };

/** 少品种大批量 / 多品种小批量 / 按订单设计·单件定制 by production type, with custom-heavy divisions. */
const VARIETY_WEIGHTS: Record<ProductionType, readonly [low: number, high: number, custom: number]> = {
  discrete: [0.3, 0.55, 0.15],
  process: [0.7, 0.27, 0.03],
  mixed: [0.45, 0.45, 0.1],
};
const DISCRETE_VARIETY_BY_INDUSTRY: Record<string, readonly [number, number, number]> = {
  "34": [0.15, 0.5, 0.35], "35": [0.1, 0.4, 0.5], "37": [0.1, 0.4, 0.5], "43": [0.05, 0.35, 0.6], "18": [0.2, 0.7, 0.1], "21": [0.2, 0.5, 0.3],
  "36": [0.55, 0.4, 0.05],
};
/** Share of firms with more than one production site, by size band. */
const MULTI_SITE_SHARE: Record<SizeBand, number> = { LARGE: 0.55, MEDIUM: 0.25, SMALL: 0.08, MICRO: 0.02 };

export function syntheticPlantProfile(random: Random, industryCode: string, sizeBand: SizeBand): PlantProfile {
  const productionType = random.weighted(PRODUCTION_TYPES, PRODUCTION_TYPE_WEIGHTS[industryCode] ?? DEFAULT_PRODUCTION_TYPE_WEIGHTS);
  const consumers = random.chance(Math.min(0.95, (CONSUMER_SHARE[industryCode] ?? 0.1) * CONSUMER_SCALE[sizeBand]));
  const markets: Market[] = !consumers ? ["b2b"] : random.chance(CONSUMER_ONLY_SHARE[sizeBand]) ? ["b2c"] : ["b2b", "b2c"];
  const varietyWeights = productionType === "discrete" ? (DISCRETE_VARIETY_BY_INDUSTRY[industryCode] ?? VARIETY_WEIGHTS.discrete) : VARIETY_WEIGHTS[productionType];
  const productVariety = random.weighted(PRODUCT_VARIETIES, varietyWeights);
  const sites = random.chance(MULTI_SITE_SHARE[sizeBand]) ? "multiple" : "single";
  return { productionType, markets, productVariety, sites };
}

// ---------------------------------------------------------------------------------------------
// Maturity and answers

/** Shifts of the latent position (in standard deviations): the 2022 leaders, large firms, Shanghai. */
const INDUSTRY_SHIFT: Record<string, number> = {
  "39": 0.55, "36": 0.45, "25": 0.45, "15": 0.35, "27": 0.3, "26": 0.2, "38": 0.2, "37": 0.15, "34": 0.1, "35": 0.1, "40": 0.1, "16": 0.4,
  "17": -0.3, "18": -0.35, "19": -0.35, "20": -0.35, "21": -0.3, "24": -0.25, "23": -0.15, "13": -0.1, "33": -0.15, "30": -0.2,
  "41": -0.25, "42": -0.25, "43": -0.2,
};
const SIZE_SHIFT: Record<SizeBand, number> = { LARGE: 0.6, MEDIUM: 0.2, SMALL: -0.1, MICRO: -0.45 };
const PROVINCE_SHIFT: Record<string, number> = { "31": 0.15, "32": 0.08, "33": 0.08, "44": 0.05, "34": 0 };

/**
 * Dimensions and capabilities that are usually ahead or behind (bands, 0–5 scale). Unknown ids get
 * 0, so the generator works on any questionnaire; the calibration below absorbs the rest.
 */
const DIMENSION_OFFSET: Record<string, number> = { device: 0.12, process: 0.15, knowledge: -0.12, business: -0.2 };
const CAPABILITY_OFFSET: Record<string, number> = {
  "device.connectivity": 0.1, "device.robotics": -0.2, "device.edge": -0.55,
  "process.execution": 0.1, "process.energy-safety": 0.2, "process.twin": -0.6, "process.supply-chain": -0.2,
  "knowledge.analytics": -0.2, "knowledge.industrial-apps": -0.4,
  "business.platform": -0.4, "business.security": 0.2,
};
/** Spread (standard deviations, in bands) of a dimension around the latent maturity, a capability around its dimension, a question around its capability. */
const SPREAD = { dimension: 0.35, capability: 0.3, question: 0.55 } as const;
/** Probability of N/A on questions that allow it (1.0.0 only; unknown ids get 10 %). */
const NA_PROBABILITY: Record<string, number> = {
  "device.edge.private-5g": 0.2,
  "process.logistics.intralogistics": 0.06,
  "business.customization.order-configuration": 0.12,
  "business.omnichannel.new-retail": 0.3,
};
export const SYNTHETIC_NA_REASON = "本企业无此业务（合成样本数据）";

/** The part of the position a factory's profile fixes: its industry's, size band's and province's shifts. */
export function maturityShift(profile: Pick<SyntheticProfile, "industryCode" | "regionCode" | "sizeBand">): number {
  return (INDUSTRY_SHIFT[profile.industryCode] ?? 0) + SIZE_SHIFT[profile.sizeBand] + (PROVINCE_SHIFT[profile.regionCode.slice(0, 2)] ?? 0);
}

/** Position z = a standard normal + the profile's shift. */
export function maturityPosition(random: Random, profile: Pick<SyntheticProfile, "industryCode" | "regionCode" | "sizeBand">): number {
  return random.normal() + maturityShift(profile);
}

const clampBand = (value: number) => Math.max(0, Math.min(5, Math.round(value)));

/** The KPI thresholds a plant is scored on: process plants use the process path's where the questionnaire has them. */
function thresholdsFor(model: CompiledModel, question: CompiledKpiQuestion, plant: PlantProfile | undefined): readonly number[] {
  return model.usesPlantProfile && plant && productionPath(plant) === "process" ? question.processThresholds : question.thresholds;
}

/**
 * A KPI value in the given band of the thresholds; `position` (0–1) says where in the band. Higher
 * position, higher value. Band 5 reaches at most one band's width above its threshold: a digital
 * investment of 4–5.5 % of revenue, not anything up to the field's maximum of 100 %.
 */
function kpiValueForBand(question: CompiledKpiQuestion, thresholds: readonly number[], band: number, position: number): number {
  const low = band === 0 ? question.min : thresholds[band - 1]!;
  const high = band === 5 ? Math.min(question.max, 2 * thresholds[4]! - thresholds[3]!) : thresholds[band]!;
  const value = Math.max(low, Math.round((low + position * (high - low)) * 10) / 10);
  return Math.min(band < 5 && value >= high ? low : value, question.max);
}

/**
 * The random part of one factory's answers, drawn once. Answers at any latent maturity follow
 * from it deterministically and rise monotonically with the maturity, which lets the calibration
 * search a factory's level thresholds by bisection.
 */
export interface AnswerDraws {
  /** Per dimension, capability and question: the deviation (in bands) from the level above. */
  readonly dimension: Float64Array;
  readonly capability: Float64Array;
  readonly question: Float64Array;
  /** Per question: where a KPI value lies inside its band (0–1). */
  readonly kpiPosition: Float64Array;
  /** Per question: N/A (only on questions that allow it, 1.0.0). */
  readonly na: Uint8Array;
}

export function drawAnswers(model: CompiledModel, random: Random): AnswerDraws {
  const offsets = modelOffsets(model);
  const dimension = Float64Array.from(model.dimensions, (d) => offsets.dimension[d.index]! + SPREAD.dimension * random.normal());
  const capability = Float64Array.from(model.capabilities, (c) => offsets.capability[c.index]! + SPREAD.capability * random.normal());
  const question = new Float64Array(model.questions.length);
  const kpiPosition = new Float64Array(model.questions.length);
  const na = new Uint8Array(model.questions.length);
  for (const q of model.questions) {
    question[q.index] = SPREAD.question * random.normal();
    kpiPosition[q.index] = random.next();
    na[q.index] = q.allowNa && random.chance(NA_PROBABILITY[q.id] ?? 0.1) ? 1 : 0;
  }
  return { dimension, capability, question, kpiPosition, na };
}

const offsetCache = new WeakMap<CompiledModel, { dimension: Float64Array; capability: Float64Array }>();
function modelOffsets(model: CompiledModel) {
  let offsets = offsetCache.get(model);
  if (!offsets) {
    offsets = {
      dimension: Float64Array.from(model.dimensions, (d) => DIMENSION_OFFSET[d.id] ?? 0),
      capability: Float64Array.from(model.capabilities, (c) => CAPABILITY_OFFSET[c.id] ?? 0),
    };
    offsetCache.set(model, offsets);
  }
  return offsets;
}

/** Whether a question is asked of this plant: with a plant profile, only its applicable questions are. */
export function isAsked(model: CompiledModel, question: CompiledQuestion, plant: PlantProfile | undefined): boolean {
  return !model.usesPlantProfile || plant === undefined || isApplicable(question.appliesTo, plant);
}

/**
 * A complete answer set at latent maturity `maturity` (0–5 scale): every question the plant is
 * asked is answered (or N/A where 1.0.0 allows it); questions its profile excludes are left out.
 * Dimensions share the latent value (so they correlate), capabilities add their own deviation,
 * each question a little more before rounding to a band; KPI values fall in that band of the
 * plant's production path.
 */
export function answersAt(model: CompiledModel, draws: AnswerDraws, maturity: number, plant: PlantProfile | undefined): Answer[] {
  const answers: Answer[] = [];
  for (const question of model.questions) {
    if (!isAsked(model, question, plant)) continue;
    if (draws.na[question.index] === 1) {
      answers.push({ questionId: question.id, na: true, naReason: SYNTHETIC_NA_REASON });
      continue;
    }
    const band = clampBand(maturity + draws.dimension[question.dimensionIndex]! + draws.capability[question.capabilityIndex]! + draws.question[question.index]!);
    const value = question.type === "kpi" ? kpiValueForBand(question, thresholdsFor(model, question, plant), band, draws.kpiPosition[question.index]!) : band;
    answers.push({ questionId: question.id, value });
  }
  return answers;
}

export interface AnswerPattern {
  /** Latent maturity 0–5 the answers are drawn around. */
  maturity: number;
  /** The plant profile: only its applicable questions are answered (absent: every question). */
  plant?: PlantProfile;
}

/** Draws and answers in one step (tests and small seeds). */
export function syntheticAnswers(model: CompiledModel, random: Random, pattern: AnswerPattern): Answer[] {
  return answersAt(model, drawAnswers(model, random), pattern.maturity, pattern.plant);
}

/** The same answers a year earlier: each band one lower with probability 0.4 (KPIs re-drawn in that band). */
export function earlierAnswers(model: CompiledModel, random: Random, later: readonly Answer[], result: AssessmentResult, plant: PlantProfile | undefined): Answer[] {
  return later.map((answer): Answer => {
    if (answer.na === true) return answer;
    const index = model.questionIndex.get(answer.questionId)!;
    const question = model.questions[index]!;
    const current = result.questions[index];
    const band = current?.status === "answered" ? current.score : 0;
    if (band === 0 || !random.chance(0.4)) return answer;
    return {
      questionId: answer.questionId,
      value: question.type === "kpi" ? kpiValueForBand(question, thresholdsFor(model, question, plant), band - 1, random.next()) : band - 1,
    };
  });
}

export function toStoredAnswers(answers: readonly Answer[]): StoredAnswers {
  const stored: StoredAnswers = {};
  for (const answer of answers) stored[answer.questionId] = answer.na === true ? { na: true, naReason: answer.naReason } : { value: answer.value };
  return stored;
}

// ---------------------------------------------------------------------------------------------
// Calibration to the 2022 CMMM distribution

/** Cumulative shares of the 2022 GB/T 39116 self-diagnoses: ≤ L1 63 %, ≤ L2 84 %, ≤ L3 96 % (so ≥ L4 4 %). */
export const CMMM_2022_CUMULATIVE = [0.63, 0.84, 0.96] as const;
/** Calibration factories per production type. */
export const CALIBRATION_SIZE = 600;
/** Where the searches look for latent maturities (bands 0–5 plus the dimension and capability offsets), and how precisely. */
const MATURITY_RANGE = { low: -1.5, high: 7.5, precision: 0.1 } as const;

/**
 * Latent maturity as a function of the position z: piecewise linear through three knots, one at
 * each cumulative CMMM share (z's quantile there), extended with the slopes of the outer segments.
 */
export interface MaturityCurve {
  readonly z: readonly [number, number, number];
  readonly maturity: readonly [number, number, number];
}

export function curveMaturity(curve: MaturityCurve, z: number): number {
  const [z1, z2, z3] = curve.z;
  const [m1, m2, m3] = curve.maturity;
  if (z <= z2) return m1 + ((z - z1) * (m2 - m1)) / (z2 - z1);
  return m2 + ((z - z2) * (m3 - m2)) / (z3 - z2);
}

export type PopulationCalibration = Readonly<Record<ProductionType, MaturityCurve>>;

/**
 * The latent maturity in [from, to] at which the factory's answers reach `level`, by bisection
 * (the caller knows that `to` reaches it): answers, and so the level, never fall as the maturity
 * rises. The middle of the last bracket, so the error is ±precision/2 with no bias.
 */
function thresholdBetween(levelAt: (maturity: number) => number, level: number, from: number, to: number): number {
  let low = from;
  let high = to;
  while (high - low > MATURITY_RANGE.precision) {
    const middle = (low + high) / 2;
    if (levelAt(middle) >= level) high = middle;
    else low = middle;
  }
  return (low + high) / 2;
}

/** The maturities at which the draws first reach each level 1…5 (Infinity: never within the range). */
function levelSteps(levelAt: (maturity: number) => number, levels: readonly number[]): number[] {
  const top = levelAt(MATURITY_RANGE.high);
  const bottom = levelAt(MATURITY_RANGE.low);
  let from: number = MATURITY_RANGE.low;
  return levels.map((level) => {
    if (level <= bottom) return MATURITY_RANGE.low;
    if (level > top) return Infinity;
    from = thresholdBetween(levelAt, level, from, MATURITY_RANGE.high);
    return from;
  });
}

/** Latent maturities at which factory draws reach L2, L3 and L4 under the model's level rule. */
export function levelThresholds(model: CompiledModel, draws: AnswerDraws, plant: PlantProfile): [number, number, number] {
  const levelAt = (maturity: number) => scoreAssessment(model, answersAt(model, draws, maturity, plant), { mode: "submission", profile: plant }).level;
  const [l2, l3, l4] = levelSteps(levelAt, [2, 3, 4]);
  return [l2!, l3!, l4!];
}

const calibrationCache = new WeakMap<CompiledModel, PopulationCalibration>();

/**
 * Fits one maturity curve per production type so that the levels the model's own rules give come
 * out at the 2022 CMMM shares, whatever the questions, weights, thresholds and level rule.
 *
 * For CALIBRATION_SIZE seeded factories of each type (profile and answer draws as in the
 * population) the engine finds the latent maturities Θ at which each reaches L2, L3 and L4. A
 * factory with shift s reaches level k when curve(s + ε) ≥ Θ_k, ε standard normal, so with
 * probability 1 − Φ(curve⁻¹(Θ_k) − s): the expected share is the mean of that over the factories
 * (the normal part of the position integrated out exactly, which makes the fit much steadier than
 * counting who reaches what). Each knot is then searched (coordinate passes of bisection) until the
 * expected shares reaching L2, L3, L4 are 37 %, 16 % and 4 %. Deterministic, computed once per
 * compiled model (~1–2 s).
 */
export function populationCalibration(model: CompiledModel): PopulationCalibration {
  const cached = calibrationCache.get(model);
  if (cached) return cached;
  const curves = {} as Record<ProductionType, MaturityCurve>;
  for (const type of PRODUCTION_TYPES) {
    const factories: CalibrationFactory[] = [];
    for (let index = 0; index < CALIBRATION_SIZE; index++) {
      const random = createRandom(hashSeed(`population-calibration/${type}/${index}`));
      let profile = syntheticProfile(random);
      while (profile.plant.productionType !== type) profile = syntheticProfile(random);
      const position = maturityPosition(random, profile);
      factories.push({ position, shift: maturityShift(profile), thresholds: levelThresholds(model, drawAnswers(model, random), profile.plant) });
    }
    curves[type] = fitCurve(factories);
  }
  calibrationCache.set(model, curves);
  return curves;
}

interface CalibrationFactory {
  /** Its position z (shift + a normal draw): the knots sit at the positions' quantiles. */
  position: number;
  shift: number;
  /** Latent maturities at which it reaches L2, L3, L4. */
  thresholds: readonly [number, number, number];
}

/** The position at which the curve reaches `maturity` (the curve rises strictly, so this is its inverse). */
function curvePosition(curve: MaturityCurve, maturity: number): number {
  const [z1, z2, z3] = curve.z;
  const [m1, m2, m3] = curve.maturity;
  if (maturity <= m2) return z1 + ((maturity - m1) * (z2 - z1)) / (m2 - m1);
  return z2 + ((maturity - m2) * (z3 - z2)) / (m3 - m2);
}

/** Standard normal distribution function (Abramowitz–Stegun 7.1.26, error < 1e-7: plenty for shares). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

function quantile(sorted: readonly number[], p: number): number {
  const at = p * (sorted.length - 1);
  const below = Math.floor(at);
  return sorted[below]! + (at - below) * ((sorted[Math.min(below + 1, sorted.length - 1)] ?? sorted[below]!) - sorted[below]!);
}

function fitCurve(factories: readonly CalibrationFactory[]): MaturityCurve {
  const positions = factories.map((factory) => factory.position).sort((a, b) => a - b);
  const z = CMMM_2022_CUMULATIVE.map((p) => quantile(positions, p)) as [number, number, number];
  // Start from each level threshold's median; the passes below move the knots to the targets.
  const maturity = [0, 1, 2].map((k) => quantile(factories.map((f) => f.thresholds[k]!).filter(Number.isFinite).sort((a, b) => a - b), 0.5)) as [number, number, number];
  maturity[1] = Math.max(maturity[1], maturity[0] + 0.01);
  maturity[2] = Math.max(maturity[2], maturity[1] + 0.01);
  /** Expected share of factories reaching level k + 2 under the current knots. */
  const shareReaching = (k: number) => {
    const curve = { z, maturity };
    let sum = 0;
    for (const factory of factories) {
      const threshold = factory.thresholds[k]!;
      if (Number.isFinite(threshold)) sum += 1 - normalCdf(curvePosition(curve, threshold) - factory.shift);
    }
    return sum / factories.length;
  };
  for (let pass = 0; pass < 4; pass++) {
    for (let k = 0; k < 3; k++) {
      // Knot k decides (mostly) the share reaching level k + 2; the knots stay increasing.
      const target = 1 - CMMM_2022_CUMULATIVE[k]!;
      let low = k === 0 ? MATURITY_RANGE.low - 5 : maturity[k - 1]! + 1e-6;
      let high = k === 2 ? MATURITY_RANGE.high + 5 : maturity[k + 1]! - 1e-6;
      for (let step = 0; step < 25; step++) {
        const middle = (low + high) / 2;
        maturity[k] = middle;
        if (shareReaching(k) >= target) high = middle;
        else low = middle;
      }
      maturity[k] = (low + high) / 2;
    }
  }
  return { z, maturity };
}

/** The latent maturity (0–5 scale) of a factory of this production type at position z. */
export function latentMaturity(model: CompiledModel, productionType: ProductionType, z: number): number {
  return curveMaturity(populationCalibration(model)[productionType], z);
}

/**
 * Answers that give a chosen level (demo factories): the latent maturity is placed at `position`
 * (0–1) between the maturities at which these draws reach `level` and `level + 1`, so the level
 * holds whatever the questionnaire's content, and "just short of the next level" is position ≈ 0.9.
 */
export function answersForLevel(model: CompiledModel, random: Random, plant: PlantProfile | undefined, level: 0 | 1 | 2 | 3 | 4, position = 0.5): { answers: Answer[]; maturity: number } {
  const draws = drawAnswers(model, random);
  const levelAt = (maturity: number) => scoreAssessment(model, answersAt(model, draws, maturity, plant), { mode: "submission", profile: plant ?? null }).level;
  const [from, to] = levelSteps(levelAt, [level, level + 1]);
  if (!Number.isFinite(to!)) throw new RangeError(`these answers never reach level ${level + 1}`);
  const maturity = from! + position * (to! - from!);
  return { answers: answersAt(model, draws, maturity, plant), maturity };
}

// ---------------------------------------------------------------------------------------------
// Whole factories

export interface SyntheticAssessment {
  id: string;
  /** The questionnaire version it answers (`model.version`). */
  version: string;
  period: string;
  submittedAt: Date;
  answers: StoredAnswers;
  /** The plant profile it was answered and scored with; null on a questionnaire without one (1.0.0). */
  profile: PlantProfile | null;
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

/** How much lower the latent maturity of a factory's submission a year before is (on another questionnaire version). */
const YEAR_BEFORE_MATURITY = 0.3;

/**
 * Factory `index` of population `seed`. Submissions are dated before `anchor`: 88 % in the last
 * ~23 months, 12 % older than the 24-month peer window (they exist, but are not peers). About 8 %
 * also submitted a year before: on `previous` when given (the earlier questionnaire version, e.g.
 * 1.0.0, answered afresh a little lower, so its benchmarks have peers too), else on `model` with
 * some bands one lower.
 */
export function syntheticFactory(model: CompiledModel, seed: number, index: number, anchor: Date, previous?: CompiledModel): SyntheticFactory {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_POPULATION) throw new RangeError(`factory index must be 0…${MAX_POPULATION - 1}`);
  const random = factoryRandom(seed, index);
  const profile = syntheticProfile(random);
  const maturity = latentMaturity(model, profile.plant.productionType, maturityPosition(random, profile));
  const answers = answersAt(model, drawAnswers(model, random), maturity, profile.plant);
  const ageDays = random.chance(0.88) ? random.int(1, 700) : random.int(735, 1000);
  const submittedAt = new Date(anchor.getTime() - ageDays * DAY - random.int(0, DAY / 1000 - 1) * 1000);
  const latest = scoredAssessment(model, populationAssessmentId(index, 0), submittedAt, answers, profile);
  const assessments = [latest];
  if (random.chance(0.08)) {
    const earlierAt = new Date(submittedAt.getTime() - random.int(330, 400) * DAY);
    const id = populationAssessmentId(index, 1);
    assessments.push(
      previous && previous !== model
        ? scoredAssessment(previous, id, earlierAt, answersAt(previous, drawAnswers(previous, random), maturity - YEAR_BEFORE_MATURITY, profile.plant), profile)
        : scoredAssessment(model, id, earlierAt, earlierAnswers(model, random, answers, latest.result, profile.plant), profile),
    );
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

/** Scores the answers with the engine (with the plant profile when the questionnaire uses one) into submitAssessment's row shapes. */
export function scoredAssessment(
  model: CompiledModel,
  id: string,
  submittedAt: Date,
  answers: readonly Answer[],
  factory: Pick<SyntheticProfile, "industryCode" | "regionCode" | "sizeBand" | "plant">,
): SyntheticAssessment {
  if (!findIndustry(factory.industryCode)) throw new RangeError(`unknown industry ${factory.industryCode}`);
  const profile = model.usesPlantProfile ? factory.plant : null;
  const result = scoreAssessment(model, answers, { mode: "submission", profile });
  return { id, version: model.version, period: periodOf(submittedAt), submittedAt, answers: toStoredAnswers(answers), profile, result, rows: buildScoreRows(result, factory) };
}

/** Factories [from, to) of a population, generated lazily. */
export function* syntheticFactories(model: CompiledModel, seed: number, from: number, to: number, anchor: Date, previous?: CompiledModel): Generator<SyntheticFactory> {
  for (let index = from; index < to; index++) yield syntheticFactory(model, seed, index, anchor, previous);
}
