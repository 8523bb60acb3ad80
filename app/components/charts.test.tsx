import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CapabilityBars, ChartFigure, DimensionRadar, TrendChart } from "./charts";
import { staticRadar, staticTrend } from "./charts.server";

const EN_AXES = [
  { id: "device", name: "Device digitalisation" },
  { id: "process", name: "Process digitalisation" },
  { id: "knowledge", name: "Knowledge digitalisation" },
  { id: "business", name: "Business digitalisation" },
];

/** The `<text>` elements of an SVG: anchor, x and the lines they draw. */
function texts(html: string) {
  return [...html.matchAll(/<text[^>]*?\sx="([\d.]+)"[^>]*?text-anchor="(\w+)"[^>]*>(.*?)<\/text>/g)].map(([, x, anchor, inner]) => ({
    x: Number(x),
    anchor,
    lines: [...inner!.matchAll(/<tspan[^>]*>(.*?)<\/tspan>/g)].map((m) => m[1]!),
  }));
}

describe("DimensionRadar", () => {
  it("draws every English axis name whole, wrapped by rule, and inside the chart (the benchmark read 's digitalisation')", () => {
    for (const width of [420, 560]) {
      const html = renderToStaticMarkup(<DimensionRadar width={width} height={340} axes={EN_AXES} series={[{ key: "own", name: "Own", color: "#000", values: { device: 3, process: 2, knowledge: 4, business: 1 } }]} />);
      const labels = texts(html).filter((text) => text.lines.some((line) => /[a-z]{4}/.test(line)));
      expect(labels.map((label) => label.lines.join(" ")).sort()).toEqual(EN_AXES.map((axis) => axis.name).sort());
      for (const label of labels) {
        // ≈ 7 px a character at 13 px: the label's far end stays within the SVG.
        const extent = Math.max(...label.lines.map((line) => line.length)) * 7;
        if (label.anchor === "end") expect(label.x - extent, label.lines.join(" ")).toBeGreaterThanOrEqual(0);
        if (label.anchor === "start") expect(label.x + extent, label.lines.join(" ")).toBeLessThanOrEqual(width);
      }
    }
  });
});

describe("CapabilityBars", () => {
  it("are HTML rows with the whole name, a bar as wide as the score and the score; no SVG to measure", () => {
    const html = renderToStaticMarkup(
      <CapabilityBars
        bars={[
          { id: "a", name: "Numerical control, automation and process control", dimensionId: "device", score: 3.43 },
          { id: "b", name: "数字研发与设计", dimensionId: "knowledge", score: null },
        ]}
      />,
    );
    expect(html).not.toContain("<svg");
    expect(html).toContain(">Numerical control, automation and process control</span>");
    expect(html).toContain("width:68.60000000000001%");
    expect(html).toContain(">3.43</span>");
    expect(html).toContain(">数字研发与设计</span>");
    expect(html).toContain(">—</span>");
  });
});

/** Every `<text>` of an SVG with its font size (none: inherited from the page). */
function fontSizes(html: string) {
  return [...html.matchAll(/<text[^>]*>/g)].map(([tag]) => Number(/font-size="([\d.]+)"/.exec(tag)?.[1] ?? Number.NaN));
}

/** The results card's content box at 390 px, measured on the journey's phone screenshot. */
const SHOWN_WIDTH = 309;
const SCORES = { device: 3, process: 2, knowledge: 4, business: 1 };

