/**
 * Synthetic benchmark data in the database: the demo population `npm start` seeds once, the four
 * demo factories' submitted assessments, and the batched writer `npm run db:seed-population` uses.
 *
 * Synthetic organisations are marked three ways (docs/benchmarking.md): ids in the UUID block
 * 5eed5eed-…, names "样本企业 NNNNNN", and no members, sessions or e-mail. Like seedDemo, nothing
 * here ever writes into a database that holds real accounts.
 */
import { fork, type ChildProcess } from "node:child_process";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { rebuildAggregates } from "../app/models/aggregates.server";
import { readEnv } from "../app/utils/env.server";
import {
  answersForLevel,
  POPULATION_ID_MAX,
  POPULATION_ID_MIN,
  scoredAssessment,
} from "../app/domain/benchmark/population";
import { createRandom, hashSeed } from "../app/domain/benchmark/random";
import { parseStoredQuestionnaire, storeResult } from "../app/domain/assessment/stored";
import type { PlantProfile } from "../app/domain/questionnaire/profile";
import { compileModel, type AssessmentResult, type CompiledModel } from "../app/domain/scoring";
import { Prisma, type PrismaClient } from "../app/generated/prisma/client";
import { COPY_TARGETS, populationCopyBatch, type ContributionPlan, type CopyBatch, type PopulationModels } from "./population-copy";
import { HistogramBuilder } from "./population-histograms";
import { AssessmentStaging } from "./population-staging";
import type { WorkerRequest, WorkerSetup } from "./population-worker";
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
    // Deleting an assessment makes PostgreSQL null every "revisedFromId" pointing at it, one query
    // per deleted row: a lookup through the permanent index "Assessment_revisedFromId_idx" (without
    // it each was a scan of the whole table: 5,000 factories 20 s, 1,000,000 days).
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
  /** Factories per COPY batch. */
  batchSize?: number;
  onBatch?: (done: number, total: number) => void;
  /**
   * Child processes that generate the batches (server/population-worker.ts) while this one writes
   * them; 0 (the default) generates here. Generation is CPU-bound and depends only on (seed, index).
   */
  workers?: number;
  /**
   * Drop the five tables' secondary (non-unique) indexes for the load and build them once at the
   * end, inside the same transaction: building an index once is several times cheaper than
   * maintaining it row by row. Default: from LARGE_LOAD factories on.
   */
  rebuildIndexes?: boolean;
  /** With rebuildIndexes: also the primary keys no foreign key points at (default: as rebuildIndexes). */
  rebuildPrimaryKeys?: boolean;
  /**
   * `session_replication_role = replica` for the transaction (superusers only; otherwise ignored):
   * PostgreSQL then skips the per-row foreign-key triggers, a third of a large load. Default: from
   * LARGE_LOAD factories on.
   */
  skipForeignKeyChecks?: boolean;
  /**
   * "rebuild" (default): the aggregates are current when the load commits — the population's
   * contributions and item histograms written from the generated vectors, the rest of the rebuild's
   * steps in SQL (ADR 0029), row for row what rebuildAggregates computes. "stale": leave them
   * marked stale — reads stay correct through the score rows — and rebuild later.
   */
  aggregates?: "rebuild" | "stale";
  /** Called as each phase ends (copy, indexes, commit, vacuum, aggregates…), with its wall time. */
  onPhase?: (phase: SeedPhase) => void;
  /**
   * The database's URL, for a second connection that COPYs part of the Assessment rows into a
   * staging table while this one writes the rest; the load's transaction moves them in at the end
   * (server/population-staging.ts, ADR 0032). Used only when foreign-key checks are skipped (the
   * children's rows arrive before their staged parents).
   */
  stagingUrl?: string;
  /** Called with the second connection's backend process id when it is opened. */
  onStagingBackend?: (pid: number) => void;
}

export interface SeedPhase {
  phase: string;
  seconds: number;
}

