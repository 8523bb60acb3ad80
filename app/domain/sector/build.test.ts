import { describe, expect, it } from "vitest";
import type { PeerGroupSpec } from "~/domain/benchmark/groups";
import { publishCount, publishCountColumn, publishGroup, publishLevels, toHundredths } from "~/domain/disclosure";
import { LEVEL_COUNT, RECORD_KEY_MODULUS, SCORE_BINS, type RawGroup, type RawItem } from "~/domain/disclosure/types";
import { changeByTable, dimensionMediansTable, emptyGroup, levelsByTable, levelsTable, medianChange, mediansByTable, overviewHeadline, participationTable, shareOf, weakestByTable, weakestCapabilities, type SectorBuildContext } from "./build";
import { cellText, levelBarRows } from "./cells";
import type { SectorCell } from "./table";

const SPEC: PeerGroupSpec = { industry: { kind: "all" }, region: { kind: "province", code: "31" }, size: { kind: "all" } };

interface Contributor {
  level: number;
  key: number;
  scores: Record<string, number>;
}

/** A RawGroup exactly as the aggregates define it, from individual contributors. */
function groupOf(contributors: readonly Contributor[], spec: PeerGroupSpec = SPEC, synthetic = 0): RawGroup {
  const items = new Map<string, RawItem>();
  for (const contributor of contributors) {
    for (const [itemId, score] of Object.entries(contributor.scores)) {
      const item = items.get(itemId) ?? { n: 0, histogram: new Array<number>(SCORE_BINS).fill(0) };
      const histogram = [...item.histogram];
      histogram[toHundredths(score)]! += 1;
      items.set(itemId, { n: item.n + 1, histogram });
    }
  }
  const keySum = (list: readonly Contributor[]) => list.reduce((sum, c) => sum + c.key, 0) % RECORD_KEY_MODULUS;
  return {
    spec,
    n: contributors.length,
    key: keySum(contributors),
    synthetic,
    levels: Array.from({ length: LEVEL_COUNT }, (_, level) => {
      const at = contributors.filter((c) => c.level === level);
      return { n: at.length, key: keySum(at) };
    }),
    items,
  };
}

/** n contributors with scores spread over 1.00…3.99 (deterministic). */
function population(n: number, offset = 0): Contributor[] {
  return Array.from({ length: n }, (_, index) => {
    const overall = 1 + ((index * 37 + offset) % 300) / 100;
    return {
      level: Math.min(5, Math.floor(overall)),
      key: (index * 97 + offset * 13) % RECORD_KEY_MODULUS,
      scores: { overall, device: overall + 0.2, process: overall - 0.3, "cap-a": overall - 0.5, "cap-b": overall + 0.4, "cap-c": overall - 0.1, "cap-d": overall },
    };
  });
}

const text = (key: string, vars?: Record<string, string | number>) => (vars ? `${key}${JSON.stringify(vars)}` : key);

const context: SectorBuildContext = {
  rules: { minGroup: 5 },
  text,
  names: {
    levels: ["L0", "L1", "L2", "L3", "L4", "L5"],
    dimensions: [
      { id: "device", name: "设备" },
      { id: "process", name: "过程" },
    ],
    capabilities: [
      { id: "cap-a", name: "A" },
      { id: "cap-b", name: "B" },
      { id: "cap-c", name: "C" },
      { id: "cap-d", name: "D" },
    ],
  },
  period: "2026",
  version: "2.0.0",
  scope: "全部行业 · 上海市 · 全部规模",
};

const count = (cell: SectorCell | undefined) => (cell?.kind === "count" ? cell.value : undefined);

