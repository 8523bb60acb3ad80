/**
 * The one way an assessment is named on every page: "2026 · 第 2 版 · 11月29日" /
 * "2026 · revision 2 · Nov 29" (a draft: "2026 · 第 3 版 · 草稿"). The edition numbering is domain
 * logic (app/domain/assessment/label.ts); this only words it. Loaders build the label on the server
 * so the browser renders the same text (dates are formatted in Asia/Shanghai, like everywhere else).
 */
import { editionNumbers, type EditionSource, type LabelParts } from "~/domain/assessment/label";
import { formatDate, type AppLocale, type Translate } from "~/utils/i18n";

export type LabelStyle = "full" | "short";

export function assessmentLabel(t: Translate, locale: AppLocale, parts: LabelParts, style: LabelStyle = "full"): string {
  const vars = { period: parts.period, edition: parts.edition };
  if (style === "short") return t("assessment.label.short", vars);
  if (parts.status === "DRAFT" || parts.submittedAt === null) return t("assessment.label.draft", vars);
  return t("assessment.label.full", { ...vars, date: submissionDay(locale, parts.period, parts.submittedAt) });
}

/** Labels for a list of one organisation's assessments: the list itself numbers the editions (no query per row). */
export function assessmentLabels(
  t: Translate,
  locale: AppLocale,
  rows: readonly (EditionSource & Omit<LabelParts, "edition">)[],
  style: LabelStyle = "full",
): Map<string, string> {
  const editions = editionNumbers(rows);
  return new Map(rows.map((row) => [row.id, assessmentLabel(t, locale, { ...row, edition: editions.get(row.id)! }, style)]));
}

/** Day and month; the year too when the submission fell outside the reporting year (e.g. a 2025 assessment in January 2026). */
function submissionDay(locale: AppLocale, period: string, submittedAt: Date | string): string {
  const date = typeof submittedAt === "string" ? new Date(submittedAt) : submittedAt;
  const sameYear = formatDate(locale, date, "year").replace(/\D/g, "") === period;
  return formatDate(locale, date, sameYear ? "monthDay" : "yearMonthDay");
}
