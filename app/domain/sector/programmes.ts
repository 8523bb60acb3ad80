/**
 * Programme readiness (专项就绪度): the share of factories whose overall score meets a programme's
 * threshold, per industry, district/city and size band. Thresholds (docs/open-data.md,
 * ../shared/notes/assessment-standards.md, [checked] there): Zhejiang's 2025 notice asks for a
 * 数字化水平 ≥ 2.0 for 数字化车间 / 智能工厂 projects and ≥ 3.0 for 未来工厂 pilots. Our overall score is
 * on the same 0–5 scale but is a self-assessment on this platform's questionnaire, not the
 * province's evaluation: the pages call the share an indication, never a list of eligible firms.
 *
 * Every share comes from publishThresholdShare; a row's shares are shown only where its count is
 * published (one count column with complementary suppression against the total). Pure.
 */
import { OVERALL_ITEM_ID } from "~/domain/benchmark/statistics";
import {
  publishCountColumn,
  publishThresholdShare,
  QUANTILE_MIN_N,
  type DisclosureRules,
} from "~/domain/disclosure";
import type { PublishedCount, RawGroup } from "~/domain/disclosure/types";
import type { SectorCell, SectorTable } from "./table";

export interface ProgrammeThreshold {
  id: "overall_ge_2" | "overall_ge_3";
  /** In hundredths: 200 = 2.00. */
  atLeastHundredths: number;
}

export const PROGRAMME_THRESHOLDS: readonly ProgrammeThreshold[] = [
  { id: "overall_ge_2", atLeastHundredths: 200 },
  { id: "overall_ge_3", atLeastHundredths: 300 },
];

export type ProgrammeBreakdown = "industry" | "region" | "size";

export type ProgrammeTextKey =
  | "sector.programmes.tableTitle"
  | `sector.programmes.by.${ProgrammeBreakdown}`
  | `sector.programmes.threshold.${ProgrammeThreshold["id"]}`
  | "sector.programmes.factories"
  | "sector.programmes.total"
  | "sector.programmes.notes.source"
  | "sector.programmes.notes.estimate"
  | "sector.programmes.notes.suppressed"
  | "sector.programmes.notes.scope"
  | "sector.programmes.notes.hidden"
  | "sector.programmes.notes.synthetic";

export type ProgrammeText = (
  key: ProgrammeTextKey,
  vars?: Record<string, string | number>
) => string;

export interface ProgrammeRow {
  code: string;
  label: string;
  group: RawGroup;
}

export interface ProgrammeInput {
  breakdown: ProgrammeBreakdown;
  rows: readonly ProgrammeRow[];
  /** The whole filtered group: the total row. */
  total: RawGroup;
  /** Leave out rows whose count is not published (the 31 divisions), counted in a note. */
  hideSuppressed: boolean;
  rules: DisclosureRules;
  text: ProgrammeText;
  period: string;
  version: string;
  /** The filtered group in words. */
  scope: string;
}

const SUPPRESSED: PublishedCount = { status: "suppressed" };

function sharesOf(
  group: RawGroup,
  n: PublishedCount,
  rules: DisclosureRules
): SectorCell[] {
  return PROGRAMME_THRESHOLDS.map((threshold) => ({
    kind: "share" as const,
    value:
      n.status === "ok"
        ? publishThresholdShare(
            group,
            OVERALL_ITEM_ID,
            threshold.atLeastHundredths,
            rules
          )
        : { status: "suppressed" as const },
  }));
}

/** The readiness of the rows' groups: factories and the share meeting each threshold, with the total. */
export function programmeTable(input: ProgrammeInput): SectorTable {
  const { text, rules } = input;
  const column = publishCountColumn(
    input.rows.map((row) => row.group),
    input.total,
    rules
  );
  const published = input.rows.map((row, index) => ({
    row,
    n: column.cells[index] ?? SUPPRESSED,
  }));
  const shown = input.hideSuppressed
    ? published.filter((entry) => entry.n.status === "ok")
    : published;
  const hidden = published.length - shown.length;
  const notes = [
    text("sector.programmes.notes.scope", {
      scope: input.scope,
      period: input.period,
      version: input.version,
    }),
    text("sector.programmes.notes.source"),
    text("sector.programmes.notes.estimate"),
    text("sector.programmes.notes.suppressed", {
      k: rules.minGroup,
      n: QUANTILE_MIN_N,
    }),
  ];
  if (hidden > 0)
    notes.push(
      text("sector.programmes.notes.hidden", {
        count: hidden,
        k: rules.minGroup,
      })
    );
  if (
    input.total.synthetic > 0 ||
    input.rows.some((row) => row.group.synthetic > 0)
  )
    notes.push(text("sector.programmes.notes.synthetic"));
  return {
    id: `programmes-by-${input.breakdown}`,
    title: text("sector.programmes.tableTitle", {
      by: text(`sector.programmes.by.${input.breakdown}`),
      period: input.period,
    }),
    columns: [
      {
        key: input.breakdown,
        label: text(`sector.programmes.by.${input.breakdown}`),
      },
      { key: "factories", label: text("sector.programmes.factories") },
      ...PROGRAMME_THRESHOLDS.map((threshold) => ({
        key: `share_${threshold.id}_pct`,
        label: text(`sector.programmes.threshold.${threshold.id}`),
      })),
    ],
    rows: shown.map(({ row, n }) => [
      { kind: "label", code: row.code, label: row.label },
      { kind: "count", value: n },
      ...sharesOf(row.group, n, rules),
    ]),
    total: [
      { kind: "label", code: "total", label: text("sector.programmes.total") },
      { kind: "count", value: column.total },
      ...sharesOf(input.total, column.total, rules),
    ],
    notes,
  };
}
