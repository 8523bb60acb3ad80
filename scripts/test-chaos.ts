/**
 * `npm run test:chaos`: kill -9 the embedded PostgreSQL under autosave load and check that the app
 * heals itself and loses no acknowledged save (issue 8, ADR 0010). Not part of `npm test` (~2 min).
 *
 * The real production server (after `remix build`) runs in embedded mode on free ports with its
 * own throw-away data directory (DATA_DIR in a temp dir, never the developer's .data). Each of
 * --clients users gets a factory and a draft (the app's model functions, straight into that
 * database), logs in through POST /login and then autosaves its own draft every --interval ms
 * for --duration s, like the browser's autosave: a change stays pending until acknowledged, a 503
 * is retried after Retry-After. --kills times (evenly spread) the postmaster is killed with
 * SIGKILL; a probe polls /healthz to time the recovery. At the end every client flushes what is
 * pending, and every acknowledged answer is compared with the database.
 *
 * Prints saves sent, acknowledged, refused (503), acknowledged-but-lost, recovery times. Exits 1
 * if anything acknowledged was lost, a recovery took longer than --max-recovery s, or an answer
 * other than 200/503 came back. Loopback only; everything it starts is stopped at the end.
 *
 * Options: --clients 40 --duration 60 --kills 2 --interval 250 --max-recovery 30
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { currentQuestionnaireVersion, getAssessment, loadQuestionnaireVersion, startAssessment } from "../app/models/assessment.server";
import { disconnectPrisma } from "../app/utils/db.server";
import { translator } from "../app/utils/i18n";
import { createLoadFactory } from "./support/load-factories";
import { isPostgres, postmasterPid as postmasterOf } from "./support/proc";
import { cleanUpOnInterrupt, startServer, type RunningServer } from "./support/server-harness";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "40" },
    duration: { type: "string", default: "60" },
    kills: { type: "string", default: "2" },
    interval: { type: "string", default: "250" },
    "max-recovery": { type: "string", default: "30" },
  },
});
const CLIENTS = Number(values.clients);
const DURATION_S = Number(values.duration);
const KILLS = Number(values.kills);
const INTERVAL_MS = Number(values.interval);
const MAX_RECOVERY_S = Number(values["max-recovery"]);
if (!Number.isInteger(CLIENTS) || CLIENTS < 1 || CLIENTS > 200) fail("--clients must be 1–200");
if (!Number.isInteger(DURATION_S) || DURATION_S < 10 || DURATION_S > 300) fail("--duration must be 10–300 seconds");
if (!Number.isInteger(KILLS) || KILLS < 0 || KILLS > 5) fail("--kills must be 0–5");
if (!Number.isInteger(INTERVAL_MS) || INTERVAL_MS < 20 || INTERVAL_MS > 10_000) fail("--interval must be 20–10000 ms");
if (!(MAX_RECOVERY_S > 0 && MAX_RECOVERY_S <= 120)) fail("--max-recovery must be 1–120 seconds");

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const PASSWORD = "chaos-test-password-2026";
// Bounded however the server behaves: at most this many saves per client, and a hard deadline.
const MAX_SAVES_PER_CLIENT = Math.ceil((DURATION_S * 1000) / INTERVAL_MS) + 50;
const FLUSH_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 20_000;

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-chaos-"));
fs.chmodSync(tempDir, 0o755); // postgres runs as its own OS user when we are root
const pgDataDir = path.join(tempDir, "postgres");
let server: RunningServer | undefined;
let cleaning: Promise<void> | undefined;

function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await disconnectPrisma().catch(() => {});
    await server?.stop();
    // Should the server have needed SIGKILL, its postmaster would be left running: stop it too.
    const pid = postmasterPid();
    if (pid) {
      process.kill(pid, "SIGINT");
      for (let i = 0; i < 100 && isPostgres(pid); i++) await sleep(100);
    }
    fs.rmSync(tempDir, { recursive: true, force: true });
  })();
  return cleaning;
}
cleanUpOnInterrupt(cleanUp);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The postmaster of *our* throw-away cluster, if running. */
const postmasterPid = () => postmasterOf(pgDataDir);

// ── the clients ──────────────────────────────────────────────────────────────────────────────────
interface Client {
  index: number;
  email: string;
  orgId: string;
  draftId: string;
  cookie: string;
  revision: number;
  /** What the server acknowledged, question → value: the database must hold exactly this. */
  acked: Map<string, number>;
  /** Changes not acknowledged yet (kept and resent, as the browser's autosave does). */
  pending: Map<string, number>;
  saves: number;
}

