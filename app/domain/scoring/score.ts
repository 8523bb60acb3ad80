/**
 * Scores one answer set against a compiled questionnaire. All answers are validated before any
 * number is computed, so a result always comes from a fully valid answer set. Scores are plain,
 * unrounded numbers (see `displayScore` for the screen).
 *
 *   question   = band 0…5 (level answer as given; KPI value → band via its thresholds)
 *   capability = Σ w_q·score_q / Σ w_q over its answered questions (N/A and, in drafts,
 *                unanswered questions are left out, which renormalises the remaining weights)
 *   dimension  = the same weighted mean over its scored capabilities
 *   overall    = the same weighted mean over scored dimensions, with the dimension weights
 *
 * With a plant profile (2.0.0 on), questions the profile excludes are left out entirely: their
 * answers are ignored, they are never missing, and they do not count in any weight.
 *
 * Level rules:
 *   dimension-floor (1.0.0) — see level.ts (overall ≥ L and every dimension ≥ L − 1);
 *   requirements (2.0.0)    — s_L = the same weighted mean of credit(band, L) = 1 (band ≥ L),
 *                             0.5 (band = L − 1) or 0; L is reached when s_L ≥ 0.8 and every lower
 *                             level is reached.
 * Vetoes then cap the level at ⌊capability score⌋ + maxLevelAbove for each scored veto capability.
 */
import type { PlantProfile } from "~/domain/questionnaire/profile";
import { MAX_SCORE, type Answer, type LevelRule } from "~/domain/questionnaire/schema";
import {
  AnswerOutOfRangeError,
  DuplicateAnswerError,
  MissingAnswersError,
  NaNotAllowedError,
  NaReasonMissingError,
  UnknownQuestionError,
  type ExpectedRange,
} from "./errors";
import { cmmmLevel, maturityLevel, requirementsLevel, SCORE_TOLERANCE, type MaturityLevelNumber } from "./level";
import { EXCLUDED_STATE, kpiBand, kpiThresholds, viewFor, type CompiledCapability, type CompiledModel, type CompiledQuestion, type ProfileView } from "./model";
import type { ProductionPath } from "~/domain/questionnaire/profile";

/** Drafts may be incomplete; a submission must answer (or N/A) every question. */
export type ScoringMode = "draft" | "submission";

export interface ScoringOptions {
  mode: ScoringMode;
  /** Required when the questionnaire uses a plant profile (else `ProfileRequiredError`); ignored otherwise. */
  profile?: PlantProfile | null;
}

export type QuestionResult =
  | { questionId: string; status: "answered"; value: number; score: number }
  | { questionId: string; status: "not-applicable"; naReason: string }
  | { questionId: string; status: "unanswered" }
  /** The plant profile excludes the question: any answer to it is ignored. */
  | { questionId: string; status: "excluded" };

/**
 * `insufficient-data` capabilities carry no score and are left out of their dimension:
 * `mostly-not-applicable` when more than half of the question weight is N/A, `unanswered` when a
 * draft has no scoreable answer in it yet.
 */
export type CapabilityResult =
  | { capabilityId: string; dimensionId: string; status: "scored"; score: number; naShare: number }
  | {
      capabilityId: string;
      dimensionId: string;
      status: "insufficient-data";
      reason: "mostly-not-applicable" | "unanswered";
      naShare: number;
    };

export type DimensionResult =
  | { dimensionId: string; status: "scored"; score: number }
  | { dimensionId: string; status: "insufficient-data" };

/** A scored veto capability and the level it allows; `applied` when it lowered the level. */
export interface VetoResult {
  capabilityId: string;
  capabilityScore: number;
  maxLevel: number;
  applied: boolean;
}

/** A KPI answer that contradicts a level answer (flagged, never scored). */
export interface PlausibilityFlag {
  ruleId: string;
  questionId: string;
  kpiId: string;
  band: number;
  kpiValue: number;
}

/** Estimates against outside schemes; never an official result. */
export interface CrosswalkResult {
  /** S = Σ s_L up to and including the first level below 0.8; level by CMMM's score bands. */
  cmmm: { score: number; level: MaturityLevelNumber };
  /** 智能工厂梯度培育 pre-check; `highest` is the last tier met with every tier before it met. */
  gradient: { tiers: { id: string; met: boolean; levelMet: boolean; failedItems: string[] }[]; highest: string | null };
  /** 数字化水平 readiness against the 0–5 index. */
  digitalLevel: { index: number; targets: { value: number; met: boolean }[] };
}

