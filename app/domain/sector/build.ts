/**
 * The authority views' tables (issue 12), built from raw aggregates through app/domain/disclosure
 * only: every count, share and quantile in a SectorTable is what the disclosure module published.
 * Nothing raw is copied into a cell; shares and changes are computed from published values, so they
 * reveal nothing the published values do not. Pure: the caller passes the translator, names and k.
 *
 * Breakdown tables (by division, category, size band) share one count column with a total, so
 * complementary suppression decides once which rows are published; a row whose count is
 * suppressed shows nothing else either (its shares or medians would hint at its size).
 */
import { OVERALL_ITEM_ID } from "~/domain/benchmark/statistics";
import { publishCount, publishCountColumn, publishGroup, publishLevels, QUANTILE_MIN_N, type DisclosureRules } from "~/domain/disclosure";
import type { PublishedCount, PublishedItem, PublishedQuantiles, PublishedShare, RawCount, RawGroup } from "~/domain/disclosure/types";
import { LEVEL_COUNT } from "~/domain/disclosure/types";
import type { SectorCell, SectorColumn, SectorTable } from "./table";
import type { SectorBreakdown, SectorText } from "./text";

export interface SectorNames {
  /** Index = level 0…5: "未达级", "规划级", … of the sector's questionnaire version. */
  levels: readonly string[];
  dimensions: readonly { id: string; name: string }[];
  capabilities: readonly { id: string; name: string }[];
}

export interface SectorBuildContext {
  rules: DisclosureRules;
  text: SectorText;
  names: SectorNames;
  /** The period shown ("2026"). */
  period: string;
  /** The questionnaire version the aggregates are on ("2.0.0"). */
  version: string;
  /** The filtered group in words ("全部行业 · 上海市 · 全部规模"). */
  scope: string;
}

export interface BreakdownRow {
  /** A division code, a category id or a size band: stable, exported as is. */
  code: string;
  label: string;
  group: RawGroup;
}

export interface ChangeRow extends BreakdownRow {
  /** The same group in the previous period (null when there is none). */
  previous: RawGroup | null;
}

const SUPPRESSED: PublishedQuantiles = { status: "suppressed" };
const SUPPRESSED_COUNT: PublishedCount = { status: "suppressed" };

// ---------------------------------------------------------------------------------------------
// Cells

const labelCell = (code: string, label: string): SectorCell => ({ kind: "label", code, label });
const countCell = (value: PublishedCount): SectorCell => ({ kind: "count", value });
const shareCell = (percent: number | null): SectorCell => ({ kind: "share", value: percent === null ? { status: "suppressed" } : { status: "ok", percent } });
const scoreCell = (value: PublishedQuantiles, pick: "p25" | "p50" | "p75" | "p90" = "p50"): SectorCell => ({ kind: "score", value, pick });

/** A share of two published counts in whole percent (never above 100), suppressed when either is. */
export function shareOf(part: PublishedCount, whole: PublishedCount): PublishedShare {
  if (part.status !== "ok" || whole.status !== "ok" || whole.value <= 0) return { status: "suppressed" };
  return { status: "ok", percent: Math.min(100, Math.round((100 * part.value) / whole.value)) };
}

/** The change of a median between two periods, 2 decimals; only between two exact published medians. */
export function medianChange(current: PublishedQuantiles, previous: PublishedQuantiles): number | null {
  if (current.status !== "ok" || previous.status !== "ok") return null;
  return Math.round((current.p50 - previous.p50) * 100) / 100;
}

/** The value a published median is ranked by: exact, or the middle of its band. */
export function medianForRanking(value: PublishedQuantiles): number | null {
  if (value.status === "ok") return value.p50;
  if (value.status === "band") return (value.medianFrom + value.medianTo) / 2;
  return null;
}

function itemQuantiles(items: readonly PublishedItem[], itemId: string): PublishedQuantiles {
  return items.find((item) => item.itemId === itemId)?.quantiles ?? SUPPRESSED;
}

function levelName(context: SectorBuildContext, level: number): string {
  return `L${level} ${context.names.levels[level] ?? ""}`.trim();
}

