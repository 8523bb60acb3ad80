/**
 * The render memo (issue 14, ADR 0025): whole documents through the real HTTP stack (server/app.ts,
 * Remix, app/entry.server.tsx) against a real PostgreSQL. A page is served from the memo only when
 * the request's own loaders returned exactly the data of an earlier render for the same URL, so
 * nobody gets another viewer's page, a change in the data renders anew, the CSP nonce is the
 * request's own, and a memo hit is byte for byte what React would have rendered.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { frozenViewCaches, PEER_TTL_MS } from "~/models/frozen-views.server";
import { saveFactoryProfile } from "~/models/organization.server";
import { hotStatementCount, prisma } from "~/utils/db.server";
import { translator } from "~/utils/i18n";
import http from "node:http";
import zlib from "node:zlib";
import { acceptsGzip, gzipParts, gzipWithNonce, immutable, immutableDigestCount, joinWithNonce, renderKey, sharedRenderCache, splitOnNonce } from "~/utils/render-cache.server";
import { lazyHandoff } from "../../server/lazy-handoff";
import { createFactoryOwner, uniqueCreditCode } from "../support/assessments";
import { submitTestAssessment } from "../support/engagements";
import { startRemixApp, type RunningApp } from "../support/remix-app";
import { addMember, cookieFor, createTestUser } from "../support/routes";

let app: RunningApp;
const memo = sharedRenderCache()!;

beforeAll(async () => {
  app = await startRemixApp((id) => /^routes\/o\.\$orgId\.(whoami|assessments\.\$assessmentId\.(results|report|benchmark))$/.test(id));
});
afterAll(() => app.close());
beforeEach(() => {
  memo.clear();
  frozenViewCaches.clear();
});
afterEach(() => vi.useRealTimers());

async function submittedFactory(name: string) {
  const factory = await createFactoryOwner(name);
  const orgId = factory.organization.id;
  const assessmentId = await submitTestAssessment(orgId, factory.owner.id, "2025");
  return { ...factory, orgId, assessmentId };
}

interface Page {
  status: number;
  html: string;
  /** The nonce of the Content-Security-Policy header. */
  nonce: string;
}

async function get(path: string, cookie: string): Promise<Page> {
  const response = await fetch(app.origin + path, { headers: { Cookie: cookie }, redirect: "manual" });
  const csp = response.headers.get("Content-Security-Policy") ?? "";
  return { status: response.status, html: await response.text(), nonce: /'nonce-([^']+)'/.exec(csp)?.[1] ?? "" };
}

/** How the memo answered the requests made inside `run`. */
async function counted<T>(run: () => Promise<T>) {
  const before = { hits: memo.hits, stores: memo.stores };
  const value = await run();
  return { value, hits: memo.hits - before.hits, stores: memo.stores - before.stores };
}

const results = (f: { orgId: string; assessmentId: string }) => `/o/${f.orgId}/assessments/${f.assessmentId}/results`;
const withoutNonce = (page: Page) => page.html.replaceAll(page.nonce, "NONCE");

