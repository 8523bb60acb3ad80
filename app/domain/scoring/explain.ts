/**
 * Why a result sits at its level, and a short list of answer raises that reaches the next one.
 *
 * Requirements rule (2.0.0): the explanation gives s_{L+1} against 0.8, the vetoes that keep the
 * factory below L+1, and a plan of realistic raises — one band per question (never 0 → 5 in one
 * go), chosen greedily by how much of the remaining shortfall (s_1…s_{L+1} below 0.8, veto
 * capabilities below the score they need) one band removes, then pruned. One band on every
 * answered question always reaches the next level's requirements (credit(b + 1, L + 1) =
 * credit(b, L), and s_L ≥ 0.8), so more than one band is only ever planned in a veto capability
 * whose questions at band 5 cannot rise (5, 5, 0 averages 3.3; one band more only makes 3.7).
 *
 * Dimension-floor rule (1.0.0):
 * The plan is greedy: at each step it raises the one answer by one band (a level answer +1, a KPI
 * to the value that opens its next band) that removes the most of the remaining shortfall against
 * the next level — the overall gap plus every dimension's gap to its floor — then re-scores. Like
 * the requirements rule, a question gets a second band only when no question within one band
 * helps any more (ADR 0022: many small steps, never 0 → 5 in one go). A pruning pass then takes
 * back any raise the level does not need. Greedy is not guaranteed to find
 * the smallest set (that is a knapsack-like search); it is fast, explainable and, since every raise
 * strictly reduces the shortfall, always reaches the next level when anything is scored.
 */
import { MAX_SCORE, type Answer } from "~/domain/questionnaire/schema";
import { meets, nextRequirement, REQUIREMENT_THRESHOLD, SCORE_TOLERANCE, type LevelRequirement, type MaturityLevelNumber } from "./level";
import { kpiThresholds, viewFor, type CompiledModel } from "./model";
import { credit, scoreAssessment, type AssessmentResult, type QuestionResult } from "./score";
import { weightShares, type WeightShares } from "./shares";

export type AnswerChange =
  | { questionId: string; type: "level"; from: number; to: number }
  /** `targetValue` is the lowest value that reaches band `to` (the band's threshold). */
  | { questionId: string; type: "kpi"; from: number; to: number; fromValue: number; targetValue: number };

export interface WeakQuestion {
  questionId: string;
  capabilityId: string;
  score: number;
  /** How much one band on this question moves the dimension score. */
  shareInDimension: number;
  /** (5 − score) × shareInDimension: what the dimension would gain if this question reached 5. */
  potential: number;
}

export interface HoldingDimension {
  dimensionId: string;
  score: number;
  /** How far the dimension is below the next level's floor (L_next − 1); 0 when it meets it. */
  floorGap: number;
  /** True when the overall score is short of the next level and this dimension is below that target too. */
  belowOverallTarget: boolean;
  weakestQuestions: WeakQuestion[];
}

export type LevelExplanation =
  | { status: "at-top"; level: 5 }
  | {
      status: "next-level";
      level: MaturityLevelNumber;
      nextLevel: LevelRequirement["level"];
      requirement: LevelRequirement;
      overall: number | null;
      /** max(0, requirement.overall − overall); the whole requirement when nothing is scored. */
      overallGap: number;
      holdingBack: HoldingDimension[];
      changes: AnswerChange[];
      /** False only when nothing is scored yet, so no raise can move the level. */
      reachable: boolean;
    }
  | RequirementsExplanation;

/** A veto whose cap keeps the factory below the next level. */
export interface BlockingVeto {
  capabilityId: string;
  capabilityScore: number;
  maxLevel: number;
  /** The capability score that lifts the cap to the next level: next level − maxLevelAbove. */
  neededScore: number;
}

