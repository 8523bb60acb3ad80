import { describe, expect, it } from "vitest";
import { confidenceTier, validatedAnswers, validationReviewSchema } from "./reviews";

describe("validation reviews", () => {
  it("need a value and a comment when the consultant changes an answer", () => {
    expect(validationReviewSchema.safeParse({ decision: "confirmed" }).success).toBe(true);
    expect(validationReviewSchema.safeParse({ decision: "changed", value: 2, comment: "证据不足" }).success).toBe(true);
    const noComment = validationReviewSchema.safeParse({ decision: "changed", value: 2 });
    expect(noComment.success ? [] : noComment.error.issues.map((i) => i.message)).toEqual(["validation.errors.commentRequired"]);
    const noValue = validationReviewSchema.safeParse({ decision: "changed", comment: "x" });
    expect(noValue.success ? [] : noValue.error.issues.map((i) => i.message)).toEqual(["validation.errors.valueRequired"]);
    expect(validationReviewSchema.safeParse({ decision: "confirmed", value: 3 }).success).toBe(false);
  });

  it("replace only changed values, and drop the counts of a changed KPI", () => {
    const answers = {
      a: { value: 4, note: "自评", evidence: ["https://example.com/a.pdf"] },
      b: { value: 50, numerator: 5, denominator: 10 },
      c: { value: 2 },
    };
    const validated = validatedAnswers(answers, {
      a: { decision: "changed", value: 2, comment: "只有一条产线" },
      b: { decision: "changed", value: 30, comment: "口径不同" },
      c: { decision: "confirmed" },
    });
    expect(validated).toEqual({ a: { value: 2, note: "自评", evidence: ["https://example.com/a.pdf"] }, b: { value: 30 }, c: { value: 2 } });
    expect(answers.a.value).toBe(4);
  });

  it("rank confidence: validated (issued review) over evidenced over claimed", () => {
    expect(confidenceTier({ value: 3 }, undefined, false)).toBe("claimed");
    expect(confidenceTier({ value: 3, evidence: ["https://example.com/x"] }, undefined, true)).toBe("evidenced");
    expect(confidenceTier({ value: 3 }, { decision: "confirmed" }, false)).toBe("claimed");
    expect(confidenceTier({ value: 3 }, { decision: "confirmed" }, true)).toBe("validated");
  });
});

describe("validatedAnswers on an N/A answer", () => {
  it("drops N/A and its reason when the consultant sets a value", () => {
    const answers = validatedAnswers({ q: { na: true, naReason: "没有仓库", note: "说明" } }, { q: { decision: "changed", value: 2, comment: "有仓库" } });
    expect(answers.q).toEqual({ value: 2, note: "说明" });
  });
});