// Each test submits one or more assessments through the model (scoring, aggregates) and renders
// whole pages: a few seconds on a busy machine, so a generous timeout.
describe("render memo", { timeout: 60_000 }, () => {
  it("a hit is byte for byte the fresh render, with this request's nonce, the one the CSP header allows", async () => {
    const factory = await submittedFactory("字节机械");
    const fresh = await counted(() => get(results(factory), factory.cookie));
    expect(fresh).toMatchObject({ hits: 0, stores: 1 });
    const again = await counted(() => get(results(factory), factory.cookie));
    expect(again).toMatchObject({ hits: 1, stores: 0 });
    for (const page of [fresh.value, again.value]) {
      expect(page.status).toBe(200);
      expect(page.nonce).toMatch(/^[A-Za-z0-9+/=_-]{16,}$/);
      const nonces = [...page.html.matchAll(/nonce="([^"]*)"/g)].map((match) => match[1]);
      expect(nonces.length).toBeGreaterThan(0);
      expect(new Set(nonces)).toEqual(new Set([page.nonce]));
    }
    expect(again.value.nonce).not.toBe(fresh.value.nonce);
    expect(withoutNonce(again.value)).toBe(withoutNonce(fresh.value));
    expect(again.value.html).toContain("字节机械");
  });

  it("a hit encodes no hydration data (it sends none); a render encodes it once and the page carries it (ADR 0038)", async () => {
    expect(lazyHandoff.installed()).toBe(true);
    const factory = await submittedFactory("编码机械");
    const before = lazyHandoff.encodingsStarted();
    const fresh = await counted(() => get(results(factory), factory.cookie));
    expect(fresh).toMatchObject({ hits: 0, stores: 1 });
    expect(lazyHandoff.encodingsStarted()).toBe(before + 1);
    // The hydration data is in the document, as before: the encoder ran when React read it.
    expect(fresh.value.html).toContain("window.__remixContext.streamController.enqueue(");
    expect(fresh.value.html).toContain(factory.assessmentId);
    const hit = await counted(() => get(results(factory), factory.cookie));
    expect(hit).toMatchObject({ hits: 1, stores: 0 });
    expect(lazyHandoff.encodingsStarted()).toBe(before + 1);
    expect(withoutNonce(hit.value)).toBe(withoutNonce(fresh.value));
  });

  it("a hit is sent gzipped when the client takes gzip, and decompresses to the fresh render with this request's nonce", async () => {
    const factory = await submittedFactory("压缩机械");
    const raw = (encoding: string) => fetch(app.origin + results(factory), { headers: { Cookie: factory.cookie, "Accept-Encoding": encoding } });
    const fresh = await get(results(factory), factory.cookie);
    for (const encoding of ["gzip", "br;q=1, gzip;q=0.5"]) {
      const response = await counted(() => raw(encoding));
      expect(response).toMatchObject({ hits: 1, stores: 0 });
      expect(response.value.headers.get("Content-Encoding")).toBe("gzip");
      expect(response.value.headers.get("Vary")).toMatch(/Accept-Encoding/);
      const nonce = /'nonce-([^']+)'/.exec(response.value.headers.get("Content-Security-Policy") ?? "")?.[1] ?? "";
      // fetch decompresses (and gunzip checks the CRC and length).
      const html = await response.value.text();
      expect(html.replaceAll(nonce, "NONCE")).toBe(withoutNonce(fresh));
      expect(html).toContain(`nonce="${nonce}"`);
    }
    const plain = await counted(() => raw("identity"));
    expect(plain).toMatchObject({ hits: 1, stores: 0 });
    expect(plain.value.headers.get("Content-Encoding")).toBeNull();
    expect(await plain.value.text()).toContain("压缩机械");
  });

  it("a fresh render is gzipped once: sent from the memo's compressed copy, not compressed again on the way out", async () => {
    const factory = await submittedFactory("一次压缩机械");
    // Raw bytes (fetch would decompress): the memo's gzip members carry OS byte 255, zlib's own 3.
    const rawGet = (encoding: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(app.origin + results(factory), { headers: { Cookie: factory.cookie, "Accept-Encoding": encoding } }, (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
          })
          .on("error", reject);
      });
    const fresh = await counted(() => rawGet("gzip"));
    expect(fresh).toMatchObject({ hits: 0, stores: 1 });
    expect(fresh.value.headers["content-encoding"]).toBe("gzip");
    expect(fresh.value.body[9]).toBe(0xff);
    const nonce = /'nonce-([^']+)'/.exec(String(fresh.value.headers["content-security-policy"]))?.[1] ?? "";
    const html = zlib.gunzipSync(fresh.value.body).toString("utf8");
    expect(html).toContain(`nonce="${nonce}"`);
    const hit = await get(results(factory), factory.cookie);
    expect(html.replaceAll(nonce, "NONCE")).toBe(withoutNonce(hit));
    // A client that does not take gzip gets the plain page, stored all the same.
    memo.clear();
    const plain = await counted(() => rawGet("identity"));
    expect(plain).toMatchObject({ stores: 1 });
    expect(plain.value.headers["content-encoding"]).toBeUndefined();
    expect(plain.value.body.toString("utf8")).toContain("一次压缩机械");
  });

  it("two organisations, two roles and two locales each get their own page", async () => {
    const a = await submittedFactory("甲方机械");
    const b = await submittedFactory("乙方机械");
    const viewer = await createTestUser({ displayName: "只读访客" });
    await addMember(a.orgId, viewer.id, "VIEWER");
    const viewerCookie = await cookieFor(viewer.id);
    const english = await createTestUser({ displayName: "English Reader", locale: "en" });
    await addMember(a.orgId, english.id, "OWNER");
    const englishCookie = await cookieFor(english.id);

    // Warm the memo for everyone, then ask again: each request is served its own entry.
    for (let round = 0; round < 2; round++) {
      const pages = await counted(async () => ({
        a: await get(results(a), a.cookie),
        b: await get(results(b), b.cookie),
        viewer: await get(results(a), viewerCookie),
        english: await get(results(a), englishCookie),
        // B's owner on A's URL: the guard answers 404 before any page exists.
        intruder: await get(results(a), b.cookie),
      }));
      expect(pages.value.intruder.status).toBe(404);
      expect(pages.value.intruder.html).not.toContain("甲方机械");
      expect(round === 0 ? pages.stores : pages.hits).toBe(4);
      const { a: pageA, b: pageB, viewer: pageViewer, english: pageEnglish } = pages.value;
      expect(pageA.html).toContain("甲方机械");
      expect(pageA.html).not.toContain("乙方机械");
      expect(pageB.html).toContain("乙方机械");
      expect(pageB.html).not.toContain("甲方机械");
      expect(pageViewer.html).toContain("只读访客");
      expect(pageA.html).not.toContain("只读访客");
      expect(pageA.html).toContain('lang="zh-CN"');
      expect(pageEnglish.html).toContain('lang="en"');
      expect(pageEnglish.html).toContain("English Reader");
      expect(pageEnglish.html).toContain(translator("en")("assessment.results.print"));
    }
  });

  it("a profile change and a locale change render anew", async () => {
    const factory = await submittedFactory("旧名机械");
    await get(results(factory), factory.cookie);
    expect((await counted(() => get(results(factory), factory.cookie))).hits).toBe(1);

    await saveFactoryProfile(factory.orgId, { name: "新名机械", legalName: "新名机械股份有限公司", creditCode: uniqueCreditCode(), industryCode: "34", regionCode: "310115", employees: 500, revenueWan: 30000 });
    const renamed = await counted(() => get(results(factory), factory.cookie));
    expect(renamed).toMatchObject({ hits: 0, stores: 1 });
    expect(renamed.value.html).toContain("新名机械");

    await prisma.user.update({ where: { id: factory.owner.id }, data: { locale: "en" } });
    const english = await counted(() => get(results(factory), factory.cookie));
    expect(english).toMatchObject({ hits: 0, stores: 1 });
    expect(english.value.html).toContain('lang="en"');
  });

  it("benchmark: the same peer data after the TTL is a hit; new peers after the TTL render anew", async () => {
    const factory = await submittedFactory("对标机械");
    const path = `/o/${factory.orgId}/assessments/${factory.assessmentId}/benchmark`;
    const first = await get(path, factory.cookie);
    expect(first.status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + PEER_TTL_MS + 1_000 });
    const unchanged = await counted(() => get(path, factory.cookie));
    expect(unchanged).toMatchObject({ hits: 1, stores: 0 });
    vi.useRealTimers();

    // Enough new peers in the same default group (same industry and region) to be published.
    for (let i = 0; i < 5; i++) await submittedFactory(`同行机械${i}`);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 2 * PEER_TTL_MS + 2_000 });
    const grown = await counted(() => get(path, factory.cookie));
    expect(grown).toMatchObject({ hits: 0, stores: 1 });
    expect(withoutNonce(grown.value)).not.toBe(first.html.replaceAll(first.nonce, "NONCE"));
  });

  it("a page through Remix reads the session and the assessment once for all its loaders: two statements on a frozen page", async () => {
    // Remix gives every loader its own copy of the Request; the guard makes the first copy stand for
    // all of them (one load context per HTTP request), so the per-request reads are shared.
    const factory = await submittedFactory("一次读取");
    for (const path of [results(factory), `/o/${factory.orgId}/assessments/${factory.assessmentId}/report`]) {
      expect((await get(path, factory.cookie)).status).toBe(200);
      const before = hotStatementCount();
      const page = await get(path, factory.cookie);
      expect(page.status).toBe(200);
      // The session (with the header's badge) and the layout's read of the assessment; nothing else.
      expect(hotStatementCount() - before).toBe(2);
    }
  });

  it("error pages are never stored", async () => {
    const a = await submittedFactory("错误机械");
    const b = await createFactoryOwner("他方机械");
    const notFound = await counted(async () => [await get(results(a), b.cookie), await get(results(a), b.cookie)]);
    expect(notFound.value.map((page) => page.status)).toEqual([404, 404]);
    expect(notFound).toMatchObject({ hits: 0, stores: 0 });
  });
});