export interface AssessmentResult {
  questionnaire: { key: string; version: string };
  mode: ScoringMode;
  /** Null when no dimension could be scored. */
  overall: number | null;
  level: MaturityLevelNumber;
  /** In model order, like `capabilities` and `questions`. */
  dimensions: DimensionResult[];
  capabilities: CapabilityResult[];
  questions: QuestionResult[];
  levelRule: LevelRule;
  /** The profile the answers were scored against; null when the questionnaire uses none. */
  profile: PlantProfile | null;
  /** s_1…s_5 (index 0 = L1) under the requirements rule; null for dimension-floor or when nothing is scored. */
  levelScores: number[] | null;
  /** The level the rule gives before vetoes cap it. */
  levelBeforeVetoes: MaturityLevelNumber;
  vetoes: VetoResult[];
  plausibility: PlausibilityFlag[];
  /** Null when the questionnaire has no crosswalks or nothing is scored. */
  crosswalks: CrosswalkResult | null;
}

/** Maturity levels L1…L5: the number of requirement scores. */
const LEVELS = 5;

/** A capability is not scored when MORE than this share of its question weight is N/A. */
export const NA_GUARD_SHARE = 0.5;

const LEVEL_RANGE: ExpectedRange = { kind: "level", min: 0, max: MAX_SCORE };

export function scoreAssessment(model: CompiledModel, answers: readonly Answer[], options: ScoringOptions): AssessmentResult {
  const view = viewFor(model, options.profile);
  const sheet = readAnswers(model, view, answers);
  if (options.mode === "submission") assertComplete(model, sheet);

  // Per capability and level, the credit mean (filled while scoring the capabilities, in one pass).
  const credits = model.levelRule === "requirements" || model.crosswalks !== null ? creditScratch(model.capabilities.length * LEVELS) : null;
  const capabilities = model.capabilities.map((capability) => scoreCapability(model, capability, sheet, view, credits));
  const dimensions = scoreDimensions(model, capabilities);
  const { overall, weakest } = scoreOverall(model, dimensions);

  const levelScores = credits !== null && overall !== null ? requirementScores(model, credits, capabilities, dimensions) : null;
  let levelBeforeVetoes: MaturityLevelNumber = 0;
  if (overall !== null) levelBeforeVetoes = model.levelRule === "requirements" ? requirementsLevel(levelScores!) : maturityLevel(overall, weakest);
  const vetoes = applyVetoes(model, capabilities, levelBeforeVetoes);
  const level = vetoes.reduce<MaturityLevelNumber>((capped, veto) => (veto.applied ? (Math.min(capped, veto.maxLevel) as MaturityLevelNumber) : capped), levelBeforeVetoes);
  return {
    questionnaire: { key: model.key, version: model.version },
    mode: options.mode,
    overall,
    level,
    dimensions,
    capabilities,
    questions: questionResults(model, sheet),
    levelRule: model.levelRule,
    // Shared by every result scored against this view, hence frozen (model.ts).
    profile: view.profile,
    levelScores: model.levelRule === "requirements" ? levelScores : null,
    levelBeforeVetoes,
    vetoes,
    plausibility: plausibilityFlags(model, sheet),
    crosswalks: levelScores === null || overall === null ? null : crosswalks(model, sheet, levelScores, overall),
  };
}

/**
 * Throws exactly what `scoreAssessment` in draft mode would throw for these answers (unknown or
 * duplicate question, value out of range, N/A not allowed or without a reason, profile missing),
 * without scoring: the autosave path needs the check, not the scores (nothing else in draft mode throws).
 */
export function validateDraftAnswers(model: CompiledModel, answers: readonly Answer[], profile: ScoringOptions["profile"]): void {
  readAnswers(model, viewFor(model, profile), answers);
}

const UNANSWERED = 0;
const ANSWERED = 1;
const NOT_APPLICABLE = 2;
/** Not applicable to the plant profile: ignored whatever was answered (model.ts builds the initial states). */
const EXCLUDED = EXCLUDED_STATE;

/**
 * Answers placed by question index. The hot loops read only the typed arrays (state and band per
 * question); the answer objects are kept for the per-question part of the result.
 */
interface AnswerSheet {
  slots: (Answer | undefined)[];
  states: Uint8Array;
  scores: Float64Array;
}

