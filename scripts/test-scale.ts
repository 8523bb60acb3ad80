/**
 * `npm run test:scale`: the web tier is stateless (docs/scaling.md). Two production servers
 * (`server/main.ts` after `remix build`, one web worker each, on two ports) against ONE database,
 * on a throw-away embedded cluster, driven over HTTP like a browser that a load balancer sends
 * to either of them:
 *   1. a session created by logging in on A is valid on B;
 *   2. an autosave on A moves the draft's revision: B refuses a save based on the old one (409)
 *      and accepts one based on the new one (no per-process copy of a draft);
 *   3. failed log-ins count across both (5 per account and address in 15 min, ADR 0011): three on
 *      A and two on B, then the sixth is refused on either (429);
 *   4. a membership removed through B is refused on A on the next request (no membership cache);
 *   5. logging out on B ends the session on A.
 * Prints each check and exits 1 if any fails. Everything it starts is stopped at the end. ~1 min.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { currentQuestionnaireVersion, loadQuestionnaireVersion, savePlantProfile, startAssessment } from "../app/models/assessment.server";
import { prisma, disconnectPrisma } from "../app/utils/db.server";
import { startEmbeddedPostgres } from "../server/embedded-postgres";
import { migrate } from "../server/migrate";
import { prepareDatabase } from "../server/prepare";
import { createLoadFactory } from "./support/load-factories";
import { cleanUpOnInterrupt, rootDir, startServer, type RunningServer } from "./support/server-harness";

const PASSWORD = "scale-test-password-2026";
const REQUEST_TIMEOUT_MS = 20_000;

if (!fs.existsSync(path.join(rootDir, "build/index.js"))) {
  console.error("No build: run `npm run test:scale` (it builds first) or `npm run build`.");
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-test-scale-"));
fs.chmodSync(dir, 0o755);
const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), databaseName: "scale", preferredPort: 56500, ephemeral: true });
process.env.DATABASE_URL = db.url;
const servers: RunningServer[] = [];
const cleanUp = async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await disconnectPrisma();
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
};
cleanUpOnInterrupt(cleanUp);

const results: { name: string; ok: boolean; detail: string }[] = [];
function check(name: string, ok: boolean, detail: string) {
  results.push({ name, ok, detail });
  console.log(`${ok ? "✓" : "✗"} ${name} — ${detail}`);
}

async function request(base: string, pathname: string, init: { method?: string; cookie?: string; form?: Record<string, string>; json?: unknown } = {}) {
  const headers: Record<string, string> = { origin: base };
  if (init.cookie) headers.cookie = init.cookie;
  let body: string | undefined;
  if (init.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(init.form).toString();
  } else if (init.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(init.json);
  }
  const response = await fetch(`${base}${pathname}`, { method: init.method ?? (body ? "POST" : "GET"), headers, body, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await response.text();
  return { status: response.status, text, location: response.headers.get("location"), setCookies: response.headers.getSetCookie() };
}

const sessionCookie = (setCookies: string[]) => setCookies.find((c) => c.startsWith("__ffi_session="))?.split(";")[0];

// The three accounts differ only in their size figures.
const SCALE_FACTORY = {
  prefix: "scale",
  codeTag: "HXKYC",
  displayName: (n: string) => `横向扩展测试 ${n}`,
  organizationName: (n: string) => `横向扩展测试工厂 ${n}`,
  legalName: (n: string) => `横向扩展测试制造有限公司 ${n}`,
  password: PASSWORD,
};

let exitCode = 0;
try {
  await migrate(db.url);
  await prepareDatabase(db.url, { demo: false });
  const owner = await createLoadFactory(0, {
    ...SCALE_FACTORY,
    employees: 120,
    revenueWan: 6000,
  });
  const guesser = await createLoadFactory(1, {
    ...SCALE_FACTORY,
    employees: 80,
    revenueWan: 3000,
  });
  const editor = await createLoadFactory(2, {
    ...SCALE_FACTORY,
    employees: 60,
    revenueWan: 2000,
  });
  // The third account is also an editor of the first factory (for the membership check).
  await prisma.membership.create({ data: { organizationId: owner.organizationId, userId: editor.userId, role: "EDITOR" } });
  const draft = await startAssessment(owner.organizationId, owner.userId, "2026");
  if (draft.status !== "created") throw new Error(`startAssessment: ${draft.status}`);
  const { questionnaire } = await loadQuestionnaireVersion((await currentQuestionnaireVersion()).id);
  if (questionnaire.usesPlantProfile) {
    const saved = await savePlantProfile(owner.organizationId, draft.id, owner.userId, { productionType: "discrete", markets: ["b2b"], productVariety: "high", sites: "single" });
    if (saved.status !== "saved") throw new Error(`savePlantProfile: ${saved.status}`);
  }
  const questions = questionnaire.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions)).filter((q) => q.type === "level");

  // Two servers, one database: sequential starts (each runs the idempotent start-up preparation).
  for (const [name, port] of [
    ["a", 3610],
    ["b", 3620],
  ] as const) {
    servers.push(await startServer({ database: { url: db.url }, seedDemo: false, preferredPort: port, logFile: path.join(dir, `server-${name}.log`), env: { WEB_CONCURRENCY: "1" } }));
  }
  const [a, b] = servers.map((server) => server.url) as [string, string];
  console.log(`server A ${a}, server B ${b}, database ${db.url.replace(/:[^:@/]+@/, ":***@")}`);

  // 1. Sessions live in the database.
  const login = await request(a, "/login", { form: { email: owner.email, password: PASSWORD, redirectTo: `/o/${owner.organizationId}/assessments` } });
  const cookie = sessionCookie(login.setCookies);
  if (login.status !== 302 || !cookie) throw new Error(`log-in on A: HTTP ${login.status}`);
  const onB = await request(b, `/o/${owner.organizationId}/assessments`, { cookie });
  check("a session created on A is valid on B", onB.status === 200 && onB.text.includes("横向扩展测试工厂 001"), `GET on B with A's cookie: HTTP ${onB.status}`);

  // 2. Drafts: optimistic concurrency through the database, whichever server answers.
  const answers = `/o/${owner.organizationId}/assessments/${draft.id}/answers`;
  const { revision: start } = await prisma.assessment.findUniqueOrThrow({ where: { id: draft.id }, select: { revision: true } });
  const first = await request(a, answers, { cookie, json: { revision: start, changes: { [questions[0]!.id]: { value: 2 } } } });
  const stale = await request(b, answers, { cookie, json: { revision: start, changes: { [questions[1]!.id]: { value: 3 } } } });
  const current = first.status === 200 ? (JSON.parse(first.text) as { revision: number }).revision : -1;
  const next = await request(b, answers, { cookie, json: { revision: current, changes: { [questions[1]!.id]: { value: 3 } } } });
  const stored = await prisma.assessment.findUniqueOrThrow({ where: { id: draft.id }, select: { revision: true, answers: true } });
  const storedAnswers = stored.answers as Record<string, { value?: number }>;
  check(
    "an autosave on A is seen by B (stale revision refused, current accepted)",
    first.status === 200 && stale.status === 409 && next.status === 200 && stored.revision === current + 1 && storedAnswers[questions[0]!.id]?.value === 2 && storedAnswers[questions[1]!.id]?.value === 3,
    `A: ${first.status} (revision ${current}${first.status === 200 ? "" : `: ${first.text.slice(0, 200)}`}); B with revision ${start}: ${stale.status}; B with revision ${current}: ${next.status}; stored revision ${stored.revision}`,
  );

  // 3. Rate limits are counters in the database: failures on A and B add up.
  const statuses: string[] = [];
  for (const [index, base] of [a, b, a, b, a].entries()) {
    const attempt = await request(base, "/login", { form: { email: guesser.email, password: `wrong-password-${index}` } });
    statuses.push(`${base === a ? "A" : "B"} ${attempt.status}`);
  }
  const sixthOnB = await request(b, "/login", { form: { email: guesser.email, password: "wrong-password-5" } });
  const rightOnA = await request(a, "/login", { form: { email: guesser.email, password: PASSWORD } });
  check(
    "failed log-ins count across both servers (5 allowed, then 429 on either)",
    statuses.every((status) => status.endsWith("401")) && sixthOnB.status === 429 && rightOnA.status === 429,
    `${statuses.join(", ")}; 6th on B: ${sixthOnB.status}; right password on A: ${rightOnA.status}`,
  );

  // 4. Memberships are read per request: removing one on B takes effect on A at once.
  const editorCookie = sessionCookie((await request(b, "/login", { form: { email: editor.email, password: PASSWORD } })).setCookies);
  if (!editorCookie) throw new Error("log-in of the editor failed");
  const before = await request(a, `/o/${owner.organizationId}/assessments`, { cookie: editorCookie });
  const removal = await request(b, `/o/${owner.organizationId}/members`, { cookie, form: { intent: "remove", userId: editor.userId } });
  const after = await request(a, `/o/${owner.organizationId}/assessments`, { cookie: editorCookie });
  const membership = await prisma.membership.findFirst({ where: { organizationId: owner.organizationId, userId: editor.userId } });
  check(
    "a membership removed through B is refused on A on the next request",
    before.status === 200 && membership === null && after.status === 404,
    `editor on A before: ${before.status}; removal on B: ${removal.status}; editor on A after: ${after.status}`,
  );

  // 5. Logging out deletes the session row: the cookie is dead on both.
  const logout = await request(b, "/logout", { method: "POST", cookie, form: {} });
  const afterLogout = await request(a, `/o/${owner.organizationId}/assessments`, { cookie });
  check(
    "logging out on B ends the session on A",
    logout.status === 302 && afterLogout.status === 302 && (afterLogout.location ?? "").startsWith("/login"),
    `logout on B: ${logout.status}; GET on A: ${afterLogout.status} → ${afterLogout.location}`,
  );

  const failed = results.filter((result) => !result.ok);
  console.log(failed.length === 0 ? `\nAll ${results.length} checks passed: the web tier keeps no state of its own.` : `\n${failed.length} of ${results.length} checks FAILED`);
  if (failed.length > 0) {
    exitCode = 1;
    for (const server of servers) console.log(`--- ${server.url} log tail:\n${server.logTail(15)}`);
  }
} catch (error) {
  console.error(error);
  for (const server of servers) console.log(`--- ${server.url} log tail:\n${server.logTail(15)}`);
  exitCode = 1;
} finally {
  await cleanUp();
}
process.exit(exitCode);
