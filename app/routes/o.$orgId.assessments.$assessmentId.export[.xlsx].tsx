/**
 * Excel export of a submitted assessment (resource route, GET /o/:orgId/assessments/:id/export.xlsx):
 * sheet 1 the summary (factory, period, scores), sheet 2 one row per question. Headers are in the
 * user's language; scores and values are real numbers so the factory can calculate with them.
 */
import ExcelJS from "exceljs";
import { z } from "zod";
import { displayScore } from "~/domain/scoring";
import { assessmentReport, type AssessmentReport } from "~/models/assessment-report.server";
import { guard } from "~/utils/guard.server";
import type { Translate } from "~/utils/i18n";
import { downloadRefusal, safeAscii, safeFileNamePart, shanghaiWallClock, styleHeaderRow, styleSectionRow, xlsxDownload } from "~/utils/xlsx.server";

const idSchema = z.uuid();

export const loader = /* @__PURE__ */ guard("assessment:read", async ({ params, org, locale, t }) => {
  const id = idSchema.safeParse(params.assessmentId);
  if (!id.success) return downloadRefusal(404, t("errors.notFoundText"));
  const outcome = await assessmentReport(org.id, id.data, locale);
  if (outcome.status === "not-found") return downloadRefusal(404, t("errors.notFoundText"));
  if (outcome.status === "not-submitted") return downloadRefusal(409, t("assessment.errors.notSubmitted"));
  const { report } = outcome;

  const fileName = t("assessment.xlsx.fileName", { factory: safeFileNamePart(report.organization.legalName), label: safeFileNamePart(report.shortLabel) });
  return xlsxDownload(buildWorkbook(report, t), fileName, `assessment-${safeAscii(report.period)}.xlsx`);
});

/** Scores as numbers, cut down to two decimals exactly as the pages show them (never rounded up to a level). */
const scoreNumber = (score: number | null) => (score === null ? null : Number(displayScore(score, 2)));

function buildWorkbook(report: AssessmentReport, t: Translate) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t("app.name");
  workbook.created = new Date();
  workbook.title = t("assessment.report.title");

  // ---- Sheet 1: summary --------------------------------------------------------------------
  const summary = workbook.addWorksheet(t("assessment.xlsx.summarySheet"), { views: [{ state: "frozen", ySplit: 1 }] });
  summary.columns = [
    { header: t("assessment.xlsx.field"), key: "field", width: 28 },
    { header: t("assessment.xlsx.content"), key: "content", width: 44 },
    { header: t("assessment.xlsx.id"), key: "id", width: 34 },
  ];
  const add = (field: string, content: string | number | Date, id?: string) => summary.addRow({ field, content, id: id ?? null });
  const addScore = (field: string, score: number | null, id?: string) => {
    const row = add(field, scoreNumber(score) ?? t("assessment.results.insufficient"), id);
    row.getCell("content").numFmt = "0.00";
    return row;
  };

  add(t("assessment.report.factory"), report.organization.legalName);
  add(t("assessment.report.industry"), report.organization.industry ?? t("assessment.report.notProvided"));
  add(t("assessment.report.region"), report.organization.region ?? t("assessment.report.notProvided"));
  add(t("assessment.report.sizeBand"), report.organization.sizeBand ? t(`sizeBand.${report.organization.sizeBand}`) : t("assessment.report.notProvided"));
  add(t("assessment.period"), report.period);
  add(t("assessment.labelField"), report.label);
  add(t("assessment.columns.version"), report.version);
  const submitted = add(t("assessment.report.submittedAt"), shanghaiWallClock(report.submittedAt));
  submitted.getCell("content").numFmt = "yyyy-mm-dd hh:mm";
  addScore(t("assessment.columns.overall"), report.overall);
  add(t("assessment.results.level"), report.level);
  add(t("assessment.xlsx.levelName"), report.levelName);

  summary.addRow([]);
  styleSectionRow(summary.addRow({ field: t("assessment.results.dimensionsTitle"), content: t("assessment.xlsx.score"), id: t("assessment.xlsx.id") }));
  for (const d of report.dimensions) addScore(d.name, d.score, d.id);

  summary.addRow([]);
  styleSectionRow(summary.addRow({ field: t("assessment.results.capabilitiesTitle"), content: t("assessment.xlsx.score"), id: t("assessment.xlsx.id") }));
  for (const c of report.capabilities) addScore(c.name, c.score, c.id);

  summary.getColumn("content").alignment = { horizontal: "left", vertical: "top" };
  summary.getColumn("field").alignment = { vertical: "top", wrapText: true };
  styleHeaderRow(summary.getRow(1));

  // ---- Sheet 2: one row per question -------------------------------------------------------
  const answers = workbook.addWorksheet(t("assessment.xlsx.answersSheet"), { views: [{ state: "frozen", ySplit: 1 }] });
  answers.columns = [
    { header: t("assessment.xlsx.questionId"), key: "id", width: 40 },
    { header: t("assessment.xlsx.number"), key: "number", width: 7 },
    { header: t("assessment.xlsx.dimension"), key: "dimension", width: 16 },
    { header: t("assessment.xlsx.capability"), key: "capability", width: 24 },
    { header: t("assessment.xlsx.question"), key: "title", width: 44 },
    { header: t("assessment.xlsx.type"), key: "type", width: 10 },
    { header: t("assessment.xlsx.value"), key: "value", width: 10 },
    { header: t("assessment.xlsx.unit"), key: "unit", width: 10 },
    { header: t("assessment.xlsx.descriptor"), key: "descriptor", width: 50 },
    { header: t("assessment.xlsx.band"), key: "band", width: 7 },
    { header: t("assessment.xlsx.na"), key: "na", width: 10 },
    { header: t("assessment.xlsx.naReason"), key: "naReason", width: 30 },
    { header: t("assessment.xlsx.note"), key: "note", width: 36 },
    { header: t("assessment.xlsx.evidence"), key: "evidence", width: 48 },
  ];
  for (const answer of report.answers) {
    answers.addRow({
      id: answer.id,
      number: answer.number,
      dimension: answer.dimension,
      capability: answer.capability,
      title: answer.title,
      type: answer.type === "kpi" ? t("assessment.xlsx.typeKpi") : t("assessment.xlsx.typeLevel"),
      value: answer.value,
      unit: answer.unit,
      descriptor: answer.descriptor,
      band: answer.band,
      na: answer.na ? t("assessment.xlsx.yes") : null,
      naReason: answer.naReason,
      note: answer.note,
      evidence: answer.evidence.length > 0 ? answer.evidence.join("\n") : null,
    });
  }
  for (const key of ["title", "capability", "descriptor", "naReason", "note", "evidence"]) answers.getColumn(key).alignment = { vertical: "top", wrapText: true };
  for (const key of ["id", "number", "dimension", "type", "value", "unit", "band", "na"]) answers.getColumn(key).alignment = { vertical: "top" };
  styleHeaderRow(answers.getRow(1));
  answers.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: answers.columnCount } };

  return workbook;
}
