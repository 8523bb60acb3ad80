import { describe, expect, it } from "vitest";
import { answerPatchSchema, isNoOpPatch, percentOf, storedAnswerSchema } from "./answers";

const messages = (value: unknown) => {
  const parsed = storedAnswerSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe("KPI numerator and denominator", () => {
  it("computes the percentage rounded to 2 decimals", () => {
    expect(percentOf(1, 3)).toBe(33.33);
    expect(percentOf(2, 3)).toBe(66.67);
    expect(percentOf(45, 60)).toBe(75);
    expect(percentOf(0, 7)).toBe(0);
  });

  it("accepts both counts with the value they give", () => {
    expect(messages({ value: 33.33, numerator: 1, denominator: 3 })).toEqual([]);
  });

  it("refuses one count without the other", () => {
    expect(messages({ value: 50, numerator: 5 })).toEqual(["assessment.errors.basisIncomplete"]);
    expect(messages({ value: 50, denominator: 10 })).toEqual(["assessment.errors.basisIncomplete"]);
  });

  it("refuses a value that does not match the counts, or counts without a value", () => {
    expect(messages({ value: 34, numerator: 1, denominator: 3 })).toEqual(["assessment.errors.basisMismatch"]);
    expect(messages({ numerator: 1, denominator: 3 })).toEqual(["assessment.errors.basisMismatch"]);
  });

  it("refuses a negative numerator and a zero denominator", () => {
    expect(messages({ value: 0, numerator: -1, denominator: 3 })).toContain("assessment.errors.basisNegative");
    expect(messages({ value: 0, numerator: 1, denominator: 0 })).toContain("assessment.errors.denominatorZero");
  });

  it("goes through the autosave patch schema, and a change of counts is not a no-op", () => {
    expect(answerPatchSchema.safeParse({ revision: 0, changes: { "a.b": { value: 20, numerator: 1, denominator: 5 } } }).success).toBe(true);
    expect(answerPatchSchema.safeParse({ revision: 0, changes: { "a.b": { value: 25, numerator: 1, denominator: 5 } } }).success).toBe(false);
    const stored = { "a.b": { value: 20, numerator: 1, denominator: 5 } };
    expect(isNoOpPatch(stored, { "a.b": { value: 20, numerator: 1, denominator: 5 } })).toBe(true);
    expect(isNoOpPatch(stored, { "a.b": { value: 20, numerator: 2, denominator: 10 } })).toBe(false);
  });
});
