/**
 * `npm run bench:government`: authority views and factory benchmarks at national scale
 * (docs/performance.md, "National scale"). On a throw-away embedded cluster with the demo, for
 * each population size (default 100,000 then 1,000,000 factories):
 *   1. seeds it with `scripts/seed-population.ts` in a child process (time, peak RSS, table sizes);
 *   2. times, in-process, every authority view's data (the page loaders, which the exports share
 *      through the same table builders) for three jurisdictions — a district (浦东新区), a
 *      province-level city (上海) and a large province (江苏): overview, the three breakdowns, regions
 *      and programmes — and the factory benchmark
 *      (loadBenchmark) for narrow and broad groups up to all manufacturing in China;
 *   3. times every authority export (each exportable table as CSV and as XLSX) for the same
 *      jurisdictions through sectorDownload, the code the export routes run (the response body read
 *      to the end, so building and serialising the file are counted);
 *   4. prints one table of p50 / p95 per size.
 * Options: --factories 100000,1000000  --rounds 20  --database-url <url> (bench an already seeded
 * database instead: nothing is seeded or deleted)  --workers N (passed to the seeder)
 * --only benchmark|views|exports (default all three, in that order).
 * Only in-process timings: the HTTP cost of a page is in docs/performance.md (bench:http).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { PeerGroupSpec } from "../app/domain/benchmark/groups";
import { parseSectorFilters, type JurisdictionScope } from "../app/domain/sector/filters";
import { loadBenchmark } from "../app/models/benchmark.server";
import { loadBreakdown } from "../app/models/sector/breakdowns.server";
import { sectorDownload, type ExportFormat } from "../app/models/sector/export.server";
import { EXPORTABLE_TABLE_IDS } from "../app/models/sector/registry.server";
import { loadOverview } from "../app/models/sector/overview.server";
import { loadProgrammes } from "../app/models/sector/programmes.server";
import { loadRegions } from "../app/models/sector/regions.server";
import { disconnectPrisma, prisma } from "../app/utils/db.server";
import { resetEnvCache } from "../app/utils/env.server";
import type { JurisdictionContext } from "../app/utils/guard.server";
import { translator } from "../app/utils/i18n";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../server/embedded-postgres";
import { migrate } from "../server/migrate";
import { prepareDatabase } from "../server/prepare";
import { DEMO_ORGANIZATIONS } from "../server/seed";
import { cleanUpOnInterrupt } from "./support/server-harness";
import { seedPopulationInChild } from "./support/seed-child";

const { values: options } = parseArgs({
  options: {
    factories: { type: "string", default: "100000,1000000" },
    rounds: { type: "string", default: "20" },
    "database-url": { type: "string" },
    workers: { type: "string", default: String(os.availableParallelism()) },
    only: { type: "string", default: "benchmark,views,exports" },
  },
});
const sizes = options.factories.split(",").map(Number);
const rounds = Number(options.rounds);
const only = new Set(options.only.split(","));
if (sizes.some((size) => !Number.isInteger(size) || size < 1 || size > 1_000_000)) fail("--factories: whole numbers from 1 to 1000000, comma-separated");
if (!Number.isInteger(rounds) || rounds < 3 || rounds > 500) fail("--rounds must be 3–500");
function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
};
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

const t = translator("zh-CN");
const jurisdictions: { name: string; scope: JurisdictionScope }[] = [
  { name: "浦东新区 (district)", scope: { regionCode: "310115", industryCode: null } },
  { name: "上海市 (province-level)", scope: { regionCode: "31", industryCode: null } },
  { name: "江苏省 (large province)", scope: { regionCode: "32", industryCode: null } },
];
const views = [
  { name: "overview", run: (scope: JurisdictionScope, filters: Filters) => loadOverview(scope, filters, t, "zh-CN") },
  { name: "industries (division)", run: (scope: JurisdictionScope, filters: Filters) => loadBreakdown(scope, filters, t, "zh-CN", "division") },
  { name: "industries (category)", run: (scope: JurisdictionScope, filters: Filters) => loadBreakdown(scope, filters, t, "zh-CN", "category") },
  { name: "sizes", run: (scope: JurisdictionScope, filters: Filters) => loadBreakdown(scope, filters, t, "zh-CN", "size") },
  { name: "regions", run: (scope: JurisdictionScope, filters: Filters) => loadRegions(scope, filters, t, "zh-CN") },
  { name: "programmes", run: (scope: JurisdictionScope, filters: Filters) => loadProgrammes(scope, filters, t, "zh-CN") },
];
type Filters = Parameters<typeof loadOverview>[1];
const benchmarkGroups: { name: string; spec: ((own: { industryCode: string; sizeBand: "LARGE" | "MEDIUM" | "SMALL" | "MICRO" }) => PeerGroupSpec) | null }[] = [
  { name: "default (division × size, China)", spec: null },
  { name: "narrow: division 34 · 浦东新区 · medium", spec: () => ({ industry: { kind: "division", code: "34" }, region: { kind: "district", code: "310115" }, size: { kind: "band", band: "MEDIUM" } }) },
  { name: "broad: equipment · 江苏省 · any size", spec: () => ({ industry: { kind: "category", category: "equipment" }, region: { kind: "province", code: "32" }, size: { kind: "all" } }) },
  { name: "broadest: all manufacturing · China", spec: () => ({ industry: { kind: "all" }, region: { kind: "all" }, size: { kind: "all" } }) },
];

let embedded: EmbeddedDatabase | undefined;
let dir: string | undefined;
let databaseUrl = options["database-url"];
if (!databaseUrl) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-bench-government-"));
  fs.chmodSync(dir, 0o755);
  embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), databaseName: "bench", preferredPort: 56700, ephemeral: true });
  databaseUrl = embedded.url;
}
// Ctrl-C or a `timeout` must not leave the throw-away cluster running.
cleanUpOnInterrupt(async () => {
  await disconnectPrisma();
  await embedded?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});
process.env.DATABASE_URL = databaseUrl;
delete process.env.DATABASE_READ_URL; // one database: the figures are the primary's
resetEnvCache();

const lines: string[] = [];
const log = (line: string) => {
  console.log(line);
  lines.push(line);
};

try {
  if (embedded) {
    await migrate(databaseUrl);
    await prepareDatabase(databaseUrl, { demo: true });
  }
  log(`# Authority views and benchmarks — ${os.cpus().length} CPU, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}, ${new Date().toISOString()}`);
  const subjects = await Promise.all(
    DEMO_ORGANIZATIONS.filter((demo) => demo.factory).map(async (demo) => {
      const assessment = await prisma.assessment.findFirst({ where: { organizationId: demo.id, status: "SUBMITTED" }, orderBy: { submittedAt: "desc" }, select: { id: true } });
      return assessment ? { orgId: demo.id, assessmentId: assessment.id } : null;
    }),
  ).then((found) => found.filter((subject) => subject !== null));
  if (subjects.length === 0) throw new Error("no demo factory with a submitted assessment: bench a database with the demo");

  for (const size of options["database-url"] ? [null] : sizes) {
    if (size !== null) {
      log(`\n## ${size.toLocaleString("en")} synthetic factories`);
      const seeded = await runSeed(databaseUrl, size);
      log(
        `seeding: ${seeded.factories.toLocaleString("en")} factories, ${seeded.assessments.toLocaleString("en")} assessments in ${seeded.seconds.toFixed(0)} s ` +
          `(wall ${seeded.wall.toFixed(0)} s with start-up), peak RSS ${seeded.maxRssMb.toFixed(0)} MB, load average ${os.loadavg()[0]!.toFixed(1)}`,
      );
    } else {
      log(`\n## the database in --database-url`);
    }
    const tableSizes = await prisma.$queryRaw<{ name: string; size: string }[]>`
      SELECT relname AS name, pg_size_pretty(pg_total_relation_size(c.oid)) AS size FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND pg_total_relation_size(c.oid) > 8 * 1024 * 1024 ORDER BY pg_total_relation_size(c.oid) DESC`;
    log(`tables with indexes: ${tableSizes.map((table) => `${table.name} ${table.size}`).join(", ")}`);
    const [database] = await prisma.$queryRaw<{ size: string }[]>`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`;
    log(`database: ${database!.size}`);

    log(`\n| what | scope | p50 ms | p95 ms | aim |`);
    log(`|---|---|---|---|---|`);
    if (only.has("benchmark")) {
      for (const group of benchmarkGroups) {
        const samples = await sample(async () => {
          const subject = subjects[0]!;
          const outcome = await loadBenchmark(subject.orgId, subject.assessmentId, group.spec);
          if (outcome.status !== "ok") throw new Error(`loadBenchmark: ${outcome.status}`);
        });
        log(`| factory benchmark | ${group.name} | ${ms(percentile(samples, 0.5))} | ${ms(percentile(samples, 0.95))} | p95 < 50 |`);
      }
    }
    if (only.has("views")) {
      for (const jurisdiction of jurisdictions) {
        const parsed = parseSectorFilters(new URLSearchParams(), jurisdiction.scope);
        if (!parsed.ok) throw new Error(`filters for ${jurisdiction.name}: ${parsed.reason}`);
        for (const view of views) {
          const samples = await sample(() => view.run(jurisdiction.scope, parsed.filters));
          log(`| ${view.name} | ${jurisdiction.name} | ${ms(percentile(samples, 0.5))} | ${ms(percentile(samples, 0.95))} | p95 < 200 |`);
        }
      }
    }
    if (only.has("exports")) {
      for (const jurisdiction of jurisdictions) {
        for (const table of EXPORTABLE_TABLE_IDS) {
          for (const format of ["csv", "xlsx"] as const) {
            const samples = await sample(() => download(jurisdiction.scope, table, format));
            // The issue sets no aim for a download; the views' (p95 < 200) is the reference.
            log(`| export ${table}.${format} | ${jurisdiction.name} | ${ms(percentile(samples, 0.5))} | ${ms(percentile(samples, 0.95))} | — |`);
          }
        }
      }
    }
  }
} finally {
  await disconnectPrisma();
  await embedded?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * One export as its route answers it: sectorDownload with the parts of the guard's context it
 * reads (request, jurisdiction, translator, locale); the session and membership checks before it
 * are the HTTP cost, measured by bench:http. The body is read to the end.
 */
async function download(jurisdiction: JurisdictionScope, table: string, format: ExportFormat): Promise<void> {
  const request = new Request(`http://bench.invalid/o/bench/sector/export.${format}?table=${encodeURIComponent(table)}`);
  const context = { request, jurisdiction, t, locale: "zh-CN" } as Partial<JurisdictionContext> as JurisdictionContext;
  const response = await sectorDownload(context, format);
  const body = await response.arrayBuffer();
  if (response.status !== 200 || body.byteLength === 0) throw new Error(`export ${table}.${format}: status ${response.status}`);
}

/** Two warm-up calls, then `rounds` timed ones. */
async function sample(run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 2; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples;
}

async function runSeed(url: string, factories: number) {
  return seedPopulationInChild(url, factories, { workers: options.workers });
}
