/**
 * DATABASE_READ_URL against a real streaming-replication standby (docs/scaling.md). This file runs
 * its own primary (a throw-away embedded cluster, migrated and prepared like production) and makes
 * a physical standby of it the way pg_basebackup would, with the low-level API (the embedded
 * binaries have no pg_basebackup): a replication slot, pg_backup_start, a copy of the data
 * directory, pg_backup_stop's backup_label, standby.signal and primary_conninfo. The app then runs
 * with DATABASE_URL = primary and DATABASE_READ_URL = standby.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toStoredAnswers, syntheticAnswers } from "~/domain/benchmark/population";
import { createRandom } from "~/domain/benchmark/random";
import { parseSectorFilters } from "~/domain/sector/filters";
import { readGroups } from "~/models/aggregates.server";
import { currentQuestionnaireVersion, loadQuestionnaireVersion, saveAnswers, savePlantProfile, startAssessment, submitAssessment } from "~/models/assessment.server";
import { overviewTables } from "~/models/sector/overview.server";
import type { PeerGroupSpec } from "~/domain/benchmark/groups";
import { analyticsDb, disconnectPrisma, prisma } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { translator } from "~/utils/i18n";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../server/embedded-postgres";
import { migrate } from "../../server/migrate";
import { seedPopulation } from "../../server/population";
import { prepareDatabase } from "../../server/prepare";
import { TEST_PLANT_PROFILE, uniqueCreditCode } from "../support/assessments";
import { createTestOrganization, createTestUser } from "../support/routes";

const SLOT = "ffi_standby";
let dir: string;
let primary: EmbeddedDatabase;
let standby: EmbeddedDatabase | undefined;
const testDatabaseUrl = process.env.DATABASE_URL;

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** The data directory without what a base backup leaves out (PostgreSQL docs, "Making a Base Backup Using the Low Level API"). */
function copyDataDirectory(from: string, to: string) {
  const skipContents = new Set(["pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans"]);
  const skipFiles = new Set(["postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map"]);
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      if (from.endsWith("pg_wal") || skipContents.has(entry.name)) fs.mkdirSync(target, { recursive: true, mode: 0o700 });
      else copyDataDirectory(source, target);
      continue;
    }
    if (skipFiles.has(entry.name) || path.basename(from) === "pg_wal" || skipContents.has(path.basename(from))) continue;
    try {
      fs.copyFileSync(source, target);
    } catch (error) {
      // Files may disappear while the server runs (temporary files); the WAL replay covers them.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}

/**
 * Milliseconds until `visible` holds on the standby (polled every 10 ms): the lag a reader sees.
 * (Waiting for pg_last_wal_replay_lsn() to pass the primary's insert position can take until the
 * next WAL record after an idle moment — up to 15 s — so we wait for the data itself.)
 */
async function untilOnReplica(visible: () => Promise<boolean>, timeoutMs = 20_000): Promise<number> {
  const started = performance.now();
  while (!(await visible())) {
    if (performance.now() - started > timeoutMs) throw new Error(`not on the standby after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - started;
}
const scoresOnReplica = async (organizationId: string) => (await analyticsDb().assessmentScore.count({ where: { organizationId } })) > 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-replica-"));
  fs.chmodSync(dir, 0o755); // PostgreSQL runs as user postgres when we are root
  primary = await startEmbeddedPostgres({ dataDir: path.join(dir, "primary"), databaseName: "replica_app", preferredPort: 57100, ephemeral: true });
  await migrate(primary.url);
  await prepareDatabase(primary.url, { demo: false });

  await withClient(primary.urlFor("postgres"), async (client) => {
    // The slot keeps the WAL the standby has not received yet, from the backup's start on.
    await client.query("SELECT pg_create_physical_replication_slot($1, true)", [SLOT]);
    await client.query("SELECT pg_backup_start('ffi-standby', true)");
    const { rows } = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
    copyDataDirectory(rows[0]!.dir, path.join(dir, "standby"));
    // Same session as pg_backup_start (a non-exclusive backup ends with its session).
    const stopped = await client.query<{ labelfile: string; spcmapfile: string | null }>("SELECT labelfile, spcmapfile FROM pg_backup_stop(true)");
    fs.writeFileSync(path.join(dir, "standby", "backup_label"), stopped.rows[0]!.labelfile);
  });
  const standbyDir = path.join(dir, "standby");
  fs.writeFileSync(path.join(standbyDir, "standby.signal"), "");
  const primaryUrl = new URL(primary.url);
  fs.appendFileSync(
    path.join(standbyDir, "postgresql.auto.conf"),
    `primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=${primaryUrl.username} password=${decodeURIComponent(primaryUrl.password)} application_name=${SLOT}'\n` +
      `primary_slot_name = '${SLOT}'\nhot_standby = on\n`,
  );
  standby = await startEmbeddedPostgres({ dataDir: standbyDir, databaseName: "replica_app", preferredPort: 57200, ephemeral: true });

  process.env.DATABASE_URL = primary.url;
  process.env.DATABASE_READ_URL = standby.url;
  resetEnvCache();
  await disconnectPrisma();
}, 120_000);

afterAll(async () => {
  await disconnectPrisma();
  process.env.DATABASE_URL = testDatabaseUrl;
  delete process.env.DATABASE_READ_URL;
  resetEnvCache();
  await standby?.stop();
  await primary?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

const shanghai: PeerGroupSpec = { industry: { kind: "all" }, region: { kind: "province", code: "31" }, size: { kind: "all" } };

async function submitFactory(): Promise<string> {
  const owner = await createTestUser();
  const org = await createTestOrganization(owner.id, "FACTORY", "复制测试工厂");
  await prisma.factoryProfile.create({
    data: { organizationId: org.id, legalName: "上海复制测试有限公司", creditCode: uniqueCreditCode(), industryCode: "34", regionCode: "310115", employees: 500, revenueWan: 20000, sizeBand: "MEDIUM" },
  });
  const { model } = await loadQuestionnaireVersion((await currentQuestionnaireVersion()).id);
  const plant = model.usesPlantProfile ? TEST_PLANT_PROFILE : undefined;
  const started = await startAssessment(org.id, owner.id, "2026");
  if (started.status !== "created") throw new Error(`startAssessment: ${started.status}`);
  if (plant) expect((await savePlantProfile(org.id, started.id, owner.id, plant)).status).toBe("saved");
  const answers = toStoredAnswers(syntheticAnswers(model, createRandom(7), { maturity: 2.5, plant }));
  expect((await saveAnswers(org.id, started.id, owner.id, { revision: plant ? 1 : 0, changes: answers })).status).toBe("saved");
  expect((await submitAssessment(org.id, started.id, owner.id)).status).toBe("submitted");
  return org.id;
}

describe("analytics reads on a streaming-replication standby (DATABASE_READ_URL)", () => {
  it("analyticsDb() is the standby, prisma the primary; the standby refuses writes", async () => {
    const [replica] = await analyticsDb().$queryRaw<{ recovery: boolean; receiver: string | null }[]>`
      SELECT pg_is_in_recovery() AS recovery, (SELECT status FROM pg_stat_wal_receiver) AS receiver`;
    expect(replica).toEqual({ recovery: true, receiver: "streaming" });
    const [main] = await prisma.$queryRaw<{ recovery: boolean; senders: number }[]>`
      SELECT pg_is_in_recovery() AS recovery, (SELECT count(*)::int FROM pg_stat_replication WHERE application_name = ${SLOT}) AS senders`;
    expect(main).toEqual({ recovery: false, senders: 1 });
    await expect(analyticsDb().$executeRaw`INSERT INTO "RateLimit" ("key", "windowStart", "count", "expiresAt") VALUES ('replica-test', now(), 1, now())`).rejects.toThrow(/read-only transaction/);
  });

  it("a submission on the primary reaches the aggregates and the authority overview through the replica", { timeout: 60_000 }, async () => {
    await withClient(primary.url, (client) => seedPopulation(client, { factories: 300, seed: 5, anchor: new Date() }));
    await untilOnReplica(async () => (await analyticsDb().organization.count({ where: { name: { startsWith: "样本企业" } } })) === 300);
    const version = await currentQuestionnaireVersion();
    const query = { versionId: version.id, scope: { kind: "current" } as const, specs: [shanghai] };
    const before = (await readGroups(query))[0]!.n;

    // Replay paused: the replica stays behind, so what the aggregates read must come from it.
    await withClient(standby!.urlFor("postgres"), (client) => client.query("SELECT pg_wal_replay_pause()"));
    const added = await submitFactory();
    const onPrimary = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(DISTINCT "organizationId")::int AS n FROM "AssessmentScore" WHERE "provinceCode" = '31' AND "questionnaireVersionId" = ${version.id}::uuid
        AND "submittedAt" > now() - interval '24 months'`;
    expect((await readGroups(query))[0]!.n).toBe(before);
    expect(onPrimary[0]!.n).toBe(before + 1);

    expect(await scoresOnReplica(added)).toBe(false);
    await withClient(standby!.urlFor("postgres"), (client) => client.query("SELECT pg_wal_replay_resume()"));
    await untilOnReplica(() => scoresOnReplica(added));
    expect((await readGroups(query))[0]!.n).toBe(before + 1);

    // The authority overview (C's builder, published through the disclosure module) reads the same replica.
    const parsed = parseSectorFilters(new URLSearchParams(), { regionCode: "31", industryCode: null });
    if (!parsed.ok) throw new Error(parsed.reason);
    const tables = await overviewTables({ regionCode: "31", industryCode: null }, parsed.filters, translator("zh-CN"), "zh-CN");
    expect(tables.length).toBeGreaterThan(0);
    expect(JSON.stringify(tables)).not.toContain("复制测试工厂");
  });

  it("each submission is on the replica once replayed (the lag is printed for docs/scaling.md)", { timeout: 60_000 }, async () => {
    const lags: number[] = [];
    for (let i = 0; i < 5; i++) {
      const orgId = await submitFactory();
      lags.push(await untilOnReplica(() => scoresOnReplica(orgId)));
      expect(await analyticsDb().assessmentItemScore.count({ where: { assessment: { organizationId: orgId } } })).toBeGreaterThan(20);
    }
    lags.sort((a, b) => a - b);
    console.log(`replication lag after a submission: median ${lags[2]!.toFixed(1)} ms, max ${lags[4]!.toFixed(1)} ms (5 submissions)`);
  });
});
