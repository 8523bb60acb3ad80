import { describe, expect, it } from "vitest";
import { isStorableText } from "./text";

describe("isStorableText", () => {
  it("accepts ordinary text, CJK and complete emoji", () => {
    for (const text of ["", "plain", "智能工厂 2026", "🏭 ok", "tab\tand\nnewline"]) expect(isStorableText(text), text).toBe(true);
  });

  it("refuses NUL and lone surrogates anywhere", () => {
    for (const text of ["\u0000", "a\u0000b", "\uD83C", "x\uDFED", "\uDFED\uD83C", "🏭\uD800"]) expect(isStorableText(text), JSON.stringify(text)).toBe(false);
  });
});
