/**
 * Lighthouse (mobile) on the factory manager's two main pages — `npm run audit:lighthouse`.
 *
 * Starts the production build (run `remix build` first; the npm script does) on a throw-away
 * embedded database with the demo data, logs in as the demo factory's owner, opens a new draft by
 * revising the latest submission, and audits with Lighthouse's default mobile settings
 * (Moto G power emulation, simulated slow 4G and 4× CPU slowdown):
 *   - the results page of the latest submitted assessment;
 *   - the first questionnaire page of the draft.
 * The session cookie goes in as an extra header, so Lighthouse sees what the manager sees.
 *
 * Lighthouse is not a dependency of the app: it runs through `npx` at a pinned version, driving
 * Debian's chromium (CHROME_PATH). It is not part of `npm test` — its scores move with the
 * machine's load; the aims (issue 13) and recorded figures are in docs/performance.md.
 *
 * Options: --runs 1 (audits per page; the median performance run is reported); --save DIR (keep
 * every run's Lighthouse JSON there, for reading the critical path, bootup time and main-thread work).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDemoPages } from "./support/demo-pages";
import { cleanUpOnInterrupt, startServer, type RunningServer } from "./support/server-harness";

const LIGHTHOUSE = "lighthouse@12.8.2"; // 13.x needs Node 22; the project runs on Node 20
const AIMS = { performance: 90, accessibility: 95, "best-practices": 95 } as const;
type Category = keyof typeof AIMS;

const { values } = parseArgs({ options: { runs: { type: "string", default: "1" }, save: { type: "string" } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 5) throw new Error("--runs must be 1–5");

const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromePath)) throw new Error(`no Chromium at ${chromePath}: apt-get install -y chromium (or set CHROME_PATH)`);

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-lighthouse-"));
let server: RunningServer | undefined;
const cleanUp = async () => {
  await server?.stop();
  fs.rmSync(tempDir, { recursive: true, force: true });
};
cleanUpOnInterrupt(cleanUp);

interface Audit {
  page: string;
  scores: Record<Category, number>;
  metrics: { fcp: string; lcp: string; tbt: string; cls: string; si: string };
  failing: string[];
}

function lighthouse(url: string, cookie: string, outFile: string): Audit["scores"] & { report: LighthouseReport } {
  // Lighthouse sometimes loses the trace on a busy machine (NO_NAVSTART): one more try, then give up.
  try {
    runLighthouse(url, cookie, outFile);
  } catch {
    console.log(`lighthouse failed on ${url}; trying once more`);
    runLighthouse(url, cookie, outFile);
  }
  if (values.save) {
    fs.mkdirSync(values.save, { recursive: true });
    fs.copyFileSync(outFile, path.join(values.save, path.basename(outFile)));
  }
  const report = JSON.parse(fs.readFileSync(outFile, "utf8")) as LighthouseReport;
  const score = (id: Category) => Math.round((report.categories[id]?.score ?? 0) * 100);
  return { performance: score("performance"), accessibility: score("accessibility"), "best-practices": score("best-practices"), report };
}

function runLighthouse(url: string, cookie: string, outFile: string) {
  execFileSync(
    "npx",
    [
      "--yes",
      LIGHTHOUSE,
      url,
      "--quiet",
      "--output=json",
      `--output-path=${outFile}`,
      "--only-categories=performance,accessibility,best-practices",
      `--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
      "--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage",
    ],
    { env: { ...process.env, CHROME_PATH: chromePath }, stdio: ["ignore", "ignore", "inherit"], timeout: 300_000 },
  );
}

interface LighthouseReport {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] } | undefined>;
  audits: Record<string, { score: number | null; scoreDisplayMode: string; title: string; displayValue?: string }>;
}

function audit(page: string, url: string, cookie: string): Audit {
  const results = Array.from({ length: runs }, (_, run) => lighthouse(url, cookie, path.join(tempDir, `${page}-${run}.json`)));
  // The median run by performance: the other categories hardly move between runs.
  const median = [...results].sort((a, b) => a.performance - b.performance)[Math.floor(results.length / 2)]!;
  const { report } = median;
  const shown = (id: string) => report.audits[id]?.displayValue ?? "—";
  const failing = Object.entries(report.categories)
    .flatMap(([category, value]) => (value?.auditRefs ?? []).filter((ref) => ref.weight > 0).map((ref) => ({ category, audit: report.audits[ref.id] })))
    .filter(({ audit }) => audit && audit.scoreDisplayMode !== "notApplicable" && audit.scoreDisplayMode !== "informative" && audit.score !== null && audit.score < 0.9)
    .map(({ category, audit }) => `${category}: ${audit!.title}${audit!.displayValue ? ` (${audit!.displayValue})` : ""}`);
  return {
    page,
    scores: { performance: median.performance, accessibility: median.accessibility, "best-practices": median["best-practices"] },
    metrics: { fcp: shown("first-contentful-paint"), lcp: shown("largest-contentful-paint"), tbt: shown("total-blocking-time"), cls: shown("cumulative-layout-shift"), si: shown("speed-index") },
    failing,
  };
}

let exitCode = 0;
try {
  console.log("Lighthouse (mobile) — npm run audit:lighthouse");
  console.log(`date:    ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}; ${LIGHTHOUSE}, ${chromePath}`);
  server = await startServer({
    database: { dataDir: path.join(tempDir, "data"), preferredPort: 55_600 },
    seedDemo: true,
    logFile: path.join(tempDir, "server.log"),
    preferredPort: 3_600,
    timeoutMs: 300_000,
  });
  const base = server.url;
  const { cookie, resultsPath, questionnairePath } = await openDemoPages(base);

  const audits = [audit("results", base + resultsPath, cookie), audit("questionnaire", base + questionnairePath, cookie)];
  console.log("");
  console.log("| page | performance | accessibility | best practices | FCP | LCP | TBT | CLS | Speed Index |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const a of audits) {
    console.log(`| ${a.page} | ${a.scores.performance} | ${a.scores.accessibility} | ${a.scores["best-practices"]} | ${a.metrics.fcp} | ${a.metrics.lcp} | ${a.metrics.tbt} | ${a.metrics.cls} | ${a.metrics.si} |`);
  }
  console.log(`aims: performance ≥ ${AIMS.performance}, accessibility ≥ ${AIMS.accessibility}, best practices ≥ ${AIMS["best-practices"]} (${runs} run${runs > 1 ? "s" : ""} per page, median by performance)`);
  for (const a of audits) {
    const missed = (Object.keys(AIMS) as Category[]).filter((category) => a.scores[category] < AIMS[category]);
    if (missed.length > 0) exitCode = 1;
    console.log(`${a.page}: ${missed.length === 0 ? "all aims met" : `missed ${missed.join(", ")}`}`);
    for (const line of a.failing) console.log(`  below 90: ${line}`);
  }
} catch (error) {
  exitCode = 1;
  console.error(error);
  if (server) console.error(server.logTail());
} finally {
  await cleanUp();
}
process.exit(exitCode);
