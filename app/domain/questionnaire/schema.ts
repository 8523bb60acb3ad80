/**
 * The file format of a published questionnaire (questionnaires/<key>/<version>.yaml).
 * Pure and isomorphic: used by `npm run questionnaire:check`, the start-up sync, the scoring
 * engine's types and the UI. Cross-field rules (unique ids, increasing thresholds) live in
 * `superRefine` so every error carries the path inside the file.
 */
import { z } from "zod";
import { allPlantProfiles, applicabilitySchema, isApplicable } from "./profile";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Every visible string exists in both languages; neither may be blank. */
export const localizedText = z
  .object({
    "zh-CN": z.string().trim().min(1, "Chinese text is missing"),
    en: z.string().trim().min(1, "English text is missing"),
  })
  .strict();
export type LocalizedText = z.infer<typeof localizedText>;

const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/, "ids are lower-case words joined by '-' and '.'");

const weight = z.number().positive("weights must be positive").finite();

/** Question scores and maturity bands run from 0 (未开展 not started) to 5 (引领 leading). */
export const MAX_SCORE = 5;

const questionBase = {
  id,
  title: localizedText,
  help: localizedText,
  /** What an assessor would look at to verify the answer. */
  evidence: localizedText,
  weight,
  /** N/A allowed (e.g. no warehouse on site); an answer of N/A then needs a reason. 1.0.0 only: from 2.0.0 the plant profile decides. */
  allowNa: z.boolean().default(false),
  /** 2.0.0 on: the plant profiles this question applies to (absent = every profile). */
  appliesTo: applicabilitySchema.optional(),
  /** Shown instead of the question when the profile excludes it; required with `appliesTo`. */
  notApplicableNote: localizedText.optional(),
};

export const levelQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal("level"),
    /** Exactly six observable descriptors: index = band 0…5. */
    descriptors: z.array(localizedText).length(6, "a level question needs exactly six descriptors (0–5)"),
  })
  .strict();

export const kpiQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal("kpi"),
    unit: localizedText,
    /** Valid input range for the value. */
    min: z.number().finite(),
    max: z.number().finite(),
    /**
     * Five strictly increasing thresholds: a value ≥ thresholds[k-1] reaches band k (1…5);
     * below thresholds[0] is band 0. Higher values are always better.
     */
    thresholds: z.array(z.number().finite()).length(5, "a KPI question needs five thresholds (bands 1–5)"),
    /** Thresholds for process plants (流程型) where they differ; discrete and mixed plants use `thresholds`. */
    thresholdsByPath: z
      .object({ process: z.array(z.number().finite()).length(5, "a KPI question needs five thresholds (bands 1–5)") })
      .strict()
      .optional(),
    /**
     * A percentage asked as numerator and denominator (e.g. networked machines ÷ all production
     * machines): the form asks both and stores value = numerator ÷ denominator × 100.
     */
    basis: z.object({ numerator: localizedText, denominator: localizedText }).strict().optional(),
  })
  .strict();

export const questionSchema = z.discriminatedUnion("type", [levelQuestionSchema, kpiQuestionSchema]);

export const capabilitySchema = z
  .object({
    id,
    name: localizedText,
    description: localizedText,
    weight,
    /** advice[n] tells how to get from band n to band n+1 (five steps: 0→1 … 4→5). */
    advice: z.array(localizedText).length(5, "advice needs five steps (0→1 … 4→5)"),
    questions: z.array(questionSchema).min(1),
  })
  .strict();

export const dimensionSchema = z
  .object({
    id,
    name: localizedText,
    description: localizedText,
    weight,
    capabilities: z.array(capabilitySchema).min(4, "a dimension needs 4–7 capabilities").max(7, "a dimension needs 4–7 capabilities"),
  })
  .strict();

export const maturityLevelSchema = z
  .object({
    /** 1…5, named as GB/T 39116: 规划级 / 规范级 / 集成级 / 优化级 / 引领级. */
    level: z.number().int().min(1).max(5),
    name: localizedText,
    description: localizedText,
  })
  .strict();

