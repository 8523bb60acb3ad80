/**
 * Charts with fixed sizes: Recharts 2.15 then renders the SVG on the server, so the page does not
 * jump on hydration and printing works. Every chart comes with a data table for screen readers
 * and for anyone who prefers numbers (ADR 0003).
 */
import type { ReactNode } from "react";
import { wrapLabel } from "./chart-labels";
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, XAxis, YAxis } from "recharts";

export const DIMENSION_COLORS: Record<string, string> = {
  device: "#0b5cad",
  process: "#0f8a6a",
  knowledge: "#7a4cc2",
  business: "#c2621a",
};
const fallbackColor = "#566275";

export function ChartFigure({ caption, tableSummary, table, children, width, height }: { caption: string; tableSummary: string; table: ReactNode; children: ReactNode; width: number; height: number }) {
  return (
    <figure className="chart">
      <div className="chart-canvas" style={{ maxWidth: width, aspectRatio: `${width} / ${height}` }} aria-hidden="true">
        {children}
      </div>
      <figcaption>{caption}</figcaption>
      <details className="chart-table">
        <summary>{tableSummary}</summary>
        {table}
      </details>
    </figure>
  );
}

export interface RadarSeries {
  key: string;
  name: string;
  color: string;
  values: Record<string, number | null>;
}

export function DimensionRadar({ axes, series, width = 420, height = 340 }: { axes: { id: string; name: string }[]; series: RadarSeries[]; width?: number; height?: number }) {
  const data = axes.map((axis) => ({ axis: axis.name, ...Object.fromEntries(series.map((s) => [s.key, s.values[axis.id] ?? 0])) }));
  return (
    <RadarChart width={width} height={height} data={data} outerRadius="70%">
      <PolarGrid />
      <PolarAngleAxis dataKey="axis" tick={{ fontSize: 13 }} />
      <PolarRadiusAxis domain={[0, 5]} tickCount={6} angle={90} tick={{ fontSize: 11 }} />
      {series.map((s) => (
        <Radar key={s.key} name={s.name} dataKey={s.key} stroke={s.color} fill={s.color} fillOpacity={series.length > 1 ? 0.12 : 0.3} isAnimationActive={false} />
      ))}
      {series.length > 1 ? <Legend /> : null}
    </RadarChart>
  );
}

/** Category axis width and the label width it allows (≈ 6.5 px a unit at 12 px, see chart-labels). */
const CATEGORY_AXIS_WIDTH = 190;
const CATEGORY_LABEL_UNITS = 27;
const LABEL_LINE_HEIGHT = 14;

/** A category tick drawn from `wrapLabel`, so the server and the browser draw the same lines. */
function CategoryTick({ x, y, payload }: { x?: number; y?: number; payload?: { value?: unknown } }) {
  const label = String(payload?.value ?? "");
  const lines = wrapLabel(label, CATEGORY_LABEL_UNITS);
  const firstDy = -((lines.length - 1) * LABEL_LINE_HEIGHT) / 2;
  return (
    <text x={x} y={y} textAnchor="end" dominantBaseline="central" fontSize={12} fill="#3d4756">
      {lines.join("") !== label.replace(/\s+/g, "") ? <title>{label}</title> : null}
      {lines.map((line, index) => (
        <tspan key={index} x={x} dy={index === 0 ? firstDy : LABEL_LINE_HEIGHT}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** The bar chart's height: rows grow when a label takes two lines. */
export function capabilityBarsHeight(bars: readonly { name: string }[], rowHeight = 26): number {
  const twoLines = bars.some((bar) => wrapLabel(bar.name, CATEGORY_LABEL_UNITS).length > 1);
  return bars.length * (twoLines ? Math.max(rowHeight, 2 * LABEL_LINE_HEIGHT + 8) : rowHeight) + 40;
}

export function CapabilityBars({ bars, width = 720, height }: { bars: { id: string; name: string; dimensionId: string; score: number | null }[]; width?: number; height?: number }) {
  const chartHeight = height ?? capabilityBarsHeight(bars);
  const data = bars.map((bar) => ({ name: bar.name, score: bar.score ?? 0, dimensionId: bar.dimensionId }));
  return (
    <BarChart width={width} height={chartHeight} data={data} layout="vertical" margin={{ left: 8, right: 24, top: 8, bottom: 8 }}>
      <CartesianGrid horizontal={false} strokeDasharray="3 3" />
      <XAxis type="number" domain={[0, 5]} tickCount={6} />
      <YAxis type="category" dataKey="name" width={CATEGORY_AXIS_WIDTH} tick={<CategoryTick />} interval={0} />
      <Bar dataKey="score" isAnimationActive={false}>
        {data.map((entry) => (
          <Cell key={entry.name} fill={DIMENSION_COLORS[entry.dimensionId] ?? fallbackColor} />
        ))}
      </Bar>
    </BarChart>
  );
}

export function TrendChart({ points, lines, width = 720, height = 300 }: { points: Record<string, string | number | null>[]; lines: { key: string; name: string; color: string }[]; width?: number; height?: number }) {
  return (
    <LineChart width={width} height={height} data={points} margin={{ left: 0, right: 24, top: 8, bottom: 8 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="period" />
      <YAxis domain={[0, 5]} tickCount={6} />
      <Legend />
      {lines.map((line) => (
        <Line key={line.key} type="monotone" dataKey={line.key} name={line.name} stroke={line.color} strokeWidth={line.key === "overall" ? 3 : 2} dot isAnimationActive={false} connectNulls />
      ))}
    </LineChart>
  );
}
