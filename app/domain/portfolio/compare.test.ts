import { describe, expect, it } from "vitest";
import { compareChartData, parseCompareIds, type CompareClient } from "./compare";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

describe("parseCompareIds", () => {
  it("reads repeated and comma separated ids, without duplicates", () => {
    expect(parseCompareIds(new URLSearchParams(`ids=${id(1)}&ids=${id(2)},${id(1)}`))).toEqual({ ok: true, ids: [id(1), id(2)] });
  });

  it("accepts a single client", () => {
    expect(parseCompareIds(new URLSearchParams(`ids=${id(1)}`))).toEqual({ ok: true, ids: [id(1)] });
  });

  it.each([
    ["", "portfolio.errors.compareTooFew"],
    ["ids=abc&ids=def", "portfolio.errors.compareIds"],
    [Array.from({ length: 9 }, (_, i) => `ids=${id(i + 1)}`).join("&"), "portfolio.errors.compareTooMany"],
    [Array.from({ length: 100 }, () => "ids=x").join("&"), "portfolio.errors.compareTooMany"],
  ])("refuses %s", (search, message) => {
    expect(parseCompareIds(new URLSearchParams(search))).toEqual({ ok: false, message });
  });
});

describe("compareChartData", () => {
  it("gives one row per dimension and one key per client", () => {
    const clients: CompareClient[] = [
      { clientId: id(1), name: "甲", period: "2025", overall: 2, level: 2, dimensions: { device: 2.5 } },
      { clientId: id(2), name: "乙", period: null, overall: null, level: null, dimensions: {} },
    ];
    expect(compareChartData(clients, [{ id: "device", name: "设备" }])).toEqual([{ dimension: "设备", c0: 2.5, c1: null }]);
  });
});
