/**
 * `npx tsx scripts/bench-aggregates.ts --factories 100000`: the maintained aggregates on a throw-away
 * embedded cluster with the demo and n synthetic factories — seeding and rebuild time, table sizes,
 * p50/p95 of the factory benchmark's reads (default groups and all manufacturing) and of readGroups
 * over 40 groups × 5 items, the same through the score rows ("live") for comparison, the cost a
 * submission's commit pays, and the EXPLAIN of the hot queries (--explain). For docs/benchmarking.md;
 * `npm run bench:government` (helper E) measures the authority views end to end.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { PeerGroupSpec } from "../app/domain/benchmark/groups";
import { POPULATION_ID_MIN } from "../app/domain/benchmark/population";
import { readGroups, readGroupsLive, rebuildAggregates, type ReadGroupsQuery } from "../app/models/aggregates.server";
import { explainAnalyze, loadBenchmark } from "../app/models/benchmark.server";
import { Prisma } from "../app/generated/prisma/client";
import { disconnectPrisma, prisma } from "../app/utils/db.server";
import { startEmbeddedPostgres } from "../server/embedded-postgres";
import { migrate } from "../server/migrate";
import { deletePopulation, seedPopulation, withClient } from "../server/population";
import { prepareDatabase } from "../server/prepare";
import { DEMO_ORGANIZATIONS } from "../server/seed";

const { values: options } = parseArgs({
  options: {
    factories: { type: "string", default: "100000" },
    rounds: { type: "string", default: "40" },
    explain: { type: "boolean", default: false },
  },
});
const factories = Number(options.factories);
const rounds = Number(options.rounds);

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(p * values.length) - 1)] ?? NaN;
const summary = (values: number[]) => `p50 ${percentile(values, 0.5).toFixed(1)} ms · p95 ${percentile(values, 0.95).toFixed(1)} ms (n=${values.length})`;
async function time(samples: number[], run: () => Promise<unknown>) {
  const started = performance.now();
  await run();
  samples.push(performance.now() - started);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-bench-aggregates-"));
fs.chmodSync(dir, 0o755);
const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), databaseName: "bench", preferredPort: 56500, ephemeral: true });
process.env.DATABASE_URL = db.url;
try {
  await migrate(db.url);
  await prepareDatabase(db.url, { demo: true });
  console.log(`# Maintained aggregates — ${os.cpus().length} CPU, load ${os.loadavg()[0]!.toFixed(1)}, ${factories.toLocaleString("en")} synthetic factories`);
  let started = performance.now();
  await withClient(db.url, async (client) => {
    await deletePopulation(client);
    await seedPopulation(client, { factories, seed: 42 });
  });
  console.log(`seeding incl. VACUUM and rebuild: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  started = performance.now();
  await withClient(db.url, (client) => rebuildAggregates(client));
  console.log(`rebuild alone: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await prisma.$executeRawUnsafe(`VACUUM (ANALYZE) "AggregateContribution", "AggregateCell", "AggregateHistogram", "AggregateItem", "RegisteredCell"`);
  const sizes = await prisma.$queryRaw<{ name: string; rows: bigint; size: string }[]>`
    SELECT c.relname AS name, c.reltuples::bigint AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS size FROM pg_class c
    WHERE c.relname IN ('AssessmentScore', 'AssessmentItemScore', 'AggregateContribution', 'AggregateCell', 'AggregateHistogram', 'RegisteredCell') ORDER BY c.relname`;
  console.log(`tables: ${sizes.map((t) => `${t.name} ${t.rows.toLocaleString("en")} rows ${t.size}`).join(" · ")}`);
  const [cells] = await prisma.$queryRaw<{ cells: number; large: number }[]>`SELECT count(*)::int AS cells, count(*) FILTER (WHERE histograms)::int AS large FROM "AggregateCell"`;
  console.log(`cells: ${cells!.cells.toLocaleString("en")}, with histograms: ${cells!.large.toLocaleString("en")}`);

  const subjects = await Promise.all(
    DEMO_ORGANIZATIONS.filter((demo) => demo.factory).map(async (demo) => ({
      orgId: demo.id,
      assessmentId: (await prisma.assessment.findFirstOrThrow({ where: { organizationId: demo.id, status: "SUBMITTED" }, orderBy: { submittedAt: "desc" }, select: { id: true } })).id,
    })),
  );
  const all: PeerGroupSpec = { industry: { kind: "all" }, region: { kind: "all" }, size: { kind: "all" } };
  const benchmarkDefault: number[] = [];
  const benchmarkAll: number[] = [];
  const benchmarkDistrict: number[] = [];
  for (let round = -2; round < rounds; round++) {
    const subject = subjects[Math.abs(round) % subjects.length]!;
    const keep = round >= 0;
    await time(keep ? benchmarkDefault : [], () => loadBenchmark(subject.orgId, subject.assessmentId, null));
    await time(keep ? benchmarkAll : [], () => loadBenchmark(subject.orgId, subject.assessmentId, () => all));
    await time(keep ? benchmarkDistrict : [], () =>
      loadBenchmark(subject.orgId, subject.assessmentId, (own) => ({ industry: { kind: "division", code: own.industryCode }, region: { kind: "district", code: "310115" }, size: { kind: "band", band: own.sizeBand } })),
    );
  }
  console.log(`factory benchmark (loadBenchmark: subject, fallback counts, histograms of every item):`);
  console.log(`  default group (division × size, China)   ${summary(benchmarkDefault)}`);
  console.log(`  all manufacturing, China               ${summary(benchmarkAll)}`);
  console.log(`  division × 浦东新区 × size (+ fallback) ${summary(benchmarkDistrict)}`);

  // An authority's table: 40 groups (divisions of Shanghai, its districts) × 5 items, period scope.
  const version = await prisma.questionnaireVersion.findFirstOrThrow({ orderBy: { syncedAt: "desc" }, select: { id: true } });
  const [{ period } = { period: "2026" }] = await prisma.$queryRaw<{ period: string }[]>`SELECT period FROM "AssessmentScore" WHERE "questionnaireVersionId" = ${version.id}::uuid GROUP BY period ORDER BY count(*) DESC LIMIT 1`;
  const itemIds = (await prisma.$queryRaw<{ itemId: string }[]>`SELECT "itemId" FROM "AggregateItem" WHERE "versionId" = ${version.id}::uuid AND "itemId" NOT LIKE '%.%.%' ORDER BY position LIMIT 4`).map((row) => row.itemId);
  const divisions = ["13", "14", "17", "18", "22", "26", "27", "29", "30", "33", "34", "35", "36", "38", "39", "40", "41", "16", "24", "25"];
  const districts = ["310115", "310114", "310117", "310112", "310113", "310118", "310120", "310116", "310151", "310107", "310110", "310104", "310105", "310106", "310109", "310101"];
  const specs: PeerGroupSpec[] = [
    ...divisions.map((code): PeerGroupSpec => ({ industry: { kind: "division", code }, region: { kind: "province", code: "31" }, size: { kind: "all" } })),
    ...districts.map((code): PeerGroupSpec => ({ industry: { kind: "all" }, region: { kind: "district", code }, size: { kind: "all" } })),
    ...(["LARGE", "MEDIUM", "SMALL", "MICRO"] as const).map((band): PeerGroupSpec => ({ industry: { kind: "all" }, region: { kind: "province", code: "31" }, size: { kind: "band", band } })),
  ];
  const query: ReadGroupsQuery = { versionId: version.id, scope: { kind: "period", period }, specs, items: ["overall", ...itemIds] };
  const maintained: number[] = [];
  const live: number[] = [];
  for (let round = -2; round < rounds; round++) await time(round >= 0 ? maintained : [], () => readGroups(query));
  for (let round = -1; round < Math.min(5, rounds); round++) await time(round >= 0 ? live : [], () => readGroupsLive(query));
  console.log(`readGroups, ${specs.length} groups × ${query.items === true ? "all" : (query.items || []).length} items (Shanghai, period ${period}):`);
  console.log(`  maintained   ${summary(maintained)}`);
  console.log(`  live         ${summary(live)}`);

  // What a submission's commit pays: refresh of one factory's contributions, cells, histograms.
  const submits: number[] = [];
  const [template] = await prisma.$queryRaw<{ organizationId: string }[]>`SELECT "organizationId" FROM "AggregateContribution" WHERE scope = 'current' AND "organizationId" >= ${POPULATION_ID_MIN}::uuid AND "provinceCode" = '31' LIMIT 1`;
  for (let round = 0; round < Math.min(20, rounds); round++) {
    await time(submits, () =>
      prisma.$executeRaw(Prisma.sql`UPDATE "AssessmentScore" SET "submittedAt" = now() - make_interval(secs => ${round}) WHERE "assessmentId" = (
        SELECT "assessmentId" FROM "AssessmentScore" WHERE "organizationId" = ${template!.organizationId}::uuid ORDER BY "submittedAt" DESC LIMIT 1)`),
    );
  }
  console.log(`a submission's aggregate upkeep at commit (one factory re-counted): ${summary(submits)}`);

  if (options.explain) {
    const cell = Prisma.sql`SELECT * FROM "AggregateCell" WHERE "versionId" = ${version.id}::uuid AND scope = 'current' AND industry = '*' AND region = '*' AND size = '*'`;
    console.log(await explainAnalyze(cell));
    console.log(await explainAnalyze(Prisma.sql`SELECT "itemId", bins FROM "AggregateHistogram" WHERE "versionId" = ${version.id}::uuid AND scope = 'current' AND industry = '*' AND region = '*' AND size = '*'`));
  }
} finally {
  await disconnectPrisma();
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