/** The next level under the requirements rule (2.0.0 on). */
export interface RequirementsExplanation {
  status: "next-requirements";
  level: MaturityLevelNumber;
  nextLevel: LevelRequirement["level"];
  /** s_{L+1}; null when nothing is scored yet. */
  levelScore: number | null;
  /** 0.8 */
  threshold: number;
  /** max(0, 0.8 − s_{L+1}); the whole threshold when nothing is scored. */
  scoreGap: number;
  blockingVetoes: BlockingVeto[];
  /** One band per question unless a veto needs more; together they reach the next level. */
  changes: AnswerChange[];
  /** False only when nothing is scored yet. */
  reachable: boolean;
}

type AnsweredQuestion = Extract<QuestionResult, { status: "answered" }>;

export interface ExplainOptions {
  /** How many weakest questions to list per holding dimension (default 3). */
  questionsPerDimension?: number;
}

export function explainLevel(model: CompiledModel, result: AssessmentResult, options: ExplainOptions = {}): LevelExplanation {
  const shares = weightShares(model, result);
  const requirement = nextRequirement(result.level);
  if (requirement === undefined) return { status: "at-top", level: 5 };
  if (result.levelRule === "requirements") return explainRequirements(model, result, requirement.level, shares);

  const changes = result.overall === null ? [] : planRaises(model, result, requirement, shares);
  const reached = scoreAssessment(model, answersWithChanges(result, changes), { mode: result.mode, profile: result.profile });
  return {
    status: "next-level",
    level: result.level,
    nextLevel: requirement.level,
    requirement,
    overall: result.overall,
    overallGap: Math.max(0, requirement.overall - (result.overall ?? 0)),
    holdingBack: holdingBack(model, result, requirement, shares, options.questionsPerDimension ?? 3),
    changes,
    reachable: reached.level >= requirement.level,
  };
}

/** The result's own answers with `changes` applied: handy for "what if" screens and for checking a plan. */
export function answersWithChanges(result: AssessmentResult, changes: readonly AnswerChange[]): Answer[] {
  const byId = new Map(changes.map((change) => [change.questionId, change]));
  const answers: Answer[] = [];
  for (const question of result.questions) {
    const change = byId.get(question.questionId);
    if (change) answers.push({ questionId: question.questionId, value: change.type === "kpi" ? change.targetValue : change.to });
    else if (question.status === "answered") answers.push({ questionId: question.questionId, value: question.value });
    else if (question.status === "not-applicable") answers.push({ questionId: question.questionId, na: true, naReason: question.naReason });
  }
  return answers;
}

function holdingBack(
  model: CompiledModel,
  result: AssessmentResult,
  requirement: LevelRequirement,
  shares: WeightShares,
  questionsPerDimension: number,
): HoldingDimension[] {
  const overallShort = result.overall !== null && !meets(result.overall, requirement.overall);
  const holding: HoldingDimension[] = [];
  result.dimensions.forEach((dimension, dimensionIndex) => {
    if (dimension.status !== "scored") return;
    const floorGap = meets(dimension.score, requirement.everyDimension) ? 0 : requirement.everyDimension - dimension.score;
    const belowOverallTarget = overallShort && !meets(dimension.score, requirement.overall);
    if (floorGap === 0 && !belowOverallTarget) return;
    const weakestQuestions = weakestQuestionsIn(model, result, dimensionIndex, shares).slice(0, questionsPerDimension);
    holding.push({ dimensionId: dimension.dimensionId, score: dimension.score, floorGap, belowOverallTarget, weakestQuestions });
  });
  return holding.sort((a, b) => b.floorGap - a.floorGap || a.score - b.score || compareIds(a.dimensionId, b.dimensionId));
}

/** Answered questions of one dimension by potential = (5 − score) × share of the dimension; those at 5 have none. */
function weakestQuestionsIn(model: CompiledModel, result: AssessmentResult, dimensionIndex: number, shares: WeightShares): WeakQuestion[] {
  const weak: WeakQuestion[] = [];
  for (const question of model.questions) {
    const shareInDimension = shares.questionInDimension[question.index]!;
    if (question.dimensionIndex !== dimensionIndex || shareInDimension === 0) continue;
    const { score } = answeredAt(result, question.index);
    const potential = (MAX_SCORE - score) * shareInDimension;
    if (potential === 0) continue;
    const capabilityId = model.capabilities[question.capabilityIndex]!.id;
    weak.push({ questionId: question.id, capabilityId, score, shareInDimension, potential });
  }
  return weak.sort((a, b) => b.potential - a.potential || compareIds(a.questionId, b.questionId));
}

