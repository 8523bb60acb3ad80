import { describe, expect, it } from "vitest";
import { isValidationIntent, validationSchemas } from "./validation";

const base = { intent: "review", version: "1", revision: "0", questionId: "device.connectivity.rate" };

describe("the review form", () => {
  it("turns a changed answer into a review with a number, and ignores a band left selected on a confirmed one", () => {
    expect(validationSchemas.review.parse({ ...base, decision: "changed", value: "2,5", comment: " 只有纸质记录 ", evidenceChecked: "on" })).toEqual({
      intent: "review",
      version: 1,
      revision: 0,
      questionId: "device.connectivity.rate",
      review: { decision: "changed", value: 2.5, comment: "只有纸质记录", evidenceChecked: true },
    });
    expect(validationSchemas.review.parse({ ...base, decision: "confirmed", value: "4", comment: "" }).review).toEqual({ decision: "confirmed", evidenceChecked: false });
  });

  it("names the field and the reason when a change has no value or no comment, or the value is not a number", () => {
    const messages = (input: Record<string, string>) => {
      const parsed = validationSchemas.review.safeParse(input);
      return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    };
    expect(messages({ ...base, decision: "changed", value: "", comment: "理由" })).toEqual(["value: validation.errors.valueRequired"]);
    expect(messages({ ...base, decision: "changed", value: "2", comment: "   " })).toEqual(["comment: validation.errors.commentRequired"]);
    expect(messages({ ...base, decision: "changed", value: "abc", comment: "理由" })).toEqual(["value: validation.errors.invalidValue"]);
    expect(messages({ ...base, questionId: "__proto__", decision: "confirmed" })).toEqual(["questionId: validation.errors.invalidValue"]);
  });

  it("issues only with the confirmation, and knows its intents", () => {
    expect(validationSchemas.issue.safeParse({ intent: "issue", version: "1", revision: "3" }).success).toBe(false);
    expect(validationSchemas.issue.parse({ intent: "issue", version: "1", revision: "3", confirm: "yes" })).toMatchObject({ version: 1, revision: 3 });
    expect(isValidationIntent("review")).toBe(true);
    expect(isValidationIntent("toString")).toBe(false);
  });
});