function readAnswers(model: CompiledModel, view: ProfileView, answers: readonly Answer[]): AnswerSheet {
  const count = model.questions.length;
  // Scratch, like the credit sums: the sheet never outlives the scoreAssessment call that filled it.
  if (SHEET.scores.length < count) SHEET = { slots: [], states: new Uint8Array(count), scores: new Float64Array(count) };
  const { slots, states, scores } = SHEET;
  slots.length = count;
  slots.fill(undefined);
  // Excluded questions start (and stay) EXCLUDED; every other question starts UNANSWERED.
  states.set(view.initialStates);
  const { questionIndex, questions } = model;
  const { applicable, path } = view;
  for (let a = 0; a < answers.length; a++) {
    const answer = answers[a]!;
    const index = questionIndex.get(answer.questionId);
    if (index === undefined) throw new UnknownQuestionError(answer.questionId);
    if (slots[index] !== undefined) throw new DuplicateAnswerError(answer.questionId);
    slots[index] = answer;
    // A draft keeps answers to questions a changed profile now excludes; they are never read.
    if (applicable[index] === 0) continue;
    const question = questions[index]!;
    if (answer.na === true) {
      checkNotApplicable(question, answer.naReason);
      states[index] = NOT_APPLICABLE;
    } else {
      scores[index] = questionScore(question, answer.value, path);
      states[index] = ANSWERED;
    }
  }
  return SHEET;
}

let SHEET: AnswerSheet = { slots: [], states: new Uint8Array(0), scores: new Float64Array(0) };

function checkNotApplicable(question: CompiledQuestion, reason: unknown): void {
  if (!question.allowNa) throw new NaNotAllowedError(question.id);
  if (typeof reason !== "string" || reason.trim() === "") throw new NaReasonMissingError(question.id);
}

/** Band 0…5 (KPIs by the thresholds of the production path); throws for values a form should never have let through. */
export function questionScore(question: CompiledQuestion, value: number, path: ProductionPath = "discrete"): number {
  if (question.type === "level") {
    if (!Number.isInteger(value) || value < 0 || value > MAX_SCORE) throw new AnswerOutOfRangeError(question.id, value, LEVEL_RANGE);
    return value;
  }
  if (!Number.isFinite(value) || value < question.min || value > question.max) {
    throw new AnswerOutOfRangeError(question.id, value, { kind: "kpi", min: question.min, max: question.max });
  }
  return kpiBand(kpiThresholds(question, path), value);
}

function assertComplete(model: CompiledModel, sheet: AnswerSheet): void {
  // A plain loop: every submission passes here, and a complete one should allocate nothing.
  let missing: string[] | undefined;
  for (let index = 0; index < model.questions.length; index++) if (sheet.states[index] === UNANSWERED) (missing ??= []).push(model.questions[index]!.id);
  if (missing) throw new MissingAnswersError(missing);
}

function scoreCapability(model: CompiledModel, capability: CompiledCapability, sheet: AnswerSheet, view: ProfileView, credits: Float64Array | null): CapabilityResult {
  const offset = capability.index * LEVELS;
  let naWeight = 0;
  let answeredWeight = 0;
  let weightedSum = 0;
  let lowest = MAX_SCORE;
  let highest = 0;
  for (let index = capability.firstQuestion; index < capability.endQuestion; index++) {
    const state = sheet.states[index];
    const weight = model.questionWeights[index]!;
    if (state === NOT_APPLICABLE) {
      naWeight += weight;
    } else if (state === ANSWERED) {
      const score = sheet.scores[index]!;
      answeredWeight += weight;
      weightedSum += weight * score;
      lowest = Math.min(lowest, score);
      highest = Math.max(highest, score);
      if (credits !== null) addCredits(credits, offset, score, weight);
    }
  }
  if (credits !== null && answeredWeight > 0) for (let level = 0; level < LEVELS; level++) credits[offset + level] = credits[offset + level]! / answeredWeight;
  const naShare = naWeight / view.applicableWeight[capability.index]!;
  const { id: capabilityId, dimensionId } = capability;
  // Tolerance so that an exact half made of float weights (0.4 of 0.4 + 0.3 + 0.1) still counts as half.
  if (naShare > NA_GUARD_SHARE + SCORE_TOLERANCE) {
    return { capabilityId, dimensionId, status: "insufficient-data", reason: "mostly-not-applicable", naShare };
  }
  if (answeredWeight === 0) return { capabilityId, dimensionId, status: "insufficient-data", reason: "unanswered", naShare };
  return { capabilityId, dimensionId, status: "scored", score: boundedMean(weightedSum, answeredWeight, lowest, highest), naShare };
}

