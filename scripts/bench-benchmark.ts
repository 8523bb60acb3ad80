/**
 * `npm run bench:benchmark`: peer benchmarks at national scale. On a throw-away embedded cluster
 * (like tests/support/global-setup.ts) with the demo, for each population size (default 10,000
 * and 100,000 factories):
 *   1. seeds the population with `scripts/seed-population.ts` in a child process (time, peak RSS);
 *   2. times the benchmark page's data queries in-process (p50/p95 per query kind), for the demo
 *      factories' default groups, a group that needs the fallback, and two broad groups;
 *   3. starts the real server (like tests/e2e/global-setup.ts), logs the demo users in and times
 *      full page GETs, one at a time and 4 at a time; reports the server's peak RSS.
 * Options: --sizes 10000,100000  --requests 120  --explain (print EXPLAIN ANALYZE of the default group).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fallbackChain, type PeerGroupSpec } from "../app/domain/benchmark/groups";
import { readGroups, readGroupsLiveSql } from "../app/models/aggregates.server";
import { explainAnalyze, findBenchmarkSubject, loadBenchmark, peerWindow, type BenchmarkSubject } from "../app/models/benchmark.server";
import { disconnectPrisma, prisma } from "../app/utils/db.server";
import { startEmbeddedPostgres } from "../server/embedded-postgres";
import { migrate } from "../server/migrate";
import { prepareDatabase } from "../server/prepare";
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD } from "../server/seed";
import { processTree, treeMemoryKb } from "./support/proc";
import { rootDir, startServer as startHarnessServer } from "./support/server-harness";
import { seedPopulationInChild } from "./support/seed-child";

const { values: options } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000" },
    requests: { type: "string", default: "120" },
    explain: { type: "boolean", default: false },
  },
});
const sizes = options.sizes.split(",").map(Number);
const requests = Number(options.requests);
const K = 5;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;
const summary = (values: number[]) => `p50 ${ms(percentile(values, 0.5))} · p95 ${ms(percentile(values, 0.95))} (n=${values.length})`;
async function timed<T>(samples: number[], run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  samples.push(performance.now() - started);
  return result;
}

if (!fs.existsSync(path.join(rootDir, "build/index.js"))) throw new Error("No build: run `npm run bench:benchmark` (it builds first) or `npm run build`.");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-bench-benchmark-"));
fs.chmodSync(dir, 0o755);
const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), databaseName: "bench", preferredPort: 56400, ephemeral: true });
process.env.DATABASE_URL = db.url;
const report: string[] = [];
const log = (line: string) => {
  console.log(line);
  report.push(line);
};

try {
  await migrate(db.url);
  await prepareDatabase(db.url, { demo: true });
  const demoFactories = DEMO_ORGANIZATIONS.filter((demo) => demo.factory);
  const subjects = await Promise.all(
    demoFactories.map(async (demo) => {
      const assessment = await prisma.assessment.findFirstOrThrow({ where: { organizationId: demo.id, status: "SUBMITTED" }, orderBy: { submittedAt: "desc" }, select: { id: true } });
      return { demo, assessmentId: assessment.id };
    }),
  );
  log(`# Peer benchmarks — ${os.cpus().length} CPU, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, k = ${K}`);

  for (const size of sizes) {
    log(`\n## ${size.toLocaleString("en")} synthetic factories`);
    // 1. Seeding, in its own process so its peak RSS is its own.
    const seeded = await runSeed(size);
    log(`seeding: ${seeded.factories.toLocaleString("en")} factories, ${seeded.assessments.toLocaleString("en")} submitted assessments in ${seeded.seconds.toFixed(1)} s (incl. VACUUM ANALYZE; wall ${seeded.wall.toFixed(1)} s), peak RSS ${seeded.maxRssMb.toFixed(0)} MB`);
    const tableSizes = await prisma.$queryRaw<{ name: string; size: string }[]>`
      SELECT relname AS name, pg_size_pretty(pg_total_relation_size(c.oid)) AS size FROM pg_class c
      WHERE relname IN ('AssessmentScore', 'AssessmentItemScore', 'Assessment') ORDER BY relname`;
    log(`tables (with indexes): ${tableSizes.map((t) => `${t.name} ${t.size}`).join(", ")}`);

    // 2. The data queries, in-process.
    const window = peerWindow();
    const everything: PeerGroupSpec = { industry: { kind: "all" }, region: { kind: "all" }, size: { kind: "all" } };
    const scenarios: { name: string; kind: "typical" | "broad"; subject: (typeof subjects)[number]; spec: ((own: { industryCode: string; sizeBand: "LARGE" | "MEDIUM" | "SMALL" | "MICRO" }) => PeerGroupSpec) | null }[] = [
      ...subjects.map((subject) => ({ name: `default group · ${subject.demo.name}`, kind: "typical" as const, subject, spec: null })),
      {
        name: "tobacco · 崇明区 · large → fallback",
        kind: "typical",
        subject: subjects[0]!,
        spec: () => ({ industry: { kind: "division", code: "16" }, region: { kind: "district", code: "310151" }, size: { kind: "band", band: "LARGE" } }),
      },
      {
        name: "division · 浦东新区 · size",
        kind: "typical",
        subject: subjects[0]!,
        spec: () => ({ industry: { kind: "division", code: "34" }, region: { kind: "district", code: "310115" }, size: { kind: "band", band: "MEDIUM" } }),
      },
      { name: "category · Jiangsu · any size", kind: "broad", subject: subjects[1]!, spec: () => ({ industry: { kind: "category", category: "equipment" }, region: { kind: "province", code: "32" }, size: { kind: "all" } }) },
      { name: "all manufacturing · China · any size", kind: "broad", subject: subjects[0]!, spec: () => everything },
    ];
    const samples = {
      typical: { subject: [] as number[], count: [] as number[], statistics: [] as number[], total: [] as number[] },
      broad: { subject: [] as number[], count: [] as number[], statistics: [] as number[], total: [] as number[] },
    };
    for (const scenario of scenarios) {
      const rounds = scenario.kind === "typical" ? 40 : 6;
      const bucket = samples[scenario.kind];
      let n = 0;
      let counts = 0;
      const mine: number[] = [];
      for (let round = -2; round < rounds; round++) {
        const keep = round >= 0;
        const started = performance.now();
        const found = await timed(keep ? bucket.subject : [], () => findBenchmarkSubject(scenario.subject.demo.id, scenario.subject.assessmentId));
        if (found.status !== "ok") throw new Error("no subject");
        const requested = scenario.spec ? scenario.spec(found.subject.snapshot) : null;
        const resolved = await resolveGroupTimed(found.subject, requested ?? { industry: { kind: "division", code: found.subject.snapshot.industryCode }, region: { kind: "all" }, size: { kind: "band", band: found.subject.snapshot.sizeBand } }, keep ? bucket.count : []);
        counts = resolved.counts;
        if (resolved.used) await timed(keep ? bucket.statistics : [], () => readGroups({ versionId: found.subject.questionnaireVersionId, scope: { kind: "current" }, specs: [resolved.used!.spec], items: true, excludeOrganizationId: found.subject.organizationId }));
        if (keep) bucket.total.push(performance.now() - started);
        if (keep) mine.push(performance.now() - started);
        n = resolved.used?.n ?? 0;
      }
      log(`  ${scenario.name}: n = ${n.toLocaleString("en")} (${counts} count ${counts === 1 ? "query" : "queries"}), page data p50 ${ms(percentile(mine, 0.5))} · p95 ${ms(percentile(mine, 0.95))}`);
    }
    for (const kind of ["typical", "broad"] as const) {
      const bucket = samples[kind];
      log(`data queries, ${kind === "typical" ? "default groups of the 4 demo factories, a district group and a fallback" : "broad groups (province × category, all manufacturing)"}:`);
      log(`  own assessment (Prisma)    ${summary(bucket.subject)}`);
      log(`  group size (one count)     ${summary(bucket.count)}`);
      log(`  statistics (26 items)      ${summary(bucket.statistics)}`);
      log(`  all data of the page       ${summary(bucket.total)}`);
    }
    if (options.explain) {
      const found = await findBenchmarkSubject(subjects[0]!.demo.id, subjects[0]!.assessmentId);
      if (found.status === "ok") {
        const spec: PeerGroupSpec = { industry: { kind: "division", code: found.subject.snapshot.industryCode }, region: { kind: "all" }, size: { kind: "band", band: found.subject.snapshot.sizeBand } };
        const sql = readGroupsLiveSql({ versionId: found.subject.questionnaireVersionId, scope: { kind: "current" }, specs: [spec], items: true, excludeOrganizationId: found.subject.organizationId, asOf: window.asOf });
        console.log(await explainAnalyze(sql.counts));
        if (sql.histograms) console.log(await explainAnalyze(sql.histograms));
      }
    }
    // Sanity: the page's own loader agrees with the pieces.
    const check = await loadBenchmark(subjects[0]!.demo.id, subjects[0]!.assessmentId, null);
    if (check.status !== "ok" || !check.benchmark.group.used) throw new Error("the default group of the demo factory is empty");

    // 3. The real server.
    const server = await startServer(size);
    try {
      const cookies = await Promise.all(subjects.map((subject) => logIn(server.url, subject.demo.owner.email)));
      const pages = subjects.map((subject, index) => ({ url: `${server.url}/o/${subject.demo.id}/assessments/${subject.assessmentId}/benchmark`, cookie: cookies[index]! }));
      for (const page of pages) await get(page.url, page.cookie); // warm-up
      const sequential: number[] = [];
      for (let i = 0; i < requests; i++) {
        const page = pages[i % pages.length]!;
        await timed(sequential, () => get(page.url, page.cookie));
      }
      const concurrent: number[] = [];
      const started = performance.now();
      await Promise.all(
        [0, 1, 2, 3].map(async (worker) => {
          for (let i = worker; i < requests; i += 4) {
            const page = pages[i % pages.length]!;
            await timed(concurrent, () => get(page.url, page.cookie));
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const broad: number[] = [];
      for (let i = 0; i < 5; i++) await timed(broad, () => get(`${pages[0]!.url}?industry=all&region=all&size=all`, pages[0]!.cookie));
      log(`full page GET (default groups of the 4 demo factories, HTML with SSR charts):`);
      log(`  one at a time              ${summary(sequential)}`);
      log(`  4 concurrent               ${summary(concurrent)}, ${(concurrent.length / seconds).toFixed(1)} pages/s`);
      log(`  all manufacturing, China   ${summary(broad)}`);
      log(`server memory (${server.processes()} process${server.processes() === 1 ? "" : "es"}): RSS ${server.rssMb().toFixed(0)} MB after the runs, peak ${server.peakMb().toFixed(0)} MB (sum of VmHWM)`);
    } finally {
      await server.stop();
    }
  }
} finally {
  await disconnectPrisma();
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** What resolveGroup does — the counts of the whole fallback chain in one read, the first with k — timed. */
async function resolveGroupTimed(subject: BenchmarkSubject, requested: PeerGroupSpec, countSamples: number[]) {
  const chain = fallbackChain(requested);
  const groups = await timed(countSamples, () =>
    readGroups({ versionId: subject.questionnaireVersionId, scope: { kind: "current" }, specs: chain.map((candidate) => candidate.spec), excludeOrganizationId: subject.organizationId }),
  );
  const index = groups.findIndex((group) => group.n >= K);
  return { used: index < 0 ? null : { ...chain[index]!, n: groups[index]!.n }, counts: 1 };
}

async function runSeed(factories: number) {
  return seedPopulationInChild(db.url, factories);
}

async function startServer(size: number) {
  const server = await startHarnessServer({ database: { url: db.url }, seedDemo: true, preferredPort: 3500, logFile: path.join(dir, `server-${size}.log`), timeoutMs: 60_000 });
  // The server may fork web workers (node:cluster): measure the whole process tree.
  return {
    url: server.url,
    /** Sum over the server's processes. */
    rssMb: () => treeMemoryKb(server.pid, "VmRSS") / 1024,
    /** Sum of each process's own peak. */
    peakMb: () => treeMemoryKb(server.pid, "VmHWM") / 1024,
    processes: () => processTree(server.pid).length,
    stop: () => server.stop(),
  };
}

async function logIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`login of ${email} failed: ${response.status}`);
  return cookie;
}

async function get(url: string, cookie: string) {
  const response = await fetch(url, { headers: { cookie } });
  const body = await response.text();
  if (response.status !== 200 || !body.includes("benchmark-n")) throw new Error(`GET ${url}: ${response.status}`);
}
