/**
 * `npm run bench:rate-limit`: what the autosave rate limit adds to a save — the one upsert that
 * counts a hit against both autosave rules — on a throw-away embedded cluster. Prints the latency
 * of that statement alone (sequential, then 8 callers in parallel as several web workers would),
 * against a `SELECT 1` round trip for scale. Bounded: a few thousand statements, loopback only.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Prisma } from "~/generated/prisma/client";
import { countHitsSql, hitRateLimits, RATE_LIMITS, windowOf } from "~/models/rate-limit.server";
import { disconnectPrisma, prisma } from "~/utils/db.server";
import { startEmbeddedPostgres } from "../server/embedded-postgres";
import { migrate } from "../server/migrate";

const ROUNDS = Number(process.argv[2] ?? 3000);
const USERS = 200;
const PARALLEL = 8;

function summary(label: string, samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(3);
  const mean = (samples.reduce((sum, value) => sum + value, 0) / samples.length).toFixed(3);
  console.log(`${label.padEnd(44)} mean ${mean} ms  p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  p99 ${at(0.99)} ms  (n = ${samples.length})`);
}

async function timed(run: () => Promise<unknown>, samples: number[]) {
  const started = performance.now();
  await run();
  samples.push(performance.now() - started);
}

const checksFor = (user: number) => [
  { rule: RATE_LIMITS.autosaveBurstPerUser, subject: `bench-user-${user}` },
  { rule: RATE_LIMITS.autosavePerUser, subject: `bench-user-${user}` },
];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-bench-rate-limit-"));
fs.chmodSync(dir, 0o755);
const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), databaseName: "bench", preferredPort: 56500, ephemeral: true });
process.env.DATABASE_URL = db.url;
try {
  await migrate(db.url);
  console.log(`# Rate-limit statement — ${os.cpus().length} CPU, Node ${process.version}, ${ROUNDS} rounds`);
  for (let i = 0; i < 200; i++) await hitRateLimits(checksFor(i % USERS)); // warm-up: pool, plans
  const ping: number[] = [];
  const sequential: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await timed(() => prisma.$queryRaw`SELECT 1`, ping);
    await timed(() => hitRateLimits(checksFor(i % USERS)), sequential);
  }
  summary("SELECT 1 (round trip, for scale)", ping);
  summary("autosave limit check, sequential", sequential);
  const parallel: number[] = [];
  for (let i = 0; i < ROUNDS / PARALLEL; i++) {
    await Promise.all(Array.from({ length: PARALLEL }, (_, j) => timed(() => hitRateLimits(checksFor((i * PARALLEL + j) % USERS)), parallel)));
  }
  summary(`autosave limit check, ${PARALLEL} in parallel`, parallel);
  // The statement's own cost inside PostgreSQL (planning + execution), without the round trip
  // and client overhead that dominate on a busy machine.
  const inDatabase: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const rows = checksFor(i % USERS).map((check) => windowOf(check, new Date()));
    const [plan] = await prisma.$queryRaw<{ "QUERY PLAN": [{ "Planning Time": number; "Execution Time": number }] }[]>(
      Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${countHitsSql(rows)}`,
    );
    const timing = plan!["QUERY PLAN"][0];
    inDatabase.push(timing["Planning Time"] + timing["Execution Time"]);
  }
  summary("autosave limit check, inside PostgreSQL", inDatabase);
} finally {
  await disconnectPrisma();
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
