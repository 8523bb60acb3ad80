/**
 * The questionnaire compiled into flat, index-addressed arrays. Scoring runs many answer sets
 * against one questionnaire, so the tree is walked once here: questions are stored in
 * dimension → capability → question order, which makes every capability a contiguous range of
 * questions and every dimension a contiguous range of capabilities. The hot path then only
 * needs one Map lookup per answer and plain index loops.
 */
import type { Questionnaire } from "~/domain/questionnaire/schema";
import { InvalidModelError } from "./errors";

export interface CompiledLevelQuestion {
  readonly type: "level";
  readonly id: string;
  readonly index: number;
  readonly weight: number;
  readonly allowNa: boolean;
  readonly capabilityIndex: number;
  readonly dimensionIndex: number;
}

export interface CompiledKpiQuestion extends Omit<CompiledLevelQuestion, "type"> {
  readonly type: "kpi";
  readonly min: number;
  readonly max: number;
  /** Five strictly increasing thresholds: thresholds[k-1] opens band k. */
  readonly thresholds: readonly number[];
}

export type CompiledQuestion = CompiledLevelQuestion | CompiledKpiQuestion;

export interface CompiledCapability {
  readonly id: string;
  readonly index: number;
  readonly dimensionId: string;
  readonly dimensionIndex: number;
  readonly weight: number;
  /** Questions [firstQuestion, endQuestion) in `CompiledModel.questions`. */
  readonly firstQuestion: number;
  readonly endQuestion: number;
  /** Sum of the question weights, the denominator of the N/A share. */
  readonly questionWeight: number;
}

export interface CompiledDimension {
  readonly id: string;
  readonly index: number;
  readonly weight: number;
  /** Capabilities [firstCapability, endCapability) in `CompiledModel.capabilities`. */
  readonly firstCapability: number;
  readonly endCapability: number;
}

export interface CompiledModel {
  readonly key: string;
  readonly version: string;
  readonly questions: readonly CompiledQuestion[];
  readonly capabilities: readonly CompiledCapability[];
  readonly dimensions: readonly CompiledDimension[];
  readonly questionIndex: ReadonlyMap<string, number>;
  /** The question weights by index, for the scoring loop. */
  readonly questionWeights: Float64Array;
}

/** Walks the questionnaire once; the result is immutable and can be shared across requests. */
export function compileModel(questionnaire: Questionnaire): CompiledModel {
  const questions: CompiledQuestion[] = [];
  const capabilities: CompiledCapability[] = [];
  const dimensions: CompiledDimension[] = [];
  const questionIndex = new Map<string, number>();

  questionnaire.dimensions.forEach((dimension, dimensionIndex) => {
    const firstCapability = capabilities.length;
    for (const capability of dimension.capabilities) {
      const capabilityIndex = capabilities.length;
      const firstQuestion = questions.length;
      let questionWeight = 0;
      for (const question of capability.questions) {
        // The schema rejects duplicate ids, but a hand-built questionnaire could slip one past the
        // type checker, and the index would then silently score the wrong question.
        if (questionIndex.has(question.id)) throw new InvalidModelError(`duplicate question id "${question.id}"`);
        const base = {
          id: question.id,
          index: questions.length,
          weight: question.weight,
          allowNa: question.allowNa,
          capabilityIndex,
          dimensionIndex,
        };
        questions.push(
          question.type === "kpi"
            ? { ...base, type: "kpi", min: question.min, max: question.max, thresholds: [...question.thresholds] }
            : { ...base, type: "level" },
        );
        questionIndex.set(question.id, base.index);
        questionWeight += question.weight;
      }
      capabilities.push({
        id: capability.id,
        index: capabilityIndex,
        dimensionId: dimension.id,
        dimensionIndex,
        weight: capability.weight,
        firstQuestion,
        endQuestion: questions.length,
        questionWeight,
      });
    }
    dimensions.push({
      id: dimension.id,
      index: dimensionIndex,
      weight: dimension.weight,
      firstCapability,
      endCapability: capabilities.length,
    });
  });

  const questionWeights = Float64Array.from(questions, (question) => question.weight);
  return { key: questionnaire.key, version: questionnaire.version, questions, capabilities, dimensions, questionIndex, questionWeights };
}

/** Band 0…5 of a KPI value: the number of thresholds the value reaches (higher is better). */
export function kpiBand(thresholds: readonly number[], value: number): number {
  let band = 0;
  while (band < thresholds.length && value >= thresholds[band]!) band++;
  return band;
}
