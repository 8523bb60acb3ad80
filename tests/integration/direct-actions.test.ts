/**
 * Autosave answered without Remix's router (server/direct-actions.ts, ADR 0030), through the real
 * HTTP stack against a real PostgreSQL: every outcome — saved, stale, refused, not a member, a viewer,
 * signed out, cross-site — is answered exactly as the same request answered through Remix (an app
 * with the direct path off), and the draft changes only when it should.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMITS, formatLimit } from "~/utils/body-limits";
import { prisma } from "~/utils/db.server";
import { translator } from "~/utils/i18n";
import { directActionStats } from "../../server/direct-actions";
import { createFactoryOwner, startTestDraft } from "../support/assessments";
import { startRemixApp, type RunningApp } from "../support/remix-app";
import { addMember, cookieFor, createTestUser } from "../support/routes";

let direct: RunningApp;
let viaRemix: RunningApp;
const wanted = (id: string) => id === "routes/o.$orgId.assessments.$assessmentId.answers";
beforeAll(async () => {
  direct = await startRemixApp(wanted);
  viaRemix = await startRemixApp(wanted, "test-build", { directActions: false });
});
afterAll(async () => {
  await direct.close();
  await viaRemix.close();
});

const QUESTION = "device.connectivity.data-acquisition";

interface Answer {
  status: number;
  location: string | null;
  contentType: string | null;
  body: unknown;
}

async function post(app: RunningApp, path: string, options: { cookie?: string; body: string; origin?: string }): Promise<Answer & { viaDirect: boolean }> {
  const before = directActionStats.answered;
  const response = await fetch(app.origin + path, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/json", Origin: options.origin ?? app.origin, ...(options.cookie ? { Cookie: options.cookie } : {}) },
    body: options.body,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: compared as text
  }
  return { status: response.status, location: response.headers.get("Location"), contentType: response.headers.get("Content-Type"), body, viaDirect: directActionStats.answered > before };
}

/** The same request through both apps, on two drafts in the same state: the answers must be equal. */
async function both(paths: [string, string], options: { cookie?: string; body: string; origin?: string }) {
  const fast = await post(direct, paths[0], options);
  const slow = await post(viaRemix, paths[1], options);
  const { viaDirect, ...answer } = fast;
  expect(slow.viaDirect).toBe(false);
  // The two drafts differ only in their ids and save times.
  const draftId = (path: string) => path.split("/")[4]!;
  const normalise = (a: Answer, path: string) =>
    JSON.parse(JSON.stringify(a).replaceAll(draftId(path), "DRAFT").replace(/"(savedAt|updatedAt)":"[^"]*"/g, '"$1":"T"')) as Answer;
  expect(normalise(answer, paths[0])).toEqual(normalise({ ...slow, viaDirect: undefined } as unknown as Answer, paths[1]));
  return { ...answer, viaDirect };
}

describe("autosave without Remix's router", { timeout: 60_000 }, () => {
  it("saves, reports a stale revision and refuses bad patches exactly as through Remix", async () => {
    const factory = await createFactoryOwner("直连保存厂");
    const orgId = factory.organization.id;
    const drafts = [await startTestDraft(orgId, factory.owner.id, "2026"), await startTestDraft(orgId, factory.owner.id, "2027")];
    const paths = drafts.map((id) => `/o/${orgId}/assessments/${id}/answers`) as [string, string];
    const t = translator("zh-CN");

    const saved = await both(paths, { cookie: factory.cookie, body: JSON.stringify({ revision: 0, changes: { [QUESTION]: { value: 2 } } }) });
    expect(saved).toMatchObject({ status: 200, viaDirect: true, body: { reason: "saved", revision: 1 } });
    const stale = await both(paths, { cookie: factory.cookie, body: JSON.stringify({ revision: 0, changes: { [QUESTION]: { value: 3 } } }) });
    expect(stale).toMatchObject({ status: 409, viaDirect: true, body: { reason: "stale", revision: 1, message: t("assessment.errors.stale") } });
    const unknown = await both(paths, { cookie: factory.cookie, body: JSON.stringify({ revision: 1, changes: { "no.such.question": { value: 1 } } }) });
    expect(unknown).toMatchObject({ status: 400, viaDirect: true, body: { reason: "invalid" } });
    const notJson = await both(paths, { cookie: factory.cookie, body: "{not json" });
    expect(notJson).toMatchObject({ status: 400, viaDirect: true });

    for (const id of drafts) {
      expect(await prisma.assessment.findUniqueOrThrow({ where: { id } })).toMatchObject({ revision: 1, answers: { [QUESTION]: { value: 2 } } });
    }
  });

  it("the guard decides as through Remix: another organisation 404, a viewer 403, signed out to /login, cross-site refused", async () => {
    const factory = await createFactoryOwner("直连守卫厂");
    const orgId = factory.organization.id;
    const drafts = [await startTestDraft(orgId, factory.owner.id, "2026"), await startTestDraft(orgId, factory.owner.id, "2027")];
    const paths = drafts.map((id) => `/o/${orgId}/assessments/${id}/answers`) as [string, string];
    const body = JSON.stringify({ revision: 0, changes: { [QUESTION]: { value: 4 } } });
    const t = translator("zh-CN");

    const stranger = await createFactoryOwner("别家工厂");
    expect(await both(paths, { cookie: stranger.cookie, body })).toMatchObject({ status: 404, viaDirect: true, body: { message: t("errors.notFoundText") } });
    const viewer = await createTestUser();
    await addMember(orgId, viewer.id, "VIEWER");
    expect(await both(paths, { cookie: await cookieFor(viewer.id), body })).toMatchObject({ status: 403, viaDirect: true, body: { message: t("errors.forbiddenText") } });
    const signedOut = await both(paths, { body });
    expect(signedOut).toMatchObject({ status: 302, viaDirect: true });
    expect(signedOut.location).toMatch(/^\/login\?redirectTo=/);
    // Refused by the origin check before any route: neither path reaches the action.
    expect(await both(paths, { cookie: factory.cookie, body, origin: "https://evil.example" })).toMatchObject({ status: 403, viaDirect: false });

    for (const id of drafts) expect(await prisma.assessment.findUniqueOrThrow({ where: { id } })).toMatchObject({ revision: 0 });
  });

  it("answers with the security headers a JSON answer needs, a policy that allows nothing and no per-request nonce", async () => {
    const factory = await createFactoryOwner("直连头部厂");
    const draft = await startTestDraft(factory.organization.id, factory.owner.id, "2026");
    const before = directActionStats.answered;
    const response = await fetch(`${direct.origin}/o/${factory.organization.id}/assessments/${draft}/answers`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: direct.origin, Cookie: factory.cookie, "Accept-Encoding": "gzip" },
      body: JSON.stringify({ revision: 0, changes: { [QUESTION]: { value: 1 } } }),
    });
    expect(await response.json()).toMatchObject({ reason: "saved", revision: 1 });
    expect(directActionStats.answered).toBe(before + 1);
    const csp = response.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("nonce-");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("X-Frame-Options")).toBe("SAMEORIGIN");
    expect(response.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
  });

  it("reads a JSON body straight from the Node request, and refuses a wrong type, bad UTF-8 and a chunked body over the limit as through Remix", async () => {
    const factory = await createFactoryOwner("直读正文厂");
    const orgId = factory.organization.id;
    const drafts = [await startTestDraft(orgId, factory.owner.id, "2026"), await startTestDraft(orgId, factory.owner.id, "2027")];
    const paths = drafts.map((id) => `/o/${orgId}/assessments/${id}/answers`) as [string, string];
    const t = translator("zh-CN");

    const readBefore = directActionStats.bodiesReadDirectly;
    const writtenBefore = directActionStats.answersWrittenFromText;
    const saved = await both(paths, { cookie: factory.cookie, body: JSON.stringify({ revision: 0, changes: { [QUESTION]: { value: 5 } } }) });
    expect(saved).toMatchObject({ status: 200, viaDirect: true, body: { reason: "saved", revision: 1 } });
    // Neither the save's body nor its answer went through a web stream (ADR 0037), and `both` proved
    // the answer is the same as through Remix (status, Content-Type, body).
    expect(directActionStats.bodiesReadDirectly).toBe(readBefore + 1);
    expect(directActionStats.answersWrittenFromText).toBe(writtenBefore + 1);
    const stale = await both(paths, { cookie: factory.cookie, body: JSON.stringify({ revision: 0, changes: { [QUESTION]: { value: 1 } } }) });
    expect(stale).toMatchObject({ status: 409, viaDirect: true, body: { reason: "stale", revision: 1, answers: { [QUESTION]: { value: 5 } } } });
    expect(directActionStats.answersWrittenFromText).toBe(writtenBefore + 2);

    const badUtf8 = await bothRaw(paths, { cookie: factory.cookie, contentType: "application/json", chunks: [Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])] });
    expect(badUtf8).toMatchObject({ status: 400, viaDirect: true, body: { message: t("errors.unreadableBody") } });
    // The next body decodes as if nothing had been refused before it.
    const after = await both(paths, { cookie: factory.cookie, body: JSON.stringify({ revision: 1, changes: { [QUESTION]: { value: 0, note: "设备联网 ✓" } } }) });
    expect(after).toMatchObject({ status: 200, viaDirect: true, body: { reason: "saved", revision: 2 } });
    const wrongType = await bothRaw(paths, { cookie: factory.cookie, contentType: "text/plain", chunks: [Buffer.from(JSON.stringify({ revision: 2, changes: { [QUESTION]: { value: 1 } } }))] });
    expect(wrongType).toMatchObject({ status: 415, viaDirect: true, body: { message: t("errors.jsonRequired") } });
    // Chunked (no Content-Length), so only the app can count it: 413 and the connection closed.
    const tooLarge = await bothRaw(paths, { cookie: factory.cookie, contentType: "application/json", chunks: Array.from({ length: BODY_LIMITS.answers / 65_536 + 4 }, () => Buffer.alloc(65_536, 0x20)) });
    expect(tooLarge).toMatchObject({ status: 413, viaDirect: true, connection: "close", body: { message: t("errors.bodyTooLarge", { limit: formatLimit(BODY_LIMITS.answers) }) } });

    for (const id of drafts) expect(await prisma.assessment.findUniqueOrThrow({ where: { id } })).toMatchObject({ revision: 2, answers: { [QUESTION]: { value: 0, note: "设备联网 ✓" } } });
  });
});