/** For the index builds at the end of a large load (each build, parallel workers included). */
const INDEX_BUILD_MEMORY = "1GB";

const ITEM_TARGET = COPY_TARGETS.find(([part]) => part === "item")![1];

/** From this many factories a load drops and rebuilds secondary indexes and skips per-row foreign-key checks. */
export const LARGE_LOAD = 50_000;
const POPULATION_TABLES = ["Organization", "FactoryProfile", "Assessment", "AssessmentScore", "AssessmentItemScore", "AggregateContribution"] as const;

/**
 * Writes factories 0…n−1 of the seeded population in one transaction (all or nothing) with
 * COPY FROM STDIN, a batch at a time: a bounded amount of memory whatever n is. Refuses a database
 * with real accounts. Large loads (docs/performance.md, "National scale"): generation in `workers`
 * child processes overlapping the writes, secondary indexes rebuilt at the end, and, when the role
 * is a superuser, `session_replication_role = replica` for the transaction so PostgreSQL skips the
 * per-row foreign-key triggers (the generator writes parents before children; the ids are
 * consistent by construction and the tests check them).
 */
export async function seedPopulation(
  client: pg.ClientBase,
  options: SeedPopulationOptions,
): Promise<{ factories: number; assessments: number; aggregates: "written" | "rebuilt" | "stale" }> {
  if (await hasRealAccounts(client)) throw new RealAccountsError();
  const anchor = options.anchor ?? new Date();
  const batchSize = options.batchSize ?? 1000;
  const large = options.factories >= LARGE_LOAD;
  const rebuildIndexes = options.rebuildIndexes ?? large;
  const skipForeignKeyChecks = options.skipForeignKeyChecks ?? large;
  const { current, previous } = await publishedModels(client);
  const models: PopulationModels = { current, previous };
  let assessments = 0;
  let done = 0;
  let phaseStarted = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    options.onPhase?.({ phase: name, seconds: (now - phaseStarted) / 1000 });
    phaseStarted = now;
  };
  const seen = new Map<string, Set<string>>();
  // The earlier submissions' item rows, written after the last batch (CopyBatch.earlierItem).
  const earlierItems: string[] = [];
  let histograms: HistogramBuilder | null = null;
  let plan: ContributionPlan | null = null;
  let aggregates: "written" | "rebuilt" | "stale" = "stale";
  const replica = skipForeignKeyChecks && (await isSuperuser(client));
  // Opened before the transaction: it reads "Assessment"'s definition, which the load then locks.
  const staging = options.stagingUrl && replica ? await AssessmentStaging.open(options.stagingUrl) : null;
  if (staging) options.onStagingBackend?.(staging.pid);
  const write = async (rows: CopyBatch) => {
    for (const [part, target] of COPY_TARGETS) {
      // Whichever backend is free takes the batch's Assessment rows (the costly part of the COPY).
      if (part === "assessment" && staging?.ready) staging.stage(rows.assessment, rows.assessments);
      else await copyIn(client, target, rows[part]);
    }
    if (rows.earlierItem.length > 0) earlierItems.push(rows.earlierItem);
    if (rows.contributions) {
      histograms?.add(rows.contributions);
      for (const [versionId, ids] of Object.entries(rows.contributions.seen)) {
        let set = seen.get(versionId);
        if (!set) seen.set(versionId, (set = new Set()));
        for (const id of ids) set.add(id);
      }
    }
    assessments += rows.assessments;
    done += rows.factories;
    options.onBatch?.(done, options.factories);
  };
  let stagedHistograms: Promise<{ cells: number; seconds: number }> | null = null;
  await client.query("BEGIN").catch(async (error: unknown) => {
    await staging?.close();
    throw error;
  });
  try {
    await client.query(BULK_WRITES);
    if (replica) {
      await client.query("SET LOCAL session_replication_role = replica");
      // No trigger fires now, not even the aggregates' bulk marker: mark them stale ourselves.
      await client.query("SELECT ffi_mark_dirty()");
    }
    let existingItems = new Map<string, Set<string>>();
    if (options.aggregates !== "stale") {
      // The rebuild's first steps now, while the database holds only its own rows (ADR 0029).
      ({ plan, existingItems } = await startAggregates(client, models));
      histograms = new HistogramBuilder();
      await histograms.addFromDatabase(client);
      phase("aggregates: the database's own contributions");
    }
    const dropped = rebuildIndexes ? await dropSecondaryIndexes(client, { primaryKeys: options.rebuildPrimaryKeys ?? rebuildIndexes }) : [];
    if (options.workers && options.workers > 0) {
      await generateInWorkers(client, { ...options, anchor, batchSize, workers: options.workers, plan }, write);
    } else {
      for (let from = 0; from < options.factories; from += batchSize) await write(populationCopyBatch(models, options.seed, from, Math.min(options.factories, from + batchSize), anchor, plan));
    }
    for (const rows of earlierItems.splice(0)) await copyIn(client, ITEM_TARGET, rows);
    phase("copy");
    let rebuildAfterIndexes = false;
    if (plan && histograms) {
      if (planHeld(plan, existingItems, seen)) {
        await client.query("SELECT ffi_rebuild_cells()");
        phase("aggregates: cells");
        const builder = histograms;
        histograms = null; // its memory is released once the histograms are written
        if (staging && dropped.length > 0) {
          // Built here and COPYed on the second connection while this one builds the indexes.
          const started = performance.now();
          stagedHistograms = builder.write(client, plan.items, staging.histograms).then((cells) => ({ cells, seconds: (performance.now() - started) / 1000 }));
          stagedHistograms.catch(() => {}); // awaited below (or before the rollback)
        } else {
          const cells = await builder.write(client, plan.items);
          phase(`aggregates: histograms of ${cells} cells`);
        }
        aggregates = "written";
      } else {
        // A planned item no row has (e.g. no factory answered an older version): positions would
        // differ from the rebuild's, so the rebuild it is (after the indexes it reads through).
        rebuildAfterIndexes = true;
      }
    }
    if (staging) {
      // While the histograms are being built in this process (if they are).
      await staging.moveInto(client);
      phase(`copy: ${staging.rows} staged assessments moved in`);
    }
    if (dropped.length > 0) {
      // The GIN of AggregateContribution is the largest build; a GIN build flushes its lists each time this fills.
      // The large builds (b-tree and, since PostgreSQL 18, GIN) already run with the default two
      // parallel workers: on two cores no setting adds more (docs/performance.md, r23-seed).
      await client.query(`SET LOCAL maintenance_work_mem = '${INDEX_BUILD_MEMORY}'`);
      for (const definition of dropped) {
        await client.query(definition);
        phase(`index: ${definition.replace(/^CREATE (UNIQUE )?INDEX |^ALTER TABLE /, "").slice(0, 80)}`);
      }
    }
    if (stagedHistograms && staging) {
      const { cells, seconds } = await stagedHistograms;
      await staging.moveHistogramsInto(client);
      phase(`aggregates: histograms of ${cells} cells (built beside the indexes in ${seconds.toFixed(1)} s; then moved in)`);
    }
    if (aggregates === "written") {
      await client.query("SELECT ffi_rebuild_registered()");
      await client.query("SELECT ffi_aggregates_mark_current()");
      phase("aggregates: registered counts");
    }
    if (rebuildAfterIndexes) {
      await rebuildAggregates(client);
      phase("aggregates: SQL rebuild");
      aggregates = "rebuilt";
    }
    await client.query("COMMIT");
    phase("commit");
  } catch (error) {
    // The histograms' build may still have a statement queued on this connection: it must not outlive the transaction.
    await stagedHistograms?.catch(() => {});
    await client.query("ROLLBACK");
    throw error;
  } finally {
    await staging?.close();
  }
  // Fresh statistics for the planner. The population's tables are only analysed: a VACUUM of them
  // rewrote every page (≈ 15 GB at 1,000,000, 196 s) for hint bits and a visibility map that no
  // read of the aggregates needs; autovacuum's insert threshold builds it later (ADR 0032). The
  // aggregate tables, which every benchmark and authority view reads, get both.
  await client.query(`ANALYZE "AssessmentScore", "AssessmentItemScore", "Assessment", "FactoryProfile", "Organization"`);
  if (options.aggregates !== "stale") await client.query(`VACUUM (ANALYZE) "AggregateContribution", "AggregateCell", "AggregateHistogram", "AggregateItem", "RegisteredCell"`);
  phase("vacuum");
  return { factories: options.factories, assessments, aggregates };
}

