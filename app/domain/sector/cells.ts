/**
 * How a SectorCell reads on the page (the exports write the same values, see docs/open-data.md),
 * and the chart rows the pages draw from a published table. Pure and isomorphic: the charts use
 * nothing but the table the page also prints.
 */
import { LEVEL_COUNT } from "~/domain/disclosure/types";
import type { SectorCell, SectorTable } from "./table";

/** The mark of a value that is not published ("fewer than k"), with an accessible label beside it. */
export const SUPPRESSED_MARK = "—";

export function formatScore(value: number): string {
  return value.toFixed(2);
}

export function formatChange(value: number): string {
  return `${value > 0 ? "+" : value < 0 ? "−" : "±"}${Math.abs(value).toFixed(2)}`;
}

/** The text of a cell, or null when it is suppressed (the page then shows SUPPRESSED_MARK with a label). */
export function cellText(cell: SectorCell, locale: string): string | null {
  switch (cell.kind) {
    case "label":
      return cell.label;
    case "count":
      return cell.value.status === "ok" ? new Intl.NumberFormat(locale).format(cell.value.value) : null;
    case "share":
      return cell.value.status === "ok" ? `${cell.value.percent}%` : null;
    case "score": {
      const value = cell.value;
      if (value.status === "ok") return formatScore(value[cell.pick]);
      if (value.status === "band" && cell.pick === "p50") return `${formatScore(value.medianFrom)}–${formatScore(value.medianTo)}`;
      return null;
    }
    case "change":
      return cell.value === null ? null : formatChange(cell.value);
  }
}

/** Why a cell shows no value: fewer than k contributors, or (a quartile) fewer than the quantile minimum. */
export function suppressionReason(cell: SectorCell): "fewer-than-k" | "band-only" | "not-comparable" | null {
  if (cellText(cell, "en") !== null) return null;
  if (cell.kind === "score" && cell.value.status === "band") return "band-only";
  if (cell.kind === "change") return "not-comparable";
  if (cell.kind === "label") return null;
  return "fewer-than-k";
}

/** A number for a cell's colour scale (heatmap): exact median, or the middle of a band. */
export function cellScore(cell: SectorCell | undefined): number | null {
  if (!cell || cell.kind !== "score") return null;
  const value = cell.value;
  if (value.status === "ok") return value[cell.pick];
  if (value.status === "band" && cell.pick === "p50") return (value.medianFrom + value.medianTo) / 2;
  return null;
}

export interface LevelBarRow {
  code: string;
  label: string;
  /** Index = level 0…5: whole percent, or null when suppressed. */
  shares: (number | null)[];
}

/**
 * The stacked level bars of a levels-by-… table: its rows and total (columns: label, factories,
 * L0 … L5 share). Rows whose count is suppressed are left out of the chart (the table shows them).
 */
export function levelBarRows(table: SectorTable): LevelBarRow[] {
  const rows = [...table.rows, ...(table.total ? [table.total] : [])];
  return rows.flatMap((row) => {
    const [label, count, ...shares] = row;
    if (label?.kind !== "label" || count?.kind !== "count" || count.value.status !== "ok") return [];
    return [
      {
        code: label.code,
        label: label.label,
        shares: Array.from({ length: LEVEL_COUNT }, (_, level) => {
          const cell = shares[level];
          return cell?.kind === "share" && cell.value.status === "ok" ? cell.value.percent : null;
        }),
      },
    ];
  });
}

/** Query string of the filters to carry into links (sub-navigation, exports): only the four filter names. */
export function filterQuery(selected: Readonly<Record<"industry" | "region" | "size" | "period", string | null>>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(selected)) if (value !== null && value !== "") params.set(name, value);
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}
