import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadQuestionnaire } from "~/domain/questionnaire/load";
import { QUESTIONNAIRES } from "~/domain/questionnaire/test-support";
import { capability, dimension, kpiQuestion, levelQuestion, questionnaire } from "~/domain/scoring/test-fixtures";
import { storedAnswerSchema, type StoredAnswers } from "./answers";
import { carryForwardAnswers } from "./carry-forward";

const target = {
  ...questionnaire(
    [
      dimension("a", 1, [
        capability("a.one", 1, [levelQuestion("a.one.kept"), levelQuestion("a.one.renamed"), levelQuestion("a.one.new")]),
        capability("a.two", 1, [kpiQuestion("a.two.rate", { min: 0, max: 100, thresholds: [10, 20, 30, 40, 50] }), levelQuestion("a.two.from-kpi")]),
      ]),
    ],
    "mini",
    "2.0.0",
  ),
  carryForward: [{ from: "1.0.0", answers: { "a.one.kept": "a.one.kept", "a.one.renamed": "old.renamed", "a.two.rate": "a.two.rate", "a.two.from-kpi": "old.kpi" } }],
};

describe("carryForwardAnswers", () => {
  it("maps answers through the target's declared mapping and copies value, note, evidence and counts", () => {
    const answers: StoredAnswers = {
      "a.one.kept": { value: 3, note: "MES 已上线", evidence: ["https://example.com/mes"] },
      "old.renamed": { value: 2 },
      "a.two.rate": { value: 40, numerator: 40, denominator: 100 },
      "old.unmapped": { value: 5 },
    };
    expect(carryForwardAnswers(target, "1.0.0", answers)).toEqual({
      "a.one.kept": { value: 3, note: "MES 已上线", evidence: ["https://example.com/mes"] },
      "a.one.renamed": { value: 2 },
      "a.two.rate": { value: 40, numerator: 40, denominator: 100 },
    });
  });

  it("drops N/A answers and values outside the target's range, keeping notes", () => {
    const answers: StoredAnswers = {
      "a.one.kept": { na: true, naReason: "无仓库", note: "n/a note" },
      "old.kpi": { value: 80, note: "原为 KPI" },
      "a.two.rate": { value: 100.5 },
    };
    expect(carryForwardAnswers(target, "1.0.0", answers)).toEqual({ "a.two.from-kpi": { note: "原为 KPI" } });
  });

  it("carries nothing from a version without a mapping, everything from the same version", () => {
    const answers: StoredAnswers = { "a.one.kept": { value: 1 }, "a.one.new": { value: 4 } };
    expect(carryForwardAnswers(target, "0.9.0", answers)).toEqual({});
    expect(carryForwardAnswers(target, "2.0.0", answers)).toEqual(answers);
  });

  it("never reads inherited keys of the answers object", () => {
    const mapped = { ...target, carryForward: [{ from: "1.0.0", answers: { "a.one.kept": "constructor" } }] };
    expect(carryForwardAnswers(mapped, "1.0.0", {})).toEqual({});
  });

  it("gives stored answers that pass the stored-answer schema, for the real 2.0.0 mapping from 1.0.0", () => {
    const file = (version: string) => path.join(QUESTIONNAIRES, "future-factory", `${version}.yaml`);
    const v1 = loadQuestionnaire(fs.readFileSync(file("1.0.0"), "utf8"), file("1.0.0"));
    const v2 = loadQuestionnaire(fs.readFileSync(file("2.0.0"), "utf8"), file("2.0.0"));
    // Every 1.0.0 question answered at band/value 3 (N/A where allowed, for one in three).
    const answers: StoredAnswers = {};
    v1.dimensions.forEach((d) =>
      d.capabilities.forEach((c) =>
        c.questions.forEach((q, i) => {
          answers[q.id] = q.allowNa && i % 3 === 0 ? { na: true, naReason: "不涉及" } : { value: q.type === "level" ? 3 : q.min };
        }),
      ),
    );
    const carried = carryForwardAnswers(v2, "1.0.0", answers);
    expect(Object.keys(carried).length).toBeGreaterThan(0);
    for (const answer of Object.values(carried)) {
      expect(storedAnswerSchema.safeParse(answer).success).toBe(true);
      expect(answer.na).toBeUndefined();
    }
  });
});
