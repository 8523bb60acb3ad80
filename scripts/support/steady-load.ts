/**
 * Requests offered at a steady rate (open loop), for latency aims stated "at N requests/s".
 *
 * Why not autocannon's `overallRate`: autocannon 8 lets each connection send its share of a second
 * (rate / connections) back to back at the start of every second, all connections aligned, so
 * "500/s over 50 connections" is a burst of 500 requests at closed-loop speed and then a pause.
 * It also "corrects" for coordinated omission with an expected interval of `Math.ceil(1 / rate)`
 * — 1 ms where 1000 / rate ms was meant — so a response of L ms is counted about L times over, and
 * its percentiles weight slow responses by their own latency (docs/performance.md, issue 14).
 *
 * Here request i is due at start + i × 1000 / rate ms. It goes out on a free one of `connections`
 * keep-alive sockets, or waits in the agent's queue until one is free, and its latency is counted
 * from when it was due, not from when it went out: queueing behind slow answers is in the figure
 * (the honest form of the coordinated-omission correction, as in wrk2).
 */
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";

export interface SteadyRequest {
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface SteadyOptions<T> {
  url: string;
  rate: number;
  seconds: number;
  connections: number;
  /** The next request and what it is about (e.g. a user), or null when none can be sent now (counted as `unsent`). */
  next: () => { request: SteadyRequest; about: T } | null;
  /** Called with each answer; `about` is what `next` returned with its request. */
  onAnswer?: (status: number, body: string, about: T) => void;
  timeoutMs?: number;
}

export interface SteadyResult {
  /** Requests due in the run, and how many of them were answered, failed (network, timeout) or never sent. */
  due: number;
  answered: number;
  errors: number;
  unsent: number;
  non2xx: number;
  statusCounts: Record<number, number>;
  /** Answers per second over the run (from the first due time to the last answer). */
  achievedRate: number;
  /** Milliseconds from each request's due time to its complete answer. */
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Where the tail is: the slowest 100 ms windows of due times (from the run's start), with their slowest answer. */
  slowestWindows: { atMs: number; maxMs: number; over50ms: number }[];
  /** Wall-clock time of the first due request (to line the windows up with server or database logs). */
  startedAt: string;
  /** This process's own event-loop delay during the run (ms): a late client shows here, not in the server. */
  clientLoopDelay: { p99: number; max: number };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function steadyLoad<T>(options: SteadyOptions<T>): Promise<SteadyResult> {
  const { rate, seconds, connections } = options;
  const base = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const interval = 1000 / rate;
  const due = Math.round(rate * seconds);
  const latencies: number[] = [];
  const windows = new Map<number, { maxMs: number; over50ms: number }>();
  const statusCounts: Record<number, number> = {};
  let errors = 0;
  let unsent = 0;
  let settled = 0;
  let lastAnswer = 0;
  const start = performance.now() + 10;
  const startedAt = new Date(Date.now() + 10).toISOString();
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();

  await new Promise<void>((resolve) => {
    const settle = () => {
      if (++settled === due) resolve();
    };
    const send = (dueAt: number) => {
      const next = options.next();
      if (!next) {
        unsent++;
        settle();
        return;
      }
      const { request, about } = next;
      const req = http.request(
        { host: base.hostname, port: base.port, path: request.path, method: request.method, headers: request.headers, agent, timeout: options.timeoutMs ?? 10_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const now = performance.now();
            lastAnswer = now;
            const latency = now - dueAt;
            latencies.push(latency);
            const window = Math.floor((dueAt - start) / 100);
            const slot = windows.get(window) ?? { maxMs: 0, over50ms: 0 };
            slot.maxMs = Math.max(slot.maxMs, latency);
            if (latency > 50) slot.over50ms++;
            windows.set(window, slot);
            const status = res.statusCode ?? 0;
            statusCounts[status] = (statusCounts[status] ?? 0) + 1;
            options.onAnswer?.(status, Buffer.concat(chunks).toString("utf8"), about);
            settle();
          });
          res.on("error", () => {
            errors++;
            settle();
          });
        },
      );
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", () => {
        errors++;
        settle();
      });
      req.end(request.body);
    };
    let sent = 0;
    const tick = () => {
      const now = performance.now();
      while (sent < due && start + sent * interval <= now) send(start + sent++ * interval);
      if (sent < due) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    setTimeout(tick, 10);
  });
  agent.destroy();
  loopDelay.disable();

  const sorted = latencies.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  const non2xx = Object.entries(statusCounts).reduce((sum, [status, count]) => sum + (Number(status) >= 200 && Number(status) < 300 ? 0 : count), 0);
  return {
    due,
    answered: latencies.length,
    errors,
    unsent,
    non2xx,
    statusCounts,
    achievedRate: latencies.length / (Math.max(lastAnswer - start, 1) / 1000),
    latency: {
      p50: round(percentile(sorted, 50)),
      p90: round(percentile(sorted, 90)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[sorted.length - 1] ?? 0),
      mean: round(sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length)),
    },
    startedAt,
    clientLoopDelay: { p99: round(loopDelay.percentile(99) / 1e6), max: round(loopDelay.max / 1e6) },
    slowestWindows: [...windows]
      .sort((a, b) => b[1].maxMs - a[1].maxMs)
      .slice(0, 5)
      .map(([window, slot]) => ({ atMs: window * 100, maxMs: round(slot.maxMs), over50ms: slot.over50ms })),
  };
}
