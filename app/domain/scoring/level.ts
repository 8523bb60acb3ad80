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
