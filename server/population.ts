/**
 * Synthetic benchmark data in the database: the demo population `npm start` seeds once, the four
 * demo factories' submitted assessments, and the batched writer `npm run db:seed-population` uses.
 *
 * Synthetic organisations are marked three ways (docs/benchmarking.md): ids in the UUID block
 * 5eed5eed-…, names "样本企业 NNNNNN", and no members, sessions or e-mail. Like seedDemo, nothing
 * here ever writes into a database that holds real accounts.
 */
import pg from "pg";
import { rebuildAggregates } from "../app/models/aggregates.server";
import { readEnv } from "../app/utils/env.server";
import {
  answersForLevel,
  isPopulationId,
  POPULATION_ID_MAX,
  POPULATION_ID_MIN,
  scoredAssessment,
  syntheticFactory,
  type SyntheticFactory,
} from "../app/domain/benchmark/population";
import { createRandom, hashSeed } from "../app/domain/benchmark/random";
import { parseStoredQuestionnaire, storeResult } from "../app/domain/assessment/stored";
import type { PlantProfile } from "../app/domain/questionnaire/profile";
import { compileModel, type AssessmentResult, type CompiledModel } from "../app/domain/scoring";
import { Prisma, type PrismaClient } from "../app/generated/prisma/client";
import { DEMO_EMAIL_DOMAIN, DEMO_ORGANIZATIONS } from "./seed";

export const QUESTIONNAIRE_KEY = "future-factory";
/** What `npm start` seeds for the demo: enough for real groups, small enough to keep start-up quick. */
export const DEMO_POPULATION = { factories: 2000, seed: 2026 } as const;

/**
 * Called from prepareDatabase at every start: checks BENCHMARK_MIN_GROUP (a bad value stops the
 * start instead of weakening the privacy rule) and, when the demo was seeded, adds the demo
 * factories' submitted assessments and the synthetic population (each only once). A population
 * that has not answered the current questionnaire version (a demo database from before it was
 * published) is replaced, since benchmarks compare only within a version.
 */
export async function prepareBenchmarks(prisma: PrismaClient, databaseUrl: string, options: { demo: boolean }) {
  // Validated now, at every start: a bad value stops the start instead of weakening the privacy rule.
  readEnv();
  if (!options.demo) return { demoAssessments: 0, population: 0 };
  const demoAssessments = await seedDemoAssessments(prisma);
  const population = await withClient(databaseUrl, async (client) => {
    if ((await populationSize(client)) > 0) {
      if (await populationAnswersCurrentVersion(client)) return 0;
      await deletePopulation(client);
    }
    const result = await seedPopulation(client, { ...DEMO_POPULATION, anchor: new Date() });
    return result.factories;
  });
  return { demoAssessments, population };
}

/** Whether any synthetic factory has submitted on the latest published version. */
export async function populationAnswersCurrentVersion(client: pg.ClientBase): Promise<boolean> {
  const { rows: versions } = await client.query<{ id: string; version: string }>(`SELECT id, version FROM "QuestionnaireVersion" WHERE key = $1`, [QUESTIONNAIRE_KEY]);
  const latest = versions.sort((a, b) => b.version.localeCompare(a.version, "en", { numeric: true }))[0];
  if (!latest) return false;
  const { rows } = await client.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "Assessment" WHERE id BETWEEN $1 AND $2 AND "questionnaireVersionId" = $3) AS found`,
    [POPULATION_ID_MIN, POPULATION_ID_MAX, latest.id],
  );
  return rows[0]!.found;
}

export async function withClient<T>(databaseUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export class RealAccountsError extends Error {
  constructor() {
    super("The database holds real accounts: synthetic factories are only ever seeded into demo and test databases.");
  }
}

/** The same rule as seedDemo: any user outside the demo domain means a real database. */
export async function hasRealAccounts(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM "User" WHERE email NOT LIKE $1) AS found`, [`%@${DEMO_EMAIL_DOMAIN}`]);
  return rows[0]!.found;
}

