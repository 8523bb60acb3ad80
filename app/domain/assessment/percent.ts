/**
 * A KPI asked as numerator and denominator (questionnaire `basis`) is stored as both counts and
 * the percentage they give, rounded to 2 decimals. One function, so the form's preview, the
 * stored value and the stored-answer check can never disagree. A module of its own without zod,
 * so the questionnaire page's preview does not load the schema (ADR 0026).
 */
export function percentOf(numerator: number, denominator: number): number {
  return Math.round((numerator / denominator) * 100 * 100) / 100;
}
