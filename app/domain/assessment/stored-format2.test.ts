/** Stored results in format 2 (issue 10): the requirements rule's fields, and the upgrade of format-1 rows. */
import { describe, expect, it } from "vitest";
import { compileModel, scoreAssessment } from "~/domain/scoring";
import { answersFrom, discretePlant, exampleValues, mini, plant } from "~/domain/scoring/test-fixtures";
import { parseStoredResult, storeResult, StoredDataError } from "./stored";

const result = scoreAssessment(compileModel(mini), answersFrom(exampleValues), { mode: "submission" });
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
