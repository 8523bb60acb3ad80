/**
 * The seeder writes the maintained aggregates itself (ADR 0029): the population's contributions
 * and every item histogram from the vectors it generated, the rest of the rebuild's steps in SQL.
 * Whatever path a load takes, every aggregate table must hold, row for row, what the SQL rebuild
 * (rebuildAggregates) computes from the same score rows and profiles.
 */
import crypto from "node:crypto";
import type pg from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { rebuildAggregates } from "~/models/aggregates.server";
import { deletePopulation, publishedModels, seedPopulation, withClient, type SeedPopulationOptions } from "../../server/population";

const withPg = <T>(run: (client: pg.Client) => Promise<T>) => withClient(process.env.DATABASE_URL!, run);

const DAY = 86_400_000;
const anchor = new Date(Date.now() - DAY);
const AGGREGATE_TABLES = ["AggregateItem", "AggregateContribution", "AggregateCell", "AggregateHistogram", "RegisteredCell"] as const;

/** Every row of every aggregate table as text, sorted, and whether the aggregates are current. */
async function snapshot(client: pg.Client) {
  const tables: Record<string, string[]> = {};
  for (const table of AGGREGATE_TABLES) {
    const { rows } = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${table}" t ORDER BY 1`);
    tables[table] = rows.map((row) => row.row);
  }
  const { rows } = await client.query<{ dirty: boolean; pending: number }>(`SELECT dirty, (SELECT count(*)::int FROM "AggregatePending") AS pending FROM "AggregateState" WHERE id = 1`);
  return { tables, state: rows[0] };
}

/**
 * Factories that are not synthetic (no members, so no real accounts) with submissions the
 * population does not make: an item id that sorts before the questionnaire's own (every planned
 * position moves), scores missing, an assessment with no scored item at all, two submissions in
 * one period, one outside the 24-month window, and a version the population never answers.
 */
async function ownSubmissions(client: pg.Client) {
  const { current } = await publishedModels(client);
  const modelItems = [...current.model.dimensions, ...current.model.capabilities].map((item) => item.id);
  const other = crypto.randomUUID();
  await client.query(`INSERT INTO "QuestionnaireVersion" (id, key, version, "contentHash", content) VALUES ($1, 'seeded-aggregates-test', '9.9.9', $2, '{}')`, [other, "0".repeat(64)]);
  const factories = [
    { industryCode: "34", industryCategory: "equipment", regionCode: "310115", provinceCode: "31", cityCode: null, sizeBand: "MEDIUM" },
    { industryCode: "34", industryCategory: "equipment", regionCode: "3205", provinceCode: "32", cityCode: "3205", sizeBand: "SMALL" },
    { industryCode: "26", industryCategory: "materials", regionCode: "33", provinceCode: "33", cityCode: null, sizeBand: "LARGE" },
  ];
  let n = 0;
  for (const [index, profile] of factories.entries()) {
    const organizationId = crypto.randomUUID();
    await client.query(`INSERT INTO "Organization" (id, kind, name, "updatedAt") VALUES ($1, 'FACTORY', $2, now())`, [organizationId, `自有企业 ${index}`]);
    await client.query(
      `INSERT INTO "FactoryProfile" ("organizationId", "legalName", "creditCode", "industryCode", "regionCode", employees, "revenueWan", "sizeBand", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, 100, 1000, $6::"SizeBand", now())`,
      [organizationId, `自有企业 ${index}`, `91310115TEST${String(index).padStart(6, "0")}`, profile.industryCode, profile.regionCode, profile.sizeBand],
    );
    const submissions = [
      { version: current.versionId, days: 10, period: "2026", items: [...modelItems, "0.extra"] },
      { version: current.versionId, days: 40, period: "2026", items: modelItems },
      { version: current.versionId, days: 400, period: "2025", items: index === 0 ? [] : modelItems },
      { version: current.versionId, days: 800, period: "2024", items: modelItems },
      { version: other, days: 20, period: "2026", items: ["dim.a", "dim.b"] },
    ];
    for (const submission of submissions) {
      const assessmentId = crypto.randomUUID();
      const submittedAt = new Date(Date.now() - submission.days * DAY - index * 1000);
      const overall = 1 + ((n * 0.37) % 3.5);
      await client.query(
        `INSERT INTO "Assessment" (id, "organizationId", "questionnaireVersionId", period, status, "submittedAt", "updatedAt") VALUES ($1, $2, $3, $4, 'SUBMITTED', $5, now())`,
        [assessmentId, organizationId, submission.version, submission.period, submittedAt],
      );
      await client.query(
        `INSERT INTO "AssessmentScore" ("assessmentId", "organizationId", "questionnaireVersionId", period, "submittedAt", "industryCode", "industryCategory", "regionCode",
           "provinceCode", "cityCode", "sizeBand", overall, level)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::"SizeBand", $12, $13)`,
        [assessmentId, organizationId, submission.version, submission.period, submittedAt, profile.industryCode, profile.industryCategory, profile.regionCode, profile.provinceCode, profile.cityCode, profile.sizeBand, overall, Math.floor(overall)],
      );
      for (const [at, itemId] of submission.items.entries()) {
        const score = (n + at) % 4 === 0 ? null : ((n * 7 + at * 13) % 500) / 100;
        await client.query(`INSERT INTO "AssessmentItemScore" ("assessmentId", "itemType", "itemId", score) VALUES ($1, 'CAPABILITY', $2, $3)`, [assessmentId, itemId, score]);
      }
      if (submission.items.length === 0) {
        await client.query(`INSERT INTO "AssessmentItemScore" ("assessmentId", "itemType", "itemId", score) VALUES ($1, 'CAPABILITY', $2, NULL)`, [assessmentId, modelItems[0]]);
      }
      n++;
    }
  }
}

