/**
 * The file format of a published questionnaire (questionnaires/<key>/<version>.yaml).
 * Pure and isomorphic: used by `npm run questionnaire:check`, the start-up sync, the scoring
 * engine's types and the UI. Cross-field rules (unique ids, increasing thresholds) live in
 * `superRefine` so every error carries the path inside the file.
 */
import { z } from "zod";

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
  /** N/A allowed (e.g. no warehouse on site); an answer of N/A then needs a reason. */
  allowNa: z.boolean().default(false),
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
    capabilities: z.array(capabilitySchema).min(4, "a dimension needs 4–6 capabilities").max(6, "a dimension needs 4–6 capabilities"),
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
  });

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
