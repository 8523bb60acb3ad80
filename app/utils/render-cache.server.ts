/**
 * The render memo (issue 14, ADR 0025): the HTML React rendered for a document request, kept per
 * process and keyed by a hash of everything the markup is a function of.
 *
 * Hydration already demands that the markup be a pure function of the URL and the Remix state (the
 * browser renders the same tree from the same data and must get the same HTML), so the key is the
 * full request URL, the build's version, the status, and the loader data of every matched route,
 * serialised losslessly. The loaders still run on every request (guard, permissions, version stamps):
 * only React's render is skipped, and a user's page can only be served to a request whose own loaders
 * returned exactly the same data. So the memo needs no invalidation and is correct across processes.
 *
 * The CSP nonce differs per request: the HTML is stored split at every occurrence of the nonce, and
 * the current request's nonce is put back on a hit. Bounded by bytes; least recently used goes first.
 */
import crypto from "node:crypto";
import { getEnv } from "~/utils/env.server";

/** Why a render is not memoised; `null` from `renderKey` means "render and do not store". */
const NOT_MEMOISABLE = Symbol("not memoisable");

/**
 * JSON with the types JSON would lose or conflate tagged, so two different inputs never give the same
 * text: Date vs its ISO string, Map/Set (JSON makes them `{}`), undefined, bigint. Promises (deferred
 * data) and functions make the render depend on timing or code: not memoisable.
 */
function stableJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, current: unknown) {
    const original = this[key];
    if (original instanceof Date) return { $date: Number.isNaN(original.getTime()) ? "invalid" : original.toISOString() };
    if (original instanceof Map) return { $map: [...original.entries()] };
    if (original instanceof Set) return { $set: [...original.values()] };
    if (original === undefined) return { $undefined: true };
    if (typeof original === "bigint") return { $bigint: original.toString() };
    if (typeof original === "function" || typeof original === "symbol" || original instanceof Promise) throw NOT_MEMOISABLE;
    if (typeof original === "number" && !Number.isFinite(original)) return { $number: String(original) };
    return current;
  });
}

export interface RenderInput {
  method: string;
  url: string;
  status: number;
  /** The build's version: new code, new keys. */
  buildVersion: string;
  loaderData: unknown;
  actionData: unknown;
  errors: unknown;
  /** Whether the request has a nonce at all (a render without one has no place to put it back). */
  hasNonce: boolean;
}

/**
 * The memo key of a render, or null when it must not be stored or served: anything but a GET
 * answered 200 without action data or errors, or data whose render is not a pure function of it.
 */
export function renderKey(input: RenderInput): string | null {
  if (input.method !== "GET" || input.status !== 200 || input.actionData != null || input.errors != null) return null;
  let data: string;
  try {
    data = stableJson(input.loaderData);
  } catch (error) {
    if (error === NOT_MEMOISABLE) return null;
    throw error;
  }
  return crypto
    .createHash("sha256")
    .update(JSON.stringify([input.buildVersion, input.url, input.status, input.hasNonce]))
    .update("\0")
    .update(data)
    .digest("base64url");
}

/** The HTML cut at every occurrence of the nonce (a random 128-bit value: it occurs nowhere else). */
export function splitOnNonce(html: Buffer, nonce: string): Buffer[] {
  if (nonce === "") return [html];
  const parts: Buffer[] = [];
  let start = 0;
  let at = html.indexOf(nonce, start, "utf8");
  const length = Buffer.byteLength(nonce);
  while (at !== -1) {
    parts.push(html.subarray(start, at));
    start = at + length;
    at = html.indexOf(nonce, start, "utf8");
  }
  parts.push(html.subarray(start));
  // Copies, so an entry does not keep the whole rendered buffer's memory alive through a view.
  return parts.map((part) => Buffer.from(part));
}

export function joinWithNonce(parts: readonly Buffer[], nonce: string): Buffer<ArrayBuffer> {
  if (parts.length === 1) return Buffer.concat([parts[0]!]);
  const glue = Buffer.from(nonce, "utf8");
  const pieces: Buffer[] = [];
  parts.forEach((part, index) => {
    if (index > 0) pieces.push(glue);
    pieces.push(part);
  });
  return Buffer.concat(pieces);
}

export class RenderCache {
  private readonly entries = new Map<string, { parts: Buffer[]; bytes: number }>();
  private bytes = 0;
  hits = 0;
  misses = 0;
  stores = 0;

  constructor(public maxBytes: number) {}

  get size() {
    return this.entries.size;
  }

  get usedBytes() {
    return this.bytes;
  }

  get(key: string): Buffer[] | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    // Map keeps insertion order: re-inserting marks it as the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry.parts;
  }

  set(key: string, parts: Buffer[]) {
    const bytes = parts.reduce((sum, part) => sum + part.length, 0) + key.length;
    if (bytes > this.maxBytes / 4) return; // one huge page must not flush everything else
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    this.entries.set(key, { parts, bytes });
    this.bytes += bytes;
    this.stores++;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  clear() {
    this.entries.clear();
    this.bytes = 0;
    this.hits = this.misses = this.stores = 0;
  }
}

let shared: RenderCache | null | undefined;

/** This process's memo, sized by RENDER_CACHE_MB (0 turns it off). */
export function sharedRenderCache(): RenderCache | null {
  if (shared === undefined) {
    const megabytes = getEnv().RENDER_CACHE_MB;
    shared = megabytes === 0 ? null : new RenderCache(megabytes * 1024 * 1024);
  }
  return shared;
}

/**
 * "Now" as a page shows it (to the minute): loader data sent at full precision would make every
 * request's key differ although the markup is the same, so the memo would never hit.
 */
export function nowToTheMinute(now = Date.now()): Date {
  return new Date(Math.floor(now / 60_000) * 60_000);
}
