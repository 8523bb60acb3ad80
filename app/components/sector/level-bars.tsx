import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from "recharts";
import { ChartFigure } from "~/components/charts";
import { LEVEL_COUNT } from "~/domain/disclosure/types";
import { SUPPRESSED_MARK, type LevelBarRow } from "~/domain/sector/cells";
import { useT } from "~/utils/use-t";

/** L0 … L5 from light to dark: a sequential scale, readable in greyscale print too. */
export const LEVEL_COLORS = ["#d9dee5", "#b5d0ee", "#7fb0e0", "#3f86c9", "#1b5fa3", "#0b3a6b"] as const;

const WIDTH = 720;
const ROW_HEIGHT = 30;
const LABEL_WIDTH = 180;

/**
 * Stacked 100 % bars of the level shares, one bar per row (published shares only; a row with a
 * suppressed count is not drawn, and a suppressed share is drawn as 0 and printed as "—" in the table).
 * The figure's data table repeats the values for screen readers.
 */
export function LevelBars({ rows, levelNames, caption }: { rows: readonly LevelBarRow[]; levelNames: readonly string[]; caption: string }) {
  const t = useT();
  const height = rows.length * ROW_HEIGHT + 70;
  const levels = Array.from({ length: LEVEL_COUNT }, (_, level) => ({ key: `l${level}`, name: `L${level} ${levelNames[level] ?? ""}`.trim() }));
  const data = rows.map((row) => ({ label: row.label, ...Object.fromEntries(row.shares.map((share, level) => [`l${level}`, share ?? 0])) }));
  return (
    <ChartFigure
      caption={caption}
      tableSummary={t("sector.common.chartTable")}
      width={WIDTH}
      height={height}
      table={
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{caption}</th>
                {levels.map((level) => (
                  <th key={level.key} scope="col">
                    {level.name} (%)
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.code}>
                  <th scope="row">{row.label}</th>
                  {row.shares.map((share, level) => (
                    <td key={level}>{share === null ? SUPPRESSED_MARK : `${share}%`}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    >
      <BarChart width={WIDTH} height={height} data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" domain={[0, 100]} unit="%" tickCount={6} />
        <YAxis type="category" dataKey="label" width={LABEL_WIDTH} interval={0} tick={{ fontSize: 12 }} />
        <Legend />
        {levels.map((level, index) => (
          <Bar key={level.key} dataKey={level.key} name={level.name} stackId="levels" fill={LEVEL_COLORS[index]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFigure>
  );
}