function scoreDimensions(model: CompiledModel, capabilities: readonly CapabilityResult[]): DimensionResult[] {
  return model.dimensions.map((dimension) => {
    let weight = 0;
    let weightedSum = 0;
    let lowest = MAX_SCORE;
    let highest = 0;
    for (let index = dimension.firstCapability; index < dimension.endCapability; index++) {
      const capability = capabilities[index]!;
      if (capability.status !== "scored") continue;
      const capabilityWeight = model.capabilities[index]!.weight;
      weight += capabilityWeight;
      weightedSum += capabilityWeight * capability.score;
      lowest = Math.min(lowest, capability.score);
      highest = Math.max(highest, capability.score);
    }
    return weight === 0
      ? { dimensionId: dimension.id, status: "insufficient-data" }
      : { dimensionId: dimension.id, status: "scored", score: boundedMean(weightedSum, weight, lowest, highest) };
  });
}

function scoreOverall(model: CompiledModel, dimensions: readonly DimensionResult[]): { overall: number | null; weakest: number } {
  let weight = 0;
  let weightedSum = 0;
  let weakest = MAX_SCORE;
  let strongest = 0;
  dimensions.forEach((dimension, index) => {
    if (dimension.status !== "scored") return;
    const dimensionWeight = model.dimensions[index]!.weight;
    weight += dimensionWeight;
    weightedSum += dimensionWeight * dimension.score;
    weakest = Math.min(weakest, dimension.score);
    strongest = Math.max(strongest, dimension.score);
  });
  return { overall: weight === 0 ? null : boundedMean(weightedSum, weight, weakest, strongest), weakest };
}

/**
 * Σ w·s / Σ w, held inside [lowest, highest] of the scores averaged. A weighted mean always lies
 * there; float sums can drift one ulp outside (five 5s averaging to 4.999999999999999), and
 * this keeps a mean of equal scores equal to that score and every score within 0…5.
 */
function boundedMean(weightedSum: number, weight: number, lowest: number, highest: number): number {
  return Math.min(highest, Math.max(lowest, weightedSum / weight));
}

function questionResults(model: CompiledModel, sheet: AnswerSheet): QuestionResult[] {
  // A plain loop over the states (one result object per question is most of a result's cost).
  const results: QuestionResult[] = [];
  for (let index = 0; index < model.questions.length; index++) {
    const questionId = model.questions[index]!.id;
    const state = sheet.states[index];
    if (state === ANSWERED) {
      results.push({ questionId, status: "answered", value: (sheet.slots[index] as { value: number }).value, score: sheet.scores[index]! });
    } else if (state === EXCLUDED) {
      results.push({ questionId, status: "excluded" });
    } else if (state === NOT_APPLICABLE) {
      results.push({ questionId, status: "not-applicable", naReason: (sheet.slots[index] as { naReason: string }).naReason });
    } else {
      results.push({ questionId, status: "unanswered" });
    }
  }
  return results;
}

/**
 * s_1…s_5: the weighted mean, with exactly the weights and renormalisation of the scores, of each
 * answered question's credit for level L (1 when band ≥ L, 0.5 when band = L − 1, else 0). Only
 * called when something is scored.
 */
/**
 * Adds weight × credit(band, L) for L = 1…5: full weight for L ≤ band, half for L = band + 1, none
 * above (the same sums as multiplying by credit(), without the zero terms).
 */
function addCredits(credits: Float64Array, offset: number, band: number, weight: number): void {
  for (let level = 0; level < band; level++) credits[offset + level]! += weight;
  if (band < LEVELS) credits[offset + band]! += weight * 0.5;
}

/** s_1…s_5 from the capabilities' credit means, with the dimension and overall weights of the scores. */
function requirementScores(model: CompiledModel, credits: Float64Array, capabilities: readonly CapabilityResult[], dimensions: readonly DimensionResult[]): number[] {
  const overall = OVERALL_CREDIT.fill(0);
  let overallWeight = 0;
  for (const dimension of model.dimensions) {
    if (dimensions[dimension.index]!.status !== "scored") continue;
    const inDimension = DIMENSION_CREDIT.fill(0);
    let dimensionWeight = 0;
    for (let c = dimension.firstCapability; c < dimension.endCapability; c++) {
      if (capabilities[c]!.status !== "scored") continue;
      const capabilityWeight = model.capabilities[c]!.weight;
      dimensionWeight += capabilityWeight;
      for (let level = 0; level < LEVELS; level++) inDimension[level]! += capabilityWeight * credits[c * LEVELS + level]!;
    }
    overallWeight += dimension.weight;
    for (let level = 0; level < LEVELS; level++) overall[level]! += (dimension.weight * inDimension[level]!) / dimensionWeight;
  }
  // A mean of credits lies in [0, 1]; the clamp only removes float drift past 1.
  const scores = new Array<number>(LEVELS);
  for (let level = 0; level < LEVELS; level++) scores[level] = Math.min(1, overall[level]! / overallWeight);
  return scores;
}

