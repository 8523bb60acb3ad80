/**
 * 统一社会信用代码, the 18-character unified social credit code of GB 32100-2015.
 * Layout: 1 registering department · 2 organisation type · 3–8 registering authority's region
 * (GB/T 2260) · 9–17 organisation code · 18 check character.
 */
import { provinceOf } from "./regions";

/** The 31 characters allowed; I, O, Z, S and V are left out so they cannot be misread. */
export const CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
export const CREDIT_CODE_LENGTH = 18;

const MODULUS = CREDIT_CODE_CHARSET.length; // 31

/** w_i = 3^(i−1) mod 31 for positions 1–17. */
export const CREDIT_CODE_WEIGHTS: readonly number[] = Object.freeze(
  Array.from({ length: CREDIT_CODE_LENGTH - 1 }, (_, index) => {
    let weight = 1;
    for (let step = 0; step < index; step += 1) weight = (weight * 3) % MODULUS;
    return weight;
  }),
);

export type CreditCodeError = "length" | "charset" | "checksum" | "region";
export type CreditCodeResult = { ok: true; code: string } | { ok: false; reason: CreditCodeError };

const VALID_CHARACTERS = new RegExp(`^[${CREDIT_CODE_CHARSET}]*$`);

/**
 * Canonical form for storage and comparison. NFKC first because Chinese input methods often
 * produce full-width letters and digits (９１４４…) that look identical to the ASCII ones.
 */
export function normalizeCreditCode(input: string): string {
  return input.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

/** The 18th character for 17 characters already in canonical form. */
export function computeCheckCharacter(first17: string): string {
  if (first17.length !== CREDIT_CODE_LENGTH - 1) {
    throw new RangeError(`A credit code check needs 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let position = 0; position < first17.length; position += 1) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17.charAt(position));
    if (value < 0) throw new RangeError(`"${first17.charAt(position)}" is not allowed in a credit code`);
    sum += value * (CREDIT_CODE_WEIGHTS[position] ?? 0);
  }
  // r = 31 − (Σ mod 31), and r = 31 wraps to 0, which is the same as (31 − Σ mod 31) mod 31.
  return CREDIT_CODE_CHARSET.charAt((MODULUS - (sum % MODULUS)) % MODULUS);
}

/**
 * Checks in the order a user would fix them. A wrong checksum is reported before the region:
 * the check character catches every single mistyped character, so a code that passes it but
 * names no province is not a typo but a code we do not accept.
 */
export function validateCreditCode(input: string): CreditCodeResult {
  const code = normalizeCreditCode(input);
  if (code.length !== CREDIT_CODE_LENGTH) return { ok: false, reason: "length" };
  if (!VALID_CHARACTERS.test(code)) return { ok: false, reason: "charset" };
  if (computeCheckCharacter(code.slice(0, -1)) !== code.slice(-1)) return { ok: false, reason: "checksum" };
  const regionCode = code.slice(2, 8);
  if (provinceOf(regionCode) === undefined) return { ok: false, reason: "region" };
  return { ok: true, code };
}

/**
 * Appends the check character: valid codes for tests and demo data. The region is not checked,
 * so tests can also build codes that fail only on it.
 */
export function makeCreditCode(prefix17: string): string {
  const prefix = normalizeCreditCode(prefix17);
  return prefix + computeCheckCharacter(prefix);
}
