import { describe, expect, it } from "vitest";
import { threadPageAssessment } from "./thread";

const A = "0b9e3c1e-0000-4000-8000-000000000001";
const B = "7d3f0c52-8a8e-4c1f-9a55-3f2d7c1e9b10";

describe("threadPageAssessment", () => {
  it("names the assessment of the pages that open its threads, documents and data requests alike", () => {
    expect(threadPageAssessment(`/o/${A}/assessments/${B}/validation`)).toBe(B);
    expect(threadPageAssessment(`/o/${A}/assessments/${B}/validation.data`)).toBe(B);
    expect(threadPageAssessment(`/o/${A}/clients/${A}/assessments/${B}`)).toBe(B);
    expect(threadPageAssessment(`/o/${A}/clients/${A}/assessments/${B}/validate`)).toBe(B);
  });

  it("is null everywhere else", () => {
    expect(threadPageAssessment(`/o/${A}/assessments/${B}/results`)).toBeNull();
    expect(threadPageAssessment(`/o/${A}/clients/${A}/assessments/${B}/diagnostic`)).toBeNull();
    expect(threadPageAssessment(`/o/${A}/clients`)).toBeNull();
    expect(threadPageAssessment("/")).toBeNull();
  });
});