// Scratch sums: scoring is synchronous and never re-entered, so one set serves every call (no
// allocation per assessment on the hot path).
let CREDITS_PER_CAPABILITY = new Float64Array(0);

/** The zeroed scratch for the capabilities' credit means, grown to the largest model seen. */
function creditScratch(length: number): Float64Array {
  if (CREDITS_PER_CAPABILITY.length < length) CREDITS_PER_CAPABILITY = new Float64Array(length);
  return CREDITS_PER_CAPABILITY.fill(0, 0, length);
}

const OVERALL_CREDIT = new Float64Array(LEVELS);
const DIMENSION_CREDIT = new Float64Array(LEVELS);

/** Credit of a band towards level L: CMMM rates 全部满足 1 / 部分满足 0.5 / 不满足 0 (see ADR 0013). */
export function credit(band: number, level: number): number {
  if (band >= level) return 1;
  return band === level - 1 ? 0.5 : 0;
}



/** Only scored veto capabilities cap the level (an unscored one has nothing to cap with). */
function applyVetoes(model: CompiledModel, capabilities: readonly CapabilityResult[], levelBeforeVetoes: MaturityLevelNumber): VetoResult[] {
  const vetoes: VetoResult[] = [];
  for (const veto of model.vetoes) {
    const capability = capabilities[veto.capabilityIndex]!;
    if (capability.status !== "scored") continue;
    const maxLevel = Math.min(MAX_SCORE, Math.floor(capability.score + SCORE_TOLERANCE) + veto.maxLevelAbove);
    vetoes.push({ capabilityId: veto.capabilityId, capabilityScore: capability.score, maxLevel, applied: maxLevel < levelBeforeVetoes });
  }
  return vetoes;
}

function plausibilityFlags(model: CompiledModel, sheet: AnswerSheet): PlausibilityFlag[] {
  const flags: PlausibilityFlag[] = [];
  for (const rule of model.plausibility) {
    if (sheet.states[rule.questionIndex] !== ANSWERED || sheet.states[rule.kpiIndex] !== ANSWERED) continue;
    const band = sheet.scores[rule.questionIndex]!;
    const kpiValue = (sheet.slots[rule.kpiIndex] as { value: number }).value;
    if (band >= rule.bandAtLeast && kpiValue < rule.kpiBelow) {
      flags.push({ ruleId: rule.id, questionId: model.questions[rule.questionIndex]!.id, kpiId: model.questions[rule.kpiIndex]!.id, band, kpiValue });
    }
  }
  return flags;
}

function crosswalks(model: CompiledModel, sheet: AnswerSheet, levelScores: readonly number[], overall: number): CrosswalkResult | null {
  if (model.crosswalks === null) return null;
  const cmmm = cmmmLevel(levelScores);
  let highest: string | null = null;
  let allBefore = true;
  const tiers = model.crosswalks.tiers.map((tier) => {
    const failedItems: string[] = [];
    for (const item of tier.items) {
      const state = sheet.states[item.questionIndex];
      // Items on questions the profile excludes are skipped; unanswered ones (drafts) are not met.
      if (state !== EXCLUDED && (state !== ANSWERED || sheet.scores[item.questionIndex]! < item.bandAtLeast)) failedItems.push(item.questionId);
    }
    const levelMet = cmmm.level >= tier.minCmmmLevel;
    const met = levelMet && failedItems.length === 0;
    allBefore = allBefore && met;
    if (allBefore) highest = tier.id;
    return { id: tier.id, met, levelMet, failedItems };
  });
  return {
    cmmm,
    gradient: { tiers, highest },
    digitalLevel: { index: overall, targets: model.crosswalks.digitalTargets.map((value) => ({ value, met: overall + SCORE_TOLERANCE >= value })) },
  };
}

export { displayScore } from "./display";
