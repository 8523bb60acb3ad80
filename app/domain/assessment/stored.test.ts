import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadQuestionnaire } from "~/domain/questionnaire/load";
import { REAL_FILE, realText } from "~/domain/questionnaire/test-support";
import { compileModel, scoreAssessment } from "~/domain/scoring";
import { assessmentArb } from "~/domain/scoring/test-arbitraries";
import { answersFrom, exampleValues, mini } from "~/domain/scoring/test-fixtures";
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