beforeAll(async () => {
  await withPg(async (client) => {
    // Cells from 8 contributors keep histograms: many cells of a small population have them.
    await client.query(`UPDATE "AggregateState" SET "histogramMin" = 8 WHERE id = 1`);
    await ownSubmissions(client);
    await rebuildAggregates(client);
  });
});

afterEach(async () => {
  await withPg((client) => deletePopulation(client));
});

/** Seeds with `options`, then checks the aggregates against a rebuild of the same rows. */
async function seededEqualsRebuilt(options: SeedPopulationOptions, path: "written" | "rebuilt") {
  return withPg(async (client) => {
    expect((await seedPopulation(client, options)).aggregates).toBe(path);
    const seeded = await snapshot(client);
    await rebuildAggregates(client);
    const rebuilt = await snapshot(client);
    for (const table of AGGREGATE_TABLES) expect({ table, rows: seeded.tables[table] }).toEqual({ table, rows: rebuilt.tables[table] });
    expect(seeded.state).toEqual({ dirty: false, pending: 0 });
    return seeded.tables;
  });
}

describe("seedPopulation writes the aggregates the SQL rebuild computes", () => {
  it("row for row on the large-load path (workers, indexes rebuilt, no foreign-key triggers)", { timeout: 120_000 }, async () => {
    const tables = await seededEqualsRebuilt({ factories: 400, seed: 21, anchor, workers: 2, batchSize: 90, rebuildIndexes: true, skipForeignKeyChecks: true }, "written");
    // The population and the database's own rows are both in it, and many cells keep histograms.
    expect(tables.AggregateContribution!.length).toBeGreaterThan(800);
    expect(tables.AggregateContribution!.filter((row) => row.includes(",f,")).length).toBeGreaterThan(5);
    expect(tables.AggregateHistogram!.length).toBeGreaterThan(1000);
  });

  it("row for row when a second backend stages assessments and histograms (the CLI's large load, ADR 0032)", { timeout: 180_000 }, async () => {
    const phases: string[] = [];
    const options = { factories: 400, seed: 24, anchor, workers: 2, batchSize: 40, rebuildIndexes: true, skipForeignKeyChecks: true, stagingUrl: process.env.DATABASE_URL };
    const tables = await seededEqualsRebuilt({ ...options, onPhase: ({ phase }) => phases.push(phase) }, "written");
    expect(phases.some((phase) => /^aggregates: histograms of \d+ cells \(built beside the indexes/.test(phase))).toBe(true);
    expect(tables.AggregateHistogram!.length).toBeGreaterThan(1000);
  });

  it("row for row on the plain in-process path", { timeout: 120_000 }, async () => {
    await seededEqualsRebuilt({ factories: 150, seed: 22, anchor, workers: 0, rebuildIndexes: false, skipForeignKeyChecks: false }, "written");
  });

  it("row for row when a population too small to answer every version makes the seeder fall back to the SQL rebuild", { timeout: 120_000 }, async () => {
    await seededEqualsRebuilt({ factories: 2, seed: 23, anchor, workers: 0 }, "rebuilt");
    const previousAnswered = await withPg(async (client) => {
      const { previous } = await publishedModels(client);
      return previous === null ? null : (await client.query(`SELECT 1 FROM "AssessmentScore" WHERE "questionnaireVersionId" = $1`, [previous.versionId])).rowCount;
    });
    // The case this test is for: a published version no row answers (its planned items are dropped).
    expect(previousAnswered).toBe(0);
  });
});
