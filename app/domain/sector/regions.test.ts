import { describe, expect, it } from "vitest";
import { OVERALL_ITEM_ID } from "~/domain/benchmark/statistics";
import {
  LEVEL_COUNT,
  SCORE_BINS,
  type RawGroup,
} from "~/domain/disclosure/types";
import { PROGRAMME_THRESHOLDS, programmeTable } from "./programmes";
import {
  levelsByRegionTable,
  mapTiles,
  medianStep,
  mediansByRegionTable,
  type RegionInput,
} from "./regions";
import { TILE_LAYOUTS } from "./tiles";

const rules = { minGroup: 5 };
const text = (key: string, vars?: Record<string, string | number>) =>
  `${key}${vars ? JSON.stringify(vars) : ""}`;

/** A group of factories with these overall scores (hundredths), each at level ⌊score⌋. */
function group(code: string, scores: readonly number[], key = 17): RawGroup {
  const histogram = Array.from({ length: SCORE_BINS }, () => 0);
  const levels = Array.from({ length: LEVEL_COUNT }, (_, level) => ({
    n: 0,
    key: (key * (level + 3)) % 256,
  }));
  for (const score of scores) {
    histogram[score]!++;
    levels[Math.min(5, Math.floor(score / 100))]!.n++;
  }
  return {
    spec: {
      industry: { kind: "all" },
      region: { kind: "district", code },
      size: { kind: "all" },
    },
    n: scores.length,
    key,
    synthetic: 0,
    levels,
    items: new Map([[OVERALL_ITEM_ID, { n: scores.length, histogram }]]),
  };
}

const spread = (n: number, from: number, step: number) =>
  Array.from({ length: n }, (_, i) => Math.min(500, from + ((i * step) % 300)));

function input(): RegionInput {
  const rows = [
    {
      code: "310115",
      label: "浦东新区",
      group: group("310115", spread(60, 100, 7), 41),
    },
    {
      code: "310112",
      label: "闵行区",
      group: group("310112", spread(12, 120, 13), 99),
    },
    { code: "310105", label: "长宁区", group: group("310105", [150, 210], 7) },
    // Two small districts hide 5 factories together: complementary suppression need not take 闵行 too.
    { code: "310104", label: "徐汇区", group: group("310104", [180, 250, 320], 3) },
  ];
  const all = [
    ...rows.flatMap((row) =>
      [...row.group.items.get(OVERALL_ITEM_ID)!.histogram.entries()].flatMap(
        ([bin, count]) => Array.from({ length: count }, () => bin)
      )
    ),
  ];
  return {
    rows,
    total: group("31", all, 200),
    rules,
    text,
    levelNames: ["L0", "L1", "L2", "L3", "L4", "L5"],
    dimensions: [],
    period: "2026",
    version: "2.0.0",
    scope: "上海市",
    childKind: "区",
  };
}

describe("region tables", () => {
  it("suppresses a region below k, and its shares and median with it", () => {
    const levels = levelsByRegionTable(input());
    const changning = levels.rows.find(
      (row) => row[0]?.kind === "label" && row[0].code === "310105"
    )!;
    expect(
      changning
        .slice(1)
        .every(
          (cell) =>
            (cell.kind === "count" || cell.kind === "share") &&
            cell.value.status === "suppressed"
        )
    ).toBe(true);
    const medians = mediansByRegionTable(input());
    const row = medians.rows.find(
      (candidate) =>
        candidate[0]?.kind === "label" && candidate[0].code === "310105"
    )!;
    expect(row[2]).toEqual({
      kind: "score",
      pick: "p50",
      value: { status: "suppressed" },
    });
  });

  it("publishes an exact median from 20 factories and a band below", () => {
    const medians = mediansByRegionTable(input());
    const byCode = new Map(
      medians.rows.map((row) => [
        row[0]?.kind === "label" ? row[0].code : "",
        row[2],
      ])
    );
    expect(byCode.get("310115")).toMatchObject({ value: { status: "ok" } });
    expect(byCode.get("310112")).toMatchObject({ value: { status: "band" } });
    expect(medians.total?.[0]).toMatchObject({ code: "total" });
  });

  it("shows no total row under a single child region (it would repeat the row)", () => {
    const one = { ...input(), rows: input().rows.slice(0, 1) };
    one.total = one.rows[0]!.group;
    expect(levelsByRegionTable(one).total).toBeUndefined();
    expect(mediansByRegionTable(one).total).toBeUndefined();
    expect(levelsByRegionTable(one).rows).toHaveLength(1);
    expect(levelsByRegionTable(input()).total?.[0]).toMatchObject({ code: "total" });
  });
});

describe("the tile map", () => {
  it("reads every tile from the medians table: exact, band, suppressed (also a district without a row)", () => {
    const tiles = mapTiles(TILE_LAYOUTS["31"]!, mediansByRegionTable(input()));
    expect(tiles).toHaveLength(16);
    const at = (code: string) => tiles.find((tile) => tile.code === code)!;
    expect(at("310115")).toMatchObject({
      status: "exact",
      value: expect.stringMatching(/^\d\.\d\d$/),
    });
    expect(at("310112")).toMatchObject({
      status: "band",
      value: expect.stringMatching(/^\d\.\d\d–\d\.\d\d$/),
    });
    expect(at("310105")).toMatchObject({
      status: "suppressed",
      value: null,
      step: null,
    });
    expect(at("310151")).toMatchObject({
      status: "suppressed",
      value: null,
      step: null,
    });
  });

  it("colours by steps of the median", () => {
    expect([0.4, 1, 1.49, 1.5, 2.2, 2.5, 4.9].map(medianStep)).toEqual([
      0, 1, 1, 2, 3, 4, 5,
    ]);
  });
});

describe("programme readiness", () => {
  it("publishes the share meeting each threshold for rows with a published count, none for the others", () => {
    const { rows, total } = input();
    const table = programmeTable({
      breakdown: "region",
      rows,
      total,
      hideSuppressed: false,
      rules,
      text,
      period: "2026",
      version: "2.0.0",
      scope: "上海市",
    });
    expect(table.id).toBe("programmes-by-region");
    expect(table.columns.map((column) => column.key)).toEqual([
      "region",
      "factories",
      ...PROGRAMME_THRESHOLDS.map((threshold) => `share_${threshold.id}_pct`),
    ]);
    const pudong = table.rows[0]!;
    expect(pudong[2]).toMatchObject({ kind: "share", value: { status: "ok" } });
    const changning = table.rows[2]!;
    expect(
      changning
        .slice(1)
        .every(
          (cell) =>
            (cell.kind === "count" || cell.kind === "share") &&
            cell.value.status === "suppressed"
        )
    ).toBe(true);
    const hidden = programmeTable({
      breakdown: "region",
      rows,
      total,
      hideSuppressed: true,
      rules,
      text,
      period: "2026",
      version: "2.0.0",
      scope: "上海市",
    });
    expect(hidden.rows.length).toBe(2);
    expect(
      hidden.notes.some((note) =>
        note.startsWith("sector.programmes.notes.hidden")
      )
    ).toBe(true);
  });
});
