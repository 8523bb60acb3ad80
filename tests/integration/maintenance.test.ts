import { describe, expect, it } from "vitest";
import { LOGIN_ATTEMPT_RETENTION_MS, pruneLoginAttempts } from "~/models/login-attempts.server";
import { hitRateLimits } from "~/models/rate-limit.server";
import { prisma } from "~/utils/db.server";
import { deleteExpiredSessions } from "~/utils/session.server";
import { MAINTENANCE_INTERVAL_MS, startMaintenance } from "../../server/maintenance";
import { cookieFor, createTestUser } from "../support/routes";

/** Timers the test drives by hand: no sleeping, no real hour. */
function manualTimers() {
  const state = { callback: undefined as (() => void) | undefined, ms: 0, unrefed: false, cleared: false };
  return {
    state,
    timers: {
      setInterval: (callback: () => void, ms: number) => {
        state.callback = callback;
        state.ms = ms;
        return { unref: () => void (state.unrefed = true) };
      },
      clearInterval: () => void (state.cleared = true),
    },
  };
}

function countingTask(name: string, fail = false) {
  const task = {
    name,
    calls: 0,
    run: async () => {
      task.calls += 1;
      if (fail) throw new Error(`${name} broke`);
      return 0;
    },
  };
  return task;
}

describe("prune functions (real database)", () => {
  it("deletes expired sessions only", async () => {
    const user = await createTestUser();
    await cookieFor(user.id);
    await cookieFor(user.id);
    const [expired] = await prisma.session.findMany({ where: { userId: user.id } });
    await prisma.session.update({ where: { id: expired!.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await deleteExpiredSessions()).toBe(1);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("deletes login attempts older than the retention only", async () => {
    const now = new Date();
    await prisma.loginAttempt.createMany({
      data: [
        { email: "old@example.com", ipAddress: "192.0.2.1", succeeded: false, createdAt: new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_MS - 1000) },
        { email: "recent@example.com", ipAddress: "192.0.2.1", succeeded: false, createdAt: new Date(now.getTime() - 60_000) },
      ],
    });
    expect(await pruneLoginAttempts(now)).toBe(1);
    expect((await prisma.loginAttempt.findMany({ where: { email: { in: ["old@example.com", "recent@example.com"] } } })).map((row) => row.email)).toEqual(["recent@example.com"]);
  });
});

describe("maintenance scheduler", () => {
  it("runs every task at start-up and then on each hourly tick, with an unref'd timer", async () => {
    const { state, timers } = manualTimers();
    const tasks = [countingTask("a"), countingTask("b")];
    const maintenance = startMaintenance({ tasks, timers, isDatabaseUp: async () => true, log: () => {} });
    await maintenance.idle();
    expect(tasks.map((task) => task.calls)).toEqual([1, 1]);
    expect(state.ms).toBe(MAINTENANCE_INTERVAL_MS);
    expect(state.unrefed).toBe(true);
    state.callback!();
    await maintenance.idle();
    expect(tasks.map((task) => task.calls)).toEqual([2, 2]);
    await maintenance.stop();
    expect(state.cleared).toBe(true);
    state.callback!();
    await maintenance.idle();
    expect(tasks.map((task) => task.calls)).toEqual([2, 2]);
  });

  it("logs a failing task instead of throwing and still runs the others", async () => {
    const { timers } = manualTimers();
    const logged: string[] = [];
    const tasks = [countingTask("broken", true), countingTask("fine")];
    const maintenance = startMaintenance({ tasks, timers, isDatabaseUp: async () => true, log: (message) => logged.push(message) });
    await maintenance.idle();
    expect(tasks.map((task) => task.calls)).toEqual([1, 1]);
    expect(logged).toEqual(["broken failed: broken broke"]);
    await maintenance.stop();
  });

  it("skips rounds while the database is down (logged once) and resumes when it answers", async () => {
    const { state, timers } = manualTimers();
    const logged: string[] = [];
    let up = false;
    const task = countingTask("prune");
    const maintenance = startMaintenance({
      tasks: [task],
      timers,
      isDatabaseUp: async () => {
        if (!up) throw new Error("DatabaseNotReachable");
        return true;
      },
      log: (message) => logged.push(message),
    });
    await maintenance.idle();
    state.callback!();
    await maintenance.idle();
    expect(task.calls).toBe(0);
    expect(logged).toHaveLength(1);
    up = true;
    state.callback!();
    await maintenance.idle();
    expect(task.calls).toBe(1);
    await maintenance.stop();
  });

  it("by default prunes sessions, login attempts and rate-limit windows in the real database", async () => {
    const { timers } = manualTimers();
    const user = await createTestUser();
    await cookieFor(user.id);
    await prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await prisma.loginAttempt.create({ data: { email: "ancient@example.com", ipAddress: "192.0.2.2", succeeded: false, createdAt: new Date(Date.now() - LOGIN_ATTEMPT_RETENTION_MS - 1000) } });
    await hitRateLimits([{ rule: { name: "ended", limit: 1, windowMs: 1000 }, subject: "x" }], { now: new Date(Date.now() - 10_000) });
    const logged: string[] = [];
    const maintenance = startMaintenance({ timers, log: (message) => logged.push(message) });
    await maintenance.idle();
    await maintenance.stop();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.loginAttempt.count({ where: { email: "ancient@example.com" } })).toBe(0);
    expect(await prisma.rateLimit.count({ where: { key: "ended:x" } })).toBe(0);
    expect(logged.every((message) => !message.includes("failed"))).toBe(true);
  });
});