export async function populationSize(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Organization" WHERE id BETWEEN $1 AND $2`, [POPULATION_ID_MIN, POPULATION_ID_MAX]);
  return rows[0]!.n;
}

interface PublishedModel {
  versionId: string;
  model: CompiledModel;
}

/** The latest published version of the questionnaire, and the one before it (null if none), compiled. */
export async function publishedModels(client: pg.ClientBase): Promise<{ current: PublishedModel; previous: PublishedModel | null }> {
  const { rows } = await client.query<{ id: string; version: string; content: unknown }>(`SELECT id, version, content FROM "QuestionnaireVersion" WHERE key = $1`, [QUESTIONNAIRE_KEY]);
  rows.sort((a, b) => b.version.localeCompare(a.version, "en", { numeric: true }));
  const compiled = (row: (typeof rows)[number] | undefined) => (row ? { versionId: row.id, model: compileModel(parseStoredQuestionnaire(row.content)) } : null);
  const current = compiled(rows[0]);
  if (!current) throw new Error("No published questionnaire in the database: run the start-up preparation (migrate + prepareDatabase) first.");
  return { current, previous: compiled(rows[1]) };
}

/**
 * Deletes every synthetic organisation (and by cascade its profile and assessments). Only rows
 * in the synthetic id block without members are touched. Children first: range deletes on their
 * primary keys are much faster than 100,000 cascades.
 */
/**
 * Bulk writes skip the per-transaction maintenance of the aggregates (triggers at commit) and mark
 * them stale instead; the caller rebuilds them set-based afterwards (rebuildAggregates).
 */
const BULK_WRITES = "SELECT set_config('ffi.bulk', 'on', true)";