function levelColumns(context: SectorBuildContext): SectorColumn[] {
  return Array.from({ length: LEVEL_COUNT }, (_, level) => ({ key: `level_${level}_share_pct`, label: `${levelName(context, level)} (%)` }));
}

function dimensionColumns(context: SectorBuildContext): SectorColumn[] {
  return context.names.dimensions.map((dimension) => ({ key: `median_${dimension.id.replaceAll("-", "_")}`, label: dimension.name }));
}

// ---------------------------------------------------------------------------------------------
// Notes

function commonNotes(context: SectorBuildContext, options: { counts: boolean; quantiles: boolean; synthetic: boolean }): string[] {
  const { text } = context;
  const notes = [text("sector.notes.scope", { scope: context.scope, period: context.period, version: context.version }), text("sector.notes.suppressed", { k: context.rules.minGroup })];
  if (options.counts) notes.push(text("sector.notes.perturbed"));
  if (options.quantiles) notes.push(text("sector.notes.band", { n: QUANTILE_MIN_N }));
  if (options.synthetic) notes.push(text("sector.notes.synthetic"));
  return notes;
}

// ---------------------------------------------------------------------------------------------
// Overview

export interface SectorHeadline {
  /** Factories with a submitted assessment in the period (published). */
  participating: PublishedCount;
  /** Factories registered with a profile in the scope, today (published). */
  registered: PublishedCount;
  participationShare: PublishedShare;
  overallMedian: PublishedQuantiles;
  /** The group holds synthetic (demo) factories: a flag, never a count. */
  containsSynthetic: boolean;
}

export function overviewHeadline(context: SectorBuildContext, group: RawGroup, registered: RawCount): SectorHeadline {
  const participating = publishCount(group, context.rules);
  const registeredCount = publishCount(registered, context.rules);
  const published = publishGroup(group, context.rules, [OVERALL_ITEM_ID]);
  return {
    participating,
    registered: registeredCount,
    participationShare: shareOf(participating, registeredCount),
    overallMedian: itemQuantiles(published.items, OVERALL_ITEM_ID),
    containsSynthetic: published.containsSynthetic,
  };
}

/** Registered factories (today) and those with a submitted assessment, per period, newest first. */
export function participationTable(context: SectorBuildContext, periods: readonly { period: string; group: RawGroup }[], registered: RawCount): SectorTable {
  const { text, rules } = context;
  const registeredCount = publishCount(registered, rules);
  return {
    id: "participation",
    title: text("sector.tables.participation"),
    columns: [
      { key: "period", label: text("sector.columns.period") },
      { key: "registered", label: text("sector.columns.registered") },
      { key: "participating", label: text("sector.columns.participating") },
      { key: "participation_share_pct", label: text("sector.columns.participationShare") },
    ],
    rows: periods.map(({ period, group }) => {
      const participating = publishCount(group, rules);
      const share = shareOf(participating, registeredCount);
      return [labelCell(period, period), countCell(registeredCount), countCell(participating), shareCell(share.status === "ok" ? share.percent : null)];
    }),
    notes: [...commonNotes(context, { counts: true, quantiles: false, synthetic: periods.some(({ group }) => group.synthetic > 0) }), text("sector.notes.registered")],
  };
}

/** Factories per maturity level in the period, with the total. */
export function levelsTable(context: SectorBuildContext, group: RawGroup): SectorTable {
  const { text, rules } = context;
  const levels = publishLevels(group, rules);
  return {
    id: "levels",
    title: text("sector.tables.levels", { period: context.period }),
    columns: [
      { key: "level", label: text("sector.columns.level") },
      { key: "factories", label: text("sector.columns.factories") },
      { key: "share_pct", label: text("sector.columns.share") },
    ],
    rows: levels.counts.map((count, level) => [labelCell(`L${level}`, levelName(context, level)), countCell(count), shareCell(levels.shares[level] ?? null)]),
    total: [labelCell("total", text("sector.common.total")), countCell(levels.total), shareCell(levels.total.status === "ok" ? 100 : null)],
    notes: commonNotes(context, { counts: true, quantiles: false, synthetic: group.synthetic > 0 }),
  };
}

