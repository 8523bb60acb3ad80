/**
 * Chart parts without a charting library: the figure (drawing, caption, data table), the
 * capability bars (HTML) and the dimension colours. Pages whose charts are drawn on the server
 * (charts.server.ts) import only this module, so their browser bundle carries no Recharts.
 */
import type { ReactNode } from "react";
import { displayScore } from "~/domain/scoring/display";

export const DIMENSION_COLORS: Record<string, string> = {
  device: "#0b5cad",
  process: "#0f8a6a",
  knowledge: "#7a4cc2",
  business: "#c2621a",
};
const fallbackColor = "#566275";

/**
 * A chart drawn once on the server (`charts.server.ts`): SVG markup for wide screens and a
 * phone-sized drawing whose text stays readable at 390 px. Plain strings, so the browser hydrates
 * exactly what the server sent and the page's bundle carries no charting library.
 */
export interface StaticChartMarkup {
  wide: { markup: string; width: number; height: number };
  phone: { markup: string; width: number; height: number };
}

/** `width` and `height` for an SVG chart (it scales down with its box); none for an HTML chart, which lays itself out. */
export function ChartFigure({ caption, tableSummary, table, children, width, height, svg }: { caption: string; tableSummary: string; table: ReactNode; children?: ReactNode; width?: number; height?: number; svg?: StaticChartMarkup }) {
  return (
    <figure className="chart">
      {svg ? (
        // Both drawings are in the HTML; CSS shows one by the screen's width (no measuring).
        <div className="chart-canvas chart-static" aria-hidden="true">
          <div className="chart-static-wide" style={{ maxWidth: svg.wide.width }} dangerouslySetInnerHTML={{ __html: svg.wide.markup }} />
          <div className="chart-static-phone" style={{ maxWidth: svg.phone.width }} dangerouslySetInnerHTML={{ __html: svg.phone.markup }} />
        </div>
      ) : (
        <div className="chart-canvas" style={width && height ? { maxWidth: width, aspectRatio: `${width} / ${height}` } : undefined} aria-hidden="true">
          {children}
        </div>
      )}
      <figcaption>{caption}</figcaption>
      <details className="chart-table">
        <summary>{tableSummary}</summary>
        {table}
      </details>
    </figure>
  );
}

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