describe("overview tables", () => {
  it("publish the level distribution exactly as the disclosure module does", () => {
    const group = groupOf(population(60));
    const table = levelsTable(context, group);
    const published = publishLevels(group, context.rules);
    expect(table.rows.map((row) => count(row[1]))).toEqual(published.counts);
    expect(table.rows.map((row) => (row[2]?.kind === "share" ? row[2].value : null))).toEqual(published.shares.map((share) => (share === null ? { status: "suppressed" } : { status: "ok", percent: share })));
    expect(count(table.total?.[1])).toEqual(published.total);
  });

  it("show nothing but suppression for a group below k, never its size", () => {
    const group = groupOf(population(4));
    for (const table of [levelsTable(context, group), dimensionMediansTable(context, group), participationTable(context, [{ period: "2026", group }], { n: 4, key: 9 })]) {
      for (const row of [...table.rows, ...(table.total ? [table.total] : [])]) {
        for (const cell of row.slice(1)) expect(cellText(cell, "zh-CN"), `${table.id} ${JSON.stringify(cell)}`).toBeNull();
      }
    }
    const headline = overviewHeadline(context, group, { n: 40, key: 3 });
    expect(headline.participating).toEqual({ status: "suppressed" });
    expect(headline.participationShare).toEqual({ status: "suppressed" });
    expect(headline.overallMedian).toEqual({ status: "suppressed" });
  });

  it("give quantiles from the published items, a median band below 20 contributors", () => {
    const large = dimensionMediansTable(context, groupOf(population(40)));
    const overall = publishGroup(groupOf(population(40)), context.rules, ["overall"]).items[0]!.quantiles;
    expect(large.rows[0]?.[3]).toEqual({ kind: "score", value: overall, pick: "p50" });
    const small = dimensionMediansTable(context, groupOf(population(12)));
    expect(small.rows[0]?.[3]?.kind === "score" && small.rows[0][3].value.status).toBe("band");
    expect(cellText(small.rows[0]![2]!, "zh-CN")).toBeNull();
    expect(cellText(small.rows[0]![3]!, "zh-CN")).toMatch(/^\d\.\d\d–\d\.\d\d$/);
  });

  it("compute participation from published counts only", () => {
    const group = groupOf(population(30));
    const registered = { n: 120, key: 77 };
    const table = participationTable(context, [{ period: "2026", group }], registered);
    const share = shareOf(publishCount(group, context.rules), publishCount(registered, context.rules));
    expect(table.rows[0]?.[3]).toEqual({ kind: "share", value: share });
    expect(share.status === "ok" && share.percent).toBe(Math.round((100 * (publishCount(group, context.rules) as { value: number }).value) / (publishCount(registered, context.rules) as { value: number }).value));
  });
});

