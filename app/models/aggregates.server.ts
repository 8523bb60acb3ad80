/**
 * The aggregates read API (issue 12): every peer benchmark, authority view and export reads its
 * groups here, as RawGroup values (true counts, cell keys, level counts and item histograms of
 * hundredths) that app/domain/disclosure then publishes. Reads go through analyticsDb() (the read
 * replica when configured), never the primary's write path.
 *
 * Contributors of a group: every factory counted once, by its latest submission on the
 * questionnaire version in the scope —
 *   current  the latest submission up to asOf (default now), if it lies in the 24-month window
 *            (the factory benchmark), so a factory that moved or grew counts with its latest profile;
 *   period   the latest submission whose period label is that period (authority views, trends).
 *
 * This file holds the straight SQL over AssessmentScore/AssessmentItemScore ("live"); it is also
 * the oracle the maintained aggregates are tested against (docs/benchmarking.md). Every query is a
 * Prisma.sql template: values are bound parameters, only fixed fragments are composed.
 */
import { inGroup, type PeerGroupSpec, type ProfileSnapshot } from "~/domain/benchmark/groups";
import { POPULATION_ID_MAX, POPULATION_ID_MIN } from "~/domain/benchmark/population";
import { OVERALL_ITEM_ID } from "~/domain/benchmark/statistics";
import { windowStart } from "~/domain/benchmark/window";
import { MUNICIPALITIES } from "~/domain/assessment/score-rows";
import { LEVEL_COUNT, RECORD_KEY_MODULUS, SCORE_BINS, type RawCount, type RawGroup, type RawItem } from "~/domain/disclosure/types";
import { compareVersions } from "~/domain/questionnaire/files.server";
import { Prisma } from "~/generated/prisma/client";
import { analyticsDb, prisma } from "~/utils/db.server";

export type AggregateScope = { kind: "current" } | { kind: "period"; period: string };

export interface ReadGroupsQuery {
  versionId: string;
  scope: AggregateScope;
  specs: readonly PeerGroupSpec[];
  /** Which item histograms to fill: none (default), all (true), or these item ids (missing ones get n = 0). */
  items?: boolean | readonly string[];
  /** The factory benchmark leaves the viewer's own factory out. */
  excludeOrganizationId?: string;
  /** Scope "current" only: the instant the window ends (default now). Tests and the benchmark's asOf use it. */
  asOf?: Date;
}

// ---------------------------------------------------------------------------------------------
// SQL fragments

/** The group's condition on a score row aliased `s`: fixed SQL per filter kind, codes as parameters. */
export function scoreGroupCondition(spec: PeerGroupSpec, alias = "s"): Prisma.Sql {
  const column = (name: string) => Prisma.raw(`${alias}."${name}"`);
  const parts: Prisma.Sql[] = [];
  const { industry, region, size } = spec;
  if (industry.kind === "division") parts.push(Prisma.sql`${column("industryCode")} = ${industry.code}`);
  if (industry.kind === "category") parts.push(Prisma.sql`${column("industryCategory")} = ${industry.category}`);
  if (size.kind === "band") parts.push(Prisma.sql`${column("sizeBand")} = ${size.band}::"SizeBand"`);
  // Every region code starts with its province's two digits: a city or district filter names the province too.
  if (region.kind !== "all") parts.push(Prisma.sql`${column("provinceCode")} = ${region.code.slice(0, 2)}`);
  if (region.kind === "city") parts.push(Prisma.sql`${column("cityCode")} = ${region.code}`);
  if (region.kind === "district") parts.push(Prisma.sql`${column("regionCode")} = ${region.code}`);
  return parts.length === 0 ? Prisma.sql`TRUE` : Prisma.join(parts, " AND ");
}

/**
 * The contributing score rows (one per organisation) of a version and scope, all groups together.
 * "Latest" is decided over all of the organisation's rows in the scope before any group filter.
 */
