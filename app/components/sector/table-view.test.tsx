import { describe, expect, it } from "vitest";
import { renderInPage } from "../../../tests/support/render-in-page";
import type { SectorTable } from "~/domain/sector/table";
import { translator } from "~/utils/i18n";
import { SectorTableView } from "./table-view";

const table: SectorTable = {
  id: "medians-by-size",
  title: "按企业规模的维度中位数（2026 年度）",
  columns: [
    { key: "size", label: "企业规模" },
    { key: "factories", label: "企业数" },
    { key: "median_overall", label: "综合得分中位数" },
  ],
  rows: [
    [
      { kind: "label", code: "LARGE", label: "大型" },
      { kind: "count", value: { status: "ok", value: 1234 } },
      { kind: "score", value: { status: "ok", p25: 1.5, p50: 4.25, p75: 2.5, p90: 3 }, pick: "p50" },
    ],
    [
      { kind: "label", code: "MICRO", label: "微型" },
      { kind: "count", value: { status: "suppressed" } },
      { kind: "score", value: { status: "suppressed" }, pick: "p50" },
    ],
    [
      { kind: "label", code: "SMALL", label: "小型" },
      { kind: "count", value: { status: "ok", value: 12 } },
      { kind: "score", value: { status: "band", medianFrom: 2, medianTo: 2.5 }, pick: "p50" },
    ],
  ],
  total: [
    { kind: "label", code: "total", label: "合计" },
    { kind: "count", value: { status: "ok", value: 1250 } },
    { kind: "score", value: { status: "ok", p25: 1.5, p50: 2.1, p75: 2.5, p90: 3 }, pick: "p50" },
  ],
  notes: ["统计范围：上海市"],
};

const meta = { minGroup: 5, selected: { industry: "34", region: null, size: null, period: "2026" } };

describe("<SectorTableView>", () => {
  it("prints published values, marks suppressed cells “—” with an accessible “fewer than k”, and puts the total in the footer", async () => {
    const t = translator("zh-CN");
    const html = await renderInPage("zh-CN", <SectorTableView table={table} orgId="org-1" meta={meta} canExport={false} />);
    expect(html).toContain("1,234");
    expect(html).toContain("4.25");
    expect(html).toContain("2.00–2.50");
    expect(html).toContain(`<span aria-hidden="true">—</span><span class="visually-hidden">${t("sector.common.suppressed", { k: 5 })}</span>`);
    expect(html).toMatch(/<tfoot><tr><th scope="row">合计<\/th>/);
    expect(html).toContain("统计范围：上海市");
    expect(html).toContain('role="region"');
    expect(html).not.toContain("export.csv");
  });

  it("offers CSV and XLSX of this table with the filters to those who may export", async () => {
    const html = await renderInPage("en", <SectorTableView table={table} orgId="org-1" meta={meta} canExport />);
    expect(html).toContain('href="/o/org-1/sector/export.csv?industry=34&amp;period=2026&amp;table=medians-by-size"');
    expect(html).toContain('href="/o/org-1/sector/export.xlsx?industry=34&amp;period=2026&amp;table=medians-by-size"');
    expect(html).toContain(translator("en")("sector.common.downloadCsv"));
  });

  it("colours the heatmap's scores and keeps the values printed", async () => {
    const html = await renderInPage("zh-CN", <SectorTableView table={table} orgId="org-1" meta={meta} canExport={false} variant="heatmap" />);
    expect(html).toMatch(/<td style="background-color:#3b78bd;color:#ffffff">4.25<\/td>/);
    expect(html).toContain(translator("zh-CN")("sector.industries.heatmapLegend"));
  });
});
