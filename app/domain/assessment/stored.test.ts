import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answersForLevel } from "~/domain/benchmark/population";
import { createRandom, hashSeed } from "~/domain/benchmark/random";
import { loadQuestionnaire } from "~/domain/questionnaire/load";
import { REAL_FILE, realText } from "~/domain/questionnaire/test-support";
import { compileModel, scoreAssessment } from "~/domain/scoring";
import type { AssessmentResult } from "~/domain/scoring/score";
import { assessmentArb } from "~/domain/scoring/test-arbitraries";
import { answersFrom, discretePlant, exampleValues, mini, plant } from "~/domain/scoring/test-fixtures";
import { CURRENT_RESULT_FORMAT, parseStoredAnswers, parseStoredProfile, parseStoredQuestionnaire, parseStoredResult, parseStoredResultOrNull, storeResult, StoredDataError } from "./stored";

const model = compileModel(mini);
const result = scoreAssessment(model, answersFrom(exampleValues), { mode: "submission" });
/** What the database hands back: the JSON text of what was written, parsed again. */
const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function storedError(run: () => unknown): StoredDataError {
  try {
    run();
  } catch (error) {
    if (error instanceof StoredDataError) return error;
    throw error;
  }
  throw new Error("expected a StoredDataError");
}

describe("stored results", () => {
  it("writes the current format and reads back exactly the engine's result", () => {
    const stored = roundTrip(storeResult(result));
    expect(stored).toMatchObject({ format: CURRENT_RESULT_FORMAT });
    expect(parseStoredResult(stored)).toEqual(result);
  });

  it("reads rows written before results had a format number as format 1", () => {
    expect(parseStoredResult(roundTrip(result))).toEqual(result);
  });

  it("round-trips any result the engine produces", () => {
    fc.assert(
      fc.property(assessmentArb("draft"), ({ questionnaire, answers }) => {
        const any = scoreAssessment(compileModel(questionnaire), answers, { mode: "draft" });
        // JSON has no -0: compare with what the database can hold.
        expect(parseStoredResult(roundTrip(storeResult(any)))).toEqual(roundTrip(any));
      }),
      { numRuns: 25 },
    );
  });

  it("refuses a result of another shape and names where it differs", () => {
    const broken = roundTrip(result) as { level: unknown; capabilities: { status: unknown }[] };
    broken.level = 7;
    broken.capabilities[0]!.status = "guessed";
    const error = storedError(() => parseStoredResult(broken));
    expect(error.kind).toBe("result");
    expect(error.issues.some((issue) => issue.startsWith("level:"))).toBe(true);
    expect(error.issues.some((issue) => issue.startsWith("capabilities.0.status:"))).toBe(true);
    expect(storedError(() => parseStoredResult({ ...(roundTrip(result) as object), format: 99 })).kind).toBe("result");
  });

  it("maps a missing result to null", () => {
    expect(parseStoredResultOrNull(null)).toBeNull();
    expect(parseStoredResultOrNull(roundTrip(result))).toEqual(result);
  });
});

describe("stored answers and questionnaires", () => {
  it("reads answers as written by autosave", () => {
    const answers = { "q.a": { value: 3, note: "见附件" }, "q.b": { na: true as const, naReason: "无此工序" } };
    expect(parseStoredAnswers(roundTrip(answers))).toEqual(answers);
    expect(parseStoredAnswers({})).toEqual({});
  });

  it("refuses answers that are not an answer map", () => {
    expect(storedError(() => parseStoredAnswers([1, 2])).kind).toBe("answers");
    expect(storedError(() => parseStoredAnswers({ "q.a": { value: "3" } })).issues[0]).toMatch(/^q\.a\.value:/);
    expect(storedError(() => parseStoredAnswers({ "q.a": { value: 3, extra: true } })).kind).toBe("answers");
  });

  it("reads a stored questionnaire and refuses a damaged one", () => {
    const real = loadQuestionnaire(realText, REAL_FILE);
    expect(parseStoredQuestionnaire(roundTrip(real))).toEqual(real);
    expect(storedError(() => parseStoredQuestionnaire({ ...real, dimensions: "none" })).kind).toBe("questionnaire");
  });
});

describe("stored plant profiles", () => {
  it("reads null as 'not stated yet' and a valid profile as it is", () => {
    expect(parseStoredProfile(null)).toBeNull();
    const profile = { productionType: "process", markets: ["b2b"], productVariety: "low", sites: "single" };
    expect(parseStoredProfile(roundTrip(profile))).toEqual(profile);
  });

  it("refuses a profile that does not match the schema", () => {
    expect(storedError(() => parseStoredProfile({ productionType: "batch", markets: [], productVariety: "low", sites: "single" })).kind).toBe("profile");
  });
});

