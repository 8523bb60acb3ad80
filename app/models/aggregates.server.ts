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
import type { PeerGroupSpec } from "~/domain/benchmark/groups";
import { POPULATION_ID_MAX, POPULATION_ID_MIN } from "~/domain/benchmark/population";
import { OVERALL_ITEM_ID } from "~/domain/benchmark/statistics";
import { windowStart } from "~/domain/benchmark/window";
import { MUNICIPALITIES } from "~/domain/assessment/score-rows";
import { LEVEL_COUNT, RECORD_KEY_MODULUS, SCORE_BINS, type RawCount, type RawGroup, type RawItem } from "~/domain/disclosure/types";
import { compareVersions } from "~/domain/questionnaire/files.server";
import { Prisma } from "~/generated/prisma/client";
import { analyticsDb } from "~/utils/db.server";

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
// The API

/** The groups, in the order of `specs`; a group nobody is in has n = 0. */
export async function readGroups(query: ReadGroupsQuery): Promise<RawGroup[]> {
  return readGroupsLive(query);
}

/** Periods (labels) with at least one contributor inside `within` on the version, newest first. */
export async function aggregatePeriods(versionId: string, within: PeerGroupSpec): Promise<string[]> {
  const rows = await analyticsDb().$queryRaw<{ period: string }[]>(Prisma.sql`
    SELECT DISTINCT s.period FROM "AssessmentScore" s
    WHERE s."questionnaireVersionId" = ${versionId}::uuid AND ${scoreGroupCondition(within)}
      AND (s."submittedAt", s."assessmentId") = (
        SELECT latest."submittedAt", latest."assessmentId" FROM "AssessmentScore" latest
        WHERE latest."organizationId" = s."organizationId" AND latest."questionnaireVersionId" = s."questionnaireVersionId"
          AND latest.period = s.period
        ORDER BY latest."submittedAt" DESC, latest."assessmentId" DESC LIMIT 1)
    ORDER BY s.period DESC`);
  return rows.map((row) => row.period);
}

/** The newest questionnaire version (by version number) with contributions inside `within`, or null. */
export async function sectorVersion(within: PeerGroupSpec): Promise<{ id: string; version: string } | null> {
  const rows = await analyticsDb().$queryRaw<{ id: string; version: string }[]>(Prisma.sql`
    SELECT v.id, v.version FROM "QuestionnaireVersion" v
    WHERE EXISTS (SELECT 1 FROM "AssessmentScore" s WHERE s."questionnaireVersionId" = v.id AND ${scoreGroupCondition(within)})`);
  const [newest] = rows.sort((a, b) => compareVersions(b.version, a.version));
  return newest ?? null;
}

/**
 * Factories registered (with a profile) per group, with a cell key. The profile has no record key
 * of its own yet, so the key is derived from the organisation id (a fixed hash: the same factory
 * always adds the same amount).
 */
export async function registeredCountsLive(specs: readonly PeerGroupSpec[]): Promise<RawCount[]> {
  if (specs.length === 0) return [];
  const rows = await analyticsDb().$queryRaw<{ idx: number; n: number; key: number }[]>(Prisma.sql`
    WITH c AS MATERIALIZED (
      SELECT f."organizationId", f."industryCode", i.category AS "industryCategory", f."regionCode", f."sizeBand",
             left(f."regionCode", 2) AS "provinceCode",
             CASE WHEN length(f."regionCode") >= 4 AND left(f."regionCode", 2) NOT IN (${Prisma.join([...MUNICIPALITIES])}) THEN left(f."regionCode", 4) END AS "cityCode",
             (hashtext(f."organizationId"::text) & 255) AS "recordKey"
      FROM "FactoryProfile" f JOIN "Industry" i ON i.code = f."industryCode"
    ),
    g(idx, division, category, province, city, district, size) AS (VALUES ${specsValues(specs)})
    SELECT g.idx, count(c."organizationId")::int AS n, (coalesce(sum(c."recordKey"), 0) % ${RECORD_KEY_MODULUS})::int AS key
    FROM g LEFT JOIN c ON ${MATCHES}
    GROUP BY g.idx ORDER BY g.idx`);
  const byIdx = new Map(rows.map((row) => [row.idx, row]));
  return specs.map((_, idx) => ({ n: byIdx.get(idx)?.n ?? 0, key: byIdx.get(idx)?.key ?? 0 }));
}

export async function registeredCounts(specs: readonly PeerGroupSpec[]): Promise<RawCount[]> {
  return registeredCountsLive(specs);
}
