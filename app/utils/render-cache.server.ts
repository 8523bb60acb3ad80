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
import zlib from "node:zlib";
import { getEnv } from "~/utils/env.server";

/** Why a render is not memoised; `null` from `renderKey` means "render and do not store". */
const NOT_MEMOISABLE = Symbol("not memoisable");

/** Values declared immutable (`immutable()`), and their content digests once computed. */
const immutables = new WeakSet<object>();
const digests = new WeakMap<object, string>();
let digestsComputed = 0;

/**
 * Declares a value that is never changed again (a frozen view's cached data, ADR 0024) and freezes it
 * deeply, so a change would throw instead of going unnoticed. The render key then hashes its content
 * once per object instead of on every request that returns it (ADR 0030): the key still covers every
 * byte of it, through its digest.
 */
export function immutable<T>(value: T): T {
  if (typeof value === "object" && value !== null) deepFreeze(value);
  return value;
}

// Every part is declared too: a route may spread the cached object into its own (`...view`).
function deepFreeze(value: object) {
  if (immutables.has(value)) return;
  Object.freeze(value);
  immutables.add(value);
  for (const child of Object.values(value)) if (typeof child === "object" && child !== null) deepFreeze(child);
}

/** How many immutable values had their digest computed in this process (for tests). */
export function immutableDigestCount() {
  return digestsComputed;
}

function digestOf(value: object): string {
  let digest = digests.get(value);
  if (digest === undefined) {
    digest = crypto.createHash("sha256").update(stableJson(value, value)).digest("base64url");
    digests.set(value, digest);
    digestsComputed++;
  }
  return digest;
}

/**
 * JSON with the types JSON would lose or conflate tagged, so two different inputs never give the same
 * text: Date vs its ISO string, Map/Set (JSON makes them `{}`), undefined, bigint. Promises (deferred
 * data) and functions make the render depend on timing or code: not memoisable. An immutable value
 * (other than `expand`, the one being digested) is replaced by the digest of its content.
 */
function stableJson(value: unknown, expand?: object): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, current: unknown) {
    const original = this[key];
    if (typeof original === "object" && original !== null && original !== expand && immutables.has(original)) return { $immutable: digestOf(original) };
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

/**
 * The page gzipped once, with a gap wherever the nonce goes (ADR 0030): each part is raw DEFLATE
 * ending on a byte boundary (a sync flush, not the final block), so independently compressed parts
 * and the nonce as a stored block in between make one valid DEFLATE stream — no part refers back
 * before its own start. A hit then costs a CRC-32 and a copy instead of compressing ~200 kB.
 */
export interface GzipParts {
  parts: Buffer[];
  /** Uncompressed length of the page without its nonces. */
  length: number;
}

export function gzipParts(parts: readonly Buffer[]): GzipParts {
  return {
    parts: parts.map((part) => zlib.deflateRawSync(part, { finishFlush: zlib.constants.Z_SYNC_FLUSH })),
    length: parts.reduce((sum, part) => sum + part.length, 0),
  };
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
// A final, empty block with fixed codes: ends the stream after the last sync-flushed part.
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/** A gzip member of the page with this request's nonce in every gap (`joinWithNonce`, compressed). */
export function gzipWithNonce(compressed: GzipParts, plain: readonly Buffer[], nonce: string): Buffer<ArrayBuffer> {
  const glue = Buffer.from(nonce, "utf8");
  // The nonce as a stored block: BFINAL 0, BTYPE 00 (the rest of the byte is padding), LEN, NLEN.
  const stored = Buffer.concat([Buffer.from([0, glue.length & 0xff, glue.length >> 8, ~glue.length & 0xff, (~glue.length >> 8) & 0xff]), glue]);
  const pieces: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  plain.forEach((part, index) => {
    if (index > 0) {
      pieces.push(stored);
      if (glue.length > 0) crc = zlib.crc32(glue, crc);
    }
    pieces.push(compressed.parts[index]!);
    // Node 20 answers 0 for an empty buffer once zlib has compressed it: an empty part changes nothing anyway.
    if (part.length > 0) crc = zlib.crc32(part, crc);
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((compressed.length + glue.length * (plain.length - 1)) % 2 ** 32, 4);
  pieces.push(FINAL_BLOCK, trailer);
  return Buffer.concat(pieces);
}

/** Whether the client takes gzip (RFC 9110 Accept-Encoding: named or `*`, with a q above 0). */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  let star: boolean | undefined;
  for (const item of header.split(",")) {
    const [name = "", ...params] = item.trim().toLowerCase().split(";");
    const q = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name.trim() === "gzip" || name.trim() === "x-gzip") return allowed;
    if (name.trim() === "*") star = allowed;
  }
  return star === true;
}

export interface MemoEntry {
  /** The page split at the nonce (`splitOnNonce`). */
  parts: Buffer[];
  gzip: GzipParts;
}

export class RenderCache {
  private readonly entries = new Map<string, MemoEntry & { bytes: number }>();
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

  get(key: string): MemoEntry | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    // Map keeps insertion order: re-inserting marks it as the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry;
  }

  /** Stores the page; returns the entry (its gzip made here), or undefined when it is too large to keep. */
  set(key: string, parts: Buffer[]): MemoEntry | undefined {
    let bytes = parts.reduce((sum, part) => sum + part.length, 0) + key.length;
    if (bytes > this.maxBytes / 4) return undefined; // one huge page must not flush everything else
    const gzip = gzipParts(parts);
    bytes += gzip.parts.reduce((sum, part) => sum + part.length, 0);
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    this.entries.set(key, { parts, gzip, bytes });
    this.bytes += bytes;
    this.stores++;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
    return { parts, gzip };
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
