import { Bar, BarChart, CartesianGrid, Cell, ComposedChart, LabelList, Legend, Scatter, XAxis, YAxis } from "recharts";
import { levelRows } from "~/domain/benchmark/view";
import { useT } from "~/utils/use-t";
import type { BenchmarkData as Data, BenchmarkGroup } from "./types";

export const OWN_COLOR = "#b42318";
export const MEDIUM_COLOR = "#1b2430";
export const P90_COLOR = "#0f8a6a";
const BOX_COLOR = "#b5d0ee";

export const RANGE_WIDTH = 520;
export const RANGE_HEIGHT = 320;

export function DimensionRanges({ dimensions }: { dimensions: Data["dimensions"] }) {
  const t = useT();
  const rows = dimensions.map((d) => ({
    name: d.name,
    base: d.stat.status === "ok" ? d.stat.p25 : null,
    box: d.stat.status === "ok" ? d.stat.p75 - d.stat.p25 : null,
    median: d.stat.status === "ok" ? d.stat.p50 : null,
    p90: d.stat.status === "ok" ? d.stat.p90 : null,
    own: d.own,
  }));
  return (
    <ComposedChart width={RANGE_WIDTH} height={RANGE_HEIGHT} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
      <YAxis domain={[0, 5]} tickCount={6} />
      <Bar dataKey="base" stackId="range" fill="transparent" legendType="none" isAnimationActive={false} />
      <Bar dataKey="box" stackId="range" name="P25–P75" fill={BOX_COLOR} barSize={36} isAnimationActive={false} />
      <Scatter dataKey="median" name={t("benchmark.table.median")} fill={MEDIUM_COLOR} shape="square" isAnimationActive={false} />
      <Scatter dataKey="p90" name="P90" fill={P90_COLOR} shape="triangle" isAnimationActive={false} />
      <Scatter dataKey="own" name={t("benchmark.radar.own")} fill={OWN_COLOR} shape="diamond" isAnimationActive={false} />
      <Legend />
    </ComposedChart>
  );
}

export const LEVELS_WIDTH = 640;
export const LEVELS_HEIGHT = 280;

export function LevelDistribution({ data, group }: { data: Data; group: BenchmarkGroup }) {
  const rows = levelRows(data.levels, group.levelCounts, group.n, data.level);
  return (
    <BarChart width={LEVELS_WIDTH} height={LEVELS_HEIGHT} data={rows} margin={{ top: 24, right: 16, bottom: 8, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="fullName" interval={0} tick={{ fontSize: 12 }} />
      <YAxis unit="%" domain={[0, 100]} tickCount={6} />
      <Bar dataKey="share" isAnimationActive={false}>
        {rows.map((row) => (
          <Cell key={row.name} fill={row.own ? OWN_COLOR : "#9aa8b9"} />
        ))}
        <LabelList dataKey="share" position="top" formatter={(value: number) => `${value}%`} />
      </Bar>
    </BarChart>
  );
}
