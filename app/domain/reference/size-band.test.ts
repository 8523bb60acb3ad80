import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { SIZE_BANDS, type SizeBand, deriveSizeBand } from "./size-band";

describe("deriveSizeBand", () => {
  it("follows the worked examples of the 2017 rule", () => {
    // Enough staff for large but revenue below 40000 → drops to medium.
    expect(deriveSizeBand({ employees: 1200, revenueWan: 30000 })).toBe("MEDIUM");
    // Fewer than 20 staff is enough for micro, whatever the revenue.
    expect(deriveSizeBand({ employees: 15, revenueWan: 5000 })).toBe("MICRO");
  });

  it.each<[number, number, SizeBand]>([
    // LARGE needs X ≥ 1000 and Y ≥ 40000.
    [1000, 40000, "LARGE"],
    [999, 40000, "MEDIUM"],
    [1000, 39999.99, "MEDIUM"],
    [5000, 1_000_000, "LARGE"],
    // MEDIUM needs X ≥ 300 and Y ≥ 2000.
    [300, 2000, "MEDIUM"],
    [299, 2000, "SMALL"],
    [300, 1999.99, "SMALL"],
    [999, 39999.99, "MEDIUM"],
    // SMALL needs X ≥ 20 and Y ≥ 300.
    [20, 300, "SMALL"],
    [19, 300, "MICRO"],
    [20, 299.99, "MICRO"],
    [299, 1999.99, "SMALL"],
    // MICRO: one of X < 20 or Y < 300 suffices.
    [19, 1_000_000, "MICRO"],
    [5000, 299.99, "MICRO"],
    [0, 0, "MICRO"],
    // Failing one bound drops exactly as far as the other bounds allow.
    [1200, 1000, "SMALL"],
    [1200, 100, "MICRO"],
    [250, 50000, "SMALL"],
    [10, 50000, "MICRO"],
  ])("employees %d, revenue %d 万元 → %s", (employees, revenueWan, expected) => {
    expect(deriveSizeBand({ employees, revenueWan })).toBe(expected);
  });

  it("never lowers the band when employees or revenue grow", () => {
    const rank = (band: SizeBand) => SIZE_BANDS.length - SIZE_BANDS.indexOf(band); // LARGE = 4 … MICRO = 1
    // Bias towards the thresholds, where a wrong comparison would show.
    const nearBounds = (bounds: number[]) =>
      fc.oneof(
        fc.constantFrom(...bounds.flatMap((bound) => [bound - 1, bound - 0.01, bound, bound + 0.01])),
        fc.double({ min: 0, max: 100_000, noNaN: true, noDefaultInfinity: true }),
      );
    const employeesArb = nearBounds([20, 300, 1000]);
    const revenueArb = nearBounds([300, 2000, 40000]);
    const increase = fc.oneof(fc.constantFrom(0, 0.01, 1), fc.double({ min: 0, max: 50_000, noNaN: true }));
    fc.assert(
      fc.property(employeesArb, revenueArb, increase, increase, (employees, revenueWan, moreStaff, moreRevenue) => {
        const before = rank(deriveSizeBand({ employees, revenueWan }));
        expect(rank(deriveSizeBand({ employees: employees + moreStaff, revenueWan }))).toBeGreaterThanOrEqual(before);
        expect(rank(deriveSizeBand({ employees, revenueWan: revenueWan + moreRevenue }))).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it.each([
    { employees: -1, revenueWan: 100 },
    { employees: 10, revenueWan: -0.01 },
    { employees: Number.NaN, revenueWan: 100 },
    { employees: 10, revenueWan: Number.POSITIVE_INFINITY },
  ])("throws RangeError for %o", (indicators) => {
    expect(() => deriveSizeBand(indicators)).toThrow(RangeError);
  });
});
