import { describe, expect, it } from "vitest";

import {
  CREDIT_CODE_CHARSET,
  CREDIT_CODE_WEIGHTS,
  computeCheckCharacter,
  makeCreditCode,
  normalizeCreditCode,
  validateCreditCode,
} from "./credit-code";

/** Public registrations (Shenzhen 440300, Hangzhou 330100) that must validate. */
const REAL_CODES = ["914403001922038216", "91330100799655058B"] as const;

describe("CREDIT_CODE_CHARSET and weights", () => {
  it("has the 31 characters of GB 32100 without I, O, Z, S, V", () => {
    expect(CREDIT_CODE_CHARSET).toHaveLength(31);
    expect(new Set(CREDIT_CODE_CHARSET).size).toBe(31);
    for (const excluded of "IOZSV") expect(CREDIT_CODE_CHARSET).not.toContain(excluded);
  });

  it("uses the weights listed in the standard", () => {
    expect(CREDIT_CODE_WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
  });
});

describe("computeCheckCharacter", () => {
  it("matches a hand-computed sum", () => {
    // 9·1 + 1·3 + 4·9 + 4·27 + 0·19 + 3·26 + 0·16 + 0·17 + 1·20 + 9·29 + 2·25 + 2·13 + 0·8 + 3·24
    // + 8·10 + 2·30 + 1·28 = 831; 831 mod 31 = 25; r = 31 − 25 = 6 → "6".
    expect(computeCheckCharacter("91440300192203821")).toBe("6");
    // Σ = 1384; 1384 mod 31 = 20; r = 11 → "B" (A is 10).
    expect(computeCheckCharacter("91330100799655058")).toBe("B");
  });

  it("maps r = 31 to 0 and r = 30 to the last character Y", () => {
    expect(computeCheckCharacter("91320500MA1M0000W")).toBe("0");
    expect(computeCheckCharacter("91320500MA1M00007")).toBe("Y");
  });

  it("rejects input that is not 17 canonical characters", () => {
    expect(() => computeCheckCharacter("9144030019220382")).toThrow(RangeError);
    expect(() => computeCheckCharacter("914403001922038216")).toThrow(RangeError);
    expect(() => computeCheckCharacter("9144030019220382I")).toThrow(RangeError);
    expect(() => computeCheckCharacter("9144030019220382a")).toThrow(RangeError);
  });
});

describe("validateCreditCode", () => {
  it.each(REAL_CODES)("accepts the real code %s", (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, code });
  });

  describe.each(REAL_CODES)("every single-character change of %s", (code) => {
    it.each(Array.from({ length: 18 }, (_, index) => index))("at position %i is rejected as a checksum error", (index) => {
      const original = code.charAt(index);
      const mutations = [...CREDIT_CODE_CHARSET]
        .filter((character) => character !== original)
        .map((character) => code.slice(0, index) + character + code.slice(index + 1));
      expect(mutations).toHaveLength(30);
      const reasons = mutations.map((mutation) => {
        const result = validateCreditCode(mutation);
        return result.ok ? `accepted ${mutation}` : result.reason;
      });
      expect(reasons).toEqual(mutations.map(() => "checksum"));
    });
  });

  it.each(REAL_CODES)("rejects every swap of two different adjacent characters among the first 17 of %s", (code) => {
    const swapped: string[] = [];
    for (let index = 0; index < 16; index += 1) {
      const [left, right] = [code.charAt(index), code.charAt(index + 1)];
      if (left !== right) swapped.push(code.slice(0, index) + right + left + code.slice(index + 2));
    }
    expect(swapped.length).toBeGreaterThan(10);
    expect(swapped.filter((candidate) => validateCreditCode(candidate).ok)).toEqual([]);
  });

  it("normalises case, spaces and full-width input before checking", () => {
    expect(validateCreditCode("91330100799655058b")).toEqual({ ok: true, code: "91330100799655058B" });
    expect(validateCreditCode("  9144 0300 1922 0382 16\n")).toEqual({ ok: true, code: "914403001922038216" });
    expect(validateCreditCode("９１３３０１００７９９６５５０５８Ｂ")).toEqual({ ok: true, code: "91330100799655058B" });
  });

  it.each([
    ["", "length"],
    ["91440300192203821", "length"],
    ["9144030019220382160", "length"],
    ["91440300192203821I", "charset"],
    ["9144030019220382O6", "charset"],
    ["91440300-922038216", "charset"],
    ["91440300192203821Z", "charset"],
  ] as const)("rejects %j for %s", (input, reason) => {
    expect(validateCreditCode(input)).toEqual({ ok: false, reason });
  });

  it("rejects a code with a correct check character whose region names no province", () => {
    // 99 and 00 are not GB/T 2260 provinces; letters cannot be a region code at all.
    for (const region of ["990100", "000000", "A40300"]) {
      const code = makeCreditCode(`91${region}192203821`);
      expect(validateCreditCode(code)).toEqual({ ok: false, reason: "region" });
    }
  });

  it("accepts a region outside the city list as long as the province is known", () => {
    // 320582 张家港市 is not in our region subset, but its province 32 江苏 is.
    // From 91320500MA1M0000W (Σ ≡ 0): positions 7–8 become 8, 2 → +8·16 + 2·17 = 162 ≡ 7, r = 24 → "Q".
    expect(validateCreditCode("91320582MA1M0000WQ")).toEqual({ ok: true, code: "91320582MA1M0000WQ" });
  });
});

describe("normalizeCreditCode", () => {
  it("trims, upper-cases and removes inner whitespace including the ideographic space", () => {
    expect(normalizeCreditCode(" 9133 0100\t7996\u300055058b ")).toBe("91330100799655058B");
  });
});

describe("makeCreditCode", () => {
  it("rebuilds the real codes from their first 17 characters", () => {
    for (const code of REAL_CODES) expect(makeCreditCode(code.slice(0, 17))).toBe(code);
  });

  it("normalises its input and produces codes that validate", () => {
    expect(makeCreditCode("91320500ma1m0000w")).toBe("91320500MA1M0000W0");
    expect(validateCreditCode(makeCreditCode("91310115MA1K4ABC1")).ok).toBe(true);
  });

  it("throws for a prefix that cannot be completed", () => {
    expect(() => makeCreditCode("9132050")).toThrow(RangeError);
    expect(() => makeCreditCode("91320500MA1M0000I")).toThrow(RangeError);
  });
});