const counts = { sent: 0, acknowledged: 0, refused: 0, stale: 0, networkErrors: 0, unexpected: 0 };
const unexpectedStatuses = new Map<number, number>();
let lastUnexpected = "";

async function seed(): Promise<{ clients: Omit<Client, "cookie">[]; questions: string[] }> {
  const version = await currentQuestionnaireVersion();
  const { questionnaire } = await loadQuestionnaireVersion(version.id);
  const questions = questionnaire.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions)).filter((q) => q.type === "level").map((q) => q.id);
  const clients: Omit<Client, "cookie">[] = [];
  for (let index = 0; index < CLIENTS; index++) {
    const { email, userId, organizationId } = await createLoadFactory(index, {
      prefix: "chaos",
      codeTag: "CHAQR",
      displayName: (n) => `混沌测试 ${n}`,
      organizationName: (n) => `混沌测试工厂 ${n}`,
      legalName: (n) => `混沌测试制造有限公司 ${n}`,
      password: PASSWORD,
      employees: 100 + index,
      revenueWan: 5000 + index,
    });
    const draft = await startAssessment(organizationId, userId, "2026");
    if (draft.status !== "created") throw new Error(`startAssessment: ${draft.status}`);
    clients.push({ index, email, orgId: organizationId, draftId: draft.id, revision: 0, acked: new Map(), pending: new Map(), saves: 0 });
  }
  return { clients, questions };
}

async function logIn(base: string, origin: string, client: Omit<Client, "cookie">): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin },
    body: new URLSearchParams({ email: client.email, password: PASSWORD, redirectTo: `/o/${client.orgId}/assessments` }),
    redirect: "manual",
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  await response.arrayBuffer();
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("__ffi_session="));
  if (response.status !== 302 || !cookie) throw new Error(`login of ${client.email}: HTTP ${response.status}, session cookie ${cookie ? "set" : "missing"}`);
  return cookie.split(";")[0]!;
}

