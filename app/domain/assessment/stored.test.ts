import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadQuestionnaire } from "~/domain/questionnaire/load";
import { REAL_FILE, realText } from "~/domain/questionnaire/test-support";
import { compileModel, scoreAssessment } from "~/domain/scoring";
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
    expect(stored).toMatchObject({ format: 2 });
    expect(parseStoredResult(stored)).toEqual(requirements);
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
    const { crosswalks: _c, ...broken } = roundTrip(storeResult(requirements)) as Record<string, unknown>;
    expect(storedError(() => parseStoredResult(broken)).issues.some((issue) => issue.startsWith("crosswalks:"))).toBe(true);
  });
});