/** P25 / median / P75 of the overall score and of every dimension in the period. */
export function dimensionMediansTable(context: SectorBuildContext, group: RawGroup): SectorTable {
  const { text, rules, names } = context;
  const items = [{ id: OVERALL_ITEM_ID, name: text("sector.common.overall") }, ...names.dimensions];
  const published = publishGroup(group, rules, items.map((item) => item.id));
  return {
    id: "dimension-medians",
    title: text("sector.tables.dimensionMedians", { period: context.period }),
    columns: [
      { key: "item", label: text("sector.columns.item") },
      { key: "factories", label: text("sector.columns.factories") },
      { key: "p25", label: text("sector.columns.p25") },
      { key: "median", label: text("sector.columns.median") },
      { key: "p75", label: text("sector.columns.p75") },
    ],
    rows: items.map((item) => {
      const published_ = published.items.find((candidate) => candidate.itemId === item.id);
      const quantiles = published_?.quantiles ?? SUPPRESSED;
      return [labelCell(item.id, item.name), countCell(published_?.n ?? SUPPRESSED_COUNT), scoreCell(quantiles, "p25"), scoreCell(quantiles, "p50"), scoreCell(quantiles, "p75")];
    }),
    notes: commonNotes(context, { counts: true, quantiles: true, synthetic: published.containsSynthetic }),
  };
}

/** Per period (oldest first): factories, overall and dimension medians, level shares. */
export function trendTable(context: SectorBuildContext, periods: readonly { period: string; group: RawGroup }[]): SectorTable {
  const { text, rules, names } = context;
  const itemIds = [OVERALL_ITEM_ID, ...names.dimensions.map((dimension) => dimension.id)];
  return {
    id: "trend",
    title: text("sector.tables.trend"),
    columns: [
      { key: "period", label: text("sector.columns.period") },
      { key: "factories", label: text("sector.columns.factories") },
      { key: "median_overall", label: text("sector.columns.overallMedian") },
      ...dimensionColumns(context),
      ...levelColumns(context),
    ],
    rows: periods.map(({ period, group }) => {
      const published = publishGroup(group, rules, itemIds);
      return [
        labelCell(period, period),
        countCell(published.n),
        ...itemIds.map((itemId) => scoreCell(itemQuantiles(published.items, itemId))),
        ...published.levels.shares.map((share, level) => shareCell(published.levels.counts[level]?.status === "ok" ? share : null)),
      ];
    }),
    notes: commonNotes({ ...context, period: periods.map((entry) => entry.period).join(", ") }, { counts: true, quantiles: true, synthetic: periods.some(({ group }) => group.synthetic > 0) }),
  };
}

// ---------------------------------------------------------------------------------------------
// Breakdowns

function breakdownColumn(context: SectorBuildContext, breakdown: SectorBreakdown): SectorColumn {
  const key = breakdown === "division" ? "industry" : breakdown;
  return { key, label: context.text(`sector.columns.${key}`) };
}

interface PublishedRow<R extends BreakdownRow> {
  row: R;
  n: PublishedCount;
}

/**
 * Which rows are published: one count column with complementary suppression against the total.
 * With `hideSuppressed` (31 divisions) rows without a published count are left out and counted in a
 * note; the count of left-out rows follows from the published rows, so it reveals nothing more.
 */
export function publishRows<R extends BreakdownRow>(context: SectorBuildContext, rows: readonly R[], total: RawGroup, hideSuppressed: boolean): { rows: PublishedRow<R>[]; total: PublishedCount; hidden: number } {
  const column = publishCountColumn(
    rows.map((row) => row.group),
    total,
    context.rules,
  );
  const published = rows.map((row, index) => ({ row, n: column.cells[index] ?? SUPPRESSED_COUNT }));
  const shown = hideSuppressed ? published.filter((entry) => entry.n.status === "ok") : published;
  return { rows: shown, total: column.total, hidden: published.length - shown.length };
}

function breakdownNotes(context: SectorBuildContext, breakdown: SectorBreakdown, hidden: number, total: RawGroup, options: { counts: boolean; quantiles: boolean }): string[] {
  const notes = commonNotes(context, { ...options, synthetic: total.synthetic > 0 });
  if (hidden > 0) notes.push(context.text("sector.notes.hiddenRows", { count: hidden, k: context.rules.minGroup, by: context.text(`sector.breakdown.${breakdown}`) }));
  return notes;
}

