/**
 * `npm run bench:main-thread`: what loading the results and questionnaire pages costs the browser's
 * main thread, measured in a way a busy machine hardly moves (issue 13, ADR 0031).
 *
 * Lighthouse's Total Blocking Time multiplies the duration of every main-thread task after first
 * paint by 4 (its simulated phone CPU) and adds what exceeds 50 ms. Durations stretch when other
 * processes take the CPU, so on this shared 2-core machine TBT moved 2–3× between runs of the same
 * code. This script records a Chromium trace of each page load (the production build on a throw-away
 * embedded database with the demo, logged in as the demo factory's owner, phone-sized viewport) and
 * reads each task's *thread time* — CPU the main thread actually used — instead:
 *   - main-thread CPU: all tasks of the page's renderer from navigation to 4 s after `load`;
 *   - blocking estimate: Σ max(0, 4 × thread time − 50 ms) over tasks after first contentful paint,
 *     Lighthouse's rule applied to thread time (an estimate of TBT, not Lighthouse's figure);
 *   - style, layout and script time, and the number of layouts.
 * The median of --runs (default 5) per page is printed. Run `remix build` first (the npm script does).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser } from "playwright";
import { openDemoPages } from "./support/demo-pages";
import { cleanUpOnInterrupt, startServer, type RunningServer } from "./support/server-harness";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error("--runs must be 1–20");
const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromePath)) throw new Error(`no Chromium at ${chromePath}: apt-get install -y chromium (or set CHROME_PATH)`);

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { documentLoaderURL?: string; url?: string }; frame?: string };
}

interface Sample {
  cpuMs: number;
  blockingMs: number;
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
  layouts: number;
}

const ms = (microseconds = 0) => microseconds / 1000;

/** One page load, traced; the figures of the renderer that loaded `url`. */
async function measure(browser: Browser, url: string, cookie: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
  try {
    const [name, ...value] = cookie.split("=");
    await context.addCookies([{ name: name!, value: value.join("="), url }]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    // Playwright types trace events as string maps; they are Chromium's trace event format.
    cdp.on("Tracing.dataCollected", (message) => void events.push(...(message.value as unknown as TraceEvent[])));
    const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
    await cdp.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline,loading,blink.user_timing", transferMode: "ReportEvents" });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForTimeout(4_000);
    await cdp.send("Tracing.end");
    await complete;

    // The renderer whose navigation loaded the page (another one may have shown about:blank).
    const navigation = events.find((e) => e.name === "navigationStart" && e.args?.data?.documentLoaderURL === url);
    if (!navigation) throw new Error(`no navigation to ${url} in the trace`);
    const onMain = (e: TraceEvent) => e.pid === navigation.pid && e.tid === navigation.tid;
    const tasks = events.filter((e) => onMain(e) && e.name === "RunTask" && e.ph === "X" && e.ts >= navigation.ts);
    const paint = events.find((e) => e.name === "firstContentfulPaint" && e.pid === navigation.pid);
    const threadMs = (e: TraceEvent) => ms(e.tdur ?? e.dur);
    const sum = (names: string[]) => events.filter((e) => onMain(e) && e.ph === "X" && names.includes(e.name) && e.ts >= navigation.ts).reduce((total, e) => total + threadMs(e), 0);
    return {
      cpuMs: tasks.reduce((total, task) => total + threadMs(task), 0),
      blockingMs: tasks.filter((task) => !paint || task.ts >= paint.ts).reduce((total, task) => total + Math.max(0, 4 * threadMs(task) - 50), 0),
      scriptMs: sum(["EvaluateScript", "v8.evaluateModule", "FunctionCall", "RunMicrotasks"]),
      styleMs: sum(["UpdateLayoutTree"]),
      layoutMs: sum(["Layout"]),
      layouts: events.filter((e) => onMain(e) && e.name === "Layout" && e.ts >= navigation.ts).length,
    };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-main-thread-"));
let server: RunningServer | undefined;
let browser: Browser | undefined;
const cleanUp = async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(tempDir, { recursive: true, force: true });
};
cleanUpOnInterrupt(cleanUp);

let exitCode = 0;
try {
  console.log("Main thread on page load — npm run bench:main-thread");
  console.log(`date:    ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}; ${chromePath}`);
  server = await startServer({
    database: { dataDir: path.join(tempDir, "data"), preferredPort: 55_700 },
    seedDemo: true,
    logFile: path.join(tempDir, "server.log"),
    preferredPort: 3_710,
    timeoutMs: 300_000,
  });
  const pages = await openDemoPages(server.url);
  browser = await chromium.launch({ executablePath: chromePath });
  console.log("");
  console.log(`| page (median of ${runs}) | main-thread CPU ms | blocking estimate ms (4 × thread time) | script ms | style ms | layout ms | layouts |`);
  console.log("|---|---|---|---|---|---|---|");
  for (const [page, pagePath] of [
    ["results", pages.resultsPath],
    ["questionnaire", pages.questionnairePath],
  ] as const) {
    const samples: Sample[] = [];
    // One load first, not counted: the server's caches and Chromium's disk cache warm up.
    await measure(browser, server.url + pagePath, pages.cookie);
    for (let run = 0; run < runs; run++) samples.push(await measure(browser, server.url + pagePath, pages.cookie));
    const m = (key: keyof Sample) => median(samples.map((sample) => sample[key])).toFixed(0);
    console.log(`| ${page} | ${m("cpuMs")} | ${m("blockingMs")} | ${m("scriptMs")} | ${m("styleMs")} | ${m("layoutMs")} | ${m("layouts")} |`);
  }
} catch (error) {
  exitCode = 1;
  console.error(error);
  if (server) console.error(server.logTail());
} finally {
  await cleanUp();
}
process.exit(exitCode);