/** A POST over node:http, the body sent chunked; stops sending once the answer has come. */
async function postRaw(app: RunningApp, path: string, options: { cookie: string; contentType: string; chunks: Buffer[] }) {
  const before = directActionStats.answered;
  const { status, connection, text } = await new Promise<{ status: number; connection: string | undefined; text: string }>((resolve, reject) => {
    let answered = false;
    const request = http.request(app.origin + path, { method: "POST", headers: { "Content-Type": options.contentType, Origin: app.origin, Cookie: options.cookie, "Transfer-Encoding": "chunked" } }, (response) => {
      answered = true;
      let text = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, text }));
    });
    // The server may close while the rest is still being sent (413): that is the point, not a failure.
    request.on("error", (error) => (answered ? undefined : reject(error)));
    void (async () => {
      for (const chunk of options.chunks) {
        if (answered || request.destroyed) return;
        if (!request.write(chunk)) await new Promise((done) => request.once("drain", done).once("close", done));
      }
      request.end();
    })();
  });
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: compared as text
  }
  return { status, connection, body, viaDirect: directActionStats.answered > before };
}

async function bothRaw(paths: [string, string], options: { cookie: string; contentType: string; chunks: Buffer[] }) {
  const fast = await postRaw(direct, paths[0], options);
  const slow = await postRaw(viaRemix, paths[1], options);
  expect(slow.viaDirect).toBe(false);
  expect({ ...fast, viaDirect: undefined }).toEqual({ ...slow, viaDirect: undefined });
  return fast;
}
