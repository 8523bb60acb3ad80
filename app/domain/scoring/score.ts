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
 */
import { MAX_SCORE, type Answer } from "~/domain/questionnaire/schema";
import {
  AnswerOutOfRangeError,
  DuplicateAnswerError,
  MissingAnswersError,
  NaNotAllowedError,
  NaReasonMissingError,
  UnknownQuestionError,
  type ExpectedRange,
} from "./errors";
import { maturityLevel, SCORE_TOLERANCE, type MaturityLevelNumber } from "./level";
import { kpiBand, type CompiledCapability, type CompiledModel, type CompiledQuestion } from "./model";

/** Drafts may be incomplete; a submission must answer (or N/A) every question. */
export type ScoringMode = "draft" | "submission";

export interface ScoringOptions {
  mode: ScoringMode;
}

export type QuestionResult =
  | { questionId: string; status: "answered"; value: number; score: number }
  | { questionId: string; status: "not-applicable"; naReason: string }
  | { questionId: string; status: "unanswered" };

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
}

/** A capability is not scored when MORE than this share of its question weight is N/A. */
export const NA_GUARD_SHARE = 0.5;

const LEVEL_RANGE: ExpectedRange = { kind: "level", min: 0, max: MAX_SCORE };

export function scoreAssessment(model: CompiledModel, answers: readonly Answer[], options: ScoringOptions): AssessmentResult {
  const sheet = readAnswers(model, answers);
  if (options.mode === "submission") assertComplete(model, sheet);

  const capabilities = model.capabilities.map((capability) => scoreCapability(model, capability, sheet));
  const dimensions = scoreDimensions(model, capabilities);
  const { overall, weakest } = scoreOverall(model, dimensions);
  return {
    questionnaire: { key: model.key, version: model.version },
    mode: options.mode,
    overall,
    level: overall === null ? 0 : maturityLevel(overall, weakest),
    dimensions,
    capabilities,
    questions: questionResults(model, sheet),
  };
}

const UNANSWERED = 0;
const ANSWERED = 1;
const NOT_APPLICABLE = 2;

/**
 * Answers placed by question index. The hot loops read only the typed arrays (state and band per
 * question); the answer objects are kept for the per-question part of the result.
 */
interface AnswerSheet {
  slots: (Answer | undefined)[];
  states: Uint8Array;
  scores: Float64Array;
}

function readAnswers(model: CompiledModel, answers: readonly Answer[]): AnswerSheet {
  const count = model.questions.length;
  const sheet: AnswerSheet = {
    slots: new Array<Answer | undefined>(count).fill(undefined),
    states: new Uint8Array(count),
    scores: new Float64Array(count),
  };
  for (const answer of answers) {
    const index = model.questionIndex.get(answer.questionId);
    if (index === undefined) throw new UnknownQuestionError(answer.questionId);
    if (sheet.states[index] !== UNANSWERED) throw new DuplicateAnswerError(answer.questionId);
    const question = model.questions[index]!;
    if (answer.na === true) {
      checkNotApplicable(question, answer.naReason);
      sheet.states[index] = NOT_APPLICABLE;
    } else {
      sheet.scores[index] = questionScore(question, answer.value);
      sheet.states[index] = ANSWERED;
    }
    sheet.slots[index] = answer;
  }
  return sheet;
}

function checkNotApplicable(question: CompiledQuestion, reason: unknown): void {
  if (!question.allowNa) throw new NaNotAllowedError(question.id);
  if (typeof reason !== "string" || reason.trim() === "") throw new NaReasonMissingError(question.id);
}

/** Band 0…5; throws for values a form should never have let through. */
export function questionScore(question: CompiledQuestion, value: number): number {
  if (question.type === "level") {
    if (!Number.isInteger(value) || value < 0 || value > MAX_SCORE) throw new AnswerOutOfRangeError(question.id, value, LEVEL_RANGE);
    return value;
  }
  if (!Number.isFinite(value) || value < question.min || value > question.max) {
    throw new AnswerOutOfRangeError(question.id, value, { kind: "kpi", min: question.min, max: question.max });
  }
  return kpiBand(question.thresholds, value);
}

function assertComplete(model: CompiledModel, sheet: AnswerSheet): void {
  const missing = model.questions.filter((question) => sheet.states[question.index] === UNANSWERED).map((question) => question.id);
  if (missing.length > 0) throw new MissingAnswersError(missing);
}

function scoreCapability(model: CompiledModel, capability: CompiledCapability, sheet: AnswerSheet): CapabilityResult {
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
    }
  }
  const naShare = naWeight / capability.questionWeight;
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
  return model.questions.map((question): QuestionResult => {
    const answer = sheet.slots[question.index];
    if (answer === undefined) return { questionId: question.id, status: "unanswered" };
    if (answer.na === true) return { questionId: question.id, status: "not-applicable", naReason: answer.naReason };
    return { questionId: question.id, status: "answered", value: answer.value, score: sheet.scores[question.index]! };
  });
}

/**
 * Display form: one decimal, cut DOWN (with float slack) so the screen never shows "3.0" next to
 * a level that needed 3 and was missed by 2.96.
 */
export function displayScore(score: number, decimals = 1): string {
  const factor = 10 ** decimals;
  return (Math.floor(score * factor + SCORE_TOLERANCE) / factor).toFixed(decimals);
}
