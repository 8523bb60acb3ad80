/**
 * Excel export of the clients table (resource route, GET /o/:orgId/clients/export.xlsx?<the
 * table's filters and order>): every matching row, not just one page. Scores only for active
 * clients, as on the page; each active client exported gets an entry in its audit log.
 */
import ExcelJS from "exceljs";
import { industryName } from "~/domain/reference/industries";
import { regionLabel } from "~/domain/reference/regions";
import { parsePortfolioQuery, portfolioPage } from "~/domain/portfolio/rows";
import { displayScore } from "~/domain/scoring";
import { assessmentLabelsByIds } from "~/models/assessment.server";
import { auditClients, loadPortfolioRecords, portfolioDimensions } from "~/models/portfolio.server";
import { changeWords } from "~/utils/difference-words";
import { guard } from "~/utils/guard.server";
import { isMessageKey, type AppLocale, type Translate } from "~/utils/i18n";
import { downloadRefusal, shanghaiWallClock, styleHeaderRow, xlsxDownload } from "~/utils/xlsx.server";

export const loader = /* @__PURE__ */ guard("clients:read", async ({ request, org, auth, locale, t }) => {
  if (org.kind !== "CONSULTANCY") return downloadRefusal(404, t("errors.notFoundText"));
  const parsed = parsePortfolioQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return downloadRefusal(400, isMessageKey(parsed.message) ? t(parsed.message) : t("portfolio.errors.invalid"));
  const [records, dimensions] = await Promise.all([loadPortfolioRecords(org.id), portfolioDimensions(locale)]);
  const now = new Date();
  const page = portfolioPage(records, { ...parsed.query, page: 1 }, now, Number.MAX_SAFE_INTEGER);
  const exported = new Set(page.rows.flatMap((row) => (row.kind === "active" ? [row.clientId] : [])));
  await auditClients(
    records.filter((record) => exported.has(record.factoryId)),
    { consultancyId: org.id, userId: auth.user.id, userName: auth.user.displayName, action: "portfolio.export", target: `clients:export GET /o/${org.id}/clients/export.xlsx` },
  );

  const date = shanghaiWallClock(now).toISOString().slice(0, 10);
  // The latest assessment by its edition label (ADR 0022), not the bare year.
  const labels = await assessmentLabelsByIds(page.rows.flatMap((row) => (row.kind === "active" && row.latest ? [row.latest.assessmentId] : [])), locale);
  return xlsxDownload(buildWorkbook(page.rows, dimensions, labels, t, locale), t("portfolio.xlsx.fileName", { date }), `clients-${date}.xlsx`);
});

const scoreNumber = (score: number | null | undefined) => (score === null || score === undefined ? null : Number(displayScore(score, 2)));

function buildWorkbook(rows: ReturnType<typeof portfolioPage>["rows"], dimensions: { id: string; name: string }[], labels: Map<string, string>, t: Translate, locale: AppLocale) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t("app.name");
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(t("portfolio.xlsx.sheet"), { views: [{ state: "frozen", ySplit: 1, xSplit: 1 }] });
  sheet.columns = [
    { header: t("portfolio.xlsx.name"), key: "name", width: 30 },
    { header: t("portfolio.xlsx.creditCode"), key: "creditCode", width: 22 },
    { header: t("portfolio.xlsx.engagement"), key: "engagement", width: 12 },
    { header: t("portfolio.xlsx.industry"), key: "industry", width: 24 },
    { header: t("portfolio.xlsx.region"), key: "region", width: 22 },
    { header: t("portfolio.xlsx.size"), key: "size", width: 8 },
    { header: t("portfolio.xlsx.latest"), key: "latest", width: 26 },
    { header: t("portfolio.xlsx.level"), key: "level", width: 8 },
    { header: t("portfolio.xlsx.overall"), key: "overall", width: 10 },
    ...dimensions.map((dimension) => ({ header: dimension.name, key: `dim:${dimension.id}`, width: 12 })),
    { header: t("portfolio.xlsx.validatedLevel"), key: "validatedLevel", width: 10 },
    { header: t("portfolio.xlsx.validatedOverall"), key: "validatedOverall", width: 12 },
    { header: t("portfolio.xlsx.state"), key: "state", width: 12 },
    { header: t("portfolio.xlsx.draft"), key: "draft", width: 12 },
    // The change in words, as on the page (ADR 0022), and as a number to sort by, its sign named in the header.
    { header: t("portfolio.xlsx.change"), key: "change", width: 16 },
    { header: t("portfolio.xlsx.changeValue"), key: "changeValue", width: 16 },
    { header: t("portfolio.xlsx.activity"), key: "activity", width: 18 },
  ];
  for (const row of rows) {
    if (row.kind !== "active") {
      sheet.addRow({ name: row.name ?? "", creditCode: row.creditCode ?? "", engagement: t(`portfolio.status.${row.status}`) });
      continue;
    }
    const added = sheet.addRow({
      name: row.name,
      engagement: t(`portfolio.status.${row.status}`),
      industry: row.industryCode ? `${row.industryCode} ${industryName(row.industryCode, locale)}` : null,
      region: row.regionCode ? regionLabel(row.regionCode, locale) : null,
      size: row.sizeBand ? t(`sizeBand.${row.sizeBand}`) : null,
      latest: row.latest ? (labels.get(row.latest.assessmentId) ?? row.latest.period) : null,
      level: row.latest?.level ?? null,
      overall: scoreNumber(row.latest?.overall),
      ...Object.fromEntries(dimensions.map((dimension) => [`dim:${dimension.id}`, scoreNumber(row.dimensions[dimension.id])])),
      validatedLevel: row.validated?.level ?? null,
      validatedOverall: scoreNumber(row.validated?.overall),
      state: t(`portfolio.rowState.${row.state}`),
      draft: row.draftInProgress ? t("portfolio.xlsx.yes") : null,
      change: row.change === null ? null : changeWords(t, locale, row.change),
      changeValue: row.change,
      // Excel dates have no zone: the wall-clock time in Asia/Shanghai, as every page shows.
      activity: row.lastActivity ? new Date(new Date(row.lastActivity).getTime() + 8 * 3_600_000) : null,
    });
    for (const key of ["overall", "validatedOverall", "changeValue", ...dimensions.map((d) => `dim:${d.id}`)]) added.getCell(key).numFmt = "0.00";
    added.getCell("activity").numFmt = "yyyy-mm-dd hh:mm";
  }
  styleHeaderRow(sheet.getRow(1));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } };
  return workbook;
}