describe("breakdown tables", () => {
  const rows = [
    { code: "34", label: "34 通用设备", group: groupOf(population(50, 1)) },
    { code: "39", label: "39 电子", group: groupOf(population(3, 2)) },
    { code: "13", label: "13 农副食品", group: groupOf(population(8, 3)) },
    { code: "16", label: "16 烟草", group: emptyGroup(SPEC) },
  ];
  const total = groupOf([...population(50, 1), ...population(3, 2), ...population(8, 3)]);

  it("publish one count column with complementary suppression and leave unpublished divisions out", () => {
    const table = levelsByTable(context, { breakdown: "division", rows, total, hideSuppressed: true });
    const column = publishCountColumn(
      rows.map((row) => row.group),
      total,
      context.rules,
    );
    const shown = rows.filter((_, index) => column.cells[index]?.status === "ok");
    expect(table.rows.map((row) => (row[0]?.kind === "label" ? row[0].code : ""))).toEqual(shown.map((row) => row.code));
    expect(table.rows.map((row) => count(row[1]))).toEqual(column.cells.filter((cell) => cell.status === "ok"));
    expect(count(table.total?.[1])).toEqual(column.total);
    // 39 (3 factories) and 16 (none) are never listed, and neither is told apart from the other.
    expect(table.rows.some((row) => row[0]?.kind === "label" && (row[0].code === "39" || row[0].code === "16"))).toBe(false);
    expect(table.notes.some((note) => note.startsWith("sector.notes.hiddenRows") && note.includes(`"count":${rows.length - shown.length}`))).toBe(true);
  });

  it("keep every row of a short list, suppressed ones blank throughout", () => {
    const table = mediansByTable(context, { breakdown: "size", rows, total, hideSuppressed: false });
    expect(table.rows).toHaveLength(rows.length);
    const small = table.rows[1]!;
    for (const cell of small.slice(1)) expect(cellText(cell, "en")).toBeNull();
  });

  it("draw the level bars from published shares only", () => {
    const table = levelsByTable(context, { breakdown: "size", rows, total, hideSuppressed: false });
    const bars = levelBarRows(table);
    expect(bars.map((bar) => bar.code)).not.toContain("39");
    const big = bars.find((bar) => bar.code === "34")!;
    const shares = table.rows[0]!.slice(2).map((cell) => (cell.kind === "share" && cell.value.status === "ok" ? cell.value.percent : null));
    expect(big.shares).toEqual(shares);
  });

  it("name the weakest capabilities by their published medians", () => {
    const group = groupOf(population(50, 1));
    const weakest = weakestCapabilities(context, group);
    // cap-a = overall − 0.5 < process (not a capability) … cap-c = overall − 0.1 < cap-d = overall < cap-b.
    expect(weakest.map((entry) => entry.id)).toEqual(["cap-a", "cap-c", "cap-d"]);
    const table = weakestByTable(context, { breakdown: "division", rows, total, hideSuppressed: true });
    expect(table.rows[0]?.slice(2, 8).map((cell) => (cell.kind === "label" ? cell.code : cell.kind))).toEqual(["cap-a", "score", "cap-c", "score", "cap-d", "score"]);
  });

  it("give a change only between two exact published medians, at 2 decimals", () => {
    expect(medianChange({ status: "ok", p25: 1, p50: 2.35, p75: 3, p90: 4 }, { status: "ok", p25: 1, p50: 2.1, p75: 3, p90: 4 })).toBe(0.25);
    expect(medianChange({ status: "ok", p25: 1, p50: 2.35, p75: 3, p90: 4 }, { status: "band", medianFrom: 2, medianTo: 2.5 })).toBeNull();
    const changeRows = rows.map((row) => ({ ...row, previous: row.group }));
    const table = changeByTable(context, { breakdown: "division", rows: changeRows, total, hideSuppressed: true, previousTotal: total, previousPeriod: "2025" });
    expect(table.rows[0]?.[4]).toEqual({ kind: "change", value: 0 });
    const none = changeByTable(context, { breakdown: "division", rows: rows.map((row) => ({ ...row, previous: null })), total, hideSuppressed: true, previousTotal: null, previousPeriod: null });
    expect(none.rows[0]?.[4]).toEqual({ kind: "change", value: null });
    expect(none.notes).toContain("sector.notes.noPrevious");
  });

  it("send no value beyond the precision shown", () => {
    const tables = [mediansByTable(context, { breakdown: "size", rows, total, hideSuppressed: false }), levelsByTable(context, { breakdown: "size", rows, total, hideSuppressed: false })];
    const numbers = JSON.stringify(tables).match(/-?\d+\.\d+/g) ?? [];
    for (const value of numbers) expect(value, value).toMatch(/^-?\d+\.\d{1,2}$/);
  });
});

describe("cell text", () => {
  it("formats counts, shares, scores, bands and changes; suppressed cells are null", () => {
    expect(cellText({ kind: "count", value: { status: "ok", value: 12345 } }, "en")).toBe("12,345");
    expect(cellText({ kind: "share", value: { status: "ok", percent: 42 } }, "en")).toBe("42%");
    expect(cellText({ kind: "score", value: { status: "ok", p25: 1.5, p50: 2, p75: 2.5, p90: 3 }, pick: "p50" }, "en")).toBe("2.00");
    expect(cellText({ kind: "score", value: { status: "band", medianFrom: 2, medianTo: 2.5 }, pick: "p50" }, "en")).toBe("2.00–2.50");
    expect(cellText({ kind: "score", value: { status: "band", medianFrom: 2, medianTo: 2.5 }, pick: "p25" }, "en")).toBeNull();
    expect(cellText({ kind: "change", value: 0.25 }, "en")).toBe("+0.25");
    expect(cellText({ kind: "change", value: -0.1 }, "en")).toBe("−0.10");
    expect(cellText({ kind: "count", value: { status: "suppressed" } }, "en")).toBeNull();
  });
});