describe("compressed memo entries", () => {
  const nonce = "n0nce-AAAAAAAAAAAAAAAAAAAAAA";
  it("the stored gzip with any nonce put back is exactly the page with that nonce", () => {
    const big = Buffer.from("平台和工厂 ".repeat(20_000)).toString(); // > 64 kB between two nonces
    for (const html of [`<p>${nonce}</p>`, `${nonce}a${nonce}${nonce}b${nonce}`, "no nonce at all", "", `x${big}${nonce}${big}y`]) {
      const parts = splitOnNonce(Buffer.from(html), nonce);
      const compressed = gzipParts(parts);
      for (const next of ["other-nonce-BBBBBBBBBBBBBBBB", ""]) {
        const gzipped = gzipWithNonce(compressed, parts, next);
        expect(zlib.gunzipSync(gzipped).toString()).toBe(html.replaceAll(nonce, next));
        expect(zlib.gunzipSync(gzipped).equals(joinWithNonce(parts, next))).toBe(true);
      }
    }
  });

  it("gzip is sent only to clients that take it", () => {
    for (const header of ["gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8", "*", "deflate, *;q=0.1", "GZIP"]) expect(acceptsGzip(header)).toBe(true);
    for (const header of [null, "", "identity", "br", "gzip;q=0", "br, gzip;q=0.000", "*;q=0", "*, gzip;q=0", "deflate"]) expect(acceptsGzip(header)).toBe(false);
  });
});

