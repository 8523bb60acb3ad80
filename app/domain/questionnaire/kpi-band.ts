import type { KpiQuestion } from "./schema";

/**
 * Band 0…5 of a KPI value: the number of thresholds it reaches (value ≥ thresholds[k-1] reaches
 * band k; below thresholds[0] is band 0). Values outside [min, max] are not clamped here —
 * validating the range is the caller's job — but they band sensibly (below min → 0, above max → 5).
 * Throws a RangeError for NaN or ±Infinity, which have no band.
 */
export function kpiBand(question: Pick<KpiQuestion, "thresholds">, value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`a KPI value must be a finite number (got ${value})`);
  let band = 0;
  while (band < question.thresholds.length && value >= question.thresholds[band]!) band++;
  return band;
}
