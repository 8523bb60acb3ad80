/**
 * `npm run db:seed-population -- --factories 10000 [--seed 42]`: replaces the synthetic benchmark
 * population with n factories of the given seed (deterministic: same seed, same factories), each
 * with submitted assessments on the current questionnaire version (some also on the previous one,
 * a year before) generated through the scoring engine, the levels calibrated to the 2022 CMMM
 * distribution first (1–3 s). `--delete` only removes it.
 *
 * Database: DATABASE_URL, or the embedded one in .data/postgres (stop `npm start` first, or point
 * DATABASE_URL at its database). Refuses a database with real accounts, like the demo seed.
 * `--json` prints one JSON line with the figures (used by `npm run bench:benchmark`).
 * `--workers N` child processes generate the factories (default: one per CPU; 0 = in this process).
 * 1,000,000 factories: see docs/performance.md, "National scale".
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { MAX_POPULATION } from "../app/domain/benchmark/population";
import { readEnv } from "../app/utils/env.server";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../server/embedded-postgres";
import { migrate } from "../server/migrate";
import { deletePopulation, populationSize, seedPopulation, withClient } from "../server/population";
import { prepareDatabase } from "../server/prepare";

const { values } = parseArgs({
  options: {
    factories: { type: "string", default: "10000" },
    seed: { type: "string", default: "42" },
    delete: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    "batch-size": { type: "string", default: "1000" },
    // Generation (the scoring engine, per assessment) is most of the work: by default one child
    // process per CPU makes batches while this one writes them.
    workers: { type: "string", default: String(os.availableParallelism()) },
  },
});

const factories = Number(values.factories);
const seed = Number(values.seed);
const batchSize = Number(values["batch-size"]);
const workers = Number(values.workers);
if (!Number.isInteger(factories) || factories < 1 || factories > MAX_POPULATION) fail(`--factories must be a whole number from 1 to ${MAX_POPULATION}`);
if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) fail("--seed must be a whole number from 0 to 4294967295");
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 20000) fail("--batch-size must be a whole number from 1 to 20000");
if (!Number.isInteger(workers) || workers < 0 || workers > 16) fail("--workers must be a whole number from 0 (generate in this process) to 16");

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
const log = (message: string) => {
  if (!values.json) console.log(message);
};

const phases: { phase: string; seconds: number; nodeCpu: number; load: number }[] = [];
const TICKS = 100; // USER_HZ on Linux

/** utime + stime of a local process from /proc, or null (another machine, or not Linux). */
function backendCpuSeconds(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return null;
  }
}

/** CPU of this process's finished children (the workers), from /proc. */
function childrenCpuSeconds(): number | null {
  try {
    const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[13]) + Number(fields[14])) / TICKS;
  } catch {
    return null;
  }
}

let embedded: EmbeddedDatabase | undefined;
const env = readEnv();
let databaseUrl = env.DATABASE_URL;
if (!databaseUrl) {
  embedded = await startEmbeddedPostgres({
    dataDir: path.resolve(import.meta.dirname, "../.data/postgres"),
    databaseName: "future_factory",
    preferredPort: env.EMBEDDED_PG_PORT,
    log,
  });
  databaseUrl = embedded.url;
}

try {
  await migrate(databaseUrl);
  await prepareDatabase(databaseUrl, { demo: false });
  const started = performance.now();
  const summary = await withClient(databaseUrl, async (client) => {
    const existing = await populationSize(client);
    if (existing > 0) {
      const deleted = await deletePopulation(client);
      log(`Removed the previous synthetic population (${deleted} factories) in ${Math.round(performance.now() - started)} ms`);
    }
    if (values.delete) return { factories: 0, assessments: 0 };
    let lastReport = 0;
    // CPU split per phase (docs/performance.md): this process, and the PostgreSQL backend when it runs on this machine.
    const backend = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    let stagingBackend: number | null = null;
    const stagingCpu = () => (stagingBackend === null ? 0 : (backendCpuSeconds(stagingBackend) ?? 0));
    let cpu = { node: process.cpuUsage(), pg: backendCpuSeconds(backend), staging: 0 };
    return seedPopulation(client, {
      onStagingBackend: (pid) => {
        stagingBackend = pid;
        cpu.staging = stagingCpu();
      },
      onPhase: ({ phase, seconds }) => {
        const now = { node: process.cpuUsage(), pg: backendCpuSeconds(backend), staging: stagingCpu() };
        const nodeSeconds = (now.node.user + now.node.system - cpu.node.user - cpu.node.system) / 1e6;
        // The second backend (ADR 0032) is reported apart; it ends with the load's transaction.
        const second = stagingBackend !== null && now.staging > cpu.staging ? ` + second backend ${(now.staging - cpu.staging).toFixed(1)} s` : "";
        const pgSeconds = now.pg !== null && cpu.pg !== null ? `${(now.pg - cpu.pg).toFixed(1)} s${second}` : "n/a";
        cpu = now;
        phases.push({ phase, seconds, nodeCpu: nodeSeconds, load: os.loadavg()[0]! });
        log(`  ${phase}: ${seconds.toFixed(1)} s wall; CPU: seeder ${nodeSeconds.toFixed(1)} s, PostgreSQL backend ${pgSeconds}; load average ${os.loadavg()[0]!.toFixed(1)}`);
      },
      factories,
      seed,
      batchSize,
      workers,
      // A second backend takes part of the Assessment rows' COPY (ADR 0032).
      stagingUrl: databaseUrl,
      onBatch: (done, total) => {
        if (done === total || performance.now() - lastReport > 5000) {
          lastReport = performance.now();
          log(`  ${done.toLocaleString("en")} / ${total.toLocaleString("en")} factories`);
        }
      },
    });
  });
  const seconds = (performance.now() - started) / 1000;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  const workersCpu = childrenCpuSeconds();
  if (workersCpu !== null) log(`  worker processes: ${workersCpu.toFixed(1)} s CPU in all`);
  if (values.json) {
    console.log(JSON.stringify({ ...summary, seed, seconds, maxRssMb, phases, workersCpu }));
  } else if (!values.delete) {
    log(
      `Seeded ${summary.factories.toLocaleString("en")} synthetic factories (${summary.assessments.toLocaleString("en")} submitted assessments, seed ${seed}) ` +
        `in ${seconds.toFixed(1)} s; peak RSS ${maxRssMb.toFixed(0)} MB`,
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