/**
 * How the maturity level is decided.
 * - `dimension-floor` (1.0.0): overall ≥ L and every dimension ≥ L − 1.
 * - `requirements` (2.0.0 on, in the spirit of GB/T 39117): level L's requirement score is the
 *   weighted mean over applicable questions of their credit for L (band ≥ L → 1, band = L − 1 →
 *   0.5, lower → 0); L is reached when its score ≥ 0.8 and every lower level is reached; vetoes cap it.
 */
export const LEVEL_RULES = ["dimension-floor", "requirements"] as const;
export type LevelRule = (typeof LEVEL_RULES)[number];

/** A capability that caps the level: level ≤ ⌊capability score⌋ + maxLevelAbove. */
export const vetoSchema = z
  .object({
    capability: id,
    maxLevelAbove: z.number().int().min(0).max(4),
    /** Why this capability caps the level (shown on the results page). */
    reason: localizedText,
  })
  .strict();

/** A KPI answer that contradicts a level answer: flagged to the factory and its consultant, never scored. */
export const plausibilityRuleSchema = z
  .object({
    id,
    /** The level question whose band is claimed… */
    question: id,
    bandAtLeast: z.number().int().min(1).max(MAX_SCORE),
    /** …while this KPI reports less than `kpiBelow`. */
    kpi: id,
    kpiBelow: z.number().finite(),
    message: localizedText,
  })
  .strict();

/** A requirement of a programme tier that the answers can show (e.g. MES in use for 先进级). */
export const tierItemSchema = z
  .object({
    question: id,
    bandAtLeast: z.number().int().min(1).max(MAX_SCORE),
    label: localizedText,
  })
  .strict();

/** Estimates against outside schemes, each labelled with its source; never an official result. */
export const crosswalksSchema = z
  .object({
    /** Estimated CMMM (GB/T 39116/39117) score and level from the requirement scores. */
    cmmm: z.object({ source: localizedText }).strict(),
    /** 智能工厂梯度培育 pre-check: 基础级 / 先进级 / 卓越级 / 领航级. */
    gradient: z
      .object({
        source: localizedText,
        tiers: z
          .array(
            z
              .object({
                id,
                name: localizedText,
                /** The estimated CMMM level this tier needs. */
                minCmmmLevel: z.number().int().min(1).max(5),
                /** Veto items: all must be met. */
                items: z.array(tierItemSchema),
              })
              .strict(),
          )
          .min(1),
      })
      .strict(),
    /** Readiness for a 数字化水平 threshold (Zhejiang: ≥ 2.0 workshops/factories, ≥ 3.0 未来工厂), against the 0–5 index. */
    digitalLevel: z
      .object({
        source: localizedText,
        targets: z.array(z.object({ value: z.number().min(0).max(MAX_SCORE), label: localizedText }).strict()).min(1),
      })
      .strict(),
  })
  .strict();

/**
 * How a revision started from an assessment on an older version carries its answers forward:
 * `answers` maps a question of this version to the older version's question whose answer it takes
 * (same scale). Unmapped questions start empty; N/A answers are not carried.
 */
export const carryForwardSchema = z
  .object({
    from: z.string().regex(/^\d+\.\d+\.\d+$/, "from must be a version (e.g. 1.0.0)"),
    answers: z.record(id, id),
  })
  .strict();

