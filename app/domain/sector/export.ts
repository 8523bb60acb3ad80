/**
 * A SectorTable as a flat, typed open-data table (docs/open-data.md): the CSV and the XLSX write
 * exactly these columns and values. Pure.
 *
 *   label column `k`      → `k_code` (stable code: GB/T 4754 division, GB/T 2260 region, size band,
 *                           period, level "L3", item id; "total" on the total row) and `k` (the name)
 *   value column `k`      → `k` (the published value, at the precision the page shows) and `k_flag`:
 *                             ""  published as shown
 *                             "c" confidential: not published (fewer than k contributors, or
 *                                 suppressed so that it cannot be worked out from the total)
 *                             "r" range: a median from fewer than 20 contributors, published as
 *                                 "low-high" (e.g. "1.50-2.00")
 *
 * Counts are perturbed whole numbers (cell-key method), shares whole percent, scores and changes
 * two decimals. Nothing else about the table leaves the server.
 */
import type { SectorCell, SectorTable } from "./table";

export type ExportFlag = "" | "c" | "r";
export type ExportValue = string | number | null;

export interface ExportColumn {
  key: string;
  /** The translated header (XLSX). */
  label: string;
  type: "code" | "text" | "integer" | "decimal" | "flag";
}

export interface FlatTable {
  columns: ExportColumn[];
  rows: ExportValue[][];
}

/** Whether a column holds labels (codes and names) rather than values: decided by its cells. */
function isLabelColumn(table: SectorTable, index: number): boolean {
  const cells = [...table.rows, ...(table.total ? [table.total] : [])]
    .map((row) => row[index])
    .filter((cell): cell is SectorCell => cell !== undefined);
  return cells.length > 0 && cells.every((cell) => cell.kind === "label");
}

function valueType(table: SectorTable, index: number): "integer" | "decimal" {
  const cell = [...table.rows, ...(table.total ? [table.total] : [])]
    .map((row) => row[index])
    .find((candidate) => candidate !== undefined);
  return cell?.kind === "score" || cell?.kind === "change"
    ? "decimal"
    : "integer";
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** One cell as [value, flag]: the value at the page's precision, or null with the reason as a flag. */
export function exportCell(
  cell: SectorCell | undefined
): [ExportValue, ExportFlag] {
  if (!cell) return [null, "c"];
  switch (cell.kind) {
    case "label":
      return [cell.label, ""];
    case "count":
      return cell.value.status === "ok" ? [cell.value.value, ""] : [null, "c"];
    case "share":
      return cell.value.status === "ok"
        ? [cell.value.percent, ""]
        : [null, "c"];
    case "score": {
      const value = cell.value;
      if (value.status === "ok") return [round2(value[cell.pick]), ""];
      if (value.status === "band" && cell.pick === "p50")
        return [
          `${value.medianFrom.toFixed(2)}-${value.medianTo.toFixed(2)}`,
          "r",
        ];
      return [null, "c"];
    }
    case "change":
      return cell.value === null ? [null, "c"] : [round2(cell.value), ""];
  }
}

/** The table's columns and rows as they are exported (the total row last). */
export function flattenTable(
  table: SectorTable,
  flagLabel: (label: string) => string,
  codeLabel: (label: string) => string
): FlatTable {
  const columns: ExportColumn[] = [];
  const plan = table.columns.map((column, index) => {
    if (isLabelColumn(table, index)) {
      columns.push(
        {
          key: `${column.key}_code`,
          label: codeLabel(column.label),
          type: "code",
        },
        { key: column.key, label: column.label, type: "text" }
      );
      return "label" as const;
    }
    columns.push(
      { key: column.key, label: column.label, type: valueType(table, index) },
      {
        key: `${column.key}_flag`,
        label: flagLabel(column.label),
        type: "flag",
      }
    );
    return "value" as const;
  });
  const rows = [...table.rows, ...(table.total ? [table.total] : [])].map(
    (row) =>
      plan.flatMap((kind, index): ExportValue[] => {
        const cell = row[index];
        if (kind === "label")
          return cell?.kind === "label"
            ? [cell.code, cell.label]
            : [null, null];
        const [value, flag] = exportCell(cell);
        return [value, flag];
      })
  );
  return { columns, rows };
}

/** Number of data rows an export of the table writes. */
export function exportRowCount(table: SectorTable): number {
  return table.rows.length + (table.total ? 1 : 0);
}

function csvField(value: ExportValue, type: ExportColumn["type"]): string {
  if (value === null) return "";
  const text =
    typeof value === "number"
      ? type === "decimal"
        ? value.toFixed(2)
        : String(value)
      : value;
  // Formula injection: a text cell starting with = + - @ is written with a leading apostrophe.
  const safe =
    typeof value === "string" && type !== "decimal" && /^[=+\-@\t\r]/.test(text)
      ? `'${text}`
      : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180 CSV with a UTF-8 byte-order mark (Excel opens Chinese text correctly) and CRLF line ends; machine keys as header. */
export function toCsv(flat: FlatTable): string {
  const lines = [
    flat.columns.map((column) => column.key).join(","),
    ...flat.rows.map((row) =>
      row
        .map((value, index) => csvField(value, flat.columns[index]!.type))
        .join(",")
    ),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
