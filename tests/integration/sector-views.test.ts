/**
 * The authority views (overview, industries, sizes) against a real PostgreSQL: a synthetic population
 * seeded through the batch writer, authorities with jurisdictions, the loaders as Remix calls them.
 * Every table must equal the disclosure (app/domain/disclosure) of the true aggregates, computed here
 * from the score rows by the in-memory oracle (app/domain/benchmark/reference.ts); factories outside
 * the jurisdiction must not count; nothing unpublished may reach the page data; bad filters answer
 * 400/403 with a translated message.
 */
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { PeerGroupSpec } from "~/domain/benchmark/groups";
import { groupLabel } from "~/domain/benchmark/labels";
import { referenceContributors, referenceGroup, type ScoreRecord } from "~/domain/benchmark/reference";
import { OVERALL_ITEM_ID } from "~/domain/benchmark/statistics";
import { publishCount, publishGroup } from "~/domain/disclosure";
import type { RawGroup } from "~/domain/disclosure/types";
import { questionnaireView } from "~/domain/questionnaire/view";
import { INDUSTRIES } from "~/domain/reference/industries";
import { SIZE_BANDS } from "~/domain/reference/size-band";
import { changeByTable, dimensionMediansTable, levelsByTable, levelsTable, mediansByTable, weakestByTable, type SectorBuildContext } from "~/domain/sector/build";
import { jurisdictionSpec } from "~/domain/sector/filters";
import type { SectorTable } from "~/domain/sector/table";
import type { OverviewView, SectorView } from "~/domain/sector/view";
import { loadQuestionnaireVersion } from "~/models/assessment.server";
import * as industriesRoute from "~/routes/o.$orgId.sector.industries";
import * as overviewRoute from "~/routes/o.$orgId.sector._index";
import * as sizesRoute from "~/routes/o.$orgId.sector.sizes";
import { prisma } from "~/utils/db.server";
import { translator, type AppLocale } from "~/utils/i18n";
import { seedPopulation } from "../../server/population";
import { addMember, call, cookieFor, createTestOrganization, createTestUser } from "../support/routes";

const RULES = { minGroup: 5 };

