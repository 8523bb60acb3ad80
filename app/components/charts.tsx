/**
 * Charts with fixed sizes: Recharts 2.15 then renders the SVG on the server, so the page does not
 * jump on hydration and printing works. Every chart comes with a data table for screen readers
 * and for anyone who prefers numbers (ADR 0003). The results, report and history pages draw their
 * radar and trend only on the server (charts.server.ts): their bundles import chart-figure.tsx.
 */
import { wrapLabel } from "./chart-labels";
import { CartesianGrid, Legend, Line, LineChart, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, XAxis, YAxis } from "recharts";

// Pages that draw Recharts in the browser import the figure from here too.
export { CapabilityBars, ChartFigure, DIMENSION_COLORS, type StaticChartMarkup } from "./chart-figure";

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
function RadarAngleTick({ x, y, cy, textAnchor, payload, fontSize = 13, maxUnits = RADAR_LABEL_UNITS }: { x?: number; y?: number; cy?: number; textAnchor?: "start" | "middle" | "end"; payload?: { value?: unknown }; fontSize?: number; maxUnits?: number }) {
  const label = String(payload?.value ?? "");
  const lines = wrapLabel(label, maxUnits);
  const lineHeight = lineHeightOf(fontSize);
  const above = (y ?? 0) < (cy ?? 0) - 1;
  const below = (y ?? 0) > (cy ?? 0) + 1;
  const firstDy = above ? -(lines.length - 1) * lineHeight - 4 : below ? fontSize - 1 : -((lines.length - 1) * lineHeight) / 2 + 4;
  return (
    <text x={x} y={y} textAnchor={textAnchor ?? "middle"} fontSize={fontSize} fill="#3d4756">
      {lines.map((line, index) => (
        <tspan key={index} x={x} dy={index === 0 ? firstDy : lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** Type sizes and label room of a radar: the defaults for a wide screen, larger in `PHONE_RADAR`. */
export interface RadarType {
  fontSize: number;
  tickFontSize: number;
  labelUnits: number;
  /** Room left of and right of the web for a side label, in px. */
  sideRoom: number;
}
const WIDE_RADAR: RadarType = { fontSize: 13, tickFontSize: 11, labelUnits: RADAR_LABEL_UNITS, sideRoom: 118 };

export function DimensionRadar({ axes, series, width = 420, height = 340, type = WIDE_RADAR, id }: { axes: { id: string; name: string }[]; series: RadarSeries[]; width?: number; height?: number; type?: RadarType; id?: string }) {
  const data = axes.map((axis) => ({ axis: axis.name, ...Object.fromEntries(series.map((s) => [s.key, s.values[axis.id] ?? 0])) }));
  // Side labels take up to `labelUnits` (≈ 105 px at 13 px): the web leaves that much room on each side.
  const outerRadius = Math.max(60, Math.min(height / 2 - 56, width / 2 - type.sideRoom));
  return (
    <RadarChart id={id} width={width} height={height} data={data} outerRadius={outerRadius}>
      <PolarGrid />
      <PolarAngleAxis dataKey="axis" tick={<RadarAngleTick fontSize={type.fontSize} maxUnits={type.labelUnits} />} />
      <PolarRadiusAxis domain={[0, 5]} tickCount={6} angle={90} tick={{ fontSize: type.tickFontSize }} />
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
export function WrappedXTick({ x, y, payload, maxUnits = 14, fontSize = 12, maxLines = 2 }: { x?: number; y?: number; payload?: { value?: unknown }; maxUnits?: number; fontSize?: number; maxLines?: number }) {
  const label = String(payload?.value ?? "");
  const lines = wrapLabel(label, maxUnits, maxLines);
  const lineHeight = Math.max(LABEL_LINE_HEIGHT, lineHeightOf(fontSize));
  return (
    <text x={x} y={y} textAnchor="middle" fontSize={fontSize} fill="#3d4756">
      {lines.map((line, index) => (
        <tspan key={index} x={x} dy={index === 0 ? fontSize : lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

const LABEL_LINE_HEIGHT = 14;
/** 14 px lines at 13 px, as before; larger type gets proportionally taller lines. */
const lineHeightOf = (fontSize: number) => Math.round(fontSize * 1.08);
/** Type of a trend chart: the defaults for a wide screen; on a phone larger, with narrower, taller labels. */
export interface TrendType {
  tickFontSize: number;
  labelUnits: number;
  labelLines: number;
}
const WIDE_TREND: TrendType = { tickFontSize: 12, labelUnits: 16, labelLines: 2 };

export function TrendChart({ points, lines, width = 720, height = 300, type = WIDE_TREND, id }: { points: Record<string, string | number | null>[]; lines: { key: string; name: string; color: string }[]; width?: number; height?: number; type?: TrendType; id?: string }) {
  const labelHeight = type.tickFontSize + 6 + (type.labelLines - 1) * Math.max(LABEL_LINE_HEIGHT, lineHeightOf(type.tickFontSize));
  return (
    <LineChart id={id} width={width} height={height} data={points} margin={{ left: 0, right: 24, top: 8, bottom: 8 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="period" interval={0} height={Math.max(44, labelHeight)} tick={<WrappedXTick maxUnits={type.labelUnits} fontSize={type.tickFontSize} maxLines={type.labelLines} />} />
      <YAxis domain={[0, 5]} tickCount={6} tick={{ fontSize: type.tickFontSize }} />
      <Legend />
      {lines.map((line) => (
        <Line key={line.key} type="monotone" dataKey={line.key} name={line.name} stroke={line.color} strokeWidth={line.key === "overall" ? 3 : 2} dot isAnimationActive={false} connectNulls />
      ))}
    </LineChart>
  );
}