describe("stored results, format 2 (issue 10)", () => {
  const plantModel = compileModel(plant);
  const answers = [
    { questionId: "d.sec.q", value: 0 },
    { questionId: "d.run.a", value: 3 },
    { questionId: "d.run.kpi", value: 20 },
    { questionId: "d.proc.cnc", value: 5 },
    { questionId: "d.proc.all", value: 5 },
  ];
  const requirements = scoreAssessment(plantModel, answers, { mode: "submission", profile: discretePlant });

  it("round-trips a requirements result with its profile, level scores, vetoes, plausibility flags, crosswalks and excluded questions", () => {
    expect(requirements.vetoes.some((veto) => veto.applied)).toBe(true);
    expect(requirements.plausibility).toHaveLength(1);
    expect(requirements.questions.some((question) => question.status === "excluded")).toBe(true);
    const stored = roundTrip(storeResult(requirements));
    expect(stored).toMatchObject({ format: 3 });
    expect(parseStoredResult(stored)).toEqual(requirements);
    // Rows written in format 2 (before ADR 0020) read back exactly as well.
    expect(parseStoredResult(roundTrip({ format: 2, ...requirements }))).toEqual(requirements);
  });

  it("upgrades a format-1 row to the dimension-floor rule without profile, vetoes or crosswalks", () => {
    const { levelRule: _r, profile: _p, levelScores: _s, levelBeforeVetoes: _b, vetoes: _v, plausibility: _f, crosswalks: _c, ...format1 } = result;
    expect(parseStoredResult(roundTrip({ format: 1, ...format1 }))).toEqual({
      ...format1,
      levelRule: "dimension-floor",
      profile: null,
      levelScores: null,
      levelBeforeVetoes: result.level,
      vetoes: [],
      plausibility: [],
      crosswalks: null,
    });
  });

  it("refuses a format-2 row that lacks a format-2 field, naming it", () => {
    const { crosswalks: _c, ...broken } = roundTrip({ format: 2, ...requirements }) as Record<string, unknown>;
    expect(storedError(() => parseStoredResult(broken)).issues.some((issue) => issue.startsWith("crosswalks:"))).toBe(true);
  });
});

describe("stored results, format 3 (compact, ADR 0020)", () => {
  const every: AssessmentResult = {
    ...result,
    questions: [
      { questionId: "a.b.answered", status: "answered", value: 76.5, score: 3 },
      { questionId: "a.b.na", status: "not-applicable", naReason: "无此工序" },
      { questionId: "nodot", status: "unanswered" },
      { questionId: "a.b.excluded", status: "excluded" },
      { questionId: "a.c.x", status: "answered", value: 0.1 + 0.2, score: 2.7142857142857144 },
      { questionId: ".leading-dot", status: "unanswered" },
      { questionId: "trailing.", status: "answered", value: -1, score: 0 },
    ],
    capabilities: [
      { capabilityId: "a.b", dimensionId: "a", status: "scored", score: 1 / 3, naShare: 0.25 },
      { capabilityId: "a.c", dimensionId: "a", status: "insufficient-data", reason: "mostly-not-applicable", naShare: 0.75 },
      { capabilityId: "a.d", dimensionId: "a", status: "insufficient-data", reason: "unanswered", naShare: 0 },
    ],
  };

  it("reads back every question and capability status exactly, in order, whatever the ids look like", () => {
    const stored = roundTrip(storeResult(every)) as { format: number; questions: unknown[] };
    expect(stored.format).toBe(3);
    expect(stored.questions[0]).toEqual(["a.b", [["answered", 76.5, 3], ["na", "n", "无此工序"]]]);
    expect(parseStoredResult(stored)).toEqual(every);
  });

  it("is at most 60 % of format 2's JSON for a result on the real questionnaire", () => {
    const real = compileModel(loadQuestionnaire(realText, REAL_FILE));
    // Answers as the synthetic population draws them (without its calibration, which takes seconds).
    const { answers } = answersForLevel(real, createRandom(hashSeed("stored-format-3")), discretePlant, 2);
    const answered = scoreAssessment(real, answers, { mode: "submission", profile: real.usesPlantProfile ? discretePlant : null });
    expect(answered.questions.filter((question) => question.status === "answered").length).toBeGreaterThan(30);
    const compact = JSON.stringify(storeResult(answered)).length;
    const format2 = JSON.stringify({ format: 2, ...answered }).length;
    expect(compact).toBeLessThan(format2 * 0.6);
    expect(parseStoredResult(roundTrip(storeResult(answered)))).toEqual(roundTrip(answered));
  });

  it("refuses a compact row of another shape, naming where it differs", () => {
    const broken = roundTrip(storeResult(every)) as { questions: [string, unknown[]][]; capabilities: unknown[][] };
    broken.questions[0]![1][0] = ["answered", "3", 3];
    broken.capabilities[1]![2] = "guessed";
    const error = storedError(() => parseStoredResult(broken));
    expect(error.kind).toBe("result");
    expect(error.issues.some((issue) => issue.startsWith("questions.0.1.0:"))).toBe(true);
    expect(error.issues.some((issue) => issue.startsWith("capabilities.1:"))).toBe(true);
  });
});
