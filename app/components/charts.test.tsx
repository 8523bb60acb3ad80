import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CapabilityBars, DimensionRadar } from "./charts";

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