export interface BreakdownInput<R extends BreakdownRow = BreakdownRow> {
  breakdown: SectorBreakdown;
  rows: readonly R[];
  /** The whole filtered group (the total row). */
  total: RawGroup;
  /** Leave out rows whose count is not published (long lists: divisions). */
  hideSuppressed: boolean;
}

/** Stacked level bars as a table: factories and the share at each level, per row, with the total. */
export function levelsByTable(context: SectorBuildContext, input: BreakdownInput): SectorTable {
  const { text, rules } = context;
  const published = publishRows(context, input.rows, input.total, input.hideSuppressed);
  const sharesOf = (group: RawGroup, n: PublishedCount): SectorCell[] => {
    const levels = publishLevels(group, rules);
    return levels.shares.map((share, level) => shareCell(n.status === "ok" && levels.counts[level]?.status === "ok" ? share : null));
  };
  return {
    id: `levels-by-${input.breakdown}`,
    title: text("sector.tables.levelsBy", { by: text(`sector.breakdown.${input.breakdown}`), period: context.period }),
    columns: [breakdownColumn(context, input.breakdown), { key: "factories", label: text("sector.columns.factories") }, ...levelColumns(context)],
    rows: published.rows.map(({ row, n }) => [labelCell(row.code, row.label), countCell(n), ...sharesOf(row.group, n)]),
    total: [labelCell("total", text("sector.common.total")), countCell(published.total), ...sharesOf(input.total, published.total)],
    notes: breakdownNotes(context, input.breakdown, published.hidden, input.total, { counts: true, quantiles: false }),
  };
}

/** The heatmap: overall and dimension medians per row. */
export function mediansByTable(context: SectorBuildContext, input: BreakdownInput): SectorTable {
  const { text, rules, names } = context;
  const itemIds = [OVERALL_ITEM_ID, ...names.dimensions.map((dimension) => dimension.id)];
  const published = publishRows(context, input.rows, input.total, input.hideSuppressed);
  const mediansOf = (group: RawGroup, n: PublishedCount): SectorCell[] => {
    const items = n.status === "ok" ? publishGroup(group, rules, itemIds).items : [];
    return itemIds.map((itemId) => scoreCell(itemQuantiles(items, itemId)));
  };
  return {
    id: `medians-by-${input.breakdown}`,
    title: text("sector.tables.mediansBy", { by: text(`sector.breakdown.${input.breakdown}`), period: context.period }),
    columns: [
      breakdownColumn(context, input.breakdown),
      { key: "factories", label: text("sector.columns.factories") },
      { key: "median_overall", label: text("sector.columns.overallMedian") },
      ...dimensionColumns(context),
    ],
    rows: published.rows.map(({ row, n }) => [labelCell(row.code, row.label), countCell(n), ...mediansOf(row.group, n)]),
    total: [labelCell("total", text("sector.common.total")), countCell(published.total), ...mediansOf(input.total, published.total)],
    notes: breakdownNotes(context, input.breakdown, published.hidden, input.total, { counts: true, quantiles: true }),
  };
}

export const WEAKEST_COUNT = 3;

/** The capabilities with the lowest published medians of a group (ties: questionnaire order). */
export function weakestCapabilities(context: SectorBuildContext, group: RawGroup): { id: string; name: string; median: PublishedQuantiles }[] {
  const { names, rules } = context;
  const items = publishGroup(
    group,
    rules,
    names.capabilities.map((capability) => capability.id),
  ).items;
  return names.capabilities
    .map((capability, index) => ({ ...capability, index, median: itemQuantiles(items, capability.id) }))
    .map((entry) => ({ ...entry, rank: medianForRanking(entry.median) }))
    .filter((entry): entry is typeof entry & { rank: number } => entry.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, WEAKEST_COUNT)
    .map(({ id, name, median }) => ({ id, name, median }));
}

