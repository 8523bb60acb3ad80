/**
 * The one typed boundary for JSON stored in the database: an assessment's `answers`, its frozen
 * `result`, and a questionnaire version's `content`. Every read goes through `parseStored…`, every
 * write of a result through `storeResult`, so no caller casts `Json` to a domain type.
 *
 * Stored results are versioned: rows written before the version field existed (format 1) parse
 * as format 1, and when the engine's output changes a new format is added here with an upgrade
 * from the older ones — old rows keep working without a data migration.
 */
import { z } from "zod";
import { plantProfileSchema, type PlantProfile } from "~/domain/questionnaire/profile";
import { LEVEL_RULES, questionnaireSchema, type Questionnaire } from "~/domain/questionnaire/schema";
import type { AssessmentResult } from "~/domain/scoring/score";
import { validationReviewSchema, type ValidationReviews } from "~/domain/validation/reviews";
import { storedAnswerSchema, type StoredAnswers } from "./answers";

/** Stored JSON that does not have the shape this code expects: a bug or a bad migration, never user input. */
export class StoredDataError extends Error {
  constructor(
    readonly kind: "answers" | "result" | "questionnaire" | "profile" | "reviews",
    readonly issues: string[],
  ) {
    super(`stored ${kind} does not match its schema: ${issues.slice(0, 5).join("; ")}${issues.length > 5 ? ` (+${issues.length - 5} more)` : ""}`);
    this.name = "StoredDataError";
  }
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, kind: StoredDataError["kind"]): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoredDataError(kind, parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`));
  return parsed.data;
}

// --- answers --------------------------------------------------------------------------------

const storedAnswersSchema = z.record(z.string(), storedAnswerSchema);

export function parseStoredAnswers(json: unknown): StoredAnswers {
  return parseOrThrow(storedAnswersSchema, json, "answers");
}

// --- validation reviews (Validation.reviews) -------------------------------------------------

const storedReviewsSchema = z.record(z.string(), validationReviewSchema);

export function parseStoredReviews(json: unknown): ValidationReviews {
  return parseOrThrow(storedReviewsSchema, json, "reviews");
}

// --- results --------------------------------------------------------------------------------

const level = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

const questionResultSchema = z.discriminatedUnion("status", [
  z.object({ questionId: z.string(), status: z.literal("answered"), value: z.number(), score: z.number() }),
  z.object({ questionId: z.string(), status: z.literal("not-applicable"), naReason: z.string() }),
  z.object({ questionId: z.string(), status: z.literal("unanswered") }),
]);

/** Format 2 adds questions excluded by the plant profile. */
const questionResultSchema2 = z.discriminatedUnion("status", [...questionResultSchema.options, z.object({ questionId: z.string(), status: z.literal("excluded") })]);

const capabilityResultSchema = z.discriminatedUnion("status", [
  z.object({ capabilityId: z.string(), dimensionId: z.string(), status: z.literal("scored"), score: z.number(), naShare: z.number() }),
  z.object({
    capabilityId: z.string(),
    dimensionId: z.string(),
    status: z.literal("insufficient-data"),
    reason: z.enum(["mostly-not-applicable", "unanswered"]),
    naShare: z.number(),
  }),
]);

const dimensionResultSchema = z.discriminatedUnion("status", [
  z.object({ dimensionId: z.string(), status: z.literal("scored"), score: z.number() }),
  z.object({ dimensionId: z.string(), status: z.literal("insufficient-data") }),
]);

/** Format 1: the engine's `AssessmentResult` as written since the first release (no `format` field). */
const resultFormat1 = z.object({
  format: z.literal(1).optional(),
  questionnaire: z.object({ key: z.string(), version: z.string() }),
  mode: z.enum(["draft", "submission"]),
  overall: z.number().nullable(),
  level,
  dimensions: z.array(dimensionResultSchema),
  capabilities: z.array(capabilityResultSchema),
  questions: z.array(questionResultSchema),
});

/**
 * Format 2 (issue 10): the level rule, the plant profile, requirement scores s_1…s_5, the level
 * before vetoes, vetoes, plausibility flags, crosswalk estimates and excluded questions.
 */
const resultFormat2 = resultFormat1.extend({
  format: z.literal(2),
  questions: z.array(questionResultSchema2),
  levelRule: z.enum(LEVEL_RULES),
  profile: plantProfileSchema.nullable(),
  levelScores: z.array(z.number()).length(5).nullable(),
  levelBeforeVetoes: level,
  vetoes: z.array(z.object({ capabilityId: z.string(), capabilityScore: z.number(), maxLevel: z.number(), applied: z.boolean() })),
  plausibility: z.array(z.object({ ruleId: z.string(), questionId: z.string(), kpiId: z.string(), band: z.number(), kpiValue: z.number() })),
  crosswalks: z
    .object({
      cmmm: z.object({ score: z.number(), level }),
      gradient: z.object({
        tiers: z.array(z.object({ id: z.string(), met: z.boolean(), levelMet: z.boolean(), failedItems: z.array(z.string()) })),
        highest: z.string().nullable(),
      }),
      digitalLevel: z.object({ index: z.number(), targets: z.array(z.object({ value: z.number(), met: z.boolean() })) }),
    })
    .nullable(),
});

/**
 * Format 3 (issue 12, ADR 0020): format 2's content with its two long lists written compactly,
 * because a result is stored per submission (a million synthetic ones at national scale) and
 * format 2 spelt out every key of every question. Lossless and readable without the
 * questionnaire: questions stay in their order, grouped into runs that share the id up to its last
 * "." ([prefix, entries]; prefix null for an id without a dot), each entry a tuple —
 * [rest, value, score] answered, [rest, "n", naReason] not applicable, [rest] unanswered,
 * [rest, "x"] excluded; capabilities are [capabilityId, dimensionId, score, naShare] when scored
 * and [capabilityId, dimensionId, reason, naShare] when not.
 */
const compactQuestion = z.union([
  z.tuple([z.string(), z.number(), z.number()]),
  z.tuple([z.string(), z.literal("n"), z.string()]),
  z.tuple([z.string()]),
  z.tuple([z.string(), z.literal("x")]),
]);
const compactCapability = z.union([
  z.tuple([z.string(), z.string(), z.number(), z.number()]),
  z.tuple([z.string(), z.string(), z.enum(["mostly-not-applicable", "unanswered"]), z.number()]),
]);
const resultFormat3 = resultFormat2.extend({
  format: z.literal(3),
  questions: z.array(z.tuple([z.string().nullable(), z.array(compactQuestion)])),
  capabilities: z.array(compactCapability),
});
type CompactQuestion = z.infer<typeof compactQuestion>;
type CompactCapability = z.infer<typeof compactCapability>;

export const CURRENT_RESULT_FORMAT = 3;

/** JSON as the database driver accepts it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * What is written to `Assessment.result`: the engine's result in the current (compact) format.
 * The result holds only strings, numbers and arrays/objects of them, so it is JSON as it stands;
 * the type system cannot see that through the engine's interfaces, hence this one conversion.
 */
export function storeResult(result: AssessmentResult): JsonObject {
  const { questions, capabilities, ...rest } = result;
  const groups: [string | null, CompactQuestion[]][] = [];
  let group: [string | null, CompactQuestion[]] | undefined;
  for (const question of questions) {
    const dot = question.questionId.lastIndexOf(".");
    const prefix = dot < 0 ? null : question.questionId.slice(0, dot);
    const local = dot < 0 ? question.questionId : question.questionId.slice(dot + 1);
    if (!group || group[0] !== prefix) groups.push((group = [prefix, []]));
    group[1].push(
      question.status === "answered"
        ? [local, question.value, question.score]
        : question.status === "not-applicable"
          ? [local, "n", question.naReason]
          : question.status === "unanswered"
            ? [local]
            : [local, "x"],
    );
  }
  const compactCapabilities = capabilities.map(
    (capability): CompactCapability =>
      capability.status === "scored"
        ? [capability.capabilityId, capability.dimensionId, capability.score, capability.naShare]
        : [capability.capabilityId, capability.dimensionId, capability.reason, capability.naShare],
  );
  return { format: CURRENT_RESULT_FORMAT, ...rest, questions: groups, capabilities: compactCapabilities } as unknown as JsonObject;
}

/** A stored result in today's `AssessmentResult` shape, whichever format it was written in. */
export function parseStoredResult(json: unknown): AssessmentResult {
  // Dispatch on the format number (not a union), so a broken row's issues name the field that broke.
  const format = typeof json === "object" && json !== null && "format" in json ? json.format : undefined;
  if (format === 3) return expandFormat3(parseOrThrow(resultFormat3, json, "result"));
  if (format === 2) {
    const { format: _format, ...result } = parseOrThrow(resultFormat2, json, "result");
    // The checks above are exactly AssessmentResult's: this assignment fails to compile if the two drift.
    const typed: AssessmentResult = result;
    return typed;
  }
  return upgradeFormat1(parseOrThrow(resultFormat1, json, "result"));
}

function expandFormat3({ format: _format, questions, capabilities, ...rest }: z.infer<typeof resultFormat3>): AssessmentResult {
  const expanded: AssessmentResult["questions"] = [];
  for (const [prefix, entries] of questions) {
    for (const entry of entries) {
      const questionId = prefix === null ? entry[0] : `${prefix}.${entry[0]}`;
      if (entry.length === 1) expanded.push({ questionId, status: "unanswered" });
      else if (entry.length === 2) expanded.push({ questionId, status: "excluded" });
      else if (typeof entry[1] === "number") expanded.push({ questionId, status: "answered", value: entry[1], score: entry[2] as number });
      else expanded.push({ questionId, status: "not-applicable", naReason: entry[2] as string });
    }
  }
  return {
    ...rest,
    questions: expanded,
    capabilities: capabilities.map(([capabilityId, dimensionId, scoreOrReason, naShare]) =>
      typeof scoreOrReason === "number"
        ? { capabilityId, dimensionId, status: "scored" as const, score: scoreOrReason, naShare }
        : { capabilityId, dimensionId, status: "insufficient-data" as const, reason: scoreOrReason, naShare },
    ),
  };
}

/** Format 1 was always scored by the dimension-floor rule (1.0.0), without profile, vetoes or crosswalks. */
function upgradeFormat1({ format: _format, ...result }: z.infer<typeof resultFormat1>): AssessmentResult {
  return {
    ...result,
    levelRule: "dimension-floor",
    profile: null,
    levelScores: null,
    levelBeforeVetoes: result.level,
    vetoes: [],
    plausibility: [],
    crosswalks: null,
  };
}

export function parseStoredResultOrNull(json: unknown): AssessmentResult | null {
  return json === null || json === undefined ? null : parseStoredResult(json);
}

// --- questionnaire content ----------------------------------------------------------------------

export function parseStoredQuestionnaire(json: unknown): Questionnaire {
  return parseOrThrow(questionnaireSchema, json, "questionnaire");
}

// --- plant profile ----------------------------------------------------------------------------

/** An assessment's plant profile (`Assessment.profile`): null until the factory has stated it. */
export function parseStoredProfile(json: unknown): PlantProfile | null {
  return json === null || json === undefined ? null : parseOrThrow(plantProfileSchema, json, "profile");
}