export const questionnaireSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9-]*$/),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, "version must be semantic (e.g. 1.0.0)"),
    publishedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "publishedAt must be YYYY-MM-DD"),
    title: localizedText,
    description: localizedText,
    /** Name for scores below L1 (“未达级”). */
    belowFirstLevel: localizedText,
    levels: z.array(maturityLevelSchema).length(5),
    dimensions: z.array(dimensionSchema).length(4, "the model has four dimensions"),
    /** Absent = `dimension-floor` (1.0.0). */
    levelRule: z.enum(LEVEL_RULES).optional(),
    /** True when the questionnaire is answered after a plant profile (questions use `appliesTo`). */
    usesPlantProfile: z.boolean().optional(),
    vetoes: z.array(vetoSchema).optional(),
    plausibility: z.array(plausibilityRuleSchema).optional(),
    crosswalks: crosswalksSchema.optional(),
    carryForward: z.array(carryForwardSchema).optional(),
  })
  .strict()
  .superRefine((questionnaire, ctx) => {
    questionnaire.levels.forEach((level, index) => {
      if (level.level !== index + 1) {
        ctx.addIssue({ code: "custom", path: ["levels", index, "level"], message: `expected level ${index + 1}` });
      }
    });
    const seen = new Map<string, string>();
    const claim = (value: string, path: (string | number)[]) => {
      const where = path.join(".");
      const previous = seen.get(value);
      if (previous) ctx.addIssue({ code: "custom", path, message: `duplicate id "${value}" (also at ${previous})` });
      else seen.set(value, where);
    };
    let questionCount = 0;
    questionnaire.dimensions.forEach((dimension, d) => {
      claim(dimension.id, ["dimensions", d, "id"]);
      dimension.capabilities.forEach((capability, c) => {
        const capabilityPath = ["dimensions", d, "capabilities", c];
        claim(capability.id, [...capabilityPath, "id"]);
        capability.questions.forEach((question, q) => {
          questionCount++;
          const questionPath = [...capabilityPath, "questions", q];
          claim(question.id, [...questionPath, "id"]);
          if (question.type === "kpi") {
            if (question.min >= question.max) {
              ctx.addIssue({ code: "custom", path: [...questionPath, "max"], message: "max must be greater than min" });
            }
            question.thresholds.forEach((threshold, t) => {
              const previous = question.thresholds[t - 1];
              if (previous !== undefined && threshold <= previous) {
                ctx.addIssue({
                  code: "custom",
                  path: [...questionPath, "thresholds", t],
                  message: `thresholds must increase strictly (${threshold} ≤ ${previous})`,
                });
              }
              if (threshold < question.min || threshold > question.max) {
                ctx.addIssue({
                  code: "custom",
                  path: [...questionPath, "thresholds", t],
                  message: `threshold ${threshold} lies outside [${question.min}, ${question.max}]`,
                });
              }
            });
          }
        });
      });
    });
    if (questionCount < 48) {
      ctx.addIssue({ code: "custom", path: ["dimensions"], message: `at least 48 questions are required (found ${questionCount})` });
    }
    checkVersion2Rules(questionnaire, ctx);
  });

// The object before the cross-field rules; only the helper's parameter type.
type RawQuestionnaire = { dimensions: z.infer<typeof dimensionSchema>[] };