async function withPg<T>(run: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

interface Authority {
  orgId: string;
  cookie: string;
  viewerCookie: string;
}

async function authority(regionCode: string, industryCode: string | null = null): Promise<Authority> {
  const owner = await createTestUser();
  const org = await createTestOrganization(owner.id, "AUTHORITY", "测试经信委");
  await prisma.authorityJurisdiction.create({ data: { organizationId: org.id, regionCode, industryCode } });
  const viewer = await createTestUser();
  await addMember(org.id, viewer.id, "VIEWER");
  return { orgId: org.id, cookie: await cookieFor(owner.id), viewerCookie: await cookieFor(viewer.id) };
}

type Route = typeof overviewRoute | typeof industriesRoute | typeof sizesRoute;
const PATHS = new Map<Route, string>([
  [overviewRoute, ""],
  [industriesRoute, "/industries"],
  [sizesRoute, "/sizes"],
]);

function open(route: Route, who: Authority, query = "", cookie = who.cookie) {
  return call(route.loader, { path: `/o/${who.orgId}/sector${PATHS.get(route)}${query}`, params: { orgId: who.orgId }, cookie });
}

/** Every score row, as the oracle reads them. */
async function allRecords(): Promise<ScoreRecord[]> {
  const scores = await prisma.assessmentScore.findMany();
  const items = await prisma.assessmentItemScore.findMany();
  const byAssessment = new Map<string, ScoreRecord["items"][number][]>();
  for (const item of items) byAssessment.set(item.assessmentId, [...(byAssessment.get(item.assessmentId) ?? []), { itemType: item.itemType as "DIMENSION" | "CAPABILITY", itemId: item.itemId, score: item.score }]);
  return scores.map((score) => ({ ...score, items: byAssessment.get(score.assessmentId) ?? [] }));
}

function rawGroup(contributors: readonly ScoreRecord[], spec: PeerGroupSpec): RawGroup {
  const reference = referenceGroup(contributors, spec);
  return { spec, ...reference, items: new Map([...reference.items].map(([itemId, histogram]) => [itemId, { n: histogram.reduce((sum, count) => sum + count, 0), histogram }])) };
}

/** The build context the views must have used (names of the version, the scope label, k). */
async function contextFor(meta: SectorView["meta"], spec: PeerGroupSpec, locale: AppLocale = "zh-CN"): Promise<{ context: SectorBuildContext; versionId: string }> {
  const version = await prisma.questionnaireVersion.findFirstOrThrow({ where: { version: meta.version! }, select: { id: true } });
  const view = questionnaireView((await loadQuestionnaireVersion(version.id)).questionnaire, locale);
  const t = translator(locale);
  return {
    versionId: version.id,
    context: {
      rules: RULES,
      text: t,
      names: {
        levels: [view.belowFirstLevel, ...view.levels.map((level) => level.name)],
        dimensions: view.dimensions.map((dimension) => ({ id: dimension.id, name: dimension.name })),
        capabilities: view.dimensions.flatMap((dimension) => dimension.capabilities.map((capability) => ({ id: capability.id, name: capability.name }))),
      },
      period: meta.period!,
      version: meta.version!,
      scope: groupLabel(spec, t, locale),
    },
  };
}

const table = (tables: readonly SectorTable[], id: string) => {
  const found = tables.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
};

let records: ScoreRecord[];
let shanghai: Authority;
let pudongMachinery: Authority;
let zhejiang: Authority;
let empty: Authority;
const SHANGHAI = jurisdictionSpec({ regionCode: "31", industryCode: null });

beforeAll(async () => {
  // The population must be written before any account exists: it refuses databases with real accounts.
  await withPg((client) => seedPopulation(client, { factories: 600, seed: 12 }));
  records = await allRecords();
  shanghai = await authority("31");
  pudongMachinery = await authority("310115", "34");
  zhejiang = await authority("33");
  // A province the seeded population does not reach.
  const provinces = ["54", "63", "64", "46", "15", "62", "65"];
  const unused = provinces.find((code) => !records.some((record) => record.provinceCode === code));
  if (!unused) throw new Error("every candidate province has factories: pick another seed");
  empty = await authority(unused);
}, 90_000);

describe("sector overview", () => {
  it("equals the disclosure of the true aggregates of the jurisdiction, for the newest period", async () => {
    const result = await open(overviewRoute, shanghai);
    expect(result.status).toBe(200);
    const data = result.data as OverviewView & { canExport: boolean };
    expect(data.meta.empty).toBe(false);
    expect(data.meta.period).toBe(data.meta.periods[0]);
    const { context, versionId } = await contextFor(data.meta, SHANGHAI);
    const contributors = referenceContributors(records, versionId, { kind: "period", period: data.meta.period! });
    const group = rawGroup(contributors, SHANGHAI);
    expect(group.n).toBeGreaterThan(20);
    expect(table(data.tables, "levels")).toEqual(levelsTable(context, group));
    expect(table(data.tables, "dimension-medians")).toEqual(dimensionMediansTable(context, group));
    expect(data.headline.participating).toEqual(publishCount(group, RULES));
    expect(data.headline.overallMedian).toEqual(publishGroup(group, RULES, [OVERALL_ITEM_ID]).items[0]!.quantiles);
    expect(data.headline.containsSynthetic).toBe(true);
    // One participation and one trend row per period with data.
    expect(table(data.tables, "participation").rows.map((row) => row[0]?.kind === "label" && row[0].code)).toEqual(data.meta.periods);
    expect(table(data.tables, "trend").rows.map((row) => row[0]?.kind === "label" && row[0].code)).toEqual([...data.meta.periods].reverse());
  });

  it("does not count factories outside the jurisdiction", async () => {
    const inside = (await open(overviewRoute, shanghai)).data as OverviewView;
    const outside = (await open(overviewRoute, zhejiang)).data as OverviewView;
    const { versionId } = await contextFor(inside.meta, SHANGHAI);
    const contributors = referenceContributors(records, versionId, { kind: "period", period: inside.meta.period! });
    const nationwide = rawGroup(contributors, { ...SHANGHAI, region: { kind: "all" } });
    const shanghaiGroup = rawGroup(contributors, SHANGHAI);
    const zhejiangGroup = rawGroup(contributors, jurisdictionSpec({ regionCode: "33", industryCode: null }));
    expect(shanghaiGroup.n).toBeLessThan(nationwide.n);
    expect(inside.headline.participating).toEqual(publishCount(shanghaiGroup, RULES));
    expect(outside.headline.participating).toEqual(publishCount(zhejiangGroup, RULES));
    expect(inside.headline.participating).not.toEqual(publishCount(nationwide, RULES));
  });

  it("narrows to a district and a size band inside the jurisdiction", async () => {
    const result = await open(overviewRoute, shanghai, "?region=310115&size=SMALL");
    expect(result.status).toBe(200);
    const data = result.data as OverviewView;
    const spec: PeerGroupSpec = { industry: { kind: "all" }, region: { kind: "district", code: "310115" }, size: { kind: "band", band: "SMALL" } };
    const { context, versionId } = await contextFor(data.meta, spec);
    const group = rawGroup(referenceContributors(records, versionId, { kind: "period", period: data.meta.period! }), spec);
    expect(table(data.tables, "levels")).toEqual(levelsTable(context, group));
    expect(data.meta.selected).toEqual({ industry: null, region: "310115", size: "SMALL", period: null });
  });

  it("sends nothing unpublished: no raw counts, ids, names or floats beyond two decimals", async () => {
    for (const [route, query] of [
      [overviewRoute, ""],
      [industriesRoute, "?region=310115"],
      [industriesRoute, "?by=category"],
      [sizesRoute, "?industry=34"],
    ] as const) {
      const result = await open(route, shanghai, query);
      expect(result.status).toBe(200);
      const json = JSON.stringify(result.data);
      expect(json).not.toMatch(/5eed5eed/i);
      expect(json).not.toContain("样本企业");
      // Raw aggregates have these fields; published values never do (column "key"s are export names).
      expect(json).not.toMatch(/"(histogram|synthetic|levelCounts|raw|items)"/);
      for (const number of json.match(/-?\d+\.\d+/g) ?? []) expect(number, `${PATHS.get(route)}${query}`).toMatch(/^-?\d+\.\d{1,2}$/);
      // No organisation id but the authority's own.
      const ids = new Set(json.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []);
      expect([...ids]).toEqual([shanghai.orgId]);
    }
  });

  it("shows an empty state where the jurisdiction or the year has no data", async () => {
    const none = await open(overviewRoute, empty);
    expect(none.status).toBe(200);
    expect((none.data as OverviewView).meta.empty).toBe(true);
    expect((none.data as OverviewView).meta.periods).toEqual([]);
    const year = await open(overviewRoute, shanghai, "?period=1999");
    expect(year.status).toBe(200);
    const data = year.data as OverviewView;
    expect(data.meta.empty).toBe(true);
    expect(data.meta.period).toBe("1999");
    expect(data.headline.participating).toEqual({ status: "suppressed" });
  });

  it("offers the downloads to owners and editors only", async () => {
    expect((await open(overviewRoute, shanghai)).data).toMatchObject({ canExport: true });
    expect((await open(overviewRoute, shanghai, "", shanghai.viewerCookie)).data).toMatchObject({ canExport: false });
  });
});

describe("sector breakdowns", () => {
  it("by division: level bars, heatmap, weakest capabilities and change equal the disclosure of the true aggregates", async () => {
    const result = await open(industriesRoute, shanghai);
    expect(result.status).toBe(200);
    const data = result.data as SectorView & { by: string };
    expect(data.by).toBe("division");
    const { context, versionId } = await contextFor(data.meta, SHANGHAI);
    const current = referenceContributors(records, versionId, { kind: "period", period: data.meta.period! });
    const previousPeriod = data.meta.periods[1] ?? null;
    const previous = previousPeriod ? referenceContributors(records, versionId, { kind: "period", period: previousPeriod }) : [];
    const rows = INDUSTRIES.map((industry) => {
      const spec: PeerGroupSpec = { ...SHANGHAI, industry: { kind: "division", code: industry.code } };
      return { code: industry.code, label: `${industry.code} ${industry.nameZh}`, group: rawGroup(current, spec), previous: previousPeriod ? rawGroup(previous, spec) : null };
    });
    const total = rawGroup(current, SHANGHAI);
    const input = { breakdown: "division" as const, rows, total, hideSuppressed: true };
    expect(table(data.tables, "levels-by-division")).toEqual(levelsByTable(context, input));
    expect(table(data.tables, "medians-by-division")).toEqual(mediansByTable(context, input));
    expect(table(data.tables, "weakest-by-division")).toEqual(weakestByTable(context, input));
    expect(table(data.tables, "change-by-division")).toEqual(changeByTable(context, { ...input, previousTotal: previousPeriod ? rawGroup(previous, SHANGHAI) : null, previousPeriod }));
    // Some divisions are too small to publish and are left out (the table says how many).
    const shown = table(data.tables, "levels-by-division").rows.length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(INDUSTRIES.length);
    // The synthetic population is in the group: a flag, not a count.
    expect(data.meta.containsSynthetic).toBe(true);
  });

  it("by category and by size band list every row of the short lists", async () => {
    const categories = (await open(industriesRoute, shanghai, "?by=category")).data as SectorView;
    expect(table(categories.tables, "levels-by-category").rows.map((row) => row[0]?.kind === "label" && row[0].code)).toEqual(["consumer", "materials", "equipment", "other"]);
    const sizes = (await open(sizesRoute, shanghai)).data as SectorView;
    const levels = table(sizes.tables, "levels-by-size");
    expect(levels.rows.map((row) => row[0]?.kind === "label" && row[0].code)).toEqual([...SIZE_BANDS]);
    const { context, versionId } = await contextFor(sizes.meta, SHANGHAI);
    const current = referenceContributors(records, versionId, { kind: "period", period: sizes.meta.period! });
    const rows = SIZE_BANDS.map((band) => ({ code: band, label: translator("zh-CN")(`sizeBand.${band}`), group: rawGroup(current, { ...SHANGHAI, size: { kind: "band", band } }) }));
    expect(levels).toEqual(levelsByTable(context, { breakdown: "size", rows, total: rawGroup(current, SHANGHAI), hideSuppressed: false }));
  });

  it("an authority over one division in one district sees that division only", async () => {
    const result = await open(industriesRoute, pudongMachinery);
    expect(result.status).toBe(200);
    const data = result.data as SectorView;
    const rows = table(data.tables, "levels-by-division").rows;
    expect(rows.every((row) => row[0]?.kind === "label" && row[0].code === "34")).toBe(true);
    expect(data.meta.scope).toContain("34");
    expect(data.meta.jurisdiction.industryCode).toBe("34");
  });

  it("translates the tables into English", async () => {
    const owner = await createTestUser({ locale: "en" });
    await addMember(shanghai.orgId, owner.id, "EDITOR");
    const result = await call(sizesRoute.loader, { path: `/o/${shanghai.orgId}/sector/sizes`, params: { orgId: shanghai.orgId }, cookie: await cookieFor(owner.id) });
    const data = result.data as SectorView;
    const en = translator("en");
    expect(table(data.tables, "levels-by-size").columns[0]?.label).toBe(en("sector.columns.size"));
    expect(table(data.tables, "levels-by-size").total?.[0]).toEqual({ kind: "label", code: "total", label: en("sector.common.total") });
  });
});

describe("bad input", () => {
  const t = translator("zh-CN");
  it.each([
    ["overview", "?industry=99", 400, t("sector.errors.unknown-code.industry", { code: "99" }), overviewRoute],
    ["overview", "?region=999999", 400, t("sector.errors.unknown-code.region", { code: "999999" }), overviewRoute],
    ["industries", "?size=HUGE", 400, t("sector.errors.unknown-code.size", { code: "HUGE" }), industriesRoute],
    ["sizes", "?period=20x6", 400, t("sector.errors.unknown-code.period", { code: "20x6" }), sizesRoute],
    ["industries", "?by=district", 400, t("sector.errors.unknownBy", { code: "district" }), industriesRoute],
    ["overview", "?region=3301", 403, t("sector.errors.outside-jurisdiction.region", { code: "3301" }), overviewRoute],
    ["sizes", "?region=33", 403, t("sector.errors.outside-jurisdiction.region", { code: "33" }), sizesRoute],
  ] as const)("%s%s answers %i with a translated message", async (_page, query, status, message, route) => {
    const result = await open(route, shanghai, query);
    expect(result.status).toBe(status);
    expect(result.data).toEqual({ message });
  });

  it("an authority over one division may not look at another", async () => {
    const result = await open(overviewRoute, pudongMachinery, "?industry=39");
    expect(result.status).toBe(403);
    expect(result.data).toEqual({ message: translator("zh-CN")("sector.errors.outside-jurisdiction.industry", { code: "39" }) });
  });
});