export function contributorsQuery(query: Pick<ReadGroupsQuery, "versionId" | "scope" | "excludeOrganizationId" | "asOf">): Prisma.Sql {
  const exclude = query.excludeOrganizationId ? Prisma.sql`AND s."organizationId" <> ${query.excludeOrganizationId}::uuid` : Prisma.empty;
  if (query.scope.kind === "period") {
    return Prisma.sql`
      SELECT s.* FROM "AssessmentScore" s
      WHERE s."questionnaireVersionId" = ${query.versionId}::uuid AND s.period = ${query.scope.period} ${exclude}
        AND (s."submittedAt", s."assessmentId") = (
          SELECT latest."submittedAt", latest."assessmentId" FROM "AssessmentScore" latest
          WHERE latest."organizationId" = s."organizationId" AND latest."questionnaireVersionId" = s."questionnaireVersionId"
            AND latest.period = s.period
          ORDER BY latest."submittedAt" DESC, latest."assessmentId" DESC LIMIT 1)`;
  }
  const asOf = query.asOf ?? new Date();
  return Prisma.sql`
    SELECT s.* FROM "AssessmentScore" s
    WHERE s."questionnaireVersionId" = ${query.versionId}::uuid
      AND s."submittedAt" > ${windowStart(asOf)}::timestamptz AND s."submittedAt" <= ${asOf}::timestamptz ${exclude}
      AND (s."submittedAt", s."assessmentId") = (
        SELECT latest."submittedAt", latest."assessmentId" FROM "AssessmentScore" latest
        WHERE latest."organizationId" = s."organizationId" AND latest."questionnaireVersionId" = s."questionnaireVersionId"
          AND latest."submittedAt" <= ${asOf}::timestamptz
        ORDER BY latest."submittedAt" DESC, latest."assessmentId" DESC LIMIT 1)`;
}

/** The specs as a VALUES list (g.idx, g.division, g.category, g.province, g.city, g.district, g.size): one scan for all groups. */
function specsValues(specs: readonly PeerGroupSpec[]): Prisma.Sql {
  return Prisma.join(
    specs.map((spec, idx) => {
      const { industry, region, size } = spec;
      return Prisma.sql`(${idx}::int, ${industry.kind === "division" ? industry.code : null}::text, ${industry.kind === "category" ? industry.category : null}::text,
        ${region.kind === "all" ? null : region.code.slice(0, 2)}::text, ${region.kind === "city" ? region.code : null}::text,
        ${region.kind === "district" ? region.code : null}::text, ${size.kind === "band" ? size.band : null}::text)`;
    }),
    ", ",
  );
}

/** A contributor row `c` matches spec row `g` (NULL = that filter is "all"). */
const MATCHES = Prisma.sql`(g.division IS NULL OR c."industryCode" = g.division)
  AND (g.category IS NULL OR c."industryCategory" = g.category)
  AND (g.province IS NULL OR c."provinceCode" = g.province)
  AND (g.city IS NULL OR c."cityCode" = g.city)
  AND (g.district IS NULL OR c."regionCode" = g.district)
  AND (g.size IS NULL OR c."sizeBand"::text = g.size)`;

const GROUP_COLUMNS_SQL = Prisma.sql`count(c."assessmentId")::int AS n,
  (coalesce(sum(c."recordKey"), 0) % ${RECORD_KEY_MODULUS})::int AS key,
  count(c."assessmentId") FILTER (WHERE c."organizationId" BETWEEN ${POPULATION_ID_MIN}::uuid AND ${POPULATION_ID_MAX}::uuid)::int AS synthetic,
  array[${Prisma.join(
    Array.from({ length: LEVEL_COUNT }, (_, level) => Prisma.sql`count(c."assessmentId") FILTER (WHERE c.level = ${level})::int`),
    ", ",
  )}] AS level_n,
  array[${Prisma.join(
    Array.from({ length: LEVEL_COUNT }, (_, level) => Prisma.sql`(coalesce(sum(c."recordKey") FILTER (WHERE c.level = ${level}), 0) % ${RECORD_KEY_MODULUS})::int`),
    ", ",
  )}] AS level_key`;

interface GroupRow {
  idx: number;
  n: number;
  key: number;
  synthetic: number;
  level_n: number[];
  level_key: number[];
}

interface HistogramRow {
  idx: number;
  item_id: string;
  bin: number;
  count: number;
}

function itemFilter(items: boolean | readonly string[]): Prisma.Sql {
  if (items === true) return Prisma.sql`TRUE`;
  const ids = items === false ? [] : items.filter((id) => id !== OVERALL_ITEM_ID);
  return ids.length === 0 ? Prisma.sql`FALSE` : Prisma.sql`i."itemId" IN (${Prisma.join(ids)})`;
}

