/**
 * The diagnostic report as an Excel workbook (both sides' `diagnostic.xlsx`): summary, dimension
 * scores, the roadmap with the consultant's recommendations, and the differences. Headers in the
 * user's language; scores are numbers (cut to two decimals as the pages show them).
 */
import ExcelJS from "exceljs";
import { displayScore } from "~/domain/scoring";
import { changeWords } from "~/utils/difference-words";
import type { AppLocale, Translate } from "~/utils/i18n";
import { safeAscii, safeFileNamePart, styleHeaderRow, styleSectionRow, xlsxDownload } from "~/utils/xlsx.server";
import type { DiagnosticReport } from "./diagnostic.server";


const scoreNumber = (score: number | null | undefined) => (score === null || score === undefined ? null : Number(displayScore(score, 2)));

export function buildDiagnosticWorkbook(report: DiagnosticReport, t: Translate, locale: AppLocale): ExcelJS.Workbook {
  const { self, validated, signature } = report;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = report.consultancy.name;
  workbook.created = new Date();
  workbook.title = t("diagnostic.reportTitle");

  // ---- summary -------------------------------------------------------------------------------
  const summary = workbook.addWorksheet(t("diagnostic.xlsx.summarySheet"), { views: [{ state: "frozen", ySplit: 1 }] });
  summary.columns = [
    { header: t("diagnostic.xlsx.field"), key: "field", width: 28 },
    { header: t("diagnostic.selfColumn"), key: "self", width: 30 },
    { header: t("diagnostic.validatedColumn"), key: "validated", width: 30 },
  ];
  const notProvided = t("assessment.report.notProvided");
  const info = (field: string, content: string | number) => summary.addRow({ field, self: content });
  info(t("diagnostic.xlsx.consultancy"), report.consultancy.name);
  info(t("diagnostic.legalName"), self.organization.legalName);
  info(t("assessment.report.industry"), self.organization.industry ?? notProvided);
  info(t("assessment.report.region"), self.organization.region ?? notProvided);
  info(t("assessment.report.sizeBand"), self.organization.sizeBand ? t(`sizeBand.${self.organization.sizeBand}`) : notProvided);
  info(t("diagnostic.assessment"), self.label);
  info(t("diagnostic.version"), self.version);
  info(t("diagnostic.xlsx.status"), signature ? t("diagnostic.xlsx.validatedStatus", { version: signature.version }) : t("diagnostic.notValidated"));
  if (signature) {
    info(t("diagnostic.signedBy"), signature.issuedByName);
    info(t("diagnostic.signedFor"), signature.consultancyName);
    info(t("diagnostic.signedAt"), signature.issuedAt.toISOString().slice(0, 10));
  }
  summary.addRow([]);
  styleSectionRow(summary.addRow({ field: t("diagnostic.summaryTitle"), self: t("diagnostic.selfColumn"), validated: t("diagnostic.validatedColumn") }));
  summary.addRow({ field: t("diagnostic.levelRow"), self: self.level, validated: validated?.level ?? t("diagnostic.notValidated") });
  const overall = summary.addRow({ field: t("diagnostic.overallRow"), self: scoreNumber(self.overall), validated: validated ? scoreNumber(validated.overall) : t("diagnostic.notValidated") });
  overall.getCell("self").numFmt = "0.00";
  overall.getCell("validated").numFmt = "0.00";
  summary.getColumn("self").alignment = { horizontal: "left", vertical: "top", wrapText: true };
  summary.getColumn("validated").alignment = { horizontal: "left", vertical: "top", wrapText: true };
  styleHeaderRow(summary.getRow(1));

  // ---- dimensions ----------------------------------------------------------------------------
  const dimensions = workbook.addWorksheet(t("diagnostic.xlsx.dimensionsSheet"), { views: [{ state: "frozen", ySplit: 1 }] });
  dimensions.columns = [
    { header: t("diagnostic.xlsx.id"), key: "id", width: 16 },
    { header: t("diagnostic.xlsx.dimension"), key: "name", width: 24 },
    { header: t("diagnostic.selfColumn"), key: "self", width: 12 },
    { header: t("diagnostic.validatedColumn"), key: "validated", width: 12 },
  ];
  for (const d of report.dimensions) {
    const row = dimensions.addRow({ id: d.id, name: d.name, self: scoreNumber(d.self), validated: scoreNumber(d.validated) });
    row.getCell("self").numFmt = "0.00";
    row.getCell("validated").numFmt = "0.00";
  }
  styleHeaderRow(dimensions.getRow(1));

  // ---- roadmap with recommendations ----------------------------------------------------------
  const roadmap = workbook.addWorksheet(t("diagnostic.xlsx.roadmapSheet"), { views: [{ state: "frozen", ySplit: 1 }] });
  roadmap.columns = [
    { header: t("diagnostic.rank"), key: "rank", width: 7 },
    { header: t("diagnostic.xlsx.id"), key: "id", width: 30 },
    { header: t("diagnostic.capability"), key: "name", width: 24 },
    { header: t("diagnostic.score"), key: "score", width: 9 },
    { header: t("diagnostic.advice"), key: "advice", width: 50 },
    { header: t("diagnostic.recommendation"), key: "recommendation", width: 60 },
  ];
  for (const row of report.roadmap) {
    roadmap.addRow({ rank: row.rank, id: row.capabilityId, name: row.name, score: scoreNumber(row.score), advice: row.advice, recommendation: row.recommendation }).getCell("score").numFmt = "0.00";
  }
  for (const key of ["name", "advice", "recommendation"]) roadmap.getColumn(key).alignment = { vertical: "top", wrapText: true };
  styleHeaderRow(roadmap.getRow(1));

  // ---- differences ---------------------------------------------------------------------------
  const differences = workbook.addWorksheet(t("diagnostic.xlsx.differencesSheet"), { views: [{ state: "frozen", ySplit: 1 }] });
  differences.columns = [
    { header: t("diagnostic.xlsx.id"), key: "id", width: 36 },
    { header: t("diagnostic.xlsx.number"), key: "number", width: 7 },
    { header: t("diagnostic.xlsx.dimensionHeader"), key: "dimension", width: 14 },
    { header: t("diagnostic.capability"), key: "capability", width: 20 },
    { header: t("diagnostic.question"), key: "title", width: 44 },
    { header: t("diagnostic.selfAnswer"), key: "selfValue", width: 10 },
    { header: t("diagnostic.validatedAnswer"), key: "validatedValue", width: 10 },
    { header: t("diagnostic.comment"), key: "comment", width: 50 },
    { header: t("diagnostic.evidenceChecked"), key: "evidenceChecked", width: 14 },
    { header: t("diagnostic.xlsx.overallEffect"), key: "overallEffect", width: 16 },
    { header: t("diagnostic.xlsx.levelEffect"), key: "levelEffect", width: 14 },
  ];
  for (const d of report.differences) {
    // In words, as on the page (ADR 0022): "下降 0.06", not a bare "-0.0612" whose sign the reader must guess.
    differences.addRow({
      ...d,
      evidenceChecked: d.evidenceChecked ? t("assessment.xlsx.yes") : null,
      overallEffect: d.overallEffect === null ? null : changeWords(t, locale, d.overallEffect),
      levelEffect: changeWords(t, locale, d.levelEffect, 0),
    });
  }
  for (const key of ["title", "capability", "comment"]) differences.getColumn(key).alignment = { vertical: "top", wrapText: true };
  styleHeaderRow(differences.getRow(1));

  return workbook;
}

/** The workbook as a download, named after the factory and period. */
export async function diagnosticWorkbookResponse(report: DiagnosticReport, t: Translate, locale: AppLocale): Promise<Response> {
  const fileName = t("diagnostic.xlsx.fileName", { factory: safeFileNamePart(report.self.organization.legalName), label: safeFileNamePart(report.self.shortLabel) });
  return xlsxDownload(buildDiagnosticWorkbook(report, t, locale), fileName, `diagnostic-${safeAscii(report.self.period)}.xlsx`);
}
