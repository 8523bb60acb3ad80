/**
 * The questionnaire compiled into flat, index-addressed arrays. Scoring runs many answer sets
 * against one questionnaire, so the tree is walked once here: questions are stored in
 * dimension → capability → question order, which makes every capability a contiguous range of
 * questions and every dimension a contiguous range of capabilities. The hot path then only
 * needs one Map lookup per answer and plain index loops.
 */
import {
  allPlantProfiles,
  isApplicable,
  PRODUCT_VARIETIES,
  PRODUCTION_TYPES,
  SITE_COUNTS,
  productionPath,
  type Applicability,
  type PlantProfile,
  type ProductionPath,
} from "~/domain/questionnaire/profile";
import type { LevelRule, Questionnaire } from "~/domain/questionnaire/schema";
import { InvalidModelError, ProfileRequiredError } from "./errors";

export interface CompiledLevelQuestion {
  readonly type: "level";
  readonly id: string;
  readonly index: number;
  readonly weight: number;
  readonly allowNa: boolean;
  readonly capabilityIndex: number;
  readonly dimensionIndex: number;
  /** Absent: the question applies to every plant profile. */
  readonly appliesTo: Applicability | undefined;
}

export interface CompiledKpiQuestion extends Omit<CompiledLevelQuestion, "type"> {
  readonly type: "kpi";
  readonly min: number;
  readonly max: number;
  /** Five strictly increasing thresholds: thresholds[k-1] opens band k. */
  readonly thresholds: readonly number[];
  /** The thresholds for process plants (流程型); the same array as `thresholds` when the file gives none. */
  readonly processThresholds: readonly number[];
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

/** A capability that caps the level: level ≤ ⌊capability score⌋ + maxLevelAbove. */
export interface CompiledVeto {
  readonly capabilityId: string;
  readonly capabilityIndex: number;
  readonly maxLevelAbove: number;
}

/** Flag when the level question is at `bandAtLeast` or above while the KPI reports less than `kpiBelow`. */
export interface CompiledPlausibilityRule {
  readonly id: string;
  readonly questionIndex: number;
  readonly bandAtLeast: number;
  readonly kpiIndex: number;
  readonly kpiBelow: number;
}

export interface CompiledCrosswalks {
  readonly tiers: readonly {
    readonly id: string;
    readonly minCmmmLevel: number;
    readonly items: readonly { readonly questionId: string; readonly questionIndex: number; readonly bandAtLeast: number }[];
  }[];
  readonly digitalTargets: readonly number[];
}

/**
 * What one plant profile makes of the model: which questions apply (1) or are excluded (0), the
 * applicable question weight per capability (the denominator of the N/A share) and the KPI path.
 */
export interface ProfileView {
  readonly profile: PlantProfile | null;
  readonly applicable: Uint8Array;
  /** The answer sheet's starting states: `EXCLUDED_STATE` for excluded questions, 0 (unanswered) for the rest. */
  readonly initialStates: Uint8Array;
  readonly applicableWeight: Float64Array;
  readonly path: ProductionPath;
}

export interface CompiledModel {
  readonly key: string;
  readonly version: string;
  readonly levelRule: LevelRule;
  readonly usesPlantProfile: boolean;
  readonly vetoes: readonly CompiledVeto[];
  readonly plausibility: readonly CompiledPlausibilityRule[];
  /** Null when the questionnaire declares no crosswalks (1.0.0). */
  readonly crosswalks: CompiledCrosswalks | null;
  /** Every question applies (no profile, 1.0.0). */
  readonly fullView: ProfileView;
  /** One view per distinct plant profile (54), by `profileIndex`; computed once here so scoring only looks one up. */
  readonly profileViews: readonly ProfileView[];
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
          appliesTo: question.appliesTo,
        };
        if (question.type === "kpi") {
          const thresholds = [...question.thresholds];
          const processThresholds = question.thresholdsByPath ? [...question.thresholdsByPath.process] : thresholds;
          questions.push({ ...base, type: "kpi", min: question.min, max: question.max, thresholds, processThresholds });
        } else {
          questions.push({ ...base, type: "level" });
        }
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
  const structure = { questions, capabilities, dimensions, questionIndex, questionWeights };
  const usesPlantProfile = questionnaire.usesPlantProfile === true;
  const profileViews: ProfileView[] = [];
  for (const profile of allPlantProfiles()) {
    const view = buildView(structure, profile);
    // The schema checks this too; a hand-built questionnaire must not drop a capability's weight either.
    if (usesPlantProfile) {
      const empty = capabilities.find((capability) => view.applicableWeight[capability.index] === 0);
      if (empty) throw new InvalidModelError(`capability "${empty.id}" has no question for the profile ${profileKey(profile)}`);
    }
    profileViews[profileIndex(profile)] = view;
  }
  return {
    key: questionnaire.key,
    version: questionnaire.version,
    levelRule: questionnaire.levelRule ?? "dimension-floor",
    usesPlantProfile,
    vetoes: compileVetoes(questionnaire, capabilities),
    plausibility: compilePlausibility(questionnaire, questions, questionIndex),
    crosswalks: compileCrosswalks(questionnaire, questionIndex),
    fullView: buildView(structure, null),
    profileViews,
    ...structure,
  };
}

type Structure = Pick<CompiledModel, "questions" | "capabilities">;

/** The scoring sheet's state of a question the profile excludes. */
export const EXCLUDED_STATE = 3;

