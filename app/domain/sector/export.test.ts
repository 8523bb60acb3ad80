import { describe, expect, it } from "vitest";
import { exportCell, exportRowCount, flattenTable, toCsv } from "./export";
import type { SectorTable } from "./table";

const table: SectorTable = {
  id: "levels-by-region",
  title: "各区成熟度等级分布",
  columns: [
    { key: "region", label: "区" },
    { key: "factories", label: "企业数" },
    { key: "median_overall", label: "综合得分中位数" },
    { key: "median_change", label: "变化" },
  ],
  rows: [
    [
      { kind: "label", code: "310115", label: "浦东新区" },
      { kind: "count", value: { status: "ok", value: 74 } },
      {
        kind: "score",
        pick: "p50",
        value: { status: "ok", p25: 1.1, p50: 1.87, p75: 2.4, p90: 3 },
      },
      { kind: "change", value: -0.12 },
    ],
    [
      { kind: "label", code: "310105", label: "长宁区" },
      { kind: "count", value: { status: "suppressed" } },
      { kind: "score", pick: "p50", value: { status: "suppressed" } },
      { kind: "change", value: null },
    ],
    [
      { kind: "label", code: "310113", label: '宝山区, "北"' },
      { kind: "count", value: { status: "ok", value: 12 } },
      {
        kind: "score",
        pick: "p50",
        value: { status: "band", medianFrom: 1.5, medianTo: 2 },
      },
      { kind: "change", value: null },
    ],
  ],
  total: [
    { kind: "label", code: "total", label: "合计" },
    { kind: "count", value: { status: "ok", value: 281 } },
    {
      kind: "score",
      pick: "p50",
      value: { status: "ok", p25: 1, p50: 1.9, p75: 2.5, p90: 3.1 },
    },
    { kind: "change", value: 0.05 },
  ],
  notes: [],
};

describe("open-data flattening", () => {
  it("splits labels into code and name, values into value and flag", () => {
    const flat = flattenTable(
      table,
      (label) => `${label}（标记）`,
      (label) => `${label}（代码）`
    );
    expect(flat.columns.map((column) => column.key)).toEqual([
      "region_code",
      "region",
      "factories",
      "factories_flag",
      "median_overall",
      "median_overall_flag",
      "median_change",
      "median_change_flag",
    ]);
    expect(flat.columns.map((column) => column.type)).toEqual([
      "code",
      "text",
      "integer",
      "flag",
      "decimal",
      "flag",
      "decimal",
      "flag",
    ]);
    expect(flat.rows).toEqual([
      ["310115", "浦东新区", 74, "", 1.87, "", -0.12, ""],
      ["310105", "长宁区", null, "c", null, "c", null, "c"],
      ["310113", '宝山区, "北"', 12, "", "1.50-2.00", "r", null, "c"],
      ["total", "合计", 281, "", 1.9, "", 0.05, ""],
    ]);
    expect(exportRowCount(table)).toBe(4);
  });

  it("never writes more than two decimals, and only the quartile a score cell picks", () => {
    expect(
      exportCell({
        kind: "score",
        pick: "p75",
        value: { status: "ok", p25: 1, p50: 2, p75: 2.456, p90: 3 },
      })
    ).toEqual([2.46, ""]);
    // A band is only a median's: the other quartiles of a small group are not published.
    expect(
      exportCell({
        kind: "score",
        pick: "p25",
        value: { status: "band", medianFrom: 1.5, medianTo: 2 },
      })
    ).toEqual([null, "c"]);
    expect(
      exportCell({ kind: "share", value: { status: "ok", percent: 42 } })
    ).toEqual([42, ""]);
  });

  it("writes RFC 4180 CSV with a byte-order mark, CRLF, two-decimal scores and quoted text", () => {
    const csv = toCsv(
      flattenTable(
        table,
        (label) => label,
        (label) => label
      )
    );
    expect(
      csv.startsWith("\uFEFFregion_code,region,factories,factories_flag,")
    ).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[1]).toBe("310115,浦东新区,74,,1.87,,-0.12,");
    expect(lines[2]).toBe("310105,长宁区,,c,,c,,c");
    expect(lines[3]).toBe('310113,"宝山区, ""北""",12,,1.50-2.00,r,,c');
    expect(lines[4]).toBe("total,合计,281,,1.90,,0.05,");
    expect(lines[5]).toBe("");
  });

  it("defuses spreadsheet formulas in text", () => {
    const evil: SectorTable = {
      ...table,
      rows: [
        [
          { kind: "label", code: "=cmd", label: "+SUM(A1)" },
          { kind: "count", value: { status: "ok", value: 5 } },
          { kind: "score", pick: "p50", value: { status: "suppressed" } },
          { kind: "change", value: null },
        ],
      ],
      total: undefined,
    };
    const csv = toCsv(
      flattenTable(
        evil,
        (label) => label,
        (label) => label
      )
    );
    expect(csv.split("\r\n")[1]).toBe("'=cmd,'+SUM(A1),5,,,c,,c");
  });
});
