/**
 * The large-load path of seedPopulation (npm run db:seed-population -- --factories 1000000):
 * batches generated in child processes, secondary indexes dropped and rebuilt, foreign-key
 * triggers skipped. It must write exactly what the plain in-process path writes, leave the same
 * indexes behind, and leave nothing (indexes intact) when the load fails.
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { PeerGroupSpec } from "~/domain/benchmark/groups";
import { parseStoredResult } from "~/domain/assessment/stored";
import { POPULATION_ID_MAX, POPULATION_ID_MIN, populationAssessmentId, populationOrganizationId } from "~/domain/benchmark/population";
import { readGroups, readGroupsLive } from "~/models/aggregates.server";
import { currentQuestionnaireVersion } from "~/models/assessment.server";
import { deletePopulation, populationSize, publishedModels, seedPopulation, type SeedPopulationOptions } from "../../server/population";
import { populationCopyBatch } from "../../server/population-copy";
import { AssessmentStaging, dropLeftovers } from "../../server/population-staging";

async function withPg<T>(run: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const anchor = new Date(Date.now() - 24 * 60 * 60 * 1000); // inside the 24-month window of "current"
const everywhere: PeerGroupSpec = { industry: { kind: "all" }, region: { kind: "all" }, size: { kind: "all" } };
const shanghai: PeerGroupSpec = { industry: { kind: "all" }, region: { kind: "province", code: "31" }, size: { kind: "all" } };
const factories = 160;

/** A digest of every row the population wrote (recordKey is random per row by design: left out). */
async function digest(client: pg.Client) {
  const one = async (sql: string) => (await client.query<{ md5: string; n: number }>(sql)).rows[0]!;
  return {
    organizations: await one(`SELECT md5(string_agg(id || name || "createdAt"::text, ',' ORDER BY id)) AS md5, count(*)::int AS n FROM "Organization" WHERE name LIKE '样本企业%'`),
    profiles: await one(
      `SELECT md5(string_agg(concat_ws('|', p."organizationId", "creditCode", "industryCode", "regionCode", employees, "revenueWan", "sizeBand"), ',' ORDER BY p."organizationId")) AS md5, count(*)::int AS n
       FROM "FactoryProfile" p JOIN "Organization" o ON o.id = p."organizationId" WHERE o.name LIKE '样本企业%'`,
    ),
    assessments: await one(
      `SELECT md5(string_agg(concat_ws('|', a.id, "questionnaireVersionId", period, status, answers::text, profile::text, result::text, "submittedAt"), ',' ORDER BY a.id)) AS md5, count(*)::int AS n
       FROM "Assessment" a JOIN "Organization" o ON o.id = a."organizationId" WHERE o.name LIKE '样本企业%'`,
    ),
    scores: await one(
      `SELECT md5(string_agg(concat_ws('|', "assessmentId", "organizationId", period, "industryCode", "regionCode", "cityCode", "sizeBand", overall, level), ',' ORDER BY "assessmentId")) AS md5, count(*)::int AS n
       FROM "AssessmentScore" s JOIN "Organization" o ON o.id = s."organizationId" WHERE o.name LIKE '样本企业%'`,
    ),
    items: await one(
      `SELECT md5(string_agg(concat_ws('|', i."assessmentId", "itemType", "itemId", score), ',' ORDER BY i."assessmentId", "itemId")) AS md5, count(*)::int AS n
       FROM "AssessmentItemScore" i JOIN "Assessment" a ON a.id = i."assessmentId" JOIN "Organization" o ON o.id = a."organizationId" WHERE o.name LIKE '样本企业%'`,
    ),
  };
}

async function indexes(client: pg.Client) {
  const { rows } = await client.query<{ definition: string }>(
    `SELECT indexdef AS definition FROM pg_indexes WHERE schemaname = current_schema()
     AND tablename IN ('Organization', 'FactoryProfile', 'Assessment', 'AssessmentScore', 'AssessmentItemScore') ORDER BY indexname`,
  );
  return rows.map((row) => row.definition);
}

// With a second backend taking part of the Assessment rows into a staging table (ADR 0032).
const large: Partial<SeedPopulationOptions> = { workers: 2, batchSize: 70, rebuildIndexes: true, skipForeignKeyChecks: true, stagingUrl: process.env.DATABASE_URL };

/** Tables a seeding's second backend stages Assessment rows in (none may outlive a load). */
async function stagingTables(client: pg.Client) {
  const { rows } = await client.query<{ name: string }>(`SELECT relname AS name FROM pg_class WHERE relname LIKE 'ffi\\_seed\\_staging\\_%' ORDER BY 1`);
  return rows.map((row) => row.name);
}