describe("renderKey", () => {
  const base = { method: "GET", url: "http://x/o/1/whoami", status: 200, buildVersion: "v1", loaderData: { root: { a: 1 } }, actionData: null, errors: null, hasNonce: true };

  it("only a GET answered 200 without action data or errors, with plain data, has a key", () => {
    expect(renderKey(base)).toEqual(expect.any(String));
    expect(renderKey({ ...base, method: "POST" })).toBeNull();
    expect(renderKey({ ...base, status: 404 })).toBeNull();
    expect(renderKey({ ...base, actionData: { ok: true } })).toBeNull();
    expect(renderKey({ ...base, errors: { root: new Error("x") } })).toBeNull();
    expect(renderKey({ ...base, loaderData: { root: Promise.resolve(1) } })).toBeNull();
  });

  it("every input is in the key, and types JSON would conflate are told apart", () => {
    const keys = [
      base,
      { ...base, url: "http://x/o/1/whoami?x=1" },
      { ...base, buildVersion: "v2" },
      { ...base, hasNonce: false },
      { ...base, loaderData: { root: { a: 2 } } },
      { ...base, loaderData: { root: { a: 1, b: undefined } } },
      { ...base, loaderData: { root: { a: new Map([[1, 2]]) } } },
      { ...base, loaderData: { root: { a: new Set([1]) } } },
      { ...base, loaderData: { root: { a: new Date(0) } } },
      { ...base, loaderData: { root: { a: "1970-01-01T00:00:00.000Z" } } },
    ].map(renderKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(renderKey({ ...base })).toBe(keys[0]);
  });

  it("an immutable value (a frozen view's data) is frozen, hashed once, and its content is still in the key", () => {
    const report = () => ({ scores: [{ id: "device", score: 61.5 }], at: new Date(0), note: undefined });
    const shared = immutable(report());
    expect(Object.isFrozen(shared) && Object.isFrozen(shared.scores[0])).toBe(true);
    expect(() => {
      (shared.scores[0] as { score: number }).score = 99;
    }).toThrow(TypeError);

    const before = immutableDigestCount();
    const first = renderKey({ ...base, loaderData: { root: { a: 1 }, page: { report: shared } } });
    // A route may spread the cached object into its own loader data: its parts are known too.
    const spread = renderKey({ ...base, loaderData: { root: { a: 1 }, page: { ...shared, extra: 1 } } });
    const counted = immutableDigestCount() - before;
    expect(counted).toBeGreaterThan(0);
    expect(renderKey({ ...base, loaderData: { root: { a: 1 }, page: { report: shared } } })).toBe(first);
    expect(renderKey({ ...base, loaderData: { root: { a: 1 }, page: { ...shared, extra: 1 } } })).toBe(spread);
    expect(immutableDigestCount() - before).toBe(counted);

    // Equal content, another object: the same key; other content or other data around it: another key.
    expect(renderKey({ ...base, loaderData: { root: { a: 1 }, page: { report: immutable(report()) } } })).toBe(first);
    const other = immutable({ ...report(), scores: [{ id: "device", score: 61.6 }] });
    const keys = [
      first,
      renderKey({ ...base, loaderData: { root: { a: 1 }, page: { report: other } } }),
      renderKey({ ...base, loaderData: { root: { a: 2 }, page: { report: shared } } }),
      renderKey({ ...base, url: "http://x/o/2/whoami", loaderData: { root: { a: 1 }, page: { report: shared } } }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});
