import { describe, expect, it } from "vitest";
import { decide, retryAfterMs } from "./autosave-response";

describe("autosave response handling", () => {
  it("acknowledges only a 2xx that names the new revision", () => {
    expect(decide(200, { reason: "saved", revision: 4, savedAt: "2026-11-29T05:00:00.000Z" }, null)).toEqual({ kind: "saved", revision: 4, savedAt: new Date("2026-11-29T05:00:00.000Z") });
    expect(decide(200, {}, null)).toEqual({ kind: "retry", afterMs: undefined });
  });

  it("drops just the refused question on a 400 that names it", () => {
    expect(decide(400, { reason: "invalid", questionId: "device.a.b", message: "bad" }, null)).toEqual({ kind: "refuse-one", questionId: "device.a.b", message: "bad" });
  });

  it("tells the user and stops on other 4xx, never retrying them", () => {
    for (const status of [400, 401, 403, 404, 415]) expect(decide(status, { message: "m" }, null)).toEqual({ kind: "stop", status, message: "m" });
    expect(decide(413, { message: "big" }, null)).toEqual({ kind: "too-large", message: "big" });
  });

  it("keeps conflicts and submitted drafts apart", () => {
    expect(decide(409, { reason: "stale", revision: 7, answers: {} , updatedAt: "2026-11-29T05:00:00.000Z" }, null)).toMatchObject({ kind: "conflict", revision: 7 });
    expect(decide(409, { reason: "submitted" }, null)).toMatchObject({ kind: "submitted" });
  });

  it("retries 503, other 5xx and 429, honouring Retry-After", () => {
    expect(decide(503, {}, "7")).toEqual({ kind: "retry", afterMs: 7000 });
    expect(decide(500, {}, null)).toEqual({ kind: "retry", afterMs: undefined });
    expect(decide(429, { message: "slow down" }, "2")).toEqual({ kind: "retry", afterMs: 2000, message: "slow down" });
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-11-29T05:00:00Z");
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Sun, 29 Nov 2026 05:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Sun, 29 Nov 2026 04:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
