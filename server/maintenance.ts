/**
 * Housekeeping, run by the main process only (one runner however many web workers): prunes
 * expired sessions, old login attempts and ended rate-limit windows, and takes benchmark
 * contributions out of the aggregates once they leave the 24-month window, at start-up and then hourly.
 * Never throws: a failing task is logged and the next round tries again; while the database is
 * unreachable rounds are skipped. The timer is unref'd so it never keeps the process alive.
 */
import { maintainAggregates } from "../app/models/aggregates.server";
import { pruneLoginAttempts } from "../app/models/login-attempts.server";
import { pruneRateLimits } from "../app/models/rate-limit.server";
import { databaseIsUp } from "../app/models/health.server";
import { deleteExpiredSessions } from "../app/utils/session.server";

export interface MaintenanceTask {
  name: string;
  /** May return how many rows it removed (logged when > 0). */
  run: () => Promise<unknown>;
}

export const MAINTENANCE_INTERVAL_MS = 60 * 60 * 1000;

export const MAINTENANCE_TASKS: MaintenanceTask[] = [
  { name: "expired sessions", run: () => deleteExpiredSessions() },
  { name: "old login attempts", run: () => pruneLoginAttempts() },
  { name: "ended rate-limit windows", run: () => pruneRateLimits() },
  // Benchmark contributions leaving the 24-month window (or a rebuild after a bulk load).
  { name: "expired benchmark contributions", run: () => maintainAggregates() },
];

interface Timers {
  setInterval: (callback: () => void, ms: number) => unknown;
  clearInterval: (handle: never) => void;
}

export function startMaintenance(
  options: {
    tasks?: MaintenanceTask[];
    intervalMs?: number;
    isDatabaseUp?: () => Promise<boolean>;
    log?: (message: string) => void;
    timers?: Timers;
  } = {},
) {
  const tasks = options.tasks ?? MAINTENANCE_TASKS;
  const isDatabaseUp = options.isDatabaseUp ?? databaseIsUp;
  const log = options.log ?? ((message: string) => console.log(`[ffi] maintenance: ${message}`));
  const timers = options.timers ?? (globalThis as unknown as Timers);
  let stopped = false;
  let skipping = false;
  let running: Promise<void> = Promise.resolve();

  async function round() {
    if (!(await isDatabaseUp().catch(() => false))) {
      if (!skipping) log("database unreachable, skipping until it answers again");
      skipping = true;
      return;
    }
    skipping = false;
    for (const task of tasks) {
      try {
        const removed = await task.run();
        if (typeof removed === "number" && removed > 0) log(`${task.name}: ${removed} removed`);
      } catch (error) {
        log(`${task.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  // Rounds are chained, so a slow one never overlaps the next.
  const tick = () => {
    if (!stopped) running = running.then(round);
  };
  tick();
  const handle = timers.setInterval(tick, options.intervalMs ?? MAINTENANCE_INTERVAL_MS);
  (handle as { unref?: () => void } | undefined)?.unref?.();

  return {
    /** Resolves when the current round (if any) is done. */
    idle: () => running,
    /** Stops the timer and waits for a running round; for the shutdown sequence. */
    stop: async () => {
      stopped = true;
      timers.clearInterval(handle as never);
      await running;
    },
  };
}
