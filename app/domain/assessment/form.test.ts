import { describe, expect, it } from "vitest";
import { questionnaireView } from "~/domain/questionnaire/view";
import { mini } from "~/domain/scoring/test-fixtures";
import { formAnswersFromFormData, formChanges, fromFormAnswer, toFormAnswer, type FormAnswer } from "./form";
import { dimensionQuestions } from "./progress";

const questions = dimensionQuestions(questionnaireView(mini, "en").dimensions.find((d) => d.id === "operations")!);
const [aps, mes, oee] = [questions[0]!, questions[1]!, questions[2]!];
const blank = (questionId: string): FormAnswer => toFormAnswer(questionId, undefined);

describe("form answers ↔ stored answers", () => {
  it("round-trips a stored answer through the form", () => {
    const stored = { value: 71.5, note: "line 2 only", evidence: ["https://example.com/oee", "https://example.com/mes"] };
    expect(toFormAnswer(oee.id, stored)).toEqual({ questionId: oee.id, value: "71.5", na: false, naReason: "", numerator: "", denominator: "", note: "line 2 only", evidence: "https://example.com/oee\nhttps://example.com/mes" });
    expect(fromFormAnswer(oee, toFormAnswer(oee.id, stored))).toEqual({ ok: true, answer: stored });
  });

  it("turns an empty form answer into no answer", () => {
    expect(fromFormAnswer(aps, blank(aps.id))).toEqual({ ok: true, answer: null });
  });

  it("names the field and the message key of an invalid answer", () => {
    expect(fromFormAnswer(aps, { ...blank(aps.id), value: "6" })).toEqual({ ok: false, field: "value", message: "errors.numberRequired" });
    expect(fromFormAnswer(oee, { ...blank(oee.id), value: "101" })).toEqual({ ok: false, field: "value", message: "assessment.errors.outOfRange" });
    expect(fromFormAnswer(aps, { ...blank(aps.id), na: true, naReason: "x" })).toEqual({ ok: false, field: "na", message: "assessment.errors.valueAndNa" });
  });
});

describe("formChanges (the no-JavaScript save)", () => {
  const post = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    return formAnswersFromFormData(data, questions.map((q) => q.id));
  };

  it("converts every question of the page, empty ones to null (removed)", () => {
    const result = formChanges(questions, post({ "answers.0.value": "2", "answers.2.value": "65", "answers.5.na": "on", "answers.5.naReason": "no warehouse" }));
    expect(result).toEqual({
      ok: true,
      changes: {
        [aps.id]: { value: 2 },
        [mes.id]: null,
        [oee.id]: { value: 65 },
        "operations.quality.spc": null,
        "operations.quality.first-pass-yield": null,
        "operations.warehouse.wms": { na: true, naReason: "no warehouse" },
        "operations.warehouse.agv": null,
      },
    });
  });

  it("fails the whole form with one error per invalid question, named by field and carrying its number", () => {
    const result = formChanges(questions, post({ "answers.0.value": "2", "answers.1.value": "seven", "answers.2.value": "250", "answers.6.na": "true" }));
    expect(result).toEqual({
      ok: false,
      errors: [
        { name: "answers.1.value", message: "errors.numberRequired", questionNumber: mes.number },
        { name: "answers.2.value", message: "assessment.errors.outOfRange", questionNumber: oee.number },
        { name: "answers.6.naReason", message: "assessment.errors.naReasonRequired", questionNumber: questions[6]!.number },
      ],
    });
  });
});

describe("KPI asked as numerator and denominator", () => {
  const basis = { ...oee, basis: { numerator: "networked machines", denominator: "all machines" } };

  it("stores the counts and the percentage they give, and reads them back", () => {
    const converted = fromFormAnswer(basis, { ...blank(basis.id), numerator: "45", denominator: "60" });
    expect(converted).toEqual({ ok: true, answer: { value: 75, numerator: 45, denominator: 60 } });
    expect(toFormAnswer(basis.id, { value: 75, numerator: 45, denominator: 60 })).toMatchObject({ numerator: "45", denominator: "60" });
  });

  it("keeps a plain percentage without counts (carried forward from 1.0.0)", () => {
    expect(fromFormAnswer(basis, { ...blank(basis.id), value: "40" })).toEqual({ ok: true, answer: { value: 40 } });
  });

  it("names the field that is wrong", () => {
    expect(fromFormAnswer(basis, { ...blank(basis.id), numerator: "45" })).toEqual({ ok: false, field: "denominator", message: "assessment.errors.basisIncomplete" });
    expect(fromFormAnswer(basis, { ...blank(basis.id), denominator: "60" })).toEqual({ ok: false, field: "numerator", message: "assessment.errors.basisIncomplete" });
    expect(fromFormAnswer(basis, { ...blank(basis.id), numerator: "1", denominator: "0" })).toEqual({ ok: false, field: "denominator", message: "assessment.errors.denominatorZero" });
    expect(fromFormAnswer(basis, { ...blank(basis.id), numerator: "-1", denominator: "3" })).toEqual({ ok: false, field: "numerator", message: "assessment.errors.basisNegative" });
    expect(fromFormAnswer(basis, { ...blank(basis.id), numerator: "70", denominator: "60" })).toEqual({ ok: false, field: "numerator", message: "assessment.errors.outOfRange" });
    expect(fromFormAnswer(basis, { ...blank(basis.id), numerator: "x", denominator: "60" })).toEqual({ ok: false, field: "numerator", message: "errors.numberRequired" });
  });
});
