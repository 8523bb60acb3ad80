/**
 * Radar and trend charts drawn once, on the server, to static SVG markup (issue 13: Recharts was
 * ≈ 120 kB compressed of the results page's JavaScript for charts that have no interaction). The
 * page sends the strings in its loader data and `ChartFigure` sets them as inner HTML, so server
 * and browser render the same markup and the browser never loads Recharts for these pages.
 *
 * Each chart comes in two drawings: the wide one, and a phone one with a smaller canvas and larger
 * type, so that at 390 px its text is drawn ≥ 11 px (CSS picks one by the screen's width).
 * renderToStaticMarkup escapes every name that goes into the SVG.
 */
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { StaticChartMarkup } from "./chart-figure";
import { DimensionRadar, TrendChart, type RadarSeries, type RadarType, type TrendType } from "./charts";

/** Phone drawings: a 360 px canvas is shown ≈ 309 px wide in a card at 390 px, so 13 px type is drawn ≈ 11.2 px. */
const PHONE_WIDTH = 360;
const PHONE_RADAR_HEIGHT = 260;
const PHONE_TREND_HEIGHT = 320;
const PHONE_RADAR: RadarType = { fontSize: 14, tickFontSize: 13, labelUnits: 14, sideRoom: 120 };
const PHONE_TICK_FONT = 13;
/** Recharts' Y axis (60 px) and the chart's right margin (24 px): what is left is shared by the X labels. */
const PHONE_TREND_PLOT = PHONE_WIDTH - 60 - 24;

/**
 * Drawings are pure functions of their input: memoised by it, so a frozen results page (and every
 * other viewer of the same figures) renders each chart once per process. Bounded like the view caches.
 */
const MAX_ENTRIES = 500;
const memo = new Map<string, StaticChartMarkup>();
function memoised(key: string, draw: () => StaticChartMarkup): StaticChartMarkup {
  const hit = memo.get(key);
  if (hit) return hit;
  const drawn = draw();
  if (memo.size >= MAX_ENTRIES) memo.delete(memo.keys().next().value!);
  memo.set(key, drawn);
  return drawn;
}

export interface RadarInput {
  axes: { id: string; name: string }[];
  series: RadarSeries[];
  width: number;
  height: number;
  /** Distinguishes the SVG ids (clip paths) of two charts on one page. */
  id: string;
}

export function staticRadar(input: RadarInput): StaticChartMarkup {
  return memoised(JSON.stringify(["radar", input]), () =>
    wideAndPhone(input, PHONE_RADAR_HEIGHT, (width, height, phone, id) =>
      createElement(DimensionRadar, { axes: input.axes, series: input.series, width, height, type: phone ? PHONE_RADAR : undefined, id }),
    ),
  );
}

/** The two drawings of one chart: at its own size, and at the phone's width with the phone's type. */
function wideAndPhone(input: { width: number; height: number; id: string }, phoneHeight: number, draw: (width: number, height: number, phone: boolean, id: string) => ReactElement): StaticChartMarkup {
  return {
    wide: { markup: renderToStaticMarkup(draw(input.width, input.height, false, `${input.id}-wide`)), width: input.width, height: input.height },
    phone: { markup: renderToStaticMarkup(draw(PHONE_WIDTH, phoneHeight, true, `${input.id}-phone`)), width: PHONE_WIDTH, height: phoneHeight },
  };
}

export interface TrendInput {
  points: Record<string, string | number | null>[];
  lines: { key: string; name: string; color: string }[];
  width: number;
  height: number;
  id: string;
}

export function staticTrend(input: TrendInput): StaticChartMarkup {
  // Each point's label gets its share of the plot's width (≈ 0.55 em a unit), up to three lines.
  const slot = PHONE_TREND_PLOT / Math.max(1, input.points.length);
  const phoneType: TrendType = { tickFontSize: PHONE_TICK_FONT, labelUnits: Math.max(4, Math.min(16, Math.floor(slot / (PHONE_TICK_FONT * 0.55)))), labelLines: 3 };
  return memoised(JSON.stringify(["trend", input]), () =>
    wideAndPhone(input, PHONE_TREND_HEIGHT, (width, height, phone, id) =>
      createElement(TrendChart, { points: input.points, lines: input.lines, width, height, type: phone ? phoneType : undefined, id }),
    ),
  );
}

/** The results page's and the printable report's radar: one series, the factory's own scores. */
export function dimensionRadar(dimensions: { id: string; name: string; score: number | null }[], ownName: string, height = 340): StaticChartMarkup {
  return staticRadar({
    axes: dimensions.map((d) => ({ id: d.id, name: d.name })),
    series: [{ key: "own", name: ownName, color: "#0b5cad", values: Object.fromEntries(dimensions.map((d) => [d.id, d.score])) }],
    width: 560,
    height,
    id: "dimension-radar",
  });
}
