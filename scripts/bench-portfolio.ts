/**
 * `npm run bench:portfolio`: the consultancy's clients table at 500 clients. On a throw-away
 * embedded cluster: migrate, sync the questionnaires, then seed in bulk SQL (generate_series) one
 * consultancy with 500 client factories in every engagement state (440 active of which 40 cover
 * chosen assessments only and 30 expire soon, 30 requested, 15 revoked, 15 expired), two submitted
 * assessments per factory with score rows (dimensions and capabilities), a draft for a third, an
 * issued validation for a quarter, plus 2,000 factories of other consultancies as background. Then
 * times what the page's loader does — the one statement (loadPortfolioRecords) and the pure
 * filter/sort/page step — for several query strings: p50/p95 over --runs runs (default 60) each.
 * Options: --clients 500  --runs 60  --explain (EXPLAIN ANALYZE of the statement).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { parsePortfolioQuery, portfolioPage } from "../app/domain/portfolio/rows";
import { currentQuestionnaireVersion, loadQuestionnaireVersion } from "../app/models/assessment.server";
import { loadPortfolioRecords } from "../app/models/portfolio.server";
import { disconnectPrisma, prisma } from "../app/utils/db.server";
import { startEmbeddedPostgres } from "../server/embedded-postgres";
import { migrate } from "../server/migrate";
import { prepareDatabase } from "../server/prepare";

const { values: options } = parseArgs({
  options: {
    clients: { type: "string", default: "500" },
    runs: { type: "string", default: "60" },
    explain: { type: "boolean", default: false },
  },
});
const clients = Number(options.clients);
const runs = Math.max(50, Number(options.runs));
const background = 2000;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-bench-portfolio-"));
fs.chmodSync(dir, 0o755);
const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), databaseName: "bench", preferredPort: 56500, ephemeral: true });
process.env.DATABASE_URL = db.url;

try {
  await migrate(db.url);
  await prepareDatabase(db.url, { demo: false });
  const version = await currentQuestionnaireVersion();
  const { questionnaire } = await loadQuestionnaireVersion(version.id);
  const dimensionIds = questionnaire.dimensions.map((d) => d.id);
  const capabilityIds = questionnaire.dimensions.flatMap((d) => d.capabilities.map((c) => c.id));

  const seedStarted = performance.now();
  const [owner] = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO "User" (id, email, "displayName", "passwordHash", locale, "updatedAt")
    VALUES (gen_random_uuid(), 'bench-consultant@example.com', '基准顾问', 'x', 'zh_CN', now()) RETURNING id`;
  const [consultancy] = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO "Organization" (id, kind, name, "updatedAt") VALUES (gen_random_uuid(), 'CONSULTANCY', '基准咨询', now()) RETURNING id`;
  const [rival] = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO "Organization" (id, kind, name, "updatedAt") VALUES (gen_random_uuid(), 'CONSULTANCY', '其他咨询', now()) RETURNING id`;
  await prisma.$executeRaw`INSERT INTO "Membership" ("userId", "organizationId", role) VALUES (${owner!.id}::uuid, ${consultancy!.id}::uuid, 'OWNER')`;

  const total = clients + background;
  // Factories n = 1…total: the first `clients` are this consultancy's, the rest the rival's.
  await prisma.$executeRaw`
    INSERT INTO "Organization" (id, kind, name, "createdAt", "updatedAt")
    SELECT md5('factory' || n)::uuid, 'FACTORY', '基准工厂 ' || n, now(), now() FROM generate_series(1, ${total}::int) n`;
  const industries = ["13", "14", "26", "27", "29", "33", "34", "35", "36", "38", "39", "40"];
  const regions = ["310115", "310112", "3205", "3301", "44", "37", "11", "51"];
  await prisma.$executeRaw`
    INSERT INTO "FactoryProfile" ("organizationId", "legalName", "creditCode", "industryCode", "regionCode", employees, "revenueWan", "sizeBand", "updatedAt")
    SELECT md5('factory' || n)::uuid, '基准工厂 ' || n || ' 有限公司', '91310115' || lpad(n::text, 10, '0'),
           (${industries}::text[])[1 + n % ${industries.length}::int], (${regions}::text[])[1 + n % ${regions.length}::int],
           50 + n % 2000, 1000 + n % 50000, (ARRAY['LARGE','MEDIUM','SMALL','MICRO']::"SizeBand"[])[1 + n % 4], now()
    FROM generate_series(1, ${total}::int) n`;
  // Two submitted assessments per factory (last year and the year before), a draft for every third.
  const year = new Date().getFullYear();
  await prisma.$executeRaw`
    INSERT INTO "Assessment" (id, "organizationId", "questionnaireVersionId", period, status, answers, "createdAt", "updatedAt", "submittedAt")
    SELECT md5('assessment' || n || '-' || p)::uuid, md5('factory' || n)::uuid, ${version.id}::uuid, (${year}::int - p)::text,
           CASE WHEN p = 0 THEN 'DRAFT'::"AssessmentStatus" ELSE 'SUBMITTED'::"AssessmentStatus" END, '{}',
           now() - (p * 365 + n % 90) * interval '1 day', now() - (p * 300 + n % 90) * interval '1 day',
           CASE WHEN p = 0 THEN NULL ELSE now() - (p * 300 + n % 90) * interval '1 day' END
    FROM generate_series(1, ${total}::int) n, generate_series(0, 2) p
    WHERE p > 0 OR n % 3 = 0`;
  await prisma.$executeRaw`
    INSERT INTO "AssessmentScore" ("assessmentId", "organizationId", "questionnaireVersionId", period, "submittedAt", "industryCode", "industryCategory", "regionCode", "provinceCode", "cityCode", "sizeBand", overall, level)
    SELECT a.id, a."organizationId", a."questionnaireVersionId", a.period, a."submittedAt", fp."industryCode", 'equipment', fp."regionCode", left(fp."regionCode", 2), CASE WHEN length(fp."regionCode") >= 4 THEN left(fp."regionCode", 4) END, fp."sizeBand",
           s.overall, least(5, floor(s.overall))::int
    FROM "Assessment" a JOIN "FactoryProfile" fp ON fp."organizationId" = a."organizationId",
         LATERAL (SELECT round((1 + random() * 3.5)::numeric, 3)::float8 AS overall) s
    WHERE a.status = 'SUBMITTED'`;
  await prisma.$executeRaw`
    INSERT INTO "AssessmentItemScore" ("assessmentId", "itemType", "itemId", score)
    SELECT s."assessmentId", 'DIMENSION', d, greatest(0, least(5, s.overall + random() - 0.5))
    FROM "AssessmentScore" s, unnest(${dimensionIds}::text[]) d`;
  await prisma.$executeRaw`
    INSERT INTO "AssessmentItemScore" ("assessmentId", "itemType", "itemId", score)
    SELECT s."assessmentId", 'CAPABILITY', c, greatest(0, least(5, s.overall + random() * 2 - 1))
    FROM "AssessmentScore" s, unnest(${capabilityIds}::text[]) c`;
  // Engagements: n ≤ clients belong to this consultancy, in every state; the rest to the rival.
  await prisma.$executeRaw`
    INSERT INTO "Engagement" (id, "consultancyId", "factoryId", scope, "allAssessments", state, "initiatedBy", "requestedById", "startsAt", "expiresAt", "endedAt", "createdAt", "updatedAt")
    SELECT md5('engagement' || n)::uuid,
           CASE WHEN n <= ${clients}::int THEN ${consultancy!.id}::uuid ELSE ${rival!.id}::uuid END,
           md5('factory' || n)::uuid, 'VALIDATE', NOT (n % 11 = 0),
           (CASE WHEN n > ${clients}::int THEN 'ACTIVE'
                 WHEN n % 500 < 30 THEN 'REQUESTED'
                 WHEN n % 500 < 45 THEN 'REVOKED'
                 ELSE 'ACTIVE' END)::"EngagementState",
           'CONSULTANCY', ${owner!.id}::uuid, now() - interval '200 days',
           CASE WHEN n <= ${clients}::int AND n % 500 BETWEEN 45 AND 59 THEN now() - interval '3 days'
                WHEN n % 500 BETWEEN 60 AND 89 THEN now() + interval '10 days'
                ELSE now() + interval '300 days' END,
           CASE WHEN n <= ${clients}::int AND n % 500 BETWEEN 30 AND 44 THEN now() - interval '20 days' END,
           now() - interval '200 days', now()
    FROM generate_series(1, ${total}::int) n`;
  // Limited engagements cover only the older submission.
  await prisma.$executeRaw`
    INSERT INTO "EngagementAssessment" ("engagementId", "assessmentId")
    SELECT e.id, md5('assessment' || n || '-2')::uuid FROM generate_series(1, ${total}::int) n JOIN "Engagement" e ON e.id = md5('engagement' || n)::uuid
    WHERE NOT e."allAssessments"`;
  await prisma.$executeRaw`
    INSERT INTO "Validation" (id, "assessmentId", "consultancyId", "factoryId", version, status, reviews, overall, level, "createdById", "issuedById", "issuedByName", "consultancyName", "issuedAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), s."assessmentId", e."consultancyId", s."organizationId", 1, 'ISSUED', '{}', greatest(0, s.overall - 0.3), greatest(0, s.level - 1),
           ${owner!.id}::uuid, ${owner!.id}::uuid, '基准顾问', '基准咨询', now() - interval '5 days', now(), now()
    FROM "AssessmentScore" s JOIN "Engagement" e ON e."factoryId" = s."organizationId"
    WHERE s.period = (${year}::int - 1)::text AND ('x' || substr(s."assessmentId"::text, 1, 2))::bit(8)::int % 4 = 0`;
  await prisma.$executeRawUnsafe(`VACUUM ANALYZE`);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const counts = await prisma.$queryRaw<{ engagements: bigint; assessments: bigint; items: bigint; validations: bigint }[]>`
    SELECT (SELECT count(*) FROM "Engagement") AS engagements, (SELECT count(*) FROM "Assessment") AS assessments,
           (SELECT count(*) FROM "AssessmentItemScore") AS items, (SELECT count(*) FROM "Validation") AS validations`;
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(`# Portfolio — ${os.cpus().length} CPU (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  const c = counts[0]!;
  console.log(
    `seeded ${clients} clients + ${background} other factories in ${seedSeconds.toFixed(1)} s: ${c.engagements} engagements, ${c.assessments} assessments, ${c.items} item scores, ${c.validations} validations`,
  );

  if (options.explain) {
    // The statement as Prisma sends it, with the consultancy id inlined.
    const plan = await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${portfolioSqlFor()}`.replaceAll("$1", `'${consultancy!.id}'`));
    console.log(plan.map((row) => row["QUERY PLAN"]).join("\n"));
  }

  const scenarios = [
    "",
    "?sort=overall&dir=desc",
    "?sort=name&page=10",
    "?q=工厂 4",
    "?industry=34&size=MEDIUM",
    "?region=31&state=validated&sort=change",
    "?state=draft&level=2&sort=activity&dir=asc",
  ];
  // Warm up: the questionnaire cache, the connection pool, PostgreSQL's plan and buffers.
  for (let i = 0; i < 5; i++) await loadPortfolioRecords(consultancy!.id);
  console.log(`\n| query string | rows matched | statement p50 · p95 | filter/sort/page p50 · p95 | total p50 · p95 |\n|---|---|---|---|---|`);
  for (const scenario of scenarios) {
    const parsed = parsePortfolioQuery(new URLSearchParams(scenario));
    if (!parsed.ok) throw new Error(`bad scenario ${scenario}: ${parsed.message}`);
    const statement: number[] = [];
    const step: number[] = [];
    const totals: number[] = [];
    let matched = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const records = await loadPortfolioRecords(consultancy!.id);
      const loaded = performance.now();
      matched = portfolioPage(records, parsed.query, new Date()).total;
      const done = performance.now();
      statement.push(loaded - started);
      step.push(done - loaded);
      totals.push(done - started);
    }
    const pair = (values: number[]) => `${ms(percentile(values, 0.5))} · ${ms(percentile(values, 0.95))}`;
    console.log(`| \`${scenario || "(none)"}\` | ${matched} | ${pair(statement)} | ${pair(step)} | ${pair(totals)} |`);
  }
  console.log(`\n${runs} runs per row, one at a time.`);
} finally {
  await disconnectPrisma();
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The model's statement, rebuilt from Prisma's own SQL text for EXPLAIN. */
function portfolioSqlFor(): string {
  const source = fs.readFileSync(path.join(import.meta.dirname, "../app/models/portfolio.server.ts"), "utf8");
  const match = /loadPortfolioRecords[\s\S]*?\$queryRaw<RecordRow\[\]>`([\s\S]*?)`;/.exec(source);
  if (!match) throw new Error("statement not found");
  return match[1]!.replaceAll("${consultancyId}", "$1");
}
