/**
 * Charts with fixed sizes: Recharts 2.15 then renders the SVG on the server, so the page does not
 * jump on hydration and printing works. Every chart comes with a data table for screen readers
 * and for anyone who prefers numbers (ADR 0003).
 */
import type { ReactNode } from "react";
import { displayScore } from "~/domain/scoring/display";
import { wrapLabel } from "./chart-labels";
import { CartesianGrid, Legend, Line, LineChart, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, XAxis, YAxis } from "recharts";

export const DIMENSION_COLORS: Record<string, string> = {
  device: "#0b5cad",
  process: "#0f8a6a",
  knowledge: "#7a4cc2",
  business: "#c2621a",
};
const fallbackColor = "#566275";

/** `width` and `height` for an SVG chart (it scales down with its box); none for an HTML chart, which lays itself out. */
export function ChartFigure({ caption, tableSummary, table, children, width, height }: { caption: string; tableSummary: string; table: ReactNode; children: ReactNode; width?: number; height?: number }) {
  return (
    <figure className="chart">
      <div className="chart-canvas" style={width && height ? { maxWidth: width, aspectRatio: `${width} / ${height}` } : undefined} aria-hidden="true">
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

const RADAR_LABEL_UNITS = 16;

/**
 * An angle-axis label wrapped by `wrapLabel` (not Recharts' DOM measurement, see chart-labels):
 * labels above the centre grow upwards, below it downwards, so none runs into the web.
 */
function RadarAngleTick({ x, y, cy, textAnchor, payload }: { x?: number; y?: number; cy?: number; textAnchor?: "start" | "middle" | "end"; payload?: { value?: unknown } }) {
  const label = String(payload?.value ?? "");
  const lines = wrapLabel(label, RADAR_LABEL_UNITS);
  const above = (y ?? 0) < (cy ?? 0) - 1;
  const below = (y ?? 0) > (cy ?? 0) + 1;
  const firstDy = above ? -(lines.length - 1) * LABEL_LINE_HEIGHT - 4 : below ? 12 : -((lines.length - 1) * LABEL_LINE_HEIGHT) / 2 + 4;
  return (
    <text x={x} y={y} textAnchor={textAnchor ?? "middle"} fontSize={13} fill="#3d4756">
      {lines.map((line, index) => (
        <tspan key={index} x={x} dy={index === 0 ? firstDy : LABEL_LINE_HEIGHT}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

export function DimensionRadar({ axes, series, width = 420, height = 340 }: { axes: { id: string; name: string }[]; series: RadarSeries[]; width?: number; height?: number }) {
  const data = axes.map((axis) => ({ axis: axis.name, ...Object.fromEntries(series.map((s) => [s.key, s.values[axis.id] ?? 0])) }));
  // Side labels take up to RADAR_LABEL_UNITS (≈ 105 px): the web leaves that much room on each side.
  const outerRadius = Math.max(60, Math.min(height / 2 - 56, width / 2 - 118));
  return (
    <RadarChart width={width} height={height} data={data} outerRadius={outerRadius}>
      <PolarGrid />
      <PolarAngleAxis dataKey="axis" tick={<RadarAngleTick />} />
      <PolarRadiusAxis domain={[0, 5]} tickCount={6} angle={90} tick={{ fontSize: 11 }} />
      {series.map((s) => (
        <Radar key={s.key} name={s.name} dataKey={s.key} stroke={s.color} fill={s.color} fillOpacity={series.length > 1 ? 0.12 : 0.3} isAnimationActive={false} />
      ))}
      {series.length > 1 ? <Legend /> : null}
    </RadarChart>
  );
}

/**
 * A category label under an X axis, wrapped by `wrapLabel` to `maxUnits` per line (Recharts would
 * run neighbouring labels together, or wrap them by measuring, differently on server and browser).
 */
export function WrappedXTick({ x, y, payload, maxUnits = 14, fontSize = 12 }: { x?: number; y?: number; payload?: { value?: unknown }; maxUnits?: number; fontSize?: number }) {
  const label = String(payload?.value ?? "");
  const lines = wrapLabel(label, maxUnits);
  return (
    <text x={x} y={y} textAnchor="middle" fontSize={fontSize} fill="#3d4756">
      {lines.map((line, index) => (
        <tspan key={index} x={x} dy={index === 0 ? fontSize : LABEL_LINE_HEIGHT}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

const LABEL_LINE_HEIGHT = 14;
const SCORE_TICKS = [0, 1, 2, 3, 4, 5];

/**
 * Capability scores as HTML bars, not SVG: the browser wraps each name in its own row at any width
 * (an SVG chart only shrinks, to unreadable type on a phone), and server and browser render the
 * same markup because nothing is measured (issue 13). The figure's table carries the figures for
 * screen readers; the bars show each score as well.
 */
export function CapabilityBars({ bars, rowHeight }: { bars: { id: string; name: string; dimensionId: string; score: number | null }[]; rowHeight?: number }) {
  return (
    <div className="hbars">
      <ol className="hbars-rows">
        {bars.map((bar) => (
          <li key={bar.id} className="hbars-row" style={rowHeight ? { minHeight: rowHeight } : undefined}>
            <span className="hbars-label">{bar.name}</span>
            <span className="hbars-track">
              <span className="hbars-fill" style={{ width: `${((bar.score ?? 0) / 5) * 100}%`, background: DIMENSION_COLORS[bar.dimensionId] ?? fallbackColor }} />
            </span>
            <span className="hbars-value">{bar.score === null ? "—" : displayScore(bar.score, 2)}</span>
          </li>
        ))}
      </ol>
      <div className="hbars-axis">
        <span className="hbars-label" />
        <span className="hbars-ticks">
          {SCORE_TICKS.map((tick) => (
            <span key={tick} style={{ left: `${(tick / 5) * 100}%` }}>
              {tick}
            </span>
          ))}
        </span>
        <span className="hbars-value" />
      </div>
    </div>
  );
}

export function TrendChart({ points, lines, width = 720, height = 300 }: { points: Record<string, string | number | null>[]; lines: { key: string; name: string; color: string }[]; width?: number; height?: number }) {
  return (
    <LineChart width={width} height={height} data={points} margin={{ left: 0, right: 24, top: 8, bottom: 8 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="period" interval={0} height={44} tick={<WrappedXTick maxUnits={16} />} />
      <YAxis domain={[0, 5]} tickCount={6} />
      <Legend />
      {lines.map((line) => (
        <Line key={line.key} type="monotone" dataKey={line.key} name={line.name} stroke={line.color} strokeWidth={line.key === "overall" ? 3 : 2} dot isAnimationActive={false} connectNulls />
      ))}
    </LineChart>
  );
}
