/**
 * Excel downloads (assessment export, diagnostic report, portfolio): the response with a file name
 * browsers on every system accept, the refusal a resource route answers with, and the row styles
 * and date convention the workbooks share.
 */
import type ExcelJS from "exceljs";

const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A workbook as a download: `fileName` in the user's language, `asciiFallback` for old clients. */
export async function xlsxDownload(workbook: ExcelJS.Workbook, fileName: string, asciiFallback: string): Promise<Response> {
  const buffer = await workbook.xlsx.writeBuffer();
  return new Response(new Uint8Array(buffer as ArrayBuffer), {
    status: 200,
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": contentDisposition(fileName, asciiFallback),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * A resource route has no error boundary: a thrown `data()` would reach the browser as
 * "Unexpected Server Error" JSON (and be logged as a server error). Refusals are plain text instead.
 */
export function downloadRefusal(status: 400 | 403 | 404 | 409 | 413, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });
}

export function styleHeaderRow(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { vertical: "middle", wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE3EEFA" } };
    cell.border = { bottom: { style: "thin", color: { argb: "FF8A96A8" } } };
  });
}

export function styleSectionRow(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.border = { bottom: { style: "thin", color: { argb: "FFD5DCE5" } } };
  });
}

/**
 * Excel dates have no time zone: write the wall-clock time in Asia/Shanghai (UTC+8, no daylight
 * saving), the zone every page of the app shows dates in.
 */
export function shanghaiWallClock(date: Date) {
  return new Date(date.getTime() + 8 * 60 * 60 * 1000);
}

/** Characters Windows, macOS or the header syntax do not accept in a file name. */
// eslint-disable-next-line no-control-regex
const UNSAFE_FILE_NAME_CHARACTERS = /[\u0000-\u001f\u007f\\/:*?"<>|]+/g;

export function safeFileNamePart(value: string) {
  return value.replace(UNSAFE_FILE_NAME_CHARACTERS, "_").trim().slice(0, 80) || "_";
}

export function safeAscii(value: string) {
  return value.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 40) || "export";
}

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name, with every non-attr-char percent-encoded. */
function contentDisposition(fileName: string, fallback: string) {
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
