/**
 * The scoring engine: pure functions from a questionnaire and answers to scores, a maturity
 * level, an explanation and improvement priorities. See docs/scoring.md for the formulas.
 */
export { compileModel, kpiBand, kpiThresholds, profileIndex, profileKey, viewFor } from "./model";
export type {
  CompiledModel,
  CompiledQuestion,
  CompiledLevelQuestion,
  CompiledKpiQuestion,
  CompiledCapability,
  CompiledDimension,
  CompiledVeto,
  CompiledPlausibilityRule,
  CompiledCrosswalks,
  ProfileView,
} from "./model";
export { scoreAssessment, validateDraftAnswers, questionScore, displayScore, credit, NA_GUARD_SHARE } from "./score";
export type {
  AssessmentResult,
  CapabilityResult,
  CrosswalkResult,
  DimensionResult,
  PlausibilityFlag,
  QuestionResult,
  ScoringMode,
  ScoringOptions,
  VetoResult,
} from "./score";
export { maturityLevel, requirementsLevel, cmmmLevel, LEVEL_REQUIREMENTS, REQUIREMENT_THRESHOLD, CMMM_SCORE_BANDS, SCORE_TOLERANCE } from "./level";
export type { LevelRequirement, MaturityLevelNumber } from "./level";
export { explainLevel, answersWithChanges } from "./explain";
export type { AnswerChange, BlockingVeto, ExplainOptions, HoldingDimension, LevelExplanation, RequirementsExplanation, WeakQuestion } from "./explain";
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
  ProfileRequiredError,
} from "./errors";
export type { ScoringErrorCode, ExpectedRange } from "./errors";