/** The live queries of readGroups (counts, and the item histograms when asked for); exported for EXPLAIN. */
export function readGroupsLiveSql(query: ReadGroupsQuery): { counts: Prisma.Sql; histograms: Prisma.Sql | null } {
  const contributors = contributorsQuery(query);
  const specs = specsValues(query.specs);
  const counts = Prisma.sql`
    WITH c AS MATERIALIZED (${contributors}),
    g(idx, division, category, province, city, district, size) AS (VALUES ${specs})
    SELECT g.idx, ${GROUP_COLUMNS_SQL}
    FROM g LEFT JOIN c ON ${MATCHES}
    GROUP BY g.idx ORDER BY g.idx`;
  const items = query.items ?? false;
  if (items === false || (Array.isArray(items) && items.length === 0)) return { counts, histograms: null };
  const histograms = Prisma.sql`
    WITH c AS MATERIALIZED (${contributors}),
    g(idx, division, category, province, city, district, size) AS (VALUES ${specs}),
    scores AS (
      SELECT c."assessmentId", ${OVERALL_ITEM_ID}::text AS item_id, c.overall AS score FROM c
      ${items === true || items.includes(OVERALL_ITEM_ID) ? Prisma.empty : Prisma.sql`WHERE FALSE`}
      UNION ALL
      SELECT i."assessmentId", i."itemId"::text, i.score FROM c JOIN "AssessmentItemScore" i ON i."assessmentId" = c."assessmentId"
      WHERE i.score IS NOT NULL AND ${itemFilter(items)}
    )
    SELECT g.idx, v.item_id, least(${SCORE_BINS - 1}, greatest(0, floor(v.score * 100 + 0.5)))::int AS bin, count(*)::int AS count
    FROM g JOIN c ON ${MATCHES} JOIN scores v ON v."assessmentId" = c."assessmentId"
    GROUP BY g.idx, v.item_id, bin`;
  return { counts, histograms };
}

/** The live (straight SQL) implementation of readGroups: the test oracle of the maintained path. */
export async function readGroupsLive(query: ReadGroupsQuery): Promise<RawGroup[]> {
  if (query.specs.length === 0) return [];
  const db = analyticsDb();
  const sql = readGroupsLiveSql(query);
  const rows = await db.$queryRaw<GroupRow[]>(sql.counts);
  const histograms = sql.histograms ? await db.$queryRaw<HistogramRow[]>(sql.histograms) : [];
  return assembleGroups(query, rows, histograms);
}

export function emptyHistogram(): number[] {
  return new Array<number>(SCORE_BINS).fill(0);
}

