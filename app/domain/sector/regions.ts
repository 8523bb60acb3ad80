/**
 * The district/city breakdown of an authority's jurisdiction: stacked level shares and medians per
 * child region (tables), and the tile-grid map drawn from the medians table — the map shows nothing
 * the table beside it does not. Pure; every value comes from app/domain/disclosure.
 *
 * Factories recorded at the jurisdiction's own level only (e.g. "31" without a district) are in
 * the total row but in no region row; the note says so.
 */
import { OVERALL_ITEM_ID } from "~/domain/benchmark/statistics";
import {
  publishCountColumn,
  publishGroup,
  publishLevels,
  QUANTILE_MIN_N,
  type DisclosureRules,
} from "~/domain/disclosure";
import {
  LEVEL_COUNT,
  type PublishedCount,
  type PublishedQuantiles,
  type RawGroup,
} from "~/domain/disclosure/types";
import type { SectorCell, SectorTable } from "./table";
import type { TileLayout } from "./tiles";

export type RegionTextKey =
  | "sector.regions.levelsTitle"
  | "sector.regions.mediansTitle"
  | "sector.regions.column"
  | "sector.regions.factories"
  | "sector.regions.overallMedian"
  | "sector.regions.total"
  | "sector.regions.notes.scope"
  | "sector.regions.notes.suppressed"
  | "sector.regions.notes.perturbed"
  | "sector.regions.notes.band"
  | "sector.regions.notes.unassigned"
  | "sector.regions.notes.synthetic";

export type RegionText = (
  key: RegionTextKey,
  vars?: Record<string, string | number>
) => string;

export interface RegionRow {
  code: string;
  label: string;
  group: RawGroup;
}

export interface RegionInput {
  rows: readonly RegionRow[];
  total: RawGroup;
  rules: DisclosureRules;
  text: RegionText;
  /** "L0 未达级" … by level. */
  levelNames: readonly string[];
  dimensions: readonly { id: string; name: string }[];
  period: string;
  version: string;
  scope: string;
  /** "区" / "市" (zh), "district" / "city" (en): what the rows are. */
  childKind: string;
}

const SUPPRESSED_QUANTILES: PublishedQuantiles = { status: "suppressed" };
const SUPPRESSED_COUNT: PublishedCount = { status: "suppressed" };

function published(input: RegionInput) {
  const column = publishCountColumn(
    input.rows.map((row) => row.group),
    input.total,
    input.rules
  );
  return {
    rows: input.rows.map((row, index) => ({
      row,
      n: column.cells[index] ?? SUPPRESSED_COUNT,
    })),
    total: column.total,
  };
}

function notes(input: RegionInput, quantiles: boolean): string[] {
  const { text } = input;
  const list = [
    text("sector.regions.notes.scope", {
      scope: input.scope,
      period: input.period,
      version: input.version,
    }),
    text("sector.regions.notes.suppressed", { k: input.rules.minGroup }),
    text("sector.regions.notes.perturbed"),
  ];
  if (quantiles)
    list.push(text("sector.regions.notes.band", { n: QUANTILE_MIN_N }));
  list.push(text("sector.regions.notes.unassigned", { kind: input.childKind }));
  if (input.total.synthetic > 0)
    list.push(text("sector.regions.notes.synthetic"));
  return list;
}

const label = (code: string, text: string): SectorCell => ({
  kind: "label",
  code,
  label: text,
});

/** Factories per child region and the share at each level (a row's shares only where its count is published). */
export function levelsByRegionTable(input: RegionInput): SectorTable {
  const { text, rules } = input;
  const { rows, total } = published(input);
  const shares = (group: RawGroup, n: PublishedCount): SectorCell[] => {
    const levels = publishLevels(group, rules);
    return levels.shares.map((share, level) => ({
      kind: "share" as const,
      value:
        n.status === "ok" &&
        levels.counts[level]?.status === "ok" &&
        share !== null
          ? { status: "ok" as const, percent: share }
          : { status: "suppressed" as const },
    }));
  };
  return {
    id: "levels-by-region",
    title: text("sector.regions.levelsTitle", {
      kind: input.childKind,
      period: input.period,
    }),
    columns: [
      {
        key: "region",
        label: text("sector.regions.column", { kind: input.childKind }),
      },
      { key: "factories", label: text("sector.regions.factories") },
      ...Array.from({ length: LEVEL_COUNT }, (_, level) => ({
        key: `level_${level}_share_pct`,
        label: `${input.levelNames[level] ?? `L${level}`} (%)`,
      })),
    ],
    rows: rows.map(({ row, n }) => [
      label(row.code, row.label),
      { kind: "count", value: n },
      ...shares(row.group, n),
    ]),
    // One child region is the whole region: a total row would only repeat it.
    ...(rows.length > 1
      ? {
          total: [
            label("total", text("sector.regions.total")),
            { kind: "count" as const, value: total },
            ...shares(input.total, total),
          ],
        }
      : {}),
    notes: notes(input, false),
  };
}