describe("seedPopulation: the large-load path", () => {
  it("writes exactly the rows of the in-process path, and the same indexes stand afterwards", { timeout: 180_000 }, async () => {
    await withPg(async (client) => {
      const before = await indexes(client);
      expect(before.length).toBeGreaterThan(8);
      const plain = await seedPopulation(client, { factories, seed: 7, anchor, workers: 0, rebuildIndexes: false, skipForeignKeyChecks: false });
      const expected = await digest(client);
      expect(expected.organizations.n).toBe(factories);
      expect(expected.items.n).toBeGreaterThan(factories * 20);

      await deletePopulation(client);
      expect(await populationSize(client)).toBe(0);
      const phases: string[] = [];
      const fast = await seedPopulation(client, { factories, seed: 7, anchor, ...large, batchSize: 20, onPhase: ({ phase }) => phases.push(phase) });
      expect(fast).toEqual(plain);
      // Part of the assessments went through the staging table (how many depends on which backend was free).
      const staged = phases.map((phase) => /^copy: (\d+) staged assessments moved in$/.exec(phase)?.[1]).find(Boolean);
      expect(Number(staged)).toBeGreaterThan(0);
      expect(Number(staged)).toBeLessThanOrEqual(expected.assessments.n);
      expect(await stagingTables(client)).toEqual([]);
      expect(await digest(client)).toEqual(expected);
      expect(await indexes(client)).toEqual(before);
      // Every child row has its parent (the foreign keys were not checked row by row).
      const { rows } = await client.query<{ orphans: number }>(
        `SELECT (SELECT count(*) FROM "AssessmentItemScore" i WHERE NOT EXISTS (SELECT 1 FROM "Assessment" a WHERE a.id = i."assessmentId"))
              + (SELECT count(*) FROM "AssessmentScore" s WHERE NOT EXISTS (SELECT 1 FROM "Assessment" a WHERE a.id = s."assessmentId"))
              + (SELECT count(*) FROM "Assessment" a WHERE NOT EXISTS (SELECT 1 FROM "Organization" o WHERE o.id = a."organizationId"))
              + (SELECT count(*) FROM "FactoryProfile" p WHERE NOT EXISTS (SELECT 1 FROM "Organization" o WHERE o.id = p."organizationId")) AS orphans`,
      );
      expect(Number(rows[0]!.orphans)).toBe(0);
      // Results are stored compact (format 3, ADR 0020) and read back to the score rows' overall and level.
      const stored = await client.query<{ result: unknown; overall: number; level: number }>(
        `SELECT a.result, s.overall, s.level FROM "Assessment" a JOIN "AssessmentScore" s ON s."assessmentId" = a.id JOIN "Organization" o ON o.id = a."organizationId" WHERE o.name LIKE '样本企业%'`,
      );
      expect(stored.rows.length).toBe(expected.assessments.n);
      for (const row of stored.rows) {
        expect(row.result).toMatchObject({ format: 3 });
        expect(parseStoredResult(row.result)).toMatchObject({ overall: row.overall, level: row.level });
      }
      // The maintained aggregates were rebuilt after the load (their triggers were skipped with the foreign keys).
      const version = await currentQuestionnaireVersion();
      const query = { versionId: version.id, scope: { kind: "current" } as const, specs: [everywhere, shanghai] };
      const [dirty] = (await client.query<{ dirty: boolean }>(`SELECT dirty FROM "AggregateState" WHERE id = 1`)).rows;
      expect(dirty?.dirty).toBe(false);
      const maintained = (await readGroups(query)).map((group) => [group.n, group.levels.map((level) => level.n)]);
      expect(maintained).toEqual((await readGroupsLive(query)).map((group) => [group.n, group.levels.map((level) => level.n)]));
      expect(maintained[0]![0]).toBeGreaterThan(factories * 0.8);
      await deletePopulation(client);
    });
  });

  it("a load that fails half-way leaves no factory behind and every index in place", { timeout: 180_000 }, async () => {
    await withPg(async (client) => {
      const before = await indexes(client);
      // Factory 150 already exists: its batch (the third of 70) fails on the primary key.
      await client.query(`INSERT INTO "Organization" (id, kind, name, "updatedAt") VALUES ($1, 'FACTORY', '占位', now())`, [populationOrganizationId(150)]);
      await expect(seedPopulation(client, { factories, seed: 7, anchor, ...large })).rejects.toThrow(/duplicate key/);
      expect(await populationSize(client)).toBe(1);
      expect(await indexes(client)).toEqual(before);
      await client.query(`DELETE FROM "Organization" WHERE id = $1`, [populationOrganizationId(150)]);
    });
  });

  it("a duplicate in a table whose primary key was dropped for the load fails the whole load when the key is added back", { timeout: 180_000 }, async () => {
    await withPg(async (client) => {
      const before = await indexes(client);
      // A score row for factory 150's assessment, already there (written without its assessment: no foreign-key check).
      const assessmentId = populationAssessmentId(150, 0);
      await client.query("BEGIN");
      await client.query("SET LOCAL session_replication_role = replica");
      await client.query(
        `INSERT INTO "AssessmentScore" ("assessmentId", "organizationId", "questionnaireVersionId", period, "submittedAt", "industryCode", "industryCategory", "regionCode", "provinceCode", "sizeBand", overall, level)
         SELECT $1, $2, id, '2026', now(), '34', 'equipment', '310115', '31', 'SMALL', 1, 1 FROM "QuestionnaireVersion" LIMIT 1`,
        [assessmentId, populationOrganizationId(150)],
      );
      await client.query("COMMIT");
      await expect(seedPopulation(client, { factories, seed: 7, anchor, ...large })).rejects.toThrow(/could not create unique index "AssessmentScore_pkey"/);
      expect(await populationSize(client)).toBe(0);
      // The staged assessments had been moved in by then: rolled back with the rest, and the staging table is gone.
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Assessment" WHERE id BETWEEN $1 AND $2`, [POPULATION_ID_MIN, POPULATION_ID_MAX]);
      expect(rows[0]!.n).toBe(0);
      expect(await stagingTables(client)).toEqual([]);
      expect(await indexes(client)).toEqual(before);
      await client.query(`DELETE FROM "AssessmentScore" WHERE "assessmentId" = $1`, [assessmentId]);
    });
  });

  it("the staging table: a dead seeder's is dropped, a live one's kept, moving a staged row twice fails on the key, a failed staged COPY is reported", { timeout: 60_000 }, async () => {
    await withPg(async (client) => {
      // What a seeder killed mid-load leaves: a staging table named after a backend that is gone.
      await client.query(`CREATE UNLOGGED TABLE "ffi_seed_staging_999999999" (id uuid)`);
      const staging = await AssessmentStaging.open(process.env.DATABASE_URL!);
      try {
        expect(await stagingTables(client)).toEqual([staging.table, `${staging.table}_h`]);
        expect(await dropLeftovers(client)).toEqual([]);
        const batch = populationCopyBatch(await publishedModels(client), 7, 0, 4, anchor);
        staging.stage(batch.assessment, batch.assessments);
        await client.query("BEGIN");
        await client.query("SET LOCAL session_replication_role = replica");
        expect(await staging.moveInto(client)).toBe(batch.assessments);
        await expect(staging.moveInto(client)).rejects.toThrow(/duplicate key value violates unique constraint "Assessment_pkey"/);
        await client.query("ROLLBACK");
      } finally {
        await staging.close();
      }
      expect(await stagingTables(client)).toEqual([]);
      expect(await populationSize(client)).toBe(0);

      // A staged COPY that fails fails the load at its next batch or at the move, never silently.
      const broken = await AssessmentStaging.open(process.env.DATABASE_URL!);
      try {
        broken.stage("not a row of the Assessment table\n", 1);
        await expect(broken.finish()).rejects.toThrow(/invalid input syntax|missing data/);
        expect(() => broken.stage("x\n", 1)).toThrow(/invalid input syntax|missing data/);
        await expect(broken.moveInto(client)).rejects.toThrow(/invalid input syntax|missing data/);
      } finally {
        await broken.close();
      }
      expect(await stagingTables(client)).toEqual([]);
    });
  });

  it("a fast load left for a later rebuild marks the aggregates stale, though no trigger fired", { timeout: 180_000 }, async () => {
    await withPg(async (client) => {
      await seedPopulation(client, { factories: 60, seed: 9, anchor, ...large, batchSize: 30, aggregates: "stale" });
      const [state] = (await client.query<{ dirty: boolean }>(`SELECT dirty FROM "AggregateState" WHERE id = 1`)).rows;
      expect(state?.dirty).toBe(true);
      await deletePopulation(client);
    });
  });

  it("the item rows come in the order of their primary key: each batch's latest submissions, sorted, and the earlier ones apart", { timeout: 120_000 }, async () => {
    const models = await withPg((client) => publishedModels(client));
    const keys = (text: string) =>
      text
        .split("\n")
        .filter(Boolean)
        .map((row) => row.split("\t"))
        .map(([assessmentId, , itemId]) => `${assessmentId}\t${itemId}`);
    const first = populationCopyBatch(models, 7, 0, 120, anchor);
    const second = populationCopyBatch(models, 7, 120, 240, anchor);
    // The seeder writes every batch's latest submissions' rows, then every batch's earlier ones.
    const written = [...keys(first.item), ...keys(second.item), ...keys(first.earlierItem), ...keys(second.earlierItem)];
    expect(keys(first.earlierItem).length).toBeGreaterThan(0);
    expect(written.length).toBeGreaterThan(240 * 20);
    // Bytewise (the C collation's order), strictly ascending: sorted and no key twice.
    const ascending = written.every((key, at) => at === 0 || Buffer.compare(Buffer.from(written[at - 1]!), Buffer.from(key)) < 0);
    expect(ascending).toBe(true);
  });
});