/**
 * Greedy one-band raises until the next level is reached, then a pruning pass. Realistic steps
 * (ADR 0022): a question is raised at most `perQuestion` bands above its answer, starting at one,
 * so the plan spreads over many questions one band each before it asks any question for a second
 * band (never 0 → 5 while another question could still move one band); the cap rises only when no
 * question within it helps any more.
 */
function planRaises(model: CompiledModel, result: AssessmentResult, requirement: LevelRequirement, shares: WeightShares): AnswerChange[] {
  const raisedTo = new Map<number, number>();
  // Each step raises one band, so no plan needs more steps than there are bands left to raise.
  const maxSteps = model.questions.length * MAX_SCORE;
  let perQuestion = 1;
  let current = result;
  for (let step = 0; step < maxSteps && current.level < requirement.level; step++) {
    const index = bestRaise(model, result, current, requirement, shares, perQuestion);
    if (index === undefined) {
      // Every helpful question has its bands within the cap. At MAX_SCORE nothing can help (every
      // band at 5 means overall 5); ends the loop all the same.
      if (perQuestion === MAX_SCORE) break;
      perQuestion++;
      continue;
    }
    raisedTo.set(index, answeredAt(current, index).score + 1);
    current = rescore(model, result, raisedTo);
  }
  pruneRaises(model, result, requirement, raisedTo);
  return toChanges(model, result, raisedTo);
}

/**
 * The question whose next band removes the most shortfall: min(its overall share, overall gap)
 * + min(its dimension share, its dimension's floor gap); questions already `perQuestion` bands
 * above their answer, and raises that remove nothing, are left out. Ties go to the larger
 * uncapped share, then to the smaller id, so the plan is deterministic.
 */
function bestRaise(
  model: CompiledModel,
  original: AssessmentResult,
  current: AssessmentResult,
  requirement: LevelRequirement,
  shares: WeightShares,
  perQuestion: number,
): number | undefined {
  // planRaises only runs when something is scored, and raises never unscore anything.
  const overallGap = Math.max(0, requirement.overall - current.overall!);
  const floorGaps = current.dimensions.map((dimension) =>
    dimension.status === "scored" ? Math.max(0, requirement.everyDimension - dimension.score) : 0,
  );
  let best: { index: number; gain: number; share: number } | undefined;
  for (const question of model.questions) {
    const inOverall = shares.questionInOverall[question.index]!;
    if (inOverall === 0) continue;
    const band = answeredAt(current, question.index).score;
    if (band >= MAX_SCORE || band + 1 - answeredAt(original, question.index).score > perQuestion) continue;
    const inDimension = shares.questionInDimension[question.index]!;
    const gain = Math.min(inOverall, overallGap) + Math.min(inDimension, floorGaps[question.dimensionIndex]!);
    if (gain <= SCORE_TOLERANCE) continue;
    const candidate = { index: question.index, gain, share: inOverall + inDimension };
    if (best === undefined || isBetterRaise(model, candidate, best)) best = candidate;
  }
  return best?.index;
}

function isBetterRaise(model: CompiledModel, a: { index: number; gain: number; share: number }, b: typeof a): boolean {
  if (Math.abs(a.gain - b.gain) > SCORE_TOLERANCE) return a.gain > b.gain;
  if (Math.abs(a.share - b.share) > SCORE_TOLERANCE) return a.share > b.share;
  return compareIds(model.questions[a.index]!.id, model.questions[b.index]!.id) < 0;
}