/** Overall and dimension medians per child region: the map's colours. */
export function mediansByRegionTable(input: RegionInput): SectorTable {
  const { text, rules } = input;
  const itemIds = [
    OVERALL_ITEM_ID,
    ...input.dimensions.map((dimension) => dimension.id),
  ];
  const { rows, total } = published(input);
  const medians = (group: RawGroup, n: PublishedCount): SectorCell[] => {
    const items =
      n.status === "ok" ? publishGroup(group, rules, itemIds).items : [];
    return itemIds.map((itemId) => ({
      kind: "score" as const,
      pick: "p50" as const,
      value:
        items.find((item) => item.itemId === itemId)?.quantiles ??
        SUPPRESSED_QUANTILES,
    }));
  };
  return {
    id: "medians-by-region",
    title: text("sector.regions.mediansTitle", {
      kind: input.childKind,
      period: input.period,
    }),
    columns: [
      {
        key: "region",
        label: text("sector.regions.column", { kind: input.childKind }),
      },
      { key: "factories", label: text("sector.regions.factories") },
      { key: "median_overall", label: text("sector.regions.overallMedian") },
      ...input.dimensions.map((dimension) => ({
        key: `median_${dimension.id.replaceAll("-", "_")}`,
        label: dimension.name,
      })),
    ],
    rows: rows.map(({ row, n }) => [
      label(row.code, row.label),
      { kind: "count", value: n },
      ...medians(row.group, n),
    ]),
    // One child region is the whole region: a total row would only repeat it.
    ...(rows.length > 1
      ? {
          total: [
            label("total", text("sector.regions.total")),
            { kind: "count" as const, value: total },
            ...medians(input.total, total),
          ],
        }
      : {}),
    notes: notes(input, true),
  };
}

// ---------------------------------------------------------------------------------------------
// The map

/** Colour steps of the overall median (lower bounds, 0–5 scale): 6 classes. */
export const MEDIAN_STEPS = [0, 1, 1.5, 2, 2.5, 3] as const;

export interface MapTile {
  code: string;
  col: number;
  row: number;
  /** "exact": a 2-decimal median; "band": a 0.5-wide band (fewer than 20 factories); "suppressed": fewer than k. */
  status: "exact" | "band" | "suppressed";
  /** The text on the tile ("2.13", "1.50–2.00"), null when suppressed. */
  value: string | null;
  /** Colour class 0…5 (MEDIAN_STEPS), null when suppressed. */
  step: number | null;
}

export function medianStep(value: number): number {
  let step = 0;
  MEDIAN_STEPS.forEach((bound, index) => {
    if (value >= bound) step = index;
  });
  return step;
}

/**
 * The tiles of a layout, read from the medians table's rows (region code → overall median cell).
 * A band is coloured by its middle and shown as a band; a region missing from the table is suppressed.
 */
export function mapTiles(layout: TileLayout, medians: SectorTable): MapTile[] {
  const overallIndex = medians.columns.findIndex(
    (column) => column.key === "median_overall"
  );
  const byCode = new Map(
    medians.rows.map((row) => [
      row[0]?.kind === "label" ? row[0].code : "",
      row[overallIndex],
    ])
  );
  return layout.tiles.map((tile) => {
    const cell = byCode.get(tile.code);
    if (cell?.kind === "score" && cell.value.status === "ok")
      return {
        ...tile,
        status: "exact",
        value: cell.value.p50.toFixed(2),
        step: medianStep(cell.value.p50),
      };
    if (cell?.kind === "score" && cell.value.status === "band") {
      return {
        ...tile,
        status: "band",
        value: `${cell.value.medianFrom.toFixed(
          2
        )}–${cell.value.medianTo.toFixed(2)}`,
        step: medianStep((cell.value.medianFrom + cell.value.medianTo) / 2),
      };
    }
    return { ...tile, status: "suppressed", value: null, step: null };
  });
}