function buildView(model: Structure, profile: PlantProfile | null): ProfileView {
  const applicable = new Uint8Array(model.questions.length);
  const initialStates = new Uint8Array(model.questions.length);
  const applicableWeight = new Float64Array(model.capabilities.length);
  for (const question of model.questions) {
    if (profile !== null && !isApplicable(question.appliesTo, profile)) {
      initialStates[question.index] = EXCLUDED_STATE;
      continue;
    }
    applicable[question.index] = 1;
    applicableWeight[question.capabilityIndex]! += question.weight;
  }
  // Frozen: results carry this very object (no copy per assessment), so nobody may change it.
  const frozen = profile === null ? null : Object.freeze({ ...profile, markets: Object.freeze([...profile.markets]) as PlantProfile["markets"] });
  return { profile: frozen, applicable, initialStates, applicableWeight, path: profile === null ? "discrete" : productionPath(profile) };
}

/** Canonical key of a profile: markets in a fixed order, so ["b2c","b2b"] and ["b2b","b2c"] are one profile. */
export function profileKey(profile: PlantProfile): string {
  const markets = profile.markets.includes("b2b") ? (profile.markets.includes("b2c") ? "b2b+b2c" : "b2b") : "b2c";
  return `${profile.productionType}/${markets}/${profile.productVariety}/${profile.sites}`;
}

/**
 * The position of a profile in `allPlantProfiles()` order, or −1 for a value outside the enums (a
 * cast). Numeric, so the per-assessment lookup builds no string.
 */
export function profileIndex(profile: PlantProfile): number {
  const type = PRODUCTION_TYPES.indexOf(profile.productionType);
  const variety = PRODUCT_VARIETIES.indexOf(profile.productVariety);
  const sites = SITE_COUNTS.indexOf(profile.sites);
  const { markets } = profile;
  const b2b = markets.includes("b2b");
  const b2c = markets.includes("b2c");
  const market = b2b && b2c ? 2 : b2c ? 1 : 0;
  if (type < 0 || variety < 0 || sites < 0 || (!b2b && !b2c) || markets.length > 2) return -1;
  return ((type * 3 + market) * PRODUCT_VARIETIES.length + variety) * SITE_COUNTS.length + sites;
}

/**
 * The view scoring uses. A questionnaire without a plant profile ignores any profile given (1.0.0
 * stays exactly as it was); one with a profile refuses to score without it.
 */
export function viewFor(model: CompiledModel, profile: PlantProfile | null | undefined): ProfileView {
  if (!model.usesPlantProfile) return model.fullView;
  if (profile === null || profile === undefined) throw new ProfileRequiredError(`${model.key}@${model.version}`);
  // Only a profile that escaped validation (a cast) misses the cache; it is computed, not cached, so the cache stays bounded.
  const index = profileIndex(profile);
  return index < 0 ? buildView(model, profile) : model.profileViews[index]!;
}

/** The KPI thresholds that apply on a production path. */
export function kpiThresholds(question: CompiledKpiQuestion, path: ProductionPath): readonly number[] {
  return path === "process" ? question.processThresholds : question.thresholds;
}

function compileVetoes(questionnaire: Questionnaire, capabilities: readonly CompiledCapability[]): CompiledVeto[] {
  return (questionnaire.vetoes ?? []).map((veto) => {
    const capability = capabilities.find((candidate) => candidate.id === veto.capability);
    if (!capability) throw new InvalidModelError(`veto on unknown capability "${veto.capability}"`);
    return { capabilityId: capability.id, capabilityIndex: capability.index, maxLevelAbove: veto.maxLevelAbove };
  });
}

function compilePlausibility(
  questionnaire: Questionnaire,
  questions: readonly CompiledQuestion[],
  questionIndex: ReadonlyMap<string, number>,
): CompiledPlausibilityRule[] {
  return (questionnaire.plausibility ?? []).map((rule) => {
    const claimed = questionIndex.get(rule.question);
    const kpi = questionIndex.get(rule.kpi);
    if (claimed === undefined || questions[claimed]!.type !== "level") throw new InvalidModelError(`plausibility rule "${rule.id}": "${rule.question}" is not a level question`);
    if (kpi === undefined || questions[kpi]!.type !== "kpi") throw new InvalidModelError(`plausibility rule "${rule.id}": "${rule.kpi}" is not a KPI question`);
    return { id: rule.id, questionIndex: claimed, bandAtLeast: rule.bandAtLeast, kpiIndex: kpi, kpiBelow: rule.kpiBelow };
  });
}

function compileCrosswalks(questionnaire: Questionnaire, questionIndex: ReadonlyMap<string, number>): CompiledCrosswalks | null {
  const crosswalks = questionnaire.crosswalks;
  if (!crosswalks) return null;
  return {
    tiers: crosswalks.gradient.tiers.map((tier) => ({
      id: tier.id,
      minCmmmLevel: tier.minCmmmLevel,
      items: tier.items.map((item) => {
        const index = questionIndex.get(item.question);
        if (index === undefined) throw new InvalidModelError(`crosswalk tier "${tier.id}" names unknown question "${item.question}"`);
        return { questionId: item.question, questionIndex: index, bandAtLeast: item.bandAtLeast };
      }),
    })),
    digitalTargets: crosswalks.digitalLevel.targets.map((target) => target.value),
  };
}

/** Band 0…5 of a KPI value: the number of thresholds the value reaches (higher is better). */
export function kpiBand(thresholds: readonly number[], value: number): number {
  let band = 0;
  while (band < thresholds.length && value >= thresholds[band]!) band++;
  return band;
}
