import { describe, expect, it } from "vitest";
import * as scoring from "./index";

describe("public API", () => {
  it("exports the engine from one module", () => {
    for (const name of ["compileModel", "scoreAssessment", "explainLevel", "prioritise", "maturityLevel", "answersWithChanges", "displayScore"]) {
      expect(typeof scoring[name as keyof typeof scoring], name).toBe("function");
    }
    expect(new scoring.MissingAnswersError(["a"])).toBeInstanceOf(scoring.ScoringError);
    expect(scoring.LEVEL_REQUIREMENTS).toHaveLength(5);
  });
});
