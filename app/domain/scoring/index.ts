/**
 * The scoring engine: pure functions from a questionnaire and answers to scores, a maturity
 * level, an explanation and improvement priorities. See docs/scoring.md for the formulas.
 */
export { compileModel, kpiBand } from "./model";
export type { CompiledModel, CompiledQuestion, CompiledLevelQuestion, CompiledKpiQuestion, CompiledCapability, CompiledDimension } from "./model";
export { scoreAssessment, questionScore, displayScore, NA_GUARD_SHARE } from "./score";
export type { AssessmentResult, CapabilityResult, DimensionResult, QuestionResult, ScoringMode, ScoringOptions } from "./score";
export { maturityLevel, LEVEL_REQUIREMENTS, SCORE_TOLERANCE } from "./level";
export type { LevelRequirement, MaturityLevelNumber } from "./level";
export { explainLevel, answersWithChanges } from "./explain";
export type { AnswerChange, ExplainOptions, HoldingDimension, LevelExplanation, WeakQuestion } from "./explain";
export { prioritise } from "./prioritise";
export type { CapabilityPriority, PrioritiseOptions } from "./prioritise";
export { weightShares } from "./shares";
export type { WeightShares } from "./shares";
export {
  ScoringError,
  UnknownQuestionError,
  AnswerOutOfRangeError,
  NaNotAllowedError,
  NaReasonMissingError,
  DuplicateAnswerError,
  MissingAnswersError,
  InvalidModelError,
  ModelMismatchError,
} from "./errors";
export type { ScoringErrorCode, ExpectedRange } from "./errors";