/** Lowers each raise (latest first) as far as the next level allows; one lowered to its original band drops out. */
function pruneRaises(model: CompiledModel, result: AssessmentResult, requirement: LevelRequirement, raisedTo: Map<number, number>): void {
  for (const index of [...raisedTo.keys()].reverse()) {
    const original = answeredAt(result, index).score;
    let band = raisedTo.get(index)!;
    while (band > original && rescore(model, result, new Map(raisedTo).set(index, band - 1)).level >= requirement.level) band--;
    raisedTo.set(index, band);
  }
}

/** Only answered questions have a share, so only they are ever raised. */
function answeredAt(result: AssessmentResult, index: number): AnsweredQuestion {
  return result.questions[index] as AnsweredQuestion;
}

function rescore(model: CompiledModel, result: AssessmentResult, raisedTo: ReadonlyMap<number, number>): AssessmentResult {
  return scoreAssessment(model, answersWithChanges(result, toChanges(model, result, raisedTo)), { mode: result.mode, profile: result.profile });
}

/** Raises back at their original band (a pruning trial) are no change and are left out. */
function toChanges(model: CompiledModel, result: AssessmentResult, raisedTo: ReadonlyMap<number, number>): AnswerChange[] {
  return [...raisedTo].flatMap(([index, to]): AnswerChange[] => {
    const question = model.questions[index]!;
    const { score: from, value: fromValue } = answeredAt(result, index);
    if (to === from) return [];
    if (question.type === "level") return [{ questionId: question.id, type: "level", from, to }];
    const thresholds = kpiThresholds(question, viewFor(model, result.profile).path);
    return [{ questionId: question.id, type: "kpi", from, to, fromValue, targetValue: thresholds[to - 1]! }];
  });
}

/** Ids are unique within a questionnaire, so two distinct entries never compare equal. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : 1;
}

// --- requirements rule ------------------------------------------------------------------------

function explainRequirements(model: CompiledModel, result: AssessmentResult, nextLevel: LevelRequirement["level"], shares: WeightShares): RequirementsExplanation {
  const levelScore = result.levelScores === null ? null : result.levelScores[nextLevel - 1]!;
  const changes = levelScore === null ? [] : planRequirementRaises(model, result, nextLevel, shares);
  const reached = scoreAssessment(model, answersWithChanges(result, changes), { mode: result.mode, profile: result.profile });
  return {
    status: "next-requirements",
    level: result.level,
    nextLevel,
    levelScore,
    threshold: REQUIREMENT_THRESHOLD,
    scoreGap: Math.max(0, REQUIREMENT_THRESHOLD - (levelScore ?? 0)),
    blockingVetoes: blockingVetoes(model, result, nextLevel),
    changes,
    reachable: reached.level >= nextLevel,
  };
}

function blockingVetoes(model: CompiledModel, result: AssessmentResult, nextLevel: number): BlockingVeto[] {
  const aboveById = new Map(model.vetoes.map((veto) => [veto.capabilityId, veto.maxLevelAbove]));
  return result.vetoes
    .filter((veto) => veto.maxLevel < nextLevel)
    .map((veto) => ({ capabilityId: veto.capabilityId, capabilityScore: veto.capabilityScore, maxLevel: veto.maxLevel, neededScore: nextLevel - aboveById.get(veto.capabilityId)! }));
}

/**
 * Greedy raises, at most `perQuestion` bands above the original answer (1, then 2… only if no
 * candidate helps any more), until the next level is reached; then the same pruning pass.
 */
function planRequirementRaises(model: CompiledModel, result: AssessmentResult, nextLevel: number, shares: WeightShares): AnswerChange[] {
  const raisedTo = new Map<number, number>();
  const inCapability = capabilityShares(model, result);
  let perQuestion = 1;
  let current = result;
  for (let step = 0; step < model.questions.length * MAX_SCORE && current.level < nextLevel; step++) {
    const index = bestRequirementRaise(model, result, current, nextLevel, shares, inCapability, perQuestion);
    if (index === undefined) {
      // Every helpful question already has its band: allow one more band per question.
      if (perQuestion === MAX_SCORE) break;
      perQuestion++;
      continue;
    }
    raisedTo.set(index, answeredAt(current, index).score + 1);
    current = rescore(model, result, raisedTo);
  }
  pruneToLevel(model, result, nextLevel, raisedTo);
  return toChanges(model, result, raisedTo);
}