describe("charts drawn on the server (charts.server.ts)", () => {
  it("draws the radar once per screen kind, with every axis name, its text escaped", () => {
    const axes = [...EN_AXES.slice(0, 3), { id: "business", name: `Business <b>"&'` }];
    const radar = staticRadar({ axes, series: [{ key: "own", name: "Own <i>", color: "#000", values: SCORES }], width: 560, height: 340, id: "test-radar" });
    for (const drawing of [radar.wide, radar.phone]) {
      expect(drawing.markup).toMatch(/^<div class="recharts-wrapper"/);
      for (const axis of EN_AXES.slice(0, 3)) expect(drawing.markup, axis.name).toMatch(new RegExp(axis.name.split(" ").map((word) => `>${word}`).join("[^]*")));
      expect(drawing.markup).toContain("&lt;b&gt;&quot;&amp;&#x27;");
      expect(drawing.markup).not.toContain("<b>");
    }
    expect([radar.wide.width, radar.wide.height, radar.phone.width]).toEqual([560, 340, 360]);
  });

  it("is deterministic: the same figures give the same markup whatever was drawn before (no counter-based ids)", () => {
    const props = { axes: EN_AXES, series: [{ key: "own", name: "Own", color: "#000", values: SCORES }], width: 560, height: 340, id: "same" };
    const first = renderToStaticMarkup(<DimensionRadar {...props} />);
    staticTrend({ points: [{ period: "2025", overall: 2 }, { period: "2026", overall: 3 }], lines: [{ key: "overall", name: "Overall", color: "#000" }], width: 720, height: 300, id: "other" });
    expect(renderToStaticMarkup(<DimensionRadar {...props} />)).toBe(first);
    const trend = { points: [{ period: "2026 第1版", overall: 2.5 }], lines: [{ key: "overall", name: "Overall", color: "#000" }], width: 720, height: 300, id: "t" };
    const trendFirst = renderToStaticMarkup(<TrendChart {...trend} />);
    renderToStaticMarkup(<TrendChart {...trend} id="u" />);
    expect(renderToStaticMarkup(<TrendChart {...trend} />)).toBe(trendFirst);
    expect(trendFirst).not.toMatch(/recharts\d+-clip/);
  });

  it("keeps the phone drawings' text ≥ 11 px where a 390 px screen shows them ≈ 309 px wide", () => {
    const radar = staticRadar({ axes: EN_AXES, series: [{ key: "own", name: "Own", color: "#000", values: SCORES }], width: 560, height: 340, id: "r" });
    const periods = ["2024 第1版", "2025 第1版", "2026 第1版", "2026 第2版", "2026 第3版"];
    const trend = staticTrend({ points: periods.map((period, index) => ({ period, overall: index / 2, device: 1 })), lines: [{ key: "overall", name: "Overall", color: "#000" }, { key: "device", name: "Device", color: "#111" }], width: 720, height: 300, id: "t" });
    for (const drawing of [radar.phone, trend.phone]) {
      const sizes = fontSizes(drawing.markup);
      expect(sizes.length).toBeGreaterThan(5);
      for (const size of sizes) expect((size * SHOWN_WIDTH) / drawing.width).toBeGreaterThanOrEqual(11);
    }
    // The wide drawings were the ones that shrank to 5–8 px on a phone.
    expect(Math.min(...fontSizes(trend.wide.markup)) * (SHOWN_WIDTH / trend.wide.width)).toBeLessThan(11);
    // Wrapped to the point's share of the width, every period is drawn whole (CJK breaks between characters).
    const drawn = texts(trend.phone.markup).map((text) => text.lines.join("").replace(/\s/g, ""));
    for (const period of periods) expect(drawn).toContain(period.replace(/\s/g, ""));
  });

  it("is set verbatim into the figure, both drawings, with the data table kept", () => {
    const radar = staticRadar({ axes: EN_AXES, series: [{ key: "own", name: "Own", color: "#000", values: SCORES }], width: 560, height: 340, id: "f" });
    const html = renderToStaticMarkup(<ChartFigure caption="Caption" tableSummary="Table" table={<table />} svg={radar} />);
    expect(html).toContain(`<div class="chart-canvas chart-static" aria-hidden="true"><div class="chart-static-wide" style="max-width:560px">${radar.wide.markup}</div>`);
    expect(html).toContain(`<div class="chart-static-phone" style="max-width:360px">${radar.phone.markup}</div>`);
    expect(html).toContain("<figcaption>Caption</figcaption>");
    expect(html).toContain("<summary>Table</summary><table></table>");
  });
});
