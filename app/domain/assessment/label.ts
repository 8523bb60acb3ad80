/**
 * What identifies one assessment among several of the same period (issue 13, ADR 0022).
 *
 * A period (the reporting year) can hold several assessments: the first submission and its
 * revisions. Each gets an edition number — "第 2 版" — counting every assessment of the period in
 * the order it was started, drafts included. Assessments are never deleted and a period has at
 * most one draft (a new one cannot start while it is open), so the numbers never change and the
 * open draft always carries the highest one. The label then adds the submission date (a draft
 * says it is a draft instead), with the year only when it differs from the period.
 */

export interface EditionSource {
  id: string;
  period: string;
  createdAt: Date | string;
}

export interface LabelParts {
  period: string;
  edition: number;
  status: "DRAFT" | "SUBMITTED";
  submittedAt: Date | string | null;
}

/** Edition numbers (1, 2, …) of every assessment in `rows`, per period by start time, ties by id. */
export function editionNumbers(rows: readonly EditionSource[]): Map<string, number> {
  const byPeriod = new Map<string, EditionSource[]>();
  for (const row of rows) byPeriod.set(row.period, [...(byPeriod.get(row.period) ?? []), row]);
  const editions = new Map<string, number>();
  for (const group of byPeriod.values()) {
    group.sort((a, b) => time(a.createdAt) - time(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    group.forEach((row, index) => editions.set(row.id, index + 1));
  }
  return editions;
}

function time(value: Date | string): number {
  return (typeof value === "string" ? new Date(value) : value).getTime();
}
