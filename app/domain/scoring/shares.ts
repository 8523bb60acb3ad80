/**
 * How much each question and capability counts in its dimension and in the overall score, given
 * which parts of a result were scored. Because every score is a weighted mean and raising an
 * answer never changes which parts are scored, these shares are exact: raising a question by one
 * band raises its dimension by `questionInDimension` and the overall score by `questionInOverall`.
 */
import { ModelMismatchError } from "./errors";
import type { CompiledModel } from "./model";
import type { AssessmentResult } from "./score";

export interface WeightShares {
  /** Per question index; 0 for questions that do not count (N/A, unanswered, unscored capability). */
  questionInDimension: Float64Array;
  questionInOverall: Float64Array;
  /** Per capability index; 0 for capabilities that are not scored. */
  capabilityInOverall: Float64Array;
}

export function weightShares(model: CompiledModel, result: AssessmentResult): WeightShares {
  assertSameModel(model, result);
  const answeredWeight = answeredWeightByCapability(model, result);
  const scoredCapabilityWeight = new Float64Array(model.dimensions.length);
  model.capabilities.forEach((capability) => {
    if (result.capabilities[capability.index]!.status === "scored") scoredCapabilityWeight[capability.dimensionIndex]! += capability.weight;
  });
  let scoredDimensionWeight = 0;
  model.dimensions.forEach((dimension) => {
    if (result.dimensions[dimension.index]!.status === "scored") scoredDimensionWeight += dimension.weight;
  });

  const capabilityInDimension = new Float64Array(model.capabilities.length);
  const capabilityInOverall = new Float64Array(model.capabilities.length);
  for (const capability of model.capabilities) {
    if (result.capabilities[capability.index]!.status !== "scored") continue;
    const dimension = model.dimensions[capability.dimensionIndex]!;
    capabilityInDimension[capability.index] = capability.weight / scoredCapabilityWeight[dimension.index]!;
    capabilityInOverall[capability.index] = capabilityInDimension[capability.index]! * (dimension.weight / scoredDimensionWeight);
  }

  const questionInDimension = new Float64Array(model.questions.length);
  const questionInOverall = new Float64Array(model.questions.length);
  for (const question of model.questions) {
    if (result.questions[question.index]!.status !== "answered") continue;
    const inCapability = question.weight / answeredWeight[question.capabilityIndex]!;
    questionInDimension[question.index] = inCapability * capabilityInDimension[question.capabilityIndex]!;
    questionInOverall[question.index] = inCapability * capabilityInOverall[question.capabilityIndex]!;
  }
  return { questionInDimension, questionInOverall, capabilityInOverall };
}

function answeredWeightByCapability(model: CompiledModel, result: AssessmentResult): Float64Array {
  const weights = new Float64Array(model.capabilities.length);
  for (const question of model.questions) {
    if (result.questions[question.index]!.status === "answered") weights[question.capabilityIndex]! += question.weight;
  }
  return weights;
}

/** Results are index-aligned with their model, so a result from another questionnaire would be misread. */
export function assertSameModel(model: CompiledModel, result: AssessmentResult): void {
  const expected = `${model.key}@${model.version}`;
  const actual = `${result.questionnaire.key}@${result.questionnaire.version}`;
  if (expected !== actual || result.questions.length !== model.questions.length) throw new ModelMismatchError(expected, actual);
}