/** Cross-references of the 2.0.0 features: every id they name exists, and profiles never empty a capability. */
function checkVersion2Rules(
  questionnaire: RawQuestionnaire & {
    levelRule?: LevelRule;
    usesPlantProfile?: boolean;
    vetoes?: z.infer<typeof vetoSchema>[];
    plausibility?: z.infer<typeof plausibilityRuleSchema>[];
    crosswalks?: z.infer<typeof crosswalksSchema>;
    carryForward?: z.infer<typeof carryForwardSchema>[];
  },
  ctx: z.RefinementCtx,
) {
  const capabilities = new Map<string, z.infer<typeof capabilitySchema>>();
  const questions = new Map<string, z.infer<typeof questionSchema>>();
  for (const dimension of questionnaire.dimensions)
    for (const capability of dimension.capabilities) {
      capabilities.set(capability.id, capability);
      for (const question of capability.questions) questions.set(question.id, question);
    }
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });

  questionnaire.dimensions.forEach((dimension, d) =>
    dimension.capabilities.forEach((capability, c) =>
      capability.questions.forEach((question, q) => {
        const path = ["dimensions", d, "capabilities", c, "questions", q];
        if (question.appliesTo && !questionnaire.usesPlantProfile) issue([...path, "appliesTo"], "appliesTo needs usesPlantProfile: true");
        if (question.appliesTo && !question.notApplicableNote) issue([...path, "notApplicableNote"], "a question with appliesTo needs a notApplicableNote");
        if (!question.appliesTo && question.notApplicableNote) issue([...path, "notApplicableNote"], "notApplicableNote without appliesTo");
        if (questionnaire.usesPlantProfile && question.allowNa) issue([...path, "allowNa"], "with a plant profile, N/A comes from appliesTo, not allowNa");
        if (question.type === "kpi" && question.thresholdsByPath) {
          question.thresholdsByPath.process.forEach((threshold, t) => {
            const previous = question.thresholdsByPath!.process[t - 1];
            if ((previous !== undefined && threshold <= previous) || threshold < question.min || threshold > question.max) {
              issue([...path, "thresholdsByPath", "process", t], `process thresholds must increase strictly within [${question.min}, ${question.max}]`);
            }
          });
        }
      }),
    ),
  );

  if (questionnaire.usesPlantProfile) {
    // Every capability keeps at least one question under every profile, so a profile can narrow
    // what is asked but never drop a whole capability (and its weight) from the level.
    for (const profile of allPlantProfiles()) {
      for (const [capabilityId, capability] of capabilities) {
        if (!capability.questions.some((question) => isApplicable(question.appliesTo, profile))) {
          issue(["dimensions"], `capability "${capabilityId}" has no question for the profile ${JSON.stringify(profile)}`);
        }
      }
    }
  }

  questionnaire.vetoes?.forEach((veto, v) => {
    if (!capabilities.has(veto.capability)) issue(["vetoes", v, "capability"], `unknown capability "${veto.capability}"`);
  });
  questionnaire.plausibility?.forEach((rule, r) => {
    const claimed = questions.get(rule.question);
    if (claimed?.type !== "level") issue(["plausibility", r, "question"], `"${rule.question}" is not a level question`);
    const kpi = questions.get(rule.kpi);
    if (kpi?.type !== "kpi") issue(["plausibility", r, "kpi"], `"${rule.kpi}" is not a KPI question`);
  });
  questionnaire.crosswalks?.gradient.tiers.forEach((tier, t) =>
    tier.items.forEach((item, i) => {
      if (!questions.has(item.question)) issue(["crosswalks", "gradient", "tiers", t, "items", i, "question"], `unknown question "${item.question}"`);
    }),
  );
  questionnaire.carryForward?.forEach((carry, k) => {
    for (const target of Object.keys(carry.answers)) {
      if (!questions.has(target)) issue(["carryForward", k, "answers", target], `unknown question "${target}" in this version`);
    }
  });
  if (questionnaire.levelRule === "requirements" && !questionnaire.usesPlantProfile) {
    issue(["levelRule"], "the requirements rule comes with a plant profile (usesPlantProfile: true)");
  }
}



export type Questionnaire = z.infer<typeof questionnaireSchema>;
export type Dimension = z.infer<typeof dimensionSchema>;
export type Capability = z.infer<typeof capabilitySchema>;
export type Question = z.infer<typeof questionSchema>;
export type LevelQuestion = z.infer<typeof levelQuestionSchema>;
export type KpiQuestion = z.infer<typeof kpiQuestionSchema>;
export type MaturityLevel = z.infer<typeof maturityLevelSchema>;

/** One answer as stored in a draft and given to the scoring engine. */
export type Answer =
  | { questionId: string; value: number; na?: false }
  | { questionId: string; na: true; naReason: string };
export type Veto = z.infer<typeof vetoSchema>;
export type PlausibilityRule = z.infer<typeof plausibilityRuleSchema>;
export type Crosswalks = z.infer<typeof crosswalksSchema>;
export type CarryForward = z.infer<typeof carryForwardSchema>;
