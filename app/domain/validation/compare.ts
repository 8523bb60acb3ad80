/**
 * Self-assessment (自评) against validation (核验): what the consultant's reviews changed and what
 * each change did to the result. One pure function for both sides (the consultant's workspace and
 * the factory's page), so they can never show different differences. Also the review progress
 * (which questions still need a review before a validation can be issued).
 */
import { toEngineAnswers, type StoredAnswers } from "~/domain/assessment/answers";
import type { PlantProfile } from "~/domain/questionnaire/profile";
import { scoreAssessment, type AssessmentResult, type CompiledModel } from "~/domain/scoring";
import { validatedAnswers, type ValidationReviews } from "./reviews";

/** Questions a validation must review: those the factory answered (a value or N/A), not those the plant profile excludes. */
export function reviewableQuestionIds(selfResult: AssessmentResult): string[] {
  return selfResult.questions.filter((q) => q.status === "answered" || q.status === "not-applicable").map((q) => q.questionId);
}

export interface ReviewProgress {
  total: number;
  reviewed: number;
  /** Reviewable questions without a review yet, in questionnaire order. */
  remaining: string[];
}

export function reviewProgress(selfResult: AssessmentResult, reviews: ValidationReviews): ReviewProgress {
  const ids = reviewableQuestionIds(selfResult);
  const remaining = ids.filter((id) => reviews[id] === undefined);
  return { total: ids.length, reviewed: ids.length - remaining.length, remaining };
}

export interface ScorePair {
  self: number | null;
  validated: number | null;
  /** validated − self; null when either side has no score. */
  delta: number | null;
}

export interface QuestionDifference {
  questionId: string;
  capabilityId: string;
  dimensionId: string;
  /** The factory's answer: its value, or null when it answered N/A. */
  selfValue: number | null;
  validatedValue: number;
  /** The engine's band score (0–5) of each answer; null for N/A. */
  selfScore: number | null;
  validatedScore: number | null;
  comment: string;
  /** The capability's score before and after all changes. */
  capability: ScorePair;
  /** What this change alone does to the overall score (self answers with only this change). */
  overallEffect: number | null;
  /** What this change alone does to the level. */
  levelEffect: number;
}

export interface ValidationComparison {
  self: { overall: number | null; level: number };
  validated: { overall: number | null; level: number };
  overall: ScorePair;
  /** validated level − self level. */
  levelChange: number;
  dimensions: (ScorePair & { dimensionId: string })[];
  capabilities: (ScorePair & { capabilityId: string; dimensionId: string })[];
  /** Every question the consultant changed, in questionnaire order. */
  differences: QuestionDifference[];
  counts: { reviewable: number; reviewed: number; confirmed: number; changed: number; evidenceChecked: number };
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

function pair(self: number | null, validated: number | null): ScorePair {
  return { self, validated, delta: self === null || validated === null ? null : round(validated - self) };
}

function scored(entry: { status: string; score?: number } | undefined): number | null {
  return entry && entry.status === "scored" && typeof entry.score === "number" ? entry.score : null;
}

function questionScore(result: AssessmentResult, questionId: string): number | null {
  const q = result.questions.find((entry) => entry.questionId === questionId);
  return q?.status === "answered" ? q.score : null;
}

/**
 * Compares the factory's submitted result with the validated one. `validatedResult` is the
 * engine's result on `validatedAnswers(selfAnswers, reviews)` (stored at issue, or computed for a
 * draft); the effect of each single change is scored here with the same engine and profile.
 */
export function compareValidation(input: {
  model: CompiledModel;
  profile: PlantProfile | null;
  selfAnswers: StoredAnswers;
  selfResult: AssessmentResult;
  reviews: ValidationReviews;
  validatedResult: AssessmentResult;
}): ValidationComparison {
  const { model, profile, selfAnswers, selfResult, reviews, validatedResult } = input;
  const dimensions = selfResult.dimensions.map((d) => ({
    dimensionId: d.dimensionId,
    ...pair(scored(d), scored(validatedResult.dimensions.find((v) => v.dimensionId === d.dimensionId))),
  }));
  const capabilities = selfResult.capabilities.map((c) => ({
    capabilityId: c.capabilityId,
    dimensionId: c.dimensionId,
    ...pair(scored(c), scored(validatedResult.capabilities.find((v) => v.capabilityId === c.capabilityId))),
  }));
  const capabilityById = new Map(capabilities.map((c) => [c.capabilityId, pair(c.self, c.validated)]));
  const reviewable = new Set(reviewableQuestionIds(selfResult));

  const differences: QuestionDifference[] = [];
  for (const question of model.questions) {
    const review = reviews[question.id];
    if (!review || review.decision !== "changed" || review.value === undefined || !reviewable.has(question.id)) continue;
    const self = selfAnswers[question.id];
    // Only this one change, scored exactly like the submission.
    const alone = scoreAssessment(model, toEngineAnswers(validatedAnswers(selfAnswers, { [question.id]: review })), { mode: "submission", profile });
    const capability = model.capabilities[question.capabilityIndex]!;
    differences.push({
      questionId: question.id,
      capabilityId: capability.id,
      dimensionId: capability.dimensionId,
      selfValue: self?.na ? null : (self?.value ?? null),
      validatedValue: review.value,
      selfScore: questionScore(selfResult, question.id),
      validatedScore: questionScore(validatedResult, question.id),
      comment: review.comment ?? "",
      capability: capabilityById.get(capability.id) ?? pair(null, null),
      overallEffect: alone.overall === null || selfResult.overall === null ? null : round(alone.overall - selfResult.overall),
      levelEffect: alone.level - selfResult.level,
    });
  }

  const relevant = Object.entries(reviews).filter(([id]) => reviewable.has(id));
  return {
    self: { overall: selfResult.overall, level: selfResult.level },
    validated: { overall: validatedResult.overall, level: validatedResult.level },
    overall: pair(selfResult.overall, validatedResult.overall),
    levelChange: validatedResult.level - selfResult.level,
    dimensions,
    capabilities,
    differences,
    counts: {
      reviewable: reviewable.size,
      reviewed: relevant.length,
      confirmed: relevant.filter(([, r]) => r.decision === "confirmed").length,
      changed: relevant.filter(([, r]) => r.decision === "changed").length,
      evidenceChecked: relevant.filter(([, r]) => r.evidenceChecked === true).length,
    },
  };
}