/**
 * The rebuild's steps before the load (inside its transaction): aggregates emptied, item positions
 * for the rows there are and for every item the population's versions score, the database's own
 * contributions. Returns the plan the batches write their contributions by.
 */
async function startAggregates(client: pg.ClientBase, models: PopulationModels): Promise<{ plan: ContributionPlan; existingItems: Map<string, Set<string>> }> {
  await client.query("SELECT ffi_aggregates_reset()");
  const { rows: existing } = await client.query<{ versionId: string; itemId: string }>(
    `SELECT DISTINCT s."questionnaireVersionId" AS "versionId", i."itemId" FROM "AssessmentItemScore" i JOIN "AssessmentScore" s ON s."assessmentId" = i."assessmentId"`,
  );
  const existingItems = new Map<string, Set<string>>();
  for (const row of existing) {
    if (!existingItems.has(row.versionId)) existingItems.set(row.versionId, new Set());
    existingItems.get(row.versionId)!.add(row.itemId);
  }
  const planned = [models.current, ...(models.previous ? [models.previous] : [])].flatMap(({ versionId, model }) =>
    [...model.dimensions, ...model.capabilities].map((item) => ({ versionId, itemId: item.id })),
  );
  await client.query("SELECT ffi_rebuild_items($1::uuid[], $2::text[])", [planned.map((item) => item.versionId), planned.map((item) => item.itemId)]);
  await client.query("SELECT ffi_rebuild_contributions()");
  const { rows: positions } = await client.query<{ versionId: string; itemId: string }>(`SELECT "versionId", "itemId" FROM "AggregateItem" ORDER BY "versionId", position`);
  const items: Record<string, string[]> = {};
  for (const row of positions) (items[row.versionId] ??= []).push(row.itemId);
  const [{ since }] = (await client.query<{ since: Date }>("SELECT ffi_window_start(now()) AS since")).rows as [{ since: Date }];
  return { plan: { since: since.toISOString(), items }, existingItems };
}

