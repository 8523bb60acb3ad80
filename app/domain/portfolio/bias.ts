/**
 * Bias view (自评偏差): across a consultancy's issued validations, how much higher factories rate
 * themselves than the consultant validated them. Per dimension the mean of (self − validated)
 * dimension score; per question the mean band difference and the share of factories that rated the
 * question higher than validated. Pure; the model hands in one pair of results per validation.
 */
import type { AssessmentResult } from "~/domain/scoring/score";

export interface BiasSample {
  self: Pick<AssessmentResult, "dimensions" | "questions">;
  validated: Pick<AssessmentResult, "dimensions" | "questions">;
}

export interface DimensionBias {
  dimensionId: string;
  /** Validations where both sides scored the dimension. */
  n: number;
  /** mean(self − validated); positive = rated higher than validated. */
  meanDifference: number;
}

export interface QuestionBias {
  questionId: string;
  n: number;
  /** mean(self band − validated band). */
  meanDifference: number;
  /** Share (0…1) of validations where the factory's band was above the validated one. */
  higherShare: number;
  /** Share where it was below. */
  lowerShare: number;
}

export interface BiasSummary {
  validations: number;
  dimensions: DimensionBias[];
  /** Every question answered on both sides, largest over-rating first. */
  questions: QuestionBias[];
}

function dimensionScores(result: BiasSample["self"]): Map<string, number> {
  const scores = new Map<string, number>();
  for (const d of result.dimensions) if (d.status === "scored") scores.set(d.dimensionId, d.score);
  return scores;
}

function questionBands(result: BiasSample["self"]): Map<string, number> {
  const bands = new Map<string, number>();
  for (const q of result.questions) if (q.status === "answered") bands.set(q.questionId, q.score);
  return bands;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function biasSummary(samples: readonly BiasSample[]): BiasSummary {
  const dimensions = new Map<string, { n: number; sum: number }>();
  const questions = new Map<string, { n: number; sum: number; higher: number; lower: number }>();
  // Keep the questionnaire's order of first appearance for dimensions.
  for (const sample of samples) {
    const selfDimensions = dimensionScores(sample.self);
    for (const [dimensionId, validated] of dimensionScores(sample.validated)) {
      const self = selfDimensions.get(dimensionId);
      if (self === undefined) continue;
      const entry = dimensions.get(dimensionId) ?? { n: 0, sum: 0 };
      entry.n += 1;
      entry.sum += self - validated;
      dimensions.set(dimensionId, entry);
    }
    const selfBands = questionBands(sample.self);
    for (const [questionId, validated] of questionBands(sample.validated)) {
      const self = selfBands.get(questionId);
      if (self === undefined) continue;
      const entry = questions.get(questionId) ?? { n: 0, sum: 0, higher: 0, lower: 0 };
      entry.n += 1;
      entry.sum += self - validated;
      if (self > validated) entry.higher += 1;
      if (self < validated) entry.lower += 1;
      questions.set(questionId, entry);
    }
  }
  return {
    validations: samples.length,
    dimensions: [...dimensions].map(([dimensionId, { n, sum }]) => ({ dimensionId, n, meanDifference: round(sum / n, 3) })),
    questions: [...questions]
      .map(([questionId, { n, sum, higher, lower }]) => ({ questionId, n, meanDifference: round(sum / n, 3), higherShare: round(higher / n, 4), lowerShare: round(lower / n, 4) }))
      .sort((a, b) => b.meanDifference - a.meanDifference || b.higherShare - a.higherShare || (a.questionId < b.questionId ? -1 : 1)),
  };
}
