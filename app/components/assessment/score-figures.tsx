/**
 * The score views shared by the results page and the printable report: charts with their data
 * tables, and ranked capability lists. One place, so the two views cannot drift apart.
 */
import { CapabilityBars, ChartFigure, type StaticChartMarkup } from "~/components/chart-figure";
import { displayScore } from "~/domain/scoring/display";
import { useT } from "~/utils/use-t";

type ScoreRow = { id: string; name: string; score: number | null };

/** The data table behind a score chart: one row per dimension or capability. */
export function ScoreTable({ rows, header }: { rows: ScoreRow[]; header: string }) {
  const t = useT();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{header}</th>
          <th scope="col">{t("assessment.results.score")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>{row.name}</td>
            <td>{row.score === null ? t("assessment.results.insufficient") : displayScore(row.score, 2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The dimensions' radar, drawn on the server (`dimensionRadar` in charts.server.ts), with its table. */
export function DimensionScoresFigure({ dimensions, radar }: { dimensions: ScoreRow[]; radar: StaticChartMarkup }) {
  const t = useT();
  return (
    <ChartFigure
      caption={t("assessment.results.radarCaption")}
      tableSummary={t("assessment.results.tableSummary")}
      svg={radar}
      table={<ScoreTable rows={dimensions} header={t("assessment.results.dimension")} />}
    />
  );
}

export function CapabilityScoresFigure({ capabilities, rowHeight }: { capabilities: (ScoreRow & { dimensionId: string })[]; rowHeight?: number }) {
  const t = useT();
  return (
    <ChartFigure
      caption={t("assessment.results.barCaption")}
      tableSummary={t("assessment.results.tableSummary")}
      table={<ScoreTable rows={capabilities} header={t("assessment.results.capability")} />}
    >
      <CapabilityBars bars={capabilities} rowHeight={rowHeight} />
    </ChartFigure>
  );
}

/** Strongest or weakest capabilities, with their scores. */
export function RankedCapabilities({ items, className }: { items: { id: string; name: string; score: number }[]; className?: string }) {
  return (
    <ol className={className}>
      {items.map((c) => (
        <li key={c.id}>
          {c.name} <strong>{displayScore(c.score, 2)}</strong>
        </li>
      ))}
    </ol>
  );
}