/** "Where support should go": the three weakest capabilities per row, each with its median. */
export function weakestByTable(context: SectorBuildContext, input: BreakdownInput): SectorTable {
  const { text } = context;
  const published = publishRows(context, input.rows, input.total, input.hideSuppressed);
  const weakestOf = (group: RawGroup, n: PublishedCount): SectorCell[] => {
    const weakest = n.status === "ok" ? weakestCapabilities(context, group) : [];
    return Array.from({ length: WEAKEST_COUNT }, (_, index) => {
      const entry = weakest[index];
      return entry ? [labelCell(entry.id, entry.name), scoreCell(entry.median)] : [labelCell("", ""), scoreCell(SUPPRESSED)];
    }).flat();
  };
  return {
    id: `weakest-by-${input.breakdown}`,
    title: text("sector.tables.weakestBy", { by: text(`sector.breakdown.${input.breakdown}`), period: context.period }),
    columns: [
      breakdownColumn(context, input.breakdown),
      { key: "factories", label: text("sector.columns.factories") },
      ...Array.from({ length: WEAKEST_COUNT }, (_, index) => [
        { key: `weakest_${index + 1}`, label: text("sector.columns.weakest", { rank: index + 1 }) },
        { key: `weakest_${index + 1}_median`, label: text("sector.columns.weakestMedian", { rank: index + 1 }) },
      ]).flat(),
    ],
    rows: published.rows.map(({ row, n }) => [labelCell(row.code, row.label), countCell(n), ...weakestOf(row.group, n)]),
    total: [labelCell("total", text("sector.common.total")), countCell(published.total), ...weakestOf(input.total, published.total)],
    notes: [...breakdownNotes(context, input.breakdown, published.hidden, input.total, { counts: true, quantiles: true }), text("sector.notes.weakest")],
  };
}

/** Year-over-year change of the overall median per row, from the published medians of both periods. */
export function changeByTable(context: SectorBuildContext, input: BreakdownInput<ChangeRow> & { previousTotal: RawGroup | null; previousPeriod: string | null }): SectorTable {
  const { text, rules } = context;
  const published = publishRows(context, input.rows, input.total, input.hideSuppressed);
  const medianOf = (group: RawGroup | null): PublishedQuantiles => (group ? itemQuantiles(publishGroup(group, rules, [OVERALL_ITEM_ID]).items, OVERALL_ITEM_ID) : SUPPRESSED);
  const cells = (current: RawGroup, previous: RawGroup | null, n: PublishedCount): SectorCell[] => {
    const now = n.status === "ok" ? medianOf(current) : SUPPRESSED;
    const before = n.status === "ok" ? medianOf(previous) : SUPPRESSED;
    return [scoreCell(before), scoreCell(now), { kind: "change", value: medianChange(now, before) }];
  };
  const previousLabel = input.previousPeriod ?? "—";
  return {
    id: `change-by-${input.breakdown}`,
    title: text("sector.tables.changeBy", { by: text(`sector.breakdown.${input.breakdown}`), period: context.period }),
    columns: [
      breakdownColumn(context, input.breakdown),
      { key: "factories", label: text("sector.columns.factories") },
      { key: "median_previous", label: text("sector.columns.previousMedian", { period: previousLabel }) },
      { key: "median_current", label: text("sector.columns.currentMedian", { period: context.period }) },
      { key: "median_change", label: text("sector.columns.change") },
    ],
    rows: published.rows.map(({ row, n }) => [labelCell(row.code, row.label), countCell(n), ...cells(row.group, row.previous, n)]),
    total: [labelCell("total", text("sector.common.total")), countCell(published.total), ...cells(input.total, input.previousTotal, published.total)],
    notes: [
      ...breakdownNotes(context, input.breakdown, published.hidden, input.total, { counts: true, quantiles: true }),
      input.previousPeriod ? text("sector.notes.change", { previous: input.previousPeriod }) : text("sector.notes.noPrevious"),
    ],
  };
}

/** A group nobody is in: the builders' input for a scope or period without data (every cell suppressed). */
export function emptyGroup(spec: RawGroup["spec"]): RawGroup {
  return { spec, n: 0, key: 0, synthetic: 0, levels: Array.from({ length: LEVEL_COUNT }, () => ({ n: 0, key: 0 })), items: new Map() };
}
