/**
 * One sign convention for every difference a factory reads (issue 13, ADR 0022): against the peer
 * median ("领先 0.15" / "落后 0.42") and against an earlier assessment ("提高 0.12" / "下降 0.05").
 *
 * The difference is always own − reference (later − earlier), so "better" is always positive; the
 * page never shows a bare sign: it says the direction in words, gives the amount without a sign,
 * and colours it (green better, red worse). A difference that shows as 0.00 is "same", never a
 * coloured "+0.00".
 */
export type Direction = "better" | "worse" | "same";

export interface Difference {
  direction: Direction;
  /** |own − reference| rounded to `decimals` (what the page shows). */
  amount: number;
}

export function difference(own: number, reference: number, decimals = 2): Difference {
  const scale = 10 ** decimals;
  // Rounded as shown first, so 2.004 vs 2.000 is "same" and the amount matches the two figures on the page.
  const delta = (Math.round(own * scale) - Math.round(reference * scale)) / scale;
  if (delta === 0) return { direction: "same", amount: 0 };
  return { direction: delta > 0 ? "better" : "worse", amount: Math.abs(delta) };
}

/** From a gap stated the other way round (reference − own, as the roadmap's peer gap is computed). */
export function differenceFromGap(gap: number, decimals = 2): Difference {
  return difference(0, gap, decimals);
}
