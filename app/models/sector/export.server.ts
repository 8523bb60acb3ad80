/**
 * The authority exports (GET /o/:orgId/sector/export.csv|.xlsx?table=<id>&<filters>): the very
 * table the page shows for the same filters, flattened by app/domain/sector/export (codes and
 * names, values at the page's precision, a flag per value), as UTF-8 CSV with BOM or XLSX with a
 * notes sheet (scope, period, version, method, flags, licence). Schema: docs/open-data.md.
 *
 * Refusals are plain text (a resource route has no error boundary): no table 400, unknown table 404,
 * a bad filter 400/403, a table over SECTOR_EXPORT_MAX_ROWS 413. They read nothing and change nothing.
 */
import ExcelJS from "exceljs";
import { parseSectorFilters } from "~/domain/sector/filters";
import { exportRowCount, flattenTable, toCsv, type FlatTable } from "~/domain/sector/export";
import type { SectorTable } from "~/domain/sector/table";
import type { JurisdictionContext } from "~/utils/guard.server";
import { getEnv } from "~/utils/env.server";
import { downloadRefusal, safeAscii, safeFileNamePart, shanghaiWallClock, styleHeaderRow, xlsxDownload } from "~/utils/xlsx.server";
import { sectorSetup } from "./common.server";
import { buildExportTable, isExportableTable } from "./registry.server";

export type ExportFormat = "csv" | "xlsx";

export async function sectorDownload(context: JurisdictionContext, format: ExportFormat): Promise<Response> {
  const { request, jurisdiction, t, locale } = context;
  const searchParams = new URL(request.url).searchParams;
  const tableId = searchParams.get("table")?.trim() ?? "";
  if (tableId === "") return downloadRefusal(400, t("sector.export.missingTable"));
  if (!isExportableTable(tableId)) return downloadRefusal(404, t("sector.export.unknownTable", { table: tableId.slice(0, 40) }));
  const parsed = parseSectorFilters(searchParams, jurisdiction);
  if (!parsed.ok) return downloadRefusal(parsed.reason === "unknown-code" ? 400 : 403, t(`sector.errors.${parsed.reason}.${parsed.field}`, { code: parsed.code }));
  // The period is fixed first, so the table and the file name speak of the same year.
  const setup = await sectorSetup(jurisdiction, parsed.filters, t, locale);
  const filters = { ...parsed.filters, period: setup.period };
  const table = await buildExportTable(tableId, jurisdiction, filters, t, locale);
  if (!table) return downloadRefusal(404, t("sector.export.unknownTable", { table: tableId }));
  const max = getEnv().SECTOR_EXPORT_MAX_ROWS;
  const rows = exportRowCount(table);
  if (rows > max) return downloadRefusal(413, t("sector.export.tooLarge", { rows, max }));

  const flat = flattenTable(
    table,
    (label) => t("sector.export.flagColumn", { label }),
    (label) => t("sector.export.codeColumn", { label }),
  );
  const stem = [table.id, jurisdiction.regionCode, setup.period ?? "none"].join("_");
  if (format === "csv") {
    return new Response(toCsv(flat), {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${safeAscii(stem)}.csv"; filename*=UTF-8''${encodeURIComponent(`${safeFileNamePart(table.title)}.csv`)}`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  }
  const workbook = buildWorkbook(table, flat, context, { period: setup.period, version: setup.version?.version ?? null, scope: setup.context.scope, minGroup: setup.context.rules.minGroup });
  return xlsxDownload(workbook, `${safeFileNamePart(table.title)}.xlsx`, `${safeAscii(stem)}.xlsx`);
}

function buildWorkbook(table: SectorTable, flat: FlatTable, { t }: JurisdictionContext, meta: { period: string | null; version: string | null; scope: string; minGroup: number }) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t("app.name");
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(t("sector.export.sheetData"), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = flat.columns.map((column) => ({
    header: column.label,
    key: column.key,
    width: column.type === "text" ? 24 : column.type === "flag" ? 8 : 12,
    style: column.type === "decimal" ? { numFmt: "0.00" } : column.type === "integer" ? { numFmt: "0" } : {},
  }));
  styleHeaderRow(sheet.getRow(1));
  for (const row of flat.rows) sheet.addRow(row.map((value) => value ?? null));

  const notes = workbook.addWorksheet(t("sector.export.sheetNotes"));
  notes.columns = [
    { key: "name", width: 24 },
    { key: "value", width: 100 },
  ];
  const rows: [string, string][] = [
    [t("sector.export.notesTitle"), `${table.title} (${table.id})`],
    [t("sector.export.notesScope"), meta.scope],
    [t("sector.export.notesPeriod"), meta.period ?? "—"],
    [t("sector.export.notesVersion"), meta.version ?? "—"],
    [t("sector.export.notesCreated"), shanghaiWallClock(new Date()).toISOString().slice(0, 16).replace("T", " ")],
    ...table.notes.map((note): [string, string] => ["", note]),
    ["", t("sector.export.notesFlags", { k: meta.minGroup })],
    ["", t("sector.export.notesLicence")],
    ["", t("sector.export.notesSchema")],
    ...flat.columns.map((column): [string, string] => [column.key, column.label]),
  ];
  for (const [name, value] of rows) notes.addRow({ name, value });
  notes.getColumn("value").alignment = { wrapText: true, vertical: "top" };
  return workbook;
}