/** Whether every planned item position is one the rebuild would give too: each has a row, old or new. */
function planHeld(plan: ContributionPlan, existing: Map<string, Set<string>>, seen: Map<string, Set<string>>): boolean {
  return Object.entries(plan.items).every(([versionId, ids]) => ids.every((id) => existing.get(versionId)?.has(id) || seen.get(versionId)?.has(id)));
}

async function copyIn(client: pg.ClientBase, target: string, rows: string) {
  if (rows.length === 0) return;
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  await pipeline(Readable.from([rows]), stream);
}

async function isSuperuser(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ super: boolean }>(`SELECT rolsuper AS super FROM pg_roles WHERE rolname = current_user`);
  return rows[0]?.super === true;
}

/**
 * Drops the non-unique indexes of the population's tables and returns their definitions, to be run
 * again after the load; with `primaryKeys`, also the primary keys of those tables no foreign key
 * points at (AssessmentItemScore's alone is ≈ 31 M b-tree insertions at 1,000,000 factories): added
 * back at the end of the same transaction, they check every row at once, and a duplicate fails the
 * whole load as it would have failed its batch. Unique indexes and referenced keys stay. Read from
 * the catalogue, so indexes added by later migrations are covered too.
 */
export async function dropSecondaryIndexes(client: pg.ClientBase, options: { primaryKeys?: boolean } = {}): Promise<string[]> {
  const restore: string[] = [];
  if (options.primaryKeys) {
    const { rows: keys } = await client.query<{ table: string; name: string; definition: string }>(
      `SELECT quote_ident(n.nspname) || '.' || quote_ident(t.relname) AS table, quote_ident(c.conname) AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = current_schema() AND t.relname = ANY($1::text[]) AND c.contype = 'p'
         AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = t.oid)
       ORDER BY t.relname`,
      [POPULATION_TABLES],
    );
    for (const key of keys) {
      await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${key.name}`);
      restore.push(`ALTER TABLE ${key.table} ADD CONSTRAINT ${key.name} ${key.definition}`);
    }
  }
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND t.relname = ANY($1::text[]) AND NOT i.indisunique AND NOT i.indisprimary
     ORDER BY t.relname, c.relname`,
    [POPULATION_TABLES],
  );
  for (const row of rows) await client.query(`DROP INDEX ${row.name}`);
  return [...restore, ...rows.map((row) => row.definition)];
}

/**
 * Batches generated by `workers` child processes, written here in order: each worker always has
 * one batch to make and at most 2 × workers finished batches wait, so memory stays bounded.
 */
async function generateInWorkers(
  client: pg.ClientBase,
  options: Required<Pick<SeedPopulationOptions, "factories" | "seed" | "batchSize" | "workers" | "anchor">> & { plan: ContributionPlan | null },
  write: (rows: CopyBatch) => Promise<void>,
) {
  const { rows: versions } = await client.query<{ id: string; version: string; content: unknown }>(`SELECT id, version, content FROM "QuestionnaireVersion" WHERE key = $1`, [QUESTIONNAIRE_KEY]);
  versions.sort((a, b) => b.version.localeCompare(a.version, "en", { numeric: true }));
  const setup: WorkerSetup = {
    current: { versionId: versions[0]!.id, content: versions[0]!.content },
    previous: versions[1] ? { versionId: versions[1].id, content: versions[1].content } : null,
    seed: options.seed,
    anchor: options.anchor.toISOString(),
    plan: options.plan,
  };
  const batches = Math.ceil(options.factories / options.batchSize);
  const finished = new Map<number, CopyBatch>();
  let next = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const children: ChildProcess[] = [];
  const waiting: ChildProcess[] = [];
  const request = (child: ChildProcess) => {
    if (next >= batches) return;
    const batch = next++;
    child.send({ kind: "batch", batch, from: batch * options.batchSize, to: Math.min(options.factories, (batch + 1) * options.batchSize) } satisfies WorkerRequest);
  };
  const inFlightLimit = options.workers * 2;
  for (let i = 0; i < options.workers; i++) {
    const child = fork(WORKER_PATH, [], { execArgv: ["--import", TSX_LOADER], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
    children.push(child);
    child.on("message", (message: { batch: number; rows: CopyBatch }) => {
      finished.set(message.batch, message.rows);
      if (finished.size < inFlightLimit) request(child);
      else waiting.push(child);
      notify();
    });
    child.on("exit", (code) => {
      if (code !== 0 && code !== null) failure ??= new Error(`population worker exited with ${code}`);
      notify();
    });
    child.on("error", (error) => {
      failure ??= error;
      notify();
    });
    child.send({ kind: "setup", setup } satisfies WorkerRequest);
    request(child);
  }
  try {
    for (let batch = 0; batch < batches; batch++) {
      while (!finished.has(batch)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const rows = finished.get(batch)!;
      finished.delete(batch);
      while (waiting.length > 0 && finished.size < inFlightLimit) request(waiting.shift()!);
      await write(rows);
    }
  } finally {
    for (const child of children) child.kill();
  }
}

const WORKER_PATH = fileURLToPath(new URL("./population-worker.ts", import.meta.url));
// The workers are TypeScript like this module: they load tsx's loader, found from here (not the cwd).
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

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
