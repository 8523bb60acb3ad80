/**
 * What the demo authority (Shanghai, 31) sees on first start: the demo population (DEMO_POPULATION,
 * generated as `npm start` seeds it) puts several hundred factories in Shanghai, spread over two
 * recent reporting years so the trend and year-over-year change show, with districts and
 * divisions below k so suppression shows too. Generated in memory with the real engine (no
 * database needed); the anchor is fixed so the periods do not move with the calendar.
 */
import { describe, expect, it } from "vitest";
import { syntheticFactory } from "~/domain/benchmark/population";
import { childRegions } from "~/domain/sector/tiles";
import { compileModel } from "~/domain/scoring";
import { DEMO_POPULATION } from "../../server/population";
import { DEMO_ORGANIZATIONS } from "../../server/seed";
import { questionnaireFile } from "../support/questionnaires";

const K = 5;

describe("the demo authority's jurisdiction", () => {
  it("has two full reporting years in Shanghai, published districts and districts below k", () => {
    const authority = DEMO_ORGANIZATIONS.find((organization) => organization.kind === "AUTHORITY");
    expect(authority?.jurisdiction?.regionCode).toBe("31");
    const current = compileModel(questionnaireFile("2.0.0"));
    const previous = compileModel(questionnaireFile("1.0.0"));
    const anchor = new Date("2026-11-29T04:00:00Z");
    const byPeriod = new Map<string, Map<string, number>>();
    const divisions = new Map<string, number>();
    for (let index = 0; index < DEMO_POPULATION.factories; index++) {
      const factory = syntheticFactory(current, DEMO_POPULATION.seed, index, anchor, previous);
      if (!factory.regionCode.startsWith("31")) continue;
      const { period } = factory.assessments[0]!;
      const districts = byPeriod.get(period) ?? new Map<string, number>();
      districts.set(factory.regionCode, (districts.get(factory.regionCode) ?? 0) + 1);
      byPeriod.set(period, districts);
      if (period === "2026") divisions.set(factory.industryCode, (divisions.get(factory.industryCode) ?? 0) + 1);
    }
    const total = (period: string) => [...(byPeriod.get(period) ?? new Map<string, number>()).values()].reduce((sum, n) => sum + n, 0);
    expect(total("2026")).toBeGreaterThan(200);
    expect(total("2025")).toBeGreaterThan(200);
    const latest = byPeriod.get("2026")!;
    const districts = childRegions("31").map((region) => latest.get(region.code) ?? 0);
    expect(districts.filter((n) => n >= 20).length, "districts with an exact median").toBeGreaterThanOrEqual(5);
    expect(districts.filter((n) => n < K).length, "districts below k").toBeGreaterThanOrEqual(1);
    expect([...divisions.values()].filter((n) => n < K).length, "divisions below k").toBeGreaterThanOrEqual(1);
  }, 60_000);
});
