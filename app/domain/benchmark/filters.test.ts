import { describe, expect, it } from "vitest";
import { parseBenchmarkFilters, requestedGroup } from "./filters";
import { subtractMonths, windowStart } from "./window";

const params = (query: string) => new URLSearchParams(query);

describe("benchmark filters from the URL", () => {
  it("reads each filter; missing or empty means the default for it", () => {
    expect(parseBenchmarkFilters(params("industry=equipment&region=3205&size=all"))).toEqual({
      ok: true,
      filters: { industry: { kind: "category", category: "equipment" }, region: { kind: "city", code: "3205" }, size: { kind: "all" } },
    });
    const empty = parseBenchmarkFilters(params("industry=&region=&other=x"));
    expect(empty).toEqual({ ok: true, filters: { industry: undefined, region: undefined, size: undefined } });
    if (!empty.ok) throw new Error("unreachable");
    expect(requestedGroup(empty.filters, { industryCode: "14", sizeBand: "SMALL" })).toEqual({
      industry: { kind: "division", code: "14" },
      region: { kind: "all" },
      size: { kind: "band", band: "SMALL" },
    });
  });

  it.each([
    ["industry=99", "industry", "99"],
    ["industry=34&region=310199", "region", "310199"],
    ["size=HUGE", "size", "HUGE"],
    ["region=%3Cscript%3E", "region", "<script>"],
    [`industry=${"x".repeat(30)}`, "industry", `${"x".repeat(20)}…`],
  ])("reports %s as an unknown code in %s", (query, field, code) => {
    expect(parseBenchmarkFilters(params(query))).toEqual({ ok: false, field, code });
  });
});

describe("the 24-month window", () => {
  it("subtracts calendar months in UTC, keeping the time of day", () => {
    expect(windowStart(new Date("2026-11-27T08:30:00.123Z")).toISOString()).toBe("2024-11-27T08:30:00.123Z");
  });

  it("clamps to the end of a shorter month", () => {
    expect(subtractMonths(new Date("2026-03-31T00:00:00Z"), 1).toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(windowStart(new Date("2028-02-29T12:00:00Z")).toISOString()).toBe("2026-02-28T12:00:00.000Z");
    expect(subtractMonths(new Date("2026-01-15T00:00:00Z"), 13).toISOString()).toBe("2024-12-15T00:00:00.000Z");
  });
});