/** A question's weight within its capability's answered weight (0 for questions that do not count). */
function capabilityShares(model: CompiledModel, result: AssessmentResult): Float64Array {
  const answered = new Float64Array(model.capabilities.length);
  for (const question of model.questions) if (result.questions[question.index]!.status === "answered") answered[question.capabilityIndex]! += question.weight;
  return Float64Array.from(model.questions, (question) =>
    result.questions[question.index]!.status === "answered" ? question.weight / answered[question.capabilityIndex]! : 0,
  );
}

/**
 * The raise that removes the most shortfall: Σ_{L ≤ next} min(share × credit gained for L, 0.8 − s_L)
 * plus, in a capability whose veto blocks the next level, min(share in the capability, score still
 * needed). Ties: the lower band first (the realistic step), then the larger share, then the id.
 */
function bestRequirementRaise(
  model: CompiledModel,
  original: AssessmentResult,
  current: AssessmentResult,
  nextLevel: number,
  shares: WeightShares,
  inCapability: Float64Array,
  perQuestion: number,
): number | undefined {
  const gaps = current.levelScores!.slice(0, nextLevel).map((score) => Math.max(0, REQUIREMENT_THRESHOLD - score));
  const vetoGap = new Map<number, number>();
  for (const veto of model.vetoes) {
    const result = current.vetoes.find((candidate) => candidate.capabilityId === veto.capabilityId);
    if (result && result.maxLevel < nextLevel) vetoGap.set(veto.capabilityIndex, nextLevel - veto.maxLevelAbove - result.capabilityScore);
  }
  let best: { index: number; gain: number; band: number; share: number } | undefined;
  for (const question of model.questions) {
    const share = shares.questionInOverall[question.index]!;
    if (share === 0) continue;
    const band = answeredAt(current, question.index).score;
    if (band >= MAX_SCORE || band + 1 - answeredAt(original, question.index).score > perQuestion) continue;
    let gain = 0;
    for (let level = 1; level <= nextLevel; level++) gain += Math.min(share * (credit(band + 1, level) - credit(band, level)), gaps[level - 1]!);
    const capabilityGap = vetoGap.get(question.capabilityIndex);
    if (capabilityGap !== undefined) gain += Math.min(inCapability[question.index]!, Math.max(0, capabilityGap));
    if (gain <= SCORE_TOLERANCE) continue;
    const candidate = { index: question.index, gain, band, share };
    if (best === undefined || isBetterRequirementRaise(model, candidate, best)) best = candidate;
  }
  return best?.index;
}

function isBetterRequirementRaise(model: CompiledModel, a: { index: number; gain: number; band: number; share: number }, b: typeof a): boolean {
  if (Math.abs(a.gain - b.gain) > SCORE_TOLERANCE) return a.gain > b.gain;
  if (a.band !== b.band) return a.band < b.band;
  if (Math.abs(a.share - b.share) > SCORE_TOLERANCE) return a.share > b.share;
  return compareIds(model.questions[a.index]!.id, model.questions[b.index]!.id) < 0;
}

/** Lowers each raise (latest first) as far as the target level allows. */
function pruneToLevel(model: CompiledModel, result: AssessmentResult, targetLevel: number, raisedTo: Map<number, number>): void {
  for (const index of [...raisedTo.keys()].reverse()) {
    const original = answeredAt(result, index).score;
    let band = raisedTo.get(index)!;
    while (band > original && rescore(model, result, new Map(raisedTo).set(index, band - 1)).level >= targetLevel) band--;
    raisedTo.set(index, band);
  }
}
