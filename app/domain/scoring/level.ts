/**
 * The maturity level rule. Level L (1 规划级 … 5 引领级, GB/T 39116 names) needs an overall score
 * of at least L AND no scored dimension more than one level behind (each ≥ L − 1); the factory
 * gets the highest such L, or 0 (未达级) when even L1 is out of reach. The floor keeps one strong
 * side from carrying a weak one: a factory is not 集成级 (L3) with a 规划级 (L1) business side.
 */

export type MaturityLevelNumber = 0 | 1 | 2 | 3 | 4 | 5;

export interface LevelRequirement {
  readonly level: 1 | 2 | 3 | 4 | 5;
  /** The overall score must be at least this… */
  readonly overall: number;
  /** …and so must every scored dimension. */
  readonly everyDimension: number;
}

export const LEVEL_REQUIREMENTS: readonly LevelRequirement[] = [
  { level: 1, overall: 1, everyDimension: 0 },
  { level: 2, overall: 2, everyDimension: 1 },
  { level: 3, overall: 3, everyDimension: 2 },
  { level: 4, overall: 4, everyDimension: 3 },
  { level: 5, overall: 5, everyDimension: 4 },
];

/**
 * Slack for binary floating point only (weights such as 0.1 + 0.2 make a true 3 come out as
 * 2.9999999999999996). Scores are never rounded; a real 2.999 stays below 3.
 */
export const SCORE_TOLERANCE = 1e-9;

/** `weakestDimension` is the lowest scored dimension. */
export function maturityLevel(overall: number, weakestDimension: number): MaturityLevelNumber {
  let reached: MaturityLevelNumber = 0;
  for (const requirement of LEVEL_REQUIREMENTS) {
    if (meets(overall, requirement.overall) && meets(weakestDimension, requirement.everyDimension)) {
      reached = requirement.level;
    }
  }
  return reached;
}

export function meets(score: number, threshold: number): boolean {
  return score + SCORE_TOLERANCE >= threshold;
}

/** The requirement for the level after `level`, or undefined at L5. */
export function nextRequirement(level: MaturityLevelNumber): LevelRequirement | undefined {
  return LEVEL_REQUIREMENTS[level];
}

/**
 * The requirements rule (2.0.0 on, in the spirit of GB/T 39117): a level is reached when its
 * requirement score s_L is at least this, and every lower level is reached.
 */
export const REQUIREMENT_THRESHOLD = 0.8;

/** `levelScores[L − 1]` = s_L. The highest L with s_1…s_L all ≥ 0.8, or 0. */
export function requirementsLevel(levelScores: readonly number[]): MaturityLevelNumber {
  let reached = 0;
  while (reached < levelScores.length && meets(levelScores[reached]!, REQUIREMENT_THRESHOLD)) reached++;
  return reached as MaturityLevelNumber;
}

/** CMMM's total-score bands: L1 [0.8, 1.8), L2 [1.8, 2.8), L3 [2.8, 3.8), L4 [3.8, 4.8), L5 ≥ 4.8. */
export const CMMM_SCORE_BANDS: readonly number[] = [0.8, 1.8, 2.8, 3.8, 4.8];

/**
 * The estimated CMMM result: S = Σ s_L up to and including the first level below 0.8 (all five
 * when none is), its level by `CMMM_SCORE_BANDS`. An estimate: our requirements are our questions'
 * bands, not the standard's evidence-rated requirements.
 */
export function cmmmLevel(levelScores: readonly number[]): { score: number; level: MaturityLevelNumber } {
  let score = 0;
  for (const levelScore of levelScores) {
    score += levelScore;
    if (!meets(levelScore, REQUIREMENT_THRESHOLD)) break;
  }
  let level = 0;
  while (level < CMMM_SCORE_BANDS.length && meets(score, CMMM_SCORE_BANDS[level]!)) level++;
  return { score, level: level as MaturityLevelNumber };
}
