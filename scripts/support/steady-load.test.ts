import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { percentile, steadyLoad } from "./steady-load";

let server: http.Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A local server that answers each request after `holdMs(n)` for the n-th request (0-based), with its number. */
async function serve(holdMs: (n: number) => number): Promise<string> {
  let count = 0;
  server = http.createServer((req, res) => {
    const n = count++;
    req.resume();
    setTimeout(() => res.end(String(n)), holdMs(n));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe("steadyLoad", () => {
  it("offers the requests on a schedule and counts each one's latency from when it was due, queueing included", async () => {
    // One connection; the first answer is held 400 ms, the rest come at once. Requests due every 20 ms
    // meanwhile wait for the socket: the one due at t = 20 ms has waited ≥ 380 ms by the time the first
    // answer frees it — a load generator that timed from the send would report ~0 ms for it.
    const url = await serve((n) => (n === 0 ? 400 : 0));
    const seen: number[] = [];
    const result = await steadyLoad<number>({
      url,
      rate: 50,
      seconds: 1,
      connections: 1,
      next: (() => {
        let i = 0;
        return () => ({ about: i++, request: { method: "GET", path: "/", headers: {} } });
      })(),
      onAnswer: (status, body, about) => {
        expect(status).toBe(200);
        seen.push(about);
        expect(Number(body)).toBeGreaterThanOrEqual(0);
      },
    });
    expect(result.due).toBe(50);
    expect(result.answered).toBe(50);
    expect(result.errors + result.unsent + result.non2xx).toBe(0);
    expect(seen.toSorted((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // Lower bounds only: a slower machine adds latency, never removes it.
    expect(result.latency.max).toBeGreaterThanOrEqual(399);
    // Requests 1…15 (due at 20…300 ms) were all answered after 400 ms, so ≥ 100 ms after they were due;
    // timed from when the socket took them they would look instant.
    expect(result.slowestWindows.reduce((sum, window) => sum + window.over50ms, 0)).toBeGreaterThanOrEqual(15);
    expect(result.latency.p50).toBeLessThanOrEqual(result.latency.p90);
    expect(result.slowestWindows[0]!.maxMs).toBe(result.latency.max);
  });

  it("counts a request it could not send (nothing to send) as unsent, and an unreachable server as errors", async () => {
    const url = await serve(() => 0);
    const none = await steadyLoad({ url, rate: 20, seconds: 0.5, connections: 2, next: () => null });
    expect(none).toMatchObject({ due: 10, answered: 0, unsent: 10, errors: 0 });
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const refused = await steadyLoad({ url, rate: 20, seconds: 0.5, connections: 2, next: () => ({ about: 0, request: { method: "GET", path: "/", headers: {} } }) });
    expect(refused).toMatchObject({ due: 10, answered: 0, errors: 10 });
  });
});

describe("percentile (nearest rank)", () => {
  it("takes the value at the rank, not an interpolation", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 99)).toBe(0);
  });
});
