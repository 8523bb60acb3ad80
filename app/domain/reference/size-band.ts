/**
 * Enterprise size band for industrial enterprises under the National Bureau of Statistics'
 * 《统计上大中小微型企业划分办法(2017)》, from 从业人员 (employees, persons) and
 * 营业收入 (operating revenue, in 万元 = 10,000 CNY).
 */

export const SIZE_BANDS = ["LARGE", "MEDIUM", "SMALL", "MICRO"] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];

export interface SizeIndicators {
  /** 从业人员, persons. */
  employees: number;
  /** 营业收入 in 万元 (10,000 CNY). */
  revenueWan: number;
}

/** Lower bounds of each band; MICRO is whatever falls below SMALL. */
export const INDUSTRIAL_SIZE_LOWER_BOUNDS = Object.freeze({
  LARGE: Object.freeze({ employees: 1000, revenueWan: 40000 }),
  MEDIUM: Object.freeze({ employees: 300, revenueWan: 2000 }),
  SMALL: Object.freeze({ employees: 20, revenueWan: 300 }),
});

const BANDS_WITH_LOWER_BOUNDS = ["LARGE", "MEDIUM", "SMALL"] as const;

function assertIndicator(name: keyof SizeIndicators, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative finite number, got ${value}`);
  }
}

/**
 * Large, medium and small require BOTH lower bounds, otherwise the enterprise drops a band; so the
 * band is the highest one whose two bounds are met. Micro needs only one of "X < 20" or
 * "Y < 300", which is exactly "failed SMALL", so it is the fall-through.
 */
export function deriveSizeBand({ employees, revenueWan }: SizeIndicators): SizeBand {
  assertIndicator("employees", employees);
  assertIndicator("revenueWan", revenueWan);
  for (const band of BANDS_WITH_LOWER_BOUNDS) {
    const bounds = INDUSTRIAL_SIZE_LOWER_BOUNDS[band];
    if (employees >= bounds.employees && revenueWan >= bounds.revenueWan) return band;
  }
  return "MICRO";
}