export async function deletePopulation(client: pg.ClientBase): Promise<number> {
  const range = [POPULATION_ID_MIN, POPULATION_ID_MAX];
  await client.query("BEGIN");
  try {
    await client.query(BULK_WRITES);
    await client.query(`DELETE FROM "AssessmentItemScore" WHERE "assessmentId" BETWEEN $1 AND $2`, range);
    await client.query(`DELETE FROM "AssessmentScore" WHERE "assessmentId" BETWEEN $1 AND $2`, range);
    await client.query(`DELETE FROM "Assessment" WHERE id BETWEEN $1 AND $2`, range);
    await client.query(`DELETE FROM "FactoryProfile" WHERE "organizationId" BETWEEN $1 AND $2`, range);
    const { rowCount } = await client.query(
      `DELETE FROM "Organization" o WHERE o.id BETWEEN $1 AND $2 AND NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."organizationId" = o.id)`,
      range,
    );
    await client.query("COMMIT");
    await rebuildAggregates(client);
    return rowCount ?? 0;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

export interface SeedPopulationOptions {
  factories: number;
  seed: number;
  /** Submissions are dated before this instant (default: now). */
  anchor?: Date;
  /** Factories per INSERT batch. */
  batchSize?: number;
  onBatch?: (done: number, total: number) => void;
  /**
   * "rebuild" (default): rebuildAggregates at the end. "stale": leave the aggregates marked stale —
   * reads stay correct through the score rows — and rebuild later (rebuildAggregates, or the hourly job).
   */
  aggregates?: "rebuild" | "stale";
}

/**
 * Writes factories 0…n−1 of the seeded population in one transaction (all or nothing), in batches
 * of multi-row INSERT … SELECT FROM unnest($1::uuid[], …): one round trip per table and batch, a
 * bounded amount of memory whatever n is. Refuses a database with real accounts.
 */
export async function seedPopulation(client: pg.ClientBase, options: SeedPopulationOptions): Promise<{ factories: number; assessments: number }> {
  if (await hasRealAccounts(client)) throw new RealAccountsError();
  const anchor = options.anchor ?? new Date();
  const batchSize = options.batchSize ?? 1000;
  const { current, previous } = await publishedModels(client);
  const versionIds = new Map([current, ...(previous ? [previous] : [])].map((published) => [published.model.version, published.versionId]));
  let assessments = 0;
  await client.query("BEGIN");
  try {
    await client.query(BULK_WRITES);
    for (let from = 0; from < options.factories; from += batchSize) {
      const to = Math.min(options.factories, from + batchSize);
      const batch: SyntheticFactory[] = [];
      for (let index = from; index < to; index++) batch.push(syntheticFactory(current.model, options.seed, index, anchor, previous?.model));
      assessments += await insertFactories(client, versionIds, batch);
      options.onBatch?.(to, options.factories);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
  // Fresh statistics for the planner and a visibility map for index-only scans; then the aggregates, set-based.
  await client.query(`VACUUM (ANALYZE) "AssessmentScore", "AssessmentItemScore", "Assessment", "FactoryProfile", "Organization"`);
  if (options.aggregates !== "stale") {
    await rebuildAggregates(client);
    await client.query(`VACUUM (ANALYZE) "AggregateContribution", "AggregateCell", "AggregateHistogram", "AggregateItem", "RegisteredCell"`);
  }
  return { factories: options.factories, assessments };
}

async function insertFactories(client: pg.ClientBase, versionIds: ReadonlyMap<string, string>, batch: readonly SyntheticFactory[]): Promise<number> {
  const organizations = { id: [] as string[], name: [] as string[], createdAt: [] as Date[] };
  const profiles = {
    organizationId: [] as string[],
    creditCode: [] as string[],
    industryCode: [] as string[],
    regionCode: [] as string[],
    employees: [] as number[],
    revenueWan: [] as number[],
    sizeBand: [] as string[],
  };
  const assessments = {
    id: [] as string[],
    versionId: [] as string[],
    organizationId: [] as string[],
    period: [] as string[],
    answers: [] as string[],
    profile: [] as (string | null)[],
    result: [] as string[],
    submittedAt: [] as Date[],
  };
  const scores = {
    assessmentId: [] as string[],
    organizationId: [] as string[],
    industryCode: [] as string[],
    industryCategory: [] as string[],
    regionCode: [] as string[],
    provinceCode: [] as string[],
    cityCode: [] as (string | null)[],
    sizeBand: [] as string[],
    overall: [] as number[],
    level: [] as number[],
  };
  const items = { assessmentId: [] as string[], itemType: [] as string[], itemId: [] as string[], score: [] as (number | null)[] };

  for (const factory of batch) {
    if (!isPopulationId(factory.organizationId)) throw new Error(`not a synthetic id: ${factory.organizationId}`);
    const earliest = factory.assessments[factory.assessments.length - 1]!.submittedAt;
    organizations.id.push(factory.organizationId);
    organizations.name.push(factory.name);
    organizations.createdAt.push(new Date(earliest.getTime() - 30 * 24 * 60 * 60 * 1000));
    profiles.organizationId.push(factory.organizationId);
    profiles.creditCode.push(factory.creditCode);
    profiles.industryCode.push(factory.industryCode);
    profiles.regionCode.push(factory.regionCode);
    profiles.employees.push(factory.employees);
    profiles.revenueWan.push(factory.revenueWan);
    profiles.sizeBand.push(factory.sizeBand);
    for (const assessment of factory.assessments) {
      assessments.id.push(assessment.id);
      assessments.versionId.push(versionIds.get(assessment.version)!);
      assessments.organizationId.push(factory.organizationId);
      assessments.period.push(assessment.period);
      assessments.answers.push(JSON.stringify(assessment.answers));
      assessments.profile.push(assessment.profile === null ? null : JSON.stringify(assessment.profile));
      assessments.result.push(JSON.stringify(storeResult(assessment.result)));
      assessments.submittedAt.push(assessment.submittedAt);
      const { score } = assessment.rows;
      scores.assessmentId.push(assessment.id);
      scores.organizationId.push(factory.organizationId);
      scores.industryCode.push(score.industryCode);
      scores.industryCategory.push(score.industryCategory);
      scores.regionCode.push(score.regionCode);
      scores.provinceCode.push(score.provinceCode);
      scores.cityCode.push(score.cityCode);
      scores.sizeBand.push(score.sizeBand);
      scores.overall.push(score.overall);
      scores.level.push(score.level);
      for (const item of assessment.rows.items) {
        items.assessmentId.push(assessment.id);
        items.itemType.push(item.itemType);
        items.itemId.push(item.itemId);
        items.score.push(item.score);
      }
    }
  }

  await client.query(
    `INSERT INTO "Organization" (id, kind, name, "createdAt", "updatedAt")
     SELECT t.id, 'FACTORY', t.name, t.created, t.created FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS t(id, name, created)`,
    [organizations.id, organizations.name, organizations.createdAt],
  );
  await client.query(
    `INSERT INTO "FactoryProfile" ("organizationId", "legalName", "creditCode", "industryCode", "regionCode", employees, "revenueWan", "sizeBand", "updatedAt")
     SELECT t.id, o.name, t.code, t.industry, t.region, t.employees, t.revenue, t.band::"SizeBand", o."createdAt"
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::numeric[], $7::text[]) AS t(id, code, industry, region, employees, revenue, band)
     JOIN "Organization" o ON o.id = t.id`,
    [profiles.organizationId, profiles.creditCode, profiles.industryCode, profiles.regionCode, profiles.employees, profiles.revenueWan, profiles.sizeBand],
  );
  // The JSON documents go as one parameter each (multi-row VALUES): packing 10 kB documents into
  // a jsonb[] array literal costs twice as long, in the client's escaping and the server's parsing.
  const rows: string[] = [];
  const parameters: unknown[] = [];
  assessments.id.forEach((id, index) => {
    const at = parameters.length;
    rows.push(`($${at + 1}::uuid, $${at + 2}::uuid, $${at + 3}::uuid, $${at + 4}::text, $${at + 5}::jsonb, $${at + 6}::jsonb, $${at + 7}::jsonb, $${at + 8}::timestamptz)`);
    parameters.push(
      id,
      assessments.versionId[index],
      assessments.organizationId[index],
      assessments.period[index],
      assessments.answers[index],
      assessments.profile[index],
      assessments.result[index],
      assessments.submittedAt[index],
    );
  });
  await client.query(
    `INSERT INTO "Assessment" (id, "organizationId", "questionnaireVersionId", period, status, revision, answers, profile, result, "createdAt", "updatedAt", "submittedAt")
     SELECT t.id, t.org, t.version, t.period, 'SUBMITTED', 1, t.answers, t.profile, t.result, t.submitted - interval '7 days', t.submitted, t.submitted
     FROM (VALUES ${rows.join(", ")}) AS t(id, version, org, period, answers, profile, result, submitted)`,
    parameters,
  );
  await client.query(
    `INSERT INTO "AssessmentScore" ("assessmentId", "organizationId", "questionnaireVersionId", period, "submittedAt", "industryCode", "industryCategory",
                                    "regionCode", "provinceCode", "cityCode", "sizeBand", overall, level)
     SELECT t.id, t.org, t.version, t.period, t.submitted, t.industry, t.category, t.region, t.province, t.city, t.band::"SizeBand", t.overall, t.level
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::float8[], $13::int[])
          AS t(id, version, org, period, submitted, industry, category, region, province, city, band, overall, level)`,
    [
      scores.assessmentId,
      assessments.versionId,
      scores.organizationId,
      assessments.period,
      assessments.submittedAt,
      scores.industryCode,
      scores.industryCategory,
      scores.regionCode,
      scores.provinceCode,
      scores.cityCode,
      scores.sizeBand,
      scores.overall,
      scores.level,
    ],
  );
  await client.query(
    `INSERT INTO "AssessmentItemScore" ("assessmentId", "itemType", "itemId", score)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::float8[])`,
    [items.assessmentId, items.itemType, items.itemId, items.score],
  );
  return assessments.id.length;
}

// ---------------------------------------------------------------------------------------------
// The demo factories' own submitted assessments

/** A level a demo submission shows, and where inside that level it lies (0 = just reached, 1 = just short of the next). */
interface LevelTarget {
  level: 0 | 1 | 2 | 3 | 4;
  position: number;
}

/**
 * Each demo factory's plant profile (a fit for its industry) and the levels of its two
 * submissions: a year ago on the first version (1.0.0, its old rules) and recently on the current
 * one. The answers are searched so the levels hold whatever the questionnaires' content.
 */
export const DEMO_PLANS: Record<string, { plant: PlantProfile; previous: LevelTarget; current: LevelTarget }> = {
  // 智造精密机械 (general machinery): 多品种小批量, one site; L2 规范级 both years, with gaps to work on.
  "0b9e3c1e-0000-4000-8000-000000000001": {
    plant: { productionType: "discrete", markets: ["b2b"], productVariety: "high", sites: "single" },
    previous: { level: 2, position: 0.3 },
    current: { level: 2, position: 0.5 },
  },
  // 华芯电子 (electronics, large): several sites; L3 集成级.
  "0b9e3c1e-0000-4000-8000-000000000002": {
    plant: { productionType: "discrete", markets: ["b2b"], productVariety: "high", sites: "multiple" },
    previous: { level: 3, position: 0.4 },
    current: { level: 3, position: 0.5 },
  },
  // 甬江汽配 (auto parts): 少品种大批量; L1, now just short of L2.
  "0b9e3c1e-0000-4000-8000-000000000003": {
    plant: { productionType: "discrete", markets: ["b2b"], productVariety: "low", sites: "single" },
    previous: { level: 1, position: 0.5 },
    current: { level: 1, position: 0.9 },
  },
  // 绿源食品 (food): a process plant (流程型) selling to retailers and consumers; L1 规划级.
  "0b9e3c1e-0000-4000-8000-000000000004": {
    plant: { productionType: "process", markets: ["b2b", "b2c"], productVariety: "low", sites: "single" },
    previous: { level: 1, position: 0.3 },
    current: { level: 1, position: 0.5 },
  },
  // The demo consultancy's other clients (server/seed-consultants.ts gives each an engagement state).
  // 金陵化工 (chemicals): a process plant, L2.
  "0b9e3c1e-0000-4000-8000-000000000007": {
    plant: { productionType: "process", markets: ["b2b"], productVariety: "low", sites: "single" },
    previous: { level: 1, position: 0.7 },
    current: { level: 2, position: 0.4 },
  },
  // 钱塘药业 (pharma, large): batch process, L3.
  "0b9e3c1e-0000-4000-8000-000000000008": {
    plant: { productionType: "process", markets: ["b2b", "b2c"], productVariety: "high", sites: "multiple" },
    previous: { level: 2, position: 0.6 },
    current: { level: 3, position: 0.3 },
  },
  // 闵电电气 (electrical equipment): L2.
  "0b9e3c1e-0000-4000-8000-000000000009": {
    plant: { productionType: "discrete", markets: ["b2b"], productVariety: "high", sites: "single" },
    previous: { level: 2, position: 0.2 },
    current: { level: 2, position: 0.6 },
  },
  // 锡山金属 (metal products, small): L1.
  "0b9e3c1e-0000-4000-8000-00000000000a": {
    plant: { productionType: "discrete", markets: ["b2b"], productVariety: "low", sites: "single" },
    previous: { level: 1, position: 0.2 },
    current: { level: 1, position: 0.4 },
  },
  // 龙城装备 (special equipment): L2.
  "0b9e3c1e-0000-4000-8000-00000000000b": {
    plant: { productionType: "discrete", markets: ["b2b"], productVariety: "high", sites: "single" },
    previous: { level: 1, position: 0.8 },
    current: { level: 2, position: 0.2 },
  },
  // 嘉定车桥 (auto parts): L2, a new draft in progress.
  "0b9e3c1e-0000-4000-8000-00000000000c": {
    plant: { productionType: "discrete", markets: ["b2b"], productVariety: "low", sites: "multiple" },
    previous: { level: 2, position: 0.3 },
    current: { level: 2, position: 0.7 },
  },
};

/** A 1.0.0 result as the engine wrote it before 2.0.0 (stored format 1): old rows must keep opening, and the demo shows one. */
export function storeFormatOneResult(result: AssessmentResult): Prisma.InputJsonObject {
  const { questionnaire, mode, overall, level, dimensions, capabilities, questions } = result;
  return JSON.parse(JSON.stringify({ format: 1, questionnaire, mode, overall, level, dimensions, capabilities, questions })) as Prisma.InputJsonObject;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * The demo factories' submitted assessments: one a year ago on the first published version
 * (1.0.0, scored by its own rules and stored in the old result format) and one 20 days ago on the
 * current version (2.0.0, with the factory's plant profile), each answered by the synthetic
 * generator, scored by the engine and written with exactly the rows submitAssessment writes. A
 * factory that already has a submitted assessment on a version gets none on it, so this runs once
 * per version (a later start adds the new version's).
 */
export async function seedDemoAssessments(prisma: PrismaClient, anchor = new Date()): Promise<number> {
  const versions = (await prisma.questionnaireVersion.findMany({ where: { key: QUESTIONNAIRE_KEY }, select: { id: true, version: true, content: true } })).sort((a, b) =>
    a.version.localeCompare(b.version, "en", { numeric: true }),
  );
  if (versions.length === 0) return 0;
  const first = versions[0]!;
  const latest = versions[versions.length - 1]!;
  const rounds = [
    { version: first, submittedAt: new Date(anchor.getTime() - 385 * DAY), target: "previous" as const },
    ...(latest === first ? [] : [{ version: latest, submittedAt: new Date(anchor.getTime() - 20 * DAY), target: "current" as const }]),
  ];
  let created = 0;
  for (const round of rounds) {
    const model = compileModel(parseStoredQuestionnaire(round.version.content));
    for (const demo of DEMO_ORGANIZATIONS) {
      const plan = DEMO_PLANS[demo.id];
      if (!demo.factory || !plan) continue;
      const factory = await prisma.factoryProfile.findUnique({ where: { organizationId: demo.id }, select: { industryCode: true, regionCode: true, sizeBand: true } });
      if (!factory) continue;
      if ((await prisma.assessment.count({ where: { organizationId: demo.id, questionnaireVersionId: round.version.id, status: "SUBMITTED" } })) > 0) continue;
      const owner = await prisma.membership.findFirst({ where: { organizationId: demo.id, role: "OWNER" }, select: { userId: true } });
      const random = createRandom(hashSeed(`demo-assessment/${demo.id}/${round.version.version}`));
      const plant = model.usesPlantProfile ? plan.plant : undefined;
      const { level, position } = plan[round.target];
      const { answers } = answersForLevel(model, random, plant, level, position);
      const { submittedAt } = round;
      const assessment = scoredAssessment(model, crypto.randomUUID(), submittedAt, answers, { ...factory, plant: plan.plant });
      const userId = owner?.userId ?? null;
      await prisma.$transaction(async (tx) => {
        await tx.assessment.create({
          data: {
            id: assessment.id,
            organizationId: demo.id,
            questionnaireVersionId: round.version.id,
            period: assessment.period,
            status: "SUBMITTED",
            revision: 1,
            answers: assessment.answers as Prisma.InputJsonValue,
            profile: assessment.profile ?? Prisma.DbNull,
            result: model.usesPlantProfile ? storeResult(assessment.result) : storeFormatOneResult(assessment.result),
            createdById: userId,
            updatedById: userId,
            submittedById: userId,
            createdAt: new Date(submittedAt.getTime() - 3 * DAY),
            submittedAt,
          },
        });
        await tx.assessmentScore.create({
          data: { assessmentId: assessment.id, organizationId: demo.id, questionnaireVersionId: round.version.id, period: assessment.period, submittedAt, ...assessment.rows.score },
        });
        await tx.assessmentItemScore.createMany({ data: assessment.rows.items.map((item) => ({ assessmentId: assessment.id, ...item })) });
      });
      created++;
    }
  }
  return created;
}