/** One autosave of everything pending; returns how long to wait before the next one. */
async function save(base: string, origin: string, client: Client): Promise<number> {
  const changes = Object.fromEntries([...client.pending].map(([id, value]) => [id, { value }]));
  counts.sent++;
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${base}/o/${client.orgId}/assessments/${client.draftId}/answers`, {
      method: "POST",
      headers: { cookie: client.cookie, "content-type": "application/json", origin },
      body: JSON.stringify({ revision: client.revision, changes }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    text = await response.text();
  } catch {
    counts.networkErrors++;
    return 1_000;
  }
  if (response.status === 200) {
    const revision = (JSON.parse(text) as { revision: number }).revision;
    counts.acknowledged++;
    client.revision = revision;
    for (const [id, { value }] of Object.entries(changes)) {
      client.acked.set(id, value);
      if (client.pending.get(id) === value) client.pending.delete(id);
    }
    return INTERVAL_MS;
  }
  if (response.status === 503) {
    counts.refused++;
    const retryAfter = Number(response.headers.get("retry-after"));
    return Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1_000;
  }
  if (response.status === 409) {
    // Someone else moved the draft on: only we write to it, so this means a save went through
    // without us hearing back. Take the server's revision and resend what is pending.
    counts.stale++;
    const body = JSON.parse(text) as { revision?: number };
    if (typeof body.revision === "number") client.revision = body.revision;
    return INTERVAL_MS;
  }
  counts.unexpected++;
  unexpectedStatuses.set(response.status, (unexpectedStatuses.get(response.status) ?? 0) + 1);
  lastUnexpected = `HTTP ${response.status}: ${text.slice(0, 300)}`;
  client.pending.clear(); // a refused change would never be accepted: drop it, as the browser shows the message
  return INTERVAL_MS;
}

async function runClient(base: string, origin: string, client: Client, questions: string[], until: number) {
  // Spread the clients over the first interval so they do not fire in lock-step.
  await sleep((client.index * INTERVAL_MS) / CLIENTS);
  while (Date.now() < until && client.saves < MAX_SAVES_PER_CLIENT) {
    const questionId = questions[(client.index * 7 + client.saves) % questions.length]!;
    const previous = client.pending.get(questionId) ?? client.acked.get(questionId) ?? -1;
    client.pending.set(questionId, (previous + 1 + (client.index % 5)) % 6);
    client.saves++;
    const wait = await save(base, origin, client);
    await sleep(Math.min(wait, Math.max(0, until - Date.now())));
  }
}

async function flush(base: string, origin: string, client: Client, deadline: number) {
  while (client.pending.size && Date.now() < deadline) {
    const wait = await save(base, origin, client);
    if (client.pending.size) await sleep(Math.min(wait, 1_000));
  }
}

// ── the killer and the recovery probe ───────────────────────────────────────────────────────────
interface Outage {
  killedAt: number;
  pid: number;
  healthyAfterMs?: number;
  /** A signed-in page (HTML) fetched while /healthz said "down": 503 + Retry-After + translated text? */
  page?: string;
}

/** The dashboard as a browser would load it during the outage. */
async function checkPageDuringOutage(base: string, client: Client): Promise<string> {
  try {
    const response = await fetch(`${base}/o/${client.orgId}`, { headers: { cookie: client.cookie, accept: "text/html" }, signal: AbortSignal.timeout(5_000) });
    const html = await response.text();
    const translated = html.includes(translator("zh-CN")("errors.unavailableTitle"));
    // The same page as a client-side navigation fetches it (Remix single fetch).
    const data = await fetch(`${base}/o/${client.orgId}.data`, { headers: { cookie: client.cookie }, signal: AbortSignal.timeout(5_000) });
    await data.arrayBuffer();
    return (
      `HTTP ${response.status}, Retry-After ${response.headers.get("retry-after") ?? "missing"}, ${translated ? "translated maintenance page" : "NOT the maintenance page"}; ` +
      `.data HTTP ${data.status}, Retry-After ${data.headers.get("retry-after") ?? "missing"}`
    );
  } catch (error) {
    return `failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

// Both answer 503 + Retry-After, or 200 when PostgreSQL was back before the page was asked for.
const pageOk = (page: string | undefined) =>
  page === undefined || /^HTTP 200, .*\.data HTTP 200/.test(page) || (/^HTTP 503, .*\.data HTTP 503/.test(page) && !page.includes("missing") && !page.includes("NOT"));

async function probeUntilHealthy(base: string, outage: Outage, client: Client) {
  const deadline = outage.killedAt + MAX_RECOVERY_S * 1000;
  // First see the outage (healthz 503), then time the way back to 200.
  let sawDown = false;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 503 && !sawDown) {
        sawDown = true;
        outage.page = await checkPageDuringOutage(base, client);
      }
      if (response.status === 200 && (sawDown || Date.now() - outage.killedAt > 1_000)) {
        outage.healthyAfterMs = Date.now() - outage.killedAt;
        return;
      }
    } catch {
      // the HTTP server itself must stay up; a failed probe is just retried
    }
    await sleep(100);
  }
}

async function killer(base: string, start: number, outages: Outage[], client: Client) {
  for (let k = 1; k <= KILLS; k++) {
    const at = start + (k * DURATION_S * 1000) / (KILLS + 1);
    await sleep(Math.max(0, at - Date.now()));
    const pid = postmasterPid();
    if (!pid) {
      console.error(`kill ${k}: no postmaster running in ${pgDataDir}`);
      outages.push({ killedAt: Date.now(), pid: 0 });
      continue;
    }
    process.kill(pid, "SIGKILL");
    const outage: Outage = { killedAt: Date.now(), pid };
    outages.push(outage);
    console.log(`  t=${((outage.killedAt - start) / 1000).toFixed(1)} s  kill -9 postmaster (pid ${pid})`);
    await probeUntilHealthy(base, outage, client);
    if (outage.page) console.log(`  page during the outage: ${outage.page}`);
    console.log(
      outage.healthyAfterMs === undefined
        ? `  not healthy again within ${MAX_RECOVERY_S} s`
        : `  t=${((Date.now() - start) / 1000).toFixed(1)} s  /healthz 200 again after ${(outage.healthyAfterMs / 1000).toFixed(1)} s (postmaster pid ${postmasterPid() ?? "?"})`,
    );
  }
}

