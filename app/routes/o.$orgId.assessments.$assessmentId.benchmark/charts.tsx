import { Bar, BarChart, CartesianGrid, Cell, ComposedChart, LabelList, Legend, Scatter, XAxis, YAxis } from "recharts";
import type { ReactNode } from "react";
import { ChartFigure, WrappedXTick } from "~/components/charts";
import { levelsWithheld, type LevelRow } from "~/domain/benchmark/view";
import { useT } from "~/utils/use-t";
import type { BenchmarkData as Data } from "./types";

export const OWN_COLOR = "#b42318";
export const MEDIUM_COLOR = "#1b2430";
export const P90_COLOR = "#0f8a6a";
const BOX_COLOR = "#b5d0ee";
const BAND_COLOR = "#6f9fd8";

export const RANGE_WIDTH = 520;
export const RANGE_HEIGHT = 320;

export function DimensionRanges({ dimensions }: { dimensions: Data["dimensions"] }) {
  const t = useT();
  const rows = dimensions.map((d) => {
    const q = d.stat.quantiles;
    // Below QUANTILE_MIN_N only the median's band is published: drawn as its own darker box, no markers.
    return {
      name: d.name,
      base: q.status === "ok" ? q.p25 : q.status === "band" ? q.medianFrom : null,
      box: q.status === "ok" ? q.p75 - q.p25 : null,
      band: q.status === "band" ? q.medianTo - q.medianFrom : null,
      median: q.status === "ok" ? q.p50 : null,
      p90: q.status === "ok" ? q.p90 : null,
      own: d.own,
    };
  });
  const anyBand = rows.some((row) => row.band !== null);
  return (
    <ComposedChart width={RANGE_WIDTH} height={RANGE_HEIGHT} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="name" interval={0} height={44} tick={<WrappedXTick maxUnits={15} />} />
      <YAxis domain={[0, 5]} tickCount={6} />
      <Bar dataKey="base" stackId="range" fill="transparent" legendType="none" isAnimationActive={false} />
      <Bar dataKey="box" stackId="range" name="P25–P75" fill={BOX_COLOR} barSize={36} isAnimationActive={false} />
      {anyBand ? <Bar dataKey="band" stackId="range" name={t("benchmark.dimensions.band")} fill={BAND_COLOR} barSize={36} isAnimationActive={false} /> : null}
      <Scatter dataKey="median" name={t("benchmark.table.median")} fill={MEDIUM_COLOR} shape="square" isAnimationActive={false} />
      <Scatter dataKey="p90" name="P90" fill={P90_COLOR} shape="triangle" isAnimationActive={false} />
      <Scatter dataKey="own" name={t("benchmark.radar.own")} fill={OWN_COLOR} shape="diamond" isAnimationActive={false} />
      <Legend />
    </ComposedChart>
  );
}

export const LEVELS_WIDTH = 640;
export const LEVELS_HEIGHT = 280;

function LevelBars({ rows }: { rows: LevelRow[] }) {
  return (
    <BarChart width={LEVELS_WIDTH} height={LEVELS_HEIGHT} data={rows} margin={{ top: 24, right: 16, bottom: 8, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="fullName" interval={0} height={44} tick={<WrappedXTick maxUnits={14} />} />
      <YAxis unit="%" domain={[0, 100]} tickCount={6} />
      <Bar dataKey="share" isAnimationActive={false}>
        {rows.map((row) => (
          <Cell key={row.name} fill={row.own ? OWN_COLOR : "#9aa8b9"} />
        ))}
        <LabelList dataKey="share" position="top" formatter={(value: number | null) => (value === null ? "—" : `${value}%`)} />
      </Bar>
    </BarChart>
  );
}

/**
 * The level chart, or why there is none: when disclosure control withholds every level (each has
 * fewer than k factories, or is hidden so that none can be worked out), empty bars would look like
 * a broken chart, so the page says so in words and keeps the table (all "少于 k 家").
 */
export function LevelsFigure({ rows, minGroup, table }: { rows: LevelRow[]; minGroup: number; table: ReactNode }) {
  const t = useT();
  if (levelsWithheld(rows)) {
    return (
      <div className="levels-withheld" role="note">
        <p>
          <strong>{t("benchmark.levels.withheldTitle")}</strong>
        </p>
        <p>{t("benchmark.levels.withheldText", { k: minGroup })}</p>
        <details className="chart-table">
          <summary>{t("benchmark.levels.tableSummary")}</summary>
          {table}
        </details>
      </div>
    );
  }
  return (
    <ChartFigure caption={t("benchmark.levels.caption")} tableSummary={t("benchmark.levels.tableSummary")} width={LEVELS_WIDTH} height={LEVELS_HEIGHT} table={table}>
      <LevelBars rows={rows} />
    </ChartFigure>
  );
}