function assembleGroups(query: ReadGroupsQuery, rows: readonly GroupRow[], histograms: readonly HistogramRow[]): RawGroup[] {
  const items = query.items ?? false;
  const perGroup = query.specs.map(() => new Map<string, { n: number; histogram: number[] }>());
  if (Array.isArray(items)) for (const map of perGroup) for (const id of items) map.set(id, { n: 0, histogram: emptyHistogram() });
  for (const row of histograms) {
    const map = perGroup[row.idx]!;
    let item = map.get(row.item_id);
    if (!item) map.set(row.item_id, (item = { n: 0, histogram: emptyHistogram() }));
    item.n += row.count;
    item.histogram[row.bin]! += row.count;
  }
  const byIdx = new Map(rows.map((row) => [row.idx, row]));
  return query.specs.map((spec, idx): RawGroup => {
    const row = byIdx.get(idx);
    return {
      spec,
      n: row?.n ?? 0,
      key: row?.key ?? 0,
      synthetic: row?.synthetic ?? 0,
      levels: Array.from({ length: LEVEL_COUNT }, (_, level) => ({ n: row?.level_n[level] ?? 0, key: row?.level_key[level] ?? 0 })),
      items: perGroup[idx]! as ReadonlyMap<string, RawItem>,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The maintained aggregates (migration *_aggregates: contributions, cube cells, histograms of large cells)

/** A spec's cell key in AggregateCell: industry "*" | "c:<category>" | "d:<division>", region "*" | "p:" | "c:" | "d:" + code, size "*" | band. */
export function cellKey(spec: PeerGroupSpec): { industry: string; region: string; size: string } {
  const { industry, region, size } = spec;
  return {
    industry: industry.kind === "all" ? "*" : industry.kind === "category" ? `c:${industry.category}` : `d:${industry.code}`,
    region: region.kind === "all" ? "*" : region.kind === "province" ? `p:${region.code}` : region.kind === "city" ? `c:${region.code}` : `d:${region.code}`,
    size: size.kind === "all" ? "*" : size.band,
  };
}

export function scopeKey(scope: AggregateScope): string {
  return scope.kind === "current" ? "current" : `p:${scope.period}`;
}

/** Whether the maintained aggregates are current (not waiting for a rebuild after a bulk load). */
export async function aggregatesReady(): Promise<boolean> {
  const rows = await analyticsDb().$queryRaw<{ dirty: boolean }[]>(Prisma.sql`SELECT dirty FROM "AggregateState" WHERE id = 1`);
  return rows[0]?.dirty === false;
}

interface CellRow {
  idx: number;
  n: number;
  key: number;
  synthetic: number;
  level_n: number[];
  level_key: number[];
  histograms: boolean;
}

interface OwnContribution {
  industryCode: string;
  industryCategory: string;
  regionCode: string;
  provinceCode: string;
  cityCode: string | null;
  sizeBand: string;
  level: number;
  recordKey: number;
  synthetic: boolean;
  overall: number;
  items: { itemId: string; bin: number }[];
}

/** The key of a cell in ffi_cell_keys() (migration *_aggregate_cell_lookup): "version|scope|industry|region|size". */
export function cellLookupKey(versionId: string, scope: string, key: { industry: string; region: string; size: string }): string {
  return `${versionId.toLowerCase()}|${scope}|${key.industry}|${key.region}|${key.size}`;
}

/** The specs' cells as a VALUES list g(idx, industry, region, size, lookup). */
function cellValues(versionId: string, scope: string, keys: readonly { industry: string; region: string; size: string }[]): Prisma.Sql {
  return Prisma.sql`(VALUES ${Prisma.join(
    keys.map((key, idx) => Prisma.sql`(${idx}::int, ${key.industry}::text, ${key.region}::text, ${key.size}::text, ${cellLookupKey(versionId, scope, key)}::text)`),
  )}) g(idx, industry, region, size, lookup)`;
}

/** One item's histogram of one group: stored pairs [bin, count, …] (a cell that keeps histograms) or bins and counts summed from its contributions. */
interface CellHistogramRow {
  idx: number;
  item_id: string;
  pairs: number[] | null;
  bins: number[] | null;
  counts: number[] | null;
}

/**
 * The item histograms of every requested cell in one statement: stored ones for cells that keep
 * histograms, the others summed from their contribution rows, found by the exact cell lookup (GIN
 * on ffi_cell_keys), so a cell costs what it holds — never a scan of a wider group around it.
 */
export function cellHistogramsSql(versionId: string, scope: string, keys: readonly { industry: string; region: string; size: string }[], wanted: true | readonly string[]): Prisma.Sql {
  const all = wanted === true;
  const ids = all ? [] : wanted.filter((id) => id !== OVERALL_ITEM_ID);
  const withOverall = all || wanted.includes(OVERALL_ITEM_ID);
  const storedItems = all ? Prisma.sql`TRUE` : wanted.length > 0 ? Prisma.sql`h."itemId" IN (${Prisma.join(wanted)})` : Prisma.sql`FALSE`;
  // Position 0 is the overall score (prepended to the item vector); the chosen positions are one array, computed once.
  const chosen = all
    ? Prisma.sql`TRUE`
    : Prisma.sql`u.pos - 1 = ANY (ARRAY[${withOverall ? 0 : -1}::int] || ARRAY(SELECT a.position::int FROM "AggregateItem" a WHERE a."versionId" = ${versionId}::uuid AND ${
        ids.length > 0 ? Prisma.sql`a."itemId" IN (${Prisma.join(ids)})` : Prisma.sql`FALSE`
      }))`;
  return Prisma.sql`
    WITH c AS MATERIALIZED (
      SELECT g.idx, g.industry, g.region, g.size, g.lookup, cell.histograms FROM ${cellValues(versionId, scope, keys)}
      JOIN "AggregateCell" cell ON cell."versionId" = ${versionId}::uuid AND cell.scope = ${scope} AND cell.industry = g.industry AND cell.region = g.region AND cell.size = g.size
      WHERE cell.n > 0
    )
    SELECT c.idx, h."itemId"::text AS item_id, h.bins AS pairs, NULL::int[] AS bins, NULL::int[] AS counts
    FROM c JOIN "AggregateHistogram" h ON h."versionId" = ${versionId}::uuid AND h.scope = ${scope}
      AND h.industry = c.industry AND h.region = c.region AND h.size = c.size
    WHERE c.histograms AND ${storedItems}
    UNION ALL
    SELECT v.idx, coalesce(a."itemId"::text, ${OVERALL_ITEM_ID}) AS item_id, NULL, array_agg(v.bin ORDER BY v.bin), array_agg(v.count ORDER BY v.bin)
    FROM (
      SELECT c.idx, u.pos::int - 1 AS pos, u.h::int AS bin, count(*)::int AS count
      FROM c
      -- Only the lookup key: no b-tree prefix (version, scope) can tempt the planner into a wider scan.
      JOIN "AggregateContribution" x ON ffi_cell_keys(x."versionId", x.scope, x."industryCode", x."industryCategory", x."provinceCode", x."cityCode", x."regionCode", x."sizeBand") @> ARRAY[c.lookup]
      CROSS JOIN LATERAL unnest(array_prepend(x.overall, x.items)) WITH ORDINALITY u(h, pos)
      WHERE NOT c.histograms AND u.h >= 0 AND ${chosen}
      GROUP BY 1, 2, 3
    ) v
    LEFT JOIN "AggregateItem" a ON a."versionId" = ${versionId}::uuid AND a.position = v.pos
    GROUP BY v.idx, a."itemId"`;
}

/**
 * readGroups on the maintained aggregates: counts from the cube, histograms stored (large cells) or
 * summed from the contributions (exact cell lookup); the own factory's contribution read alongside —
 * three independent statements in parallel, one round trip. The live SQL when the aggregates are
 * stale (after a bulk load, until the rebuild).
 */
export async function readGroupsMaintained(query: ReadGroupsQuery): Promise<RawGroup[]> {
  if (query.specs.length === 0) return [];
  const db = analyticsDb();
  const scope = scopeKey(query.scope);
  const keys = query.specs.map(cellKey);
  const items = query.items ?? false;
  const wanted = items === false || (Array.isArray(items) && items.length === 0) ? null : items;
  const [cells, histograms, own] = await Promise.all([
    // The stale flag rides along with the cells: stale aggregates are not used.
    db.$queryRaw<(CellRow & { dirty: boolean })[]>(Prisma.sql`
      SELECT g.idx, c.n, (SELECT dirty FROM "AggregateState" WHERE id = 1) AS dirty, (c."keySum" % ${RECORD_KEY_MODULUS})::int AS key, c.synthetic,
             array[c.l0, c.l1, c.l2, c.l3, c.l4, c.l5] AS level_n,
             array[(c.k0 % ${RECORD_KEY_MODULUS})::int, (c.k1 % ${RECORD_KEY_MODULUS})::int, (c.k2 % ${RECORD_KEY_MODULUS})::int,
                   (c.k3 % ${RECORD_KEY_MODULUS})::int, (c.k4 % ${RECORD_KEY_MODULUS})::int, (c.k5 % ${RECORD_KEY_MODULUS})::int] AS level_key,
             c.histograms
      FROM ${cellValues(query.versionId, scope, keys)}
      LEFT JOIN "AggregateCell" c ON c."versionId" = ${query.versionId}::uuid AND c.scope = ${scope} AND c.industry = g.industry AND c.region = g.region AND c.size = g.size
      ORDER BY c.n IS NULL, g.idx`),
    wanted === null ? Promise.resolve([]) : db.$queryRaw<CellHistogramRow[]>(cellHistogramsSql(query.versionId, scope, keys, wanted)),
    query.excludeOrganizationId ? ownContribution(query.versionId, scope, query.excludeOrganizationId, wanted) : Promise.resolve(null),
  ]);
  if (cells[0]?.dirty !== false) return readGroupsLive(query);
  const present = cells.filter((cell) => cell.n !== null);
  const groups = assembleFromCells(query, present, histograms);
  return own ? groups.map((group) => withoutOwn(group, own)) : groups;
}

function assembleFromCells(query: ReadGroupsQuery, cells: readonly CellRow[], histograms: readonly CellHistogramRow[]): RawGroup[] {
  const items = query.items ?? false;
  const perGroup = query.specs.map(() => new Map<string, RawItem>());
  if (Array.isArray(items)) for (const map of perGroup) for (const id of items) map.set(id, { n: 0, histogram: emptyHistogram() });
  for (const row of histograms) {
    const histogram = emptyHistogram();
    if (row.pairs) for (let at = 0; at + 1 < row.pairs.length; at += 2) histogram[row.pairs[at]!] = row.pairs[at + 1]!;
    else row.bins!.forEach((bin, index) => (histogram[bin] = row.counts![index]!));
    let n = 0;
    for (const count of histogram) n += count;
    // A stored histogram whose cell lost every score of the item is all zeros: the same as none.
    if (n > 0 || Array.isArray(items)) perGroup[row.idx]!.set(row.item_id, { n, histogram });
  }
  const byIdx = new Map(cells.map((row) => [row.idx, row]));
  return query.specs.map((spec, idx): RawGroup => {
    const row = byIdx.get(idx);
    return {
      spec,
      n: row?.n ?? 0,
      key: row?.key ?? 0,
      synthetic: row?.synthetic ?? 0,
      levels: Array.from({ length: LEVEL_COUNT }, (_, level) => ({ n: row?.level_n[level] ?? 0, key: row?.level_key[level] ?? 0 })),
      items: perGroup[idx]! as ReadonlyMap<string, RawItem>,
    };
  });
}

/** The excluded factory's own contribution, to take out of the groups it lies in. */
async function ownContribution(versionId: string, scope: string, organizationId: string, wanted: true | readonly string[] | null): Promise<OwnContribution | null> {
  const [row] = await analyticsDb().$queryRaw<(Omit<OwnContribution, "items"> & { items: { item_id: string; bin: number }[] | null })[]>(Prisma.sql`
    SELECT c."industryCode", c."industryCategory", c."regionCode", c."provinceCode", c."cityCode", c."sizeBand"::text AS "sizeBand",
           c.level::int AS level, c."recordKey"::int AS "recordKey", c.synthetic, c.overall::int AS overall,
           (SELECT json_agg(json_build_object('item_id', a."itemId", 'bin', u.h)) FROM unnest(c.items) WITH ORDINALITY u(h, pos)
              JOIN "AggregateItem" a ON a."versionId" = c."versionId" AND a.position = u.pos WHERE u.h >= 0) AS items
    FROM "AggregateContribution" c
    WHERE c."versionId" = ${versionId}::uuid AND c.scope = ${scope} AND c."organizationId" = ${organizationId}::uuid`);
  if (!row) return null;
  const items = [
    { itemId: OVERALL_ITEM_ID, bin: row.overall },
    ...(row.items ?? []).map((item) => ({ itemId: item.item_id, bin: item.bin })),
  ].filter((item) => wanted === true || (wanted !== null && wanted.includes(item.itemId)));
  return { ...row, items };
}

function withoutOwn(group: RawGroup, own: OwnContribution): RawGroup {
  if (!inGroup({ ...own, sizeBand: own.sizeBand as ProfileSnapshot["sizeBand"] }, group.spec)) return group;
  const mod = (value: number) => (((value % RECORD_KEY_MODULUS) + RECORD_KEY_MODULUS) % RECORD_KEY_MODULUS);
  const items = new Map(group.items);
  for (const { itemId, bin } of own.items) {
    const item = items.get(itemId);
    if (!item) continue;
    const histogram = [...item.histogram];
    histogram[bin]! -= 1;
    items.set(itemId, { n: item.n - 1, histogram });
  }
  return {
    ...group,
    n: group.n - 1,
    key: mod(group.key - own.recordKey),
    synthetic: group.synthetic - (own.synthetic ? 1 : 0),
    levels: group.levels.map((level, index) => (index === own.level ? { n: level.n - 1, key: mod(level.key - own.recordKey) } : level)),
    items,
  };
}

// ---------------------------------------------------------------------------------------------
// The API

/**
 * The groups, in the order of `specs`; a group nobody is in has n = 0. Read from the maintained
 * aggregates; from the score rows ("live") when an asOf is given (a window other than now) or while
 * the aggregates wait for a rebuild after a bulk load.
 */
export async function readGroups(query: ReadGroupsQuery): Promise<RawGroup[]> {
  if (query.asOf !== undefined) return readGroupsLive(query);
  return readGroupsMaintained(query);
}

/** The latest submission of its organisation among the rows with the same version and period label (score rows aliased s). */
const LATEST_IN_PERIOD = Prisma.sql`(s."submittedAt", s."assessmentId") = (
  SELECT latest."submittedAt", latest."assessmentId" FROM "AssessmentScore" latest
  WHERE latest."organizationId" = s."organizationId" AND latest."questionnaireVersionId" = s."questionnaireVersionId"
    AND latest.period = s.period
  ORDER BY latest."submittedAt" DESC, latest."assessmentId" DESC LIMIT 1)`;

export async function aggregatePeriodsLive(versionId: string, within: PeerGroupSpec, minContributors = 1): Promise<string[]> {
  const rows = await analyticsDb().$queryRaw<{ period: string }[]>(Prisma.sql`
    SELECT s.period FROM "AssessmentScore" s
    WHERE s."questionnaireVersionId" = ${versionId}::uuid AND ${scoreGroupCondition(within)} AND ${LATEST_IN_PERIOD}
    GROUP BY s.period HAVING count(*) >= ${minContributors}
    ORDER BY s.period DESC`);
  return rows.map((row) => row.period);
}

/**
 * Periods (labels) with at least `minContributors` inside `within` on the version (scope "period"),
 * newest first. The authority views pass k: a year listed whose every figure is suppressed would
 * still say that somebody in the jurisdiction submitted that year.
 */
export async function aggregatePeriods(versionId: string, within: PeerGroupSpec, minContributors = 1): Promise<string[]> {
  const key = cellKey(within);
  // The stale flag in the same statement: one round trip.
  const rows = await analyticsDb().$queryRaw<{ dirty: boolean; period: string | null }[]>(Prisma.sql`
    SELECT s.dirty, p.period FROM "AggregateState" s
    LEFT JOIN LATERAL (
      SELECT substr(c.scope, 3) AS period FROM "AggregateCell" c
      WHERE c.industry = ${key.industry} AND c.region = ${key.region} AND c.size = ${key.size} AND c."versionId" = ${versionId}::uuid
        AND c.scope LIKE 'p:%' AND c.n > 0 AND c.n >= ${minContributors}
    ) p ON TRUE
    WHERE s.id = 1
    ORDER BY p.period DESC`);
  if (rows[0]?.dirty !== false) return aggregatePeriodsLive(versionId, within, minContributors);
  return rows.flatMap((row) => (row.period === null ? [] : [row.period]));
}

function newest(rows: { id: string; version: string }[]): { id: string; version: string } | null {
  const [first] = rows.sort((a, b) => compareVersions(b.version, a.version));
  return first ?? null;
}

export async function sectorVersionLive(within: PeerGroupSpec): Promise<{ id: string; version: string } | null> {
  const rows = await analyticsDb().$queryRaw<{ id: string; version: string }[]>(Prisma.sql`
    SELECT v.id, v.version FROM "QuestionnaireVersion" v
    WHERE EXISTS (SELECT 1 FROM "AssessmentScore" s WHERE s."questionnaireVersionId" = v.id AND ${scoreGroupCondition(within)} AND ${LATEST_IN_PERIOD})`);
  return newest(rows);
}

/** The newest questionnaire version (by version number) with contributors (scope "period") inside `within`, or null. */
export async function sectorVersion(within: PeerGroupSpec): Promise<{ id: string; version: string } | null> {
  const key = cellKey(within);
  const rows = await analyticsDb().$queryRaw<{ dirty: boolean; id: string | null; version: string | null }[]>(Prisma.sql`
    SELECT s.dirty, v.id, v.version FROM "AggregateState" s
    LEFT JOIN LATERAL (
      SELECT v.id, v.version FROM "QuestionnaireVersion" v
      WHERE EXISTS (SELECT 1 FROM "AggregateCell" c WHERE c.industry = ${key.industry} AND c.region = ${key.region} AND c.size = ${key.size}
                      AND c."versionId" = v.id AND c.scope LIKE 'p:%' AND c.n > 0)
    ) v ON TRUE
    WHERE s.id = 1`);
  if (rows[0]?.dirty !== false) return sectorVersionLive(within);
  return newest(rows.flatMap((row) => (row.id === null || row.version === null ? [] : [{ id: row.id, version: row.version }])));
}

/** Factories registered (with a profile) per group, with a cell key (Σ FactoryProfile.recordKey mod 256), from the profiles. */
export async function registeredCountsLive(specs: readonly PeerGroupSpec[]): Promise<RawCount[]> {
  if (specs.length === 0) return [];
  const rows = await analyticsDb().$queryRaw<{ idx: number; n: number; key: number }[]>(Prisma.sql`
    WITH c AS MATERIALIZED (
      SELECT f."organizationId", f."industryCode", i.category AS "industryCategory", f."regionCode", f."sizeBand",
             left(f."regionCode", 2) AS "provinceCode",
             CASE WHEN length(f."regionCode") >= 4 AND left(f."regionCode", 2) NOT IN (${Prisma.join([...MUNICIPALITIES])}) THEN left(f."regionCode", 4) END AS "cityCode",
             f."recordKey"
      FROM "FactoryProfile" f JOIN "Industry" i ON i.code = f."industryCode"
    ),
    g(idx, division, category, province, city, district, size) AS (VALUES ${specsValues(specs)})
    SELECT g.idx, count(c."organizationId")::int AS n, (coalesce(sum(c."recordKey"), 0) % ${RECORD_KEY_MODULUS})::int AS key
    FROM g LEFT JOIN c ON ${MATCHES}
    GROUP BY g.idx ORDER BY g.idx`);
  const byIdx = new Map(rows.map((row) => [row.idx, row]));
  return specs.map((_, idx) => ({ n: byIdx.get(idx)?.n ?? 0, key: byIdx.get(idx)?.key ?? 0 }));
}

/** Factories registered (with a profile) per group, maintained by a trigger on FactoryProfile. */
export async function registeredCounts(specs: readonly PeerGroupSpec[]): Promise<RawCount[]> {
  if (specs.length === 0) return [];
  const keys = specs.map(cellKey);
  const rows = await analyticsDb().$queryRaw<{ dirty: boolean; idx: number | null; n: number; key: number }[]>(Prisma.sql`
    SELECT s.dirty, r.idx, r.n, r.key FROM "AggregateState" s
    LEFT JOIN LATERAL (
      SELECT g.idx, c.n, (c."keySum" % ${RECORD_KEY_MODULUS})::int AS key
      FROM (VALUES ${Prisma.join(keys.map((key, idx) => Prisma.sql`(${idx}::int, ${key.industry}::text, ${key.region}::text, ${key.size}::text)`))}) g(idx, industry, region, size)
      JOIN "RegisteredCell" c ON c.industry = g.industry AND c.region = g.region AND c.size = g.size
    ) r ON TRUE
    WHERE s.id = 1`);
  if (rows[0]?.dirty !== false) return registeredCountsLive(specs);
  const byIdx = new Map(rows.filter((row) => row.idx !== null).map((row) => [row.idx, row]));
  return specs.map((_, idx) => ({ n: byIdx.get(idx)?.n ?? 0, key: byIdx.get(idx)?.key ?? 0 }));
}

// ---------------------------------------------------------------------------------------------
// Upkeep

/** Something that runs SQL: a pg client (the seeders) or anything with the same query method. */
export interface SqlClient {
  query: (sql: string, values?: unknown[]) => Promise<unknown>;
}

/**
 * Recomputes every aggregate from the score rows and profiles, set-based, and marks them current.
 * Call it after a bulk load (seedPopulation does); writers wait while it runs.
 */
export async function rebuildAggregates(client: SqlClient): Promise<void> {
  await client.query("SELECT ffi_aggregates_rebuild()");
}

/** Removes "current" contributions that left the 24-month window (hourly). Returns how many. */
export async function expireAggregates(asOf = new Date()): Promise<number> {
  const rows = await prisma.$queryRaw<{ removed: number }[]>(Prisma.sql`SELECT ffi_aggregates_expire(${windowStart(asOf)}::timestamptz) AS removed`);
  return rows[0]?.removed ?? 0;
}

/** The hourly job: a rebuild when a bulk load left the aggregates stale, else the expiry. */
export async function maintainAggregates(asOf = new Date()): Promise<number> {
  const [state] = await prisma.$queryRaw<{ dirty: boolean }[]>(Prisma.sql`SELECT dirty FROM "AggregateState" WHERE id = 1`);
  if (state?.dirty) {
    await prisma.$executeRaw(Prisma.sql`SELECT ffi_aggregates_rebuild()`);
    return 0;
  }
  return expireAggregates(asOf);
}
