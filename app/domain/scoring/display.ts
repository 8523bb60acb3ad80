/**
 * The score's display form, in a module of its own: pages import it from here so their browser
 * bundle does not take in the scoring engine and the questionnaire's zod schemas with it (ADR 0026).
 */
import { SCORE_TOLERANCE } from "./level";

/**
 * Display form: one decimal, cut DOWN (with float slack) so the screen never shows "3.0" next to
 * a level that needed 3 and was missed by 2.96.
 */
export function displayScore(score: number, decimals = 1): string {
  const factor = 10 ** decimals;
  return (Math.floor(score * factor + SCORE_TOLERANCE) / factor).toFixed(decimals);
}