// ── main ────────────────────────────────────────────────────────────────────────────────────────
async function main(): Promise<number> {
  console.log(`test:chaos — ${CLIENTS} clients, ${DURATION_S} s, ${KILLS} kill(s) of the postmaster, a save every ${INTERVAL_MS} ms per client`);
  // Embedded mode: the server starts (and supervises) its own PostgreSQL in tempDir/postgres.
  server = await startServer({
    database: { dataDir: tempDir, preferredPort: 56900 },
    seedDemo: false,
    preferredPort: 3900,
    env: { WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? "2" },
    logFile: path.join(tempDir, "server.log"),
  });
  const pgPort = /PostgreSQL \S* ?is running on 127\.0\.0\.1:(\d+)/.exec(server.output())?.[1];
  if (!pgPort) throw new Error(`could not find the embedded PostgreSQL port in the server output\n${server.output()}`);
  process.env.DATABASE_URL = `postgresql://postgres:future-factory-local@127.0.0.1:${pgPort}/future_factory`;

  const base = server.url;
  const origin = base;
  const seeded = await seed();
  const clients: Client[] = [];
  for (const client of seeded.clients) clients.push({ ...client, cookie: await logIn(base, origin, client) });
  console.log(`  ${clients.length} users seeded and logged in; server on ${base}, PostgreSQL on 127.0.0.1:${pgPort}, data in ${tempDir}`);

  const start = Date.now();
  const until = start + DURATION_S * 1000;
  const outages: Outage[] = [];
  await Promise.all([killer(base, start, outages, clients[0]!), ...clients.map((client) => runClient(base, origin, client, seeded.questions, until))]);
  const loadSeconds = (Date.now() - start) / 1000;

  // Whatever is still pending is saved now (the database must be back), then compared.
  const flushDeadline = Date.now() + FLUSH_TIMEOUT_MS;
  await Promise.all(clients.map((client) => flush(base, origin, client, flushDeadline)));
  const unflushed = clients.reduce((sum, client) => sum + client.pending.size, 0);

  let lost = 0;
  let checked = 0;
  const lostExamples: string[] = [];
  for (const client of clients) {
    const stored = await getAssessment(client.orgId, client.draftId);
    for (const [questionId, value] of client.acked) {
      checked++;
      const actual = stored?.answers[questionId]?.value;
      if (actual !== value) {
        lost++;
        if (lostExamples.length < 5) lostExamples.push(`${client.email} ${questionId}: acknowledged ${value}, stored ${String(actual)}`);
      }
    }
    if (stored && stored.revision < client.revision) {
      lost++;
      lostExamples.push(`${client.email}: acknowledged revision ${client.revision}, stored ${stored.revision}`);
    }
  }

  const recoveries = outages.map((o) => o.healthyAfterMs);
  const recovered = recoveries.every((ms) => ms !== undefined);
  const worst = Math.max(0, ...recoveries.map((ms) => ms ?? Infinity));
  console.log("");
  console.log(`saves sent                   ${counts.sent}   (${(counts.sent / loadSeconds).toFixed(0)}/s over ${loadSeconds.toFixed(0)} s, plus the final flush)`);
  console.log(`acknowledged (200)           ${counts.acknowledged}`);
  console.log(`refused during outage (503)  ${counts.refused}`);
  console.log(`stale (409)                  ${counts.stale}`);
  console.log(`network errors               ${counts.networkErrors}`);
  console.log(`unexpected answers           ${counts.unexpected}${unexpectedStatuses.size ? `  ${[...unexpectedStatuses].map(([s, n]) => `${s}×${n}`).join(", ")}` : ""}`);
  console.log(`answers compared with the DB ${checked}`);
  console.log(`acknowledged but lost        ${lost}`);
  console.log(`still pending after flush    ${unflushed}`);
  console.log(`recovery (kill → healthz 200) ${recoveries.map((ms) => (ms === undefined ? "FAILED" : `${(ms / 1000).toFixed(1)} s`)).join(", ") || "no kill"}; no manual step`);
  for (const example of lostExamples) console.log(`  lost: ${example}`);
  console.log("supervisor (server log):");
  for (const line of server.output().split("\n")) if (/stopped unexpectedly|Restarting PostgreSQL|restart attempt|running again/.test(line)) console.log(`  ${line}`);
  if (lastUnexpected) console.log(`  last unexpected: ${lastUnexpected}`);

  const ok = lost === 0 && outages.every((o) => pageOk(o.page)) && recovered && counts.unexpected === 0 && unflushed === 0 && outages.every((o) => o.pid > 0);
  if (!ok) console.log(`\nFAILED. Server log (last lines):\n${server.logTail(40)}`);
  else console.log(`\nOK: nothing acknowledged was lost; worst recovery ${(worst / 1000).toFixed(1)} s`);
  return ok ? 0 : 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  if (server) console.error(`Server log (last lines):\n${server.logTail(40)}`);
} finally {
  await cleanUp();
}
process.exit(exitCode);
