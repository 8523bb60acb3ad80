import type { CSSProperties, ReactNode } from "react";
import { cellScore, cellText, filterQuery, suppressionReason, SUPPRESSED_MARK } from "~/domain/sector/cells";
import type { SectorCell, SectorTable } from "~/domain/sector/table";
import type { SectorMeta } from "~/domain/sector/view";
import { useLocale, useT } from "~/utils/use-t";

/** Heatmap colours: a light-to-dark blue scale over scores 0…5, text switching to white on dark cells. */
const HEAT_STOPS = ["#f1f6fc", "#d3e3f5", "#a9c8ea", "#6fa3d8", "#3b78bd", "#1b4f8f"] as const;

export function heatStyle(score: number | null): CSSProperties | undefined {
  if (score === null) return undefined;
  const index = Math.max(0, Math.min(HEAT_STOPS.length - 1, Math.floor(score)));
  return { backgroundColor: HEAT_STOPS[index], color: index >= 4 ? "#ffffff" : undefined };
}

function Cell({ cell, minGroup }: { cell: SectorCell; minGroup: number }) {
  const t = useT();
  const locale = useLocale();
  const text = cellText(cell, locale);
  if (text !== null && text !== "") return <>{text}</>;
  const reason = cell.kind === "label" ? "not-listed" : suppressionReason(cell);
  const label =
    reason === "band-only" ? t("sector.common.bandOnly") : reason === "not-comparable" ? t("sector.common.notComparable") : reason === "not-listed" ? t("sector.common.notListed") : t("sector.common.suppressed", { k: minGroup });
  return (
    <span className="sector-suppressed" title={label}>
      <span aria-hidden="true">{SUPPRESSED_MARK}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

function Row({ row, minGroup, heat, header }: { row: readonly SectorCell[]; minGroup: number; heat: boolean; header?: boolean }) {
  return (
    <tr>
      {row.map((cell, index) => {
        const content = <Cell cell={cell} minGroup={minGroup} />;
        if (index === 0) return <th key={index} scope="row">{content}</th>;
        const style = heat && cell.kind === "score" ? heatStyle(cellScore(cell)) : undefined;
        return (
          <td key={index} style={style} className={cell.kind === "label" ? "sector-cell-label" : header ? "sector-cell-total" : undefined}>
            {content}
          </td>
        );
      })}
    </tr>
  );
}

export function HeatLegend() {
  const t = useT();
  return (
    <div className="sector-heat-legend">
      <span>{t("sector.industries.heatmapLegend")}</span>
      <ul aria-hidden="true">
        {HEAT_STOPS.map((color, index) => (
          <li key={color} style={{ backgroundColor: color, color: index >= 4 ? "#ffffff" : undefined }}>
            {index === HEAT_STOPS.length - 1 ? "5" : `${index}–${index + 1}`}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * One SectorTable as the page shows it: a real table (row headers, a total in <tfoot>) that scrolls
 * inside its own box at 390 px, suppressed cells as "—" with an accessible "fewer than k" label, the
 * legend and notes, and the CSV/XLSX links (only for roles that may export).
 */
export function SectorTableView({
  table,
  orgId,
  meta,
  canExport,
  variant = "plain",
  children,
}: {
  table: SectorTable;
  orgId: string;
  meta: Pick<SectorMeta, "minGroup" | "selected">;
  canExport: boolean;
  variant?: "plain" | "heatmap";
  /** A chart shown above the table. */
  children?: ReactNode;
}) {
  const t = useT();
  const titleId = `sector-table-${table.id}`;
  const heat = variant === "heatmap";
  const query = filterQuery(meta.selected, { table: table.id });
  return (
    <section className="card sector-table" aria-labelledby={titleId}>
      <div className="sector-table-head">
        <h2 id={titleId}>{table.title}</h2>
        {canExport ? (
          <p className="sector-downloads">
            <a href={`/o/${orgId}/sector/export.csv${query}`} aria-label={t("sector.common.downloadCsvLabel", { table: table.title })} className="button button-ghost button-small">
              {t("sector.common.downloadCsv")}
            </a>
            <a href={`/o/${orgId}/sector/export.xlsx${query}`} aria-label={t("sector.common.downloadXlsxLabel", { table: table.title })} className="button button-ghost button-small">
              {t("sector.common.downloadXlsx")}
            </a>
          </p>
        ) : null}
      </div>
      {children}
      {heat ? <HeatLegend /> : null}
      <div className="table-wrap sector-table-scroll" tabIndex={0} role="region" aria-label={`${table.title} · ${t("sector.common.tableScroll")}`}>
        <table className={heat ? "sector-heatmap" : undefined}>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th key={column.key} scope="col">
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, index) => (
              <Row key={index} row={row} minGroup={meta.minGroup} heat={heat} />
            ))}
          </tbody>
          {table.total ? (
            <tfoot>
              <Row row={table.total} minGroup={meta.minGroup} heat={heat} header />
            </tfoot>
          ) : null}
        </table>
      </div>
      <ul className="sector-notes small">
        {table.notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </section>
  );
}
