import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  XAxis,
  YAxis,
} from "recharts";
import { wrapLabel } from "~/components/chart-labels";
import { ChartFigure } from "~/components/charts";
import { LEVEL_COUNT } from "~/domain/disclosure/types";
import { SUPPRESSED_MARK, type LevelBarRow } from "~/domain/sector/cells";
import { useT } from "~/utils/use-t";

/** L0 … L5 from light to dark: a sequential scale, readable in greyscale print too. */
export const LEVEL_COLORS = [
  "#d9dee5",
  "#b5d0ee",
  "#7fb0e0",
  "#3f86c9",
  "#1b5fa3",
  "#0b3a6b",
] as const;

/** The unpublished rest of a bar: hatched grey, so a row whose levels are all withheld is not read as empty. */
const WITHHELD_PATTERN = "sector-withheld-hatch";
const WITHHELD_FILL = `url(#${WITHHELD_PATTERN})`;

const WIDTH = 720;
const ROW_HEIGHT = 30;
const LABEL_WIDTH = 180;
/** Label width in chart-labels units (≈ 6.5 px each at 12 px). */
const LABEL_UNITS = 26;
const LINE_HEIGHT = 13;

/**
 * A row label drawn from `wrapLabel`: Recharts' own tick measures text in the browser only, so a long
 * division name would break differently on the server and fail hydration.
 */
function RowTick({
  x,
  y,
  payload,
}: {
  x?: number;
  y?: number;
  payload?: { value?: unknown };
}) {
  const label = String(payload?.value ?? "");
  const lines = wrapLabel(label, LABEL_UNITS);
  const firstDy = -((lines.length - 1) * LINE_HEIGHT) / 2;
  return (
    <text
      x={x}
      y={y}
      textAnchor="end"
      dominantBaseline="central"
      fontSize={12}
      fill="#3d4756"
    >
      {lines.map((line, index) => (
        <tspan key={index} x={x} dy={index === 0 ? firstDy : LINE_HEIGHT}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/**
 * Stacked 100 % bars of the level shares, one bar per row (published shares only; a row with a
 * suppressed count is not drawn). Withheld shares are drawn together as one hatched "not published"
 * segment at the end of the bar (never split by level, which would reveal them), printed as "—" in the table.
 * The figure's data table repeats the values for screen readers.
 */
export function LevelBars({
  rows,
  levelNames,
  caption,
}: {
  rows: readonly LevelBarRow[];
  levelNames: readonly string[];
  caption: string;
}) {
  const t = useT();
  const height = rows.length * ROW_HEIGHT + 70;
  const levels = Array.from({ length: LEVEL_COUNT }, (_, level) => ({
    key: `l${level}`,
    name: `L${level} ${levelNames[level] ?? ""}`.trim(),
  }));
  const data = rows.map((row) => {
    const published = row.shares.reduce<number>(
      (sum, share) => sum + (share ?? 0),
      0
    );
    return {
      label: row.label,
      ...Object.fromEntries(
        row.shares.map((share, level) => [`l${level}`, share ?? 0])
      ),
      // Rounded published shares may sum to 99–101 %: only a withheld level leaves a visible rest.
      withheld: row.shares.some((share) => share === null)
        ? Math.max(0, 100 - published)
        : 0,
    };
  });
  return (
    <>
      <ChartLegend
        entries={[
          ...levels.map((level, index) => ({
            name: level.name,
            color: LEVEL_COLORS[index] ?? LEVEL_COLORS[0],
          })),
          {
            name: t("sector.common.withheldShare"),
            color: "",
            className: "sector-swatch-withheld",
          },
        ]}
      />
      <ChartFigure
        caption={t("sector.common.barsCaption", { caption })}
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
                      <td key={level}>
                        {share === null ? SUPPRESSED_MARK : `${share}%`}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        }
      >
        <BarChart
          width={WIDTH}
          height={height}
          data={data}
          layout="vertical"
          margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
        >
          <defs>
            <pattern
              id={WITHHELD_PATTERN}
              width={6}
              height={6}
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width={6} height={6} fill="#f4f5f7" />
              <rect width={2} height={6} fill="#c9ced6" />
            </pattern>
          </defs>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          {/* Fixed at 100 %: published shares are rounded and perturbed and may sum to a little more. */}
          <XAxis type="number" domain={[0, 100]} allowDataOverflow unit="%" tickCount={6} />
          <YAxis
            type="category"
            dataKey="label"
            width={LABEL_WIDTH}
            interval={0}
            tick={<RowTick />}
          />
          {levels.map((level, index) => (
            <Bar
              key={level.key}
              dataKey={level.key}
              name={level.name}
              stackId="levels"
              fill={LEVEL_COLORS[index]}
              isAnimationActive={false}
            />
          ))}
          <Bar
            dataKey="withheld"
            name={t("sector.common.withheldShare")}
            stackId="levels"
            fill={WITHHELD_FILL}
            isAnimationActive={false}
          />
        </BarChart>
      </ChartFigure>
    </>
  );
}

/** The key of a chart as HTML beside the SVG: it wraps at 390 px where Recharts' legend would overflow. */
export function ChartLegend({
  entries,
}: {
  entries: readonly { name: string; color: string; className?: string }[];
}) {
  return (
    <ul className="sector-chart-legend" aria-hidden="true">
      {entries.map((entry) => (
        <li key={entry.name}>
          <span
            className={
              entry.className
                ? `sector-swatch ${entry.className}`
                : "sector-swatch"
            }
            style={entry.color ? { backgroundColor: entry.color } : undefined}
          />
          {entry.name}
        </li>
      ))}
    </ul>
  );
}

const DISTRIBUTION_HEIGHT = 280;

/** One group's level shares as upright bars (the overview); suppressed levels have no bar and read "—". */
export function LevelDistribution({
  shares,
  levelNames,
  caption,
}: {
  shares: readonly (number | null)[];
  levelNames: readonly string[];
  caption: string;
}) {
  const data = shares.map((share, level) => ({
    name: `L${level} ${levelNames[level] ?? ""}`.trim(),
    share: share ?? 0,
    label: share === null ? SUPPRESSED_MARK : `${share}%`,
  }));
  return (
    <figure className="chart">
      <div
        className="chart-canvas"
        style={{
          maxWidth: WIDTH,
          aspectRatio: `${WIDTH} / ${DISTRIBUTION_HEIGHT}`,
        }}
        aria-hidden="true"
      >
        <BarChart
          width={WIDTH}
          height={DISTRIBUTION_HEIGHT}
          data={data}
          margin={{ top: 24, right: 16, bottom: 8, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
          <YAxis unit="%" domain={[0, 100]} tickCount={6} />
          <Bar dataKey="share" isAnimationActive={false}>
            {data.map((row, level) => (
              <Cell
                key={row.name}
                fill={LEVEL_COLORS[level] ?? LEVEL_COLORS[0]}
              />
            ))}
            <LabelList dataKey="label" position="top" />
          </Bar>
        </BarChart>
      </div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
