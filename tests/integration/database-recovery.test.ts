/**
 * Issue 8 item 3: PostgreSQL killed with SIGKILL under a running app. While it is down, guarded
 * loaders/actions answer 503 with Retry-After (never 500) and /healthz reports the database down;
 * the supervisor restarts it and the same calls succeed again, with nothing restarted by hand.
 *
 * This file runs its own throw-away embedded cluster (not the shared test cluster: killing that
 * one would break every other test file) and points the app's Prisma client at it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectPrisma } from "~/utils/db.server";
import { translator } from "~/utils/i18n";
import { loader as rootLoader } from "~/root";
import { loader as dashboardLoader } from "~/routes/o.$orgId._index";
import { action as autosaveAction } from "~/routes/o.$orgId.assessments.$assessmentId.answers";
import { loader as healthzLoader } from "~/routes/healthz";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../server/embedded-postgres";
import { migrate } from "../../server/migrate";
import { prepareDatabase } from "../../server/prepare";
import { createFactoryOwner, startTestDraft } from "../support/assessments";
import { call, type RouteResult } from "../support/routes";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-recovery-"));
fs.chmodSync(dir, 0o755); // postgres runs as its own OS user when we are root
let db: EmbeddedDatabase | undefined;
const restarts: string[] = [];

beforeAll(async () => {
  db = await startEmbeddedPostgres({
    dataDir: path.join(dir, "pg"),
    databaseName: "recovery",
    preferredPort: 55700,
    // Production durability: with synchronous_commit=off (ephemeral) a kill -9 may lose
    // acknowledged commits, which is exactly what this test must not tolerate.
    ephemeral: false,
    // A first restart after 2 s leaves the test time to see the outage, even on a slow machine.
    supervise: { firstDelayMs: 2_000, maxDelayMs: 2_000 },
    log: (line) => restarts.push(line),
  });
  await migrate(db.url);
  await prepareDatabase(db.url, { demo: false });
  // As a long-running server would have: crash recovery then replays seconds of WAL, not the migrations.
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query("CHECKPOINT");
  await client.end();
  await disconnectPrisma();
  process.env.DATABASE_URL = db.url;
}, 120_000);

afterAll(async () => {
  await disconnectPrisma();
  await db?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function autosave(orgId: string, assessmentId: string, cookie: string, body: unknown): Promise<RouteResult> {
  const request = new Request(`http://localhost/o/${orgId}/assessments/${assessmentId}/answers`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/json", "x-ffi-client-ip": "127.0.0.1" },
    body: JSON.stringify(body),
  });
  let response: unknown;
  try {
    response = await autosaveAction({ request, params: { orgId, assessmentId }, context: {} });
  } catch (thrown) {
    response = thrown;
  }
  if (!(response instanceof Response)) throw new Error(`autosave returned ${String(response)}`);
  return { status: response.status, data: (await response.json()) as unknown, headers: response.headers };
}

const healthz = () => call(healthzLoader, { path: "/healthz" });

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("database recovery", () => {
  it("answers 503 with Retry-After while PostgreSQL is down and recovers by itself once it is restarted", async () => {
    const t = translator("zh-CN");
    const { owner, organization, cookie } = await createFactoryOwner();
    const draft = { id: await startTestDraft(organization.id, owner.id) };
    const dashboard = () => call(dashboardLoader, { path: `/o/${organization.id}`, params: { orgId: organization.id }, cookie });
    const root = () => call(rootLoader, { path: `/o/${organization.id}`, params: { orgId: organization.id }, cookie });

    expect((await dashboard()).status).toBe(200);
    expect(await healthz()).toMatchObject({ status: 200, data: { status: "ok", database: "up" } });
    const saved = await autosave(organization.id, draft.id, cookie, { revision: 0, changes: { "device.connectivity.equipment-networked": { value: 2 } } });
    expect(saved.status, JSON.stringify(saved.data)).toBe(200);

    const pid = db!.pid;
    process.kill(pid, "SIGKILL");
    await until(async () => (await healthz()).status === 503, 5_000, "healthz reporting the outage");

    const health = await healthz();
    expect(health).toMatchObject({ status: 503, data: { status: "degraded", database: "down" } });
    expect(Number(health.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(health.headers.get("Cache-Control")).toContain("no-store");

    for (const down of [await dashboard(), await root()]) {
      expect(down.status).toBe(503);
      expect(Number(down.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(down.data).toEqual({ reason: "unavailable", message: t("errors.unavailableText") });
    }
    const refused = await autosave(organization.id, draft.id, cookie, { revision: 1, changes: { "device.connectivity.equipment-networked": { value: 3 } } });
    expect(refused.status).toBe(503);
    expect(refused.data).toEqual({ reason: "unavailable", message: t("errors.unavailableText") });
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);

    // The supervisor restarts PostgreSQL; the app's pool reconnects without being told.
    // The new postmaster can answer before the supervisor has recorded its pid (seen once in a loaded
    // CI run): recovery is both.
    await until(async () => (await healthz()).status === 200 && db!.pid !== pid, 30_000, "recovery");
    expect(db!.pid).not.toBe(pid);
    expect(restarts.some((line) => /restart/i.test(line))).toBe(true);
    expect((await dashboard()).status).toBe(200);
    expect((await root()).status).toBe(200);
    const again = await autosave(organization.id, draft.id, cookie, { revision: 1, changes: { "device.connectivity.equipment-networked": { value: 3 } } });
    expect(again.status, JSON.stringify(again.data)).toBe(200);

    // Stopping is not a crash: the supervisor must not bring PostgreSQL back.
    const logged = restarts.length;
    await db!.stop();
    expect(restarts.slice(logged)).toEqual([]);
  }, 60_000);
});
