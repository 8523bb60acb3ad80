/**
 * Issue 8, items 2 (size limits inside the app), 4 (no 500 for a wrong body) and 8 (autosave):
 * every form action reads its body through readForm(), autosave through readJson(); a wrong
 * content type, an unreadable or oversized body, or text PostgreSQL cannot store gets a 4xx with
 * a translated message and changes nothing. Over real HTTP (Express, Content-Length): tests/e2e/limits.spec.ts.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { loadQuestionnaireVersion } from "~/models/assessment.server";
import { MAX_EVIDENCE_LINKS, MAX_NOTE_LENGTH, type StoredAnswer } from "~/domain/assessment/answers";
import * as accountRoute from "~/routes/account";
import * as localeRoute from "~/routes/locale";
import * as loginRoute from "~/routes/login";
import * as answersRoute from "~/routes/o.$orgId.assessments.$assessmentId.answers";
import * as dimensionRoute from "~/routes/o.$orgId.assessments.$assessmentId.d.$dimensionId/route";
import * as listRoute from "~/routes/o.$orgId.assessments._index";
import * as membersRoute from "~/routes/o.$orgId.members";
import * as profileRoute from "~/routes/o.$orgId.profile";
import * as newOrgRoute from "~/routes/orgs.new";
import * as signupRoute from "~/routes/signup";
import { BODY_LIMITS, formatLimit } from "~/utils/body-limits";
import { prisma } from "~/utils/db.server";
import { translator } from "~/utils/i18n";
import { createFactoryWithDraft, type createFactoryOwner } from "../support/assessments";
import { databaseFingerprint } from "../support/fingerprint";
import { call } from "../support/routes";

const zh = translator("zh-CN");
const en = translator("en");

let factory: Awaited<ReturnType<typeof createFactoryOwner>>;
let orgId: string;
let draftId: string;

beforeEach(async () => {
  ({ factory, orgId, draftId } = await createFactoryWithDraft());
});

type Handler = Parameters<typeof call>[0];
interface FormAction {
  name: string;
  handler: Handler;
  path: () => string;
  params: () => Record<string, string>;
  signedIn: boolean;
  /** A body that would be accepted, so a refusal can only come from how it is sent. */
  valid: Record<string, string>;
}

const formActions: FormAction[] = [
  { name: "login", handler: loginRoute.action, path: () => "/login", params: () => ({}), signedIn: false, valid: { email: "x@example.com", password: "whatever-password" } },
  { name: "signup", handler: signupRoute.action, path: () => "/signup", params: () => ({}), signedIn: false, valid: { email: "new@example.com", displayName: "新用户", password: "long-enough-password", organizationKind: "FACTORY", organizationName: "新工厂" } },
  { name: "locale", handler: localeRoute.action, path: () => "/locale", params: () => ({}), signedIn: true, valid: { locale: "en", redirectTo: "/" } },
  { name: "account", handler: accountRoute.action, path: () => "/account", params: () => ({}), signedIn: true, valid: { intent: "details", displayName: "改名", locale: "en" } },
  { name: "new organisation", handler: newOrgRoute.action, path: () => "/orgs/new", params: () => ({}), signedIn: true, valid: { kind: "FACTORY", name: "第二工厂" } },
  { name: "profile", handler: profileRoute.action, path: () => `/o/${orgId}/profile`, params: () => ({ orgId }), signedIn: true, valid: { name: "改名工厂" } },
  { name: "members", handler: membersRoute.action, path: () => `/o/${orgId}/members`, params: () => ({ orgId }), signedIn: true, valid: { intent: "invite", email: "colleague@example.com", role: "EDITOR" } },
  { name: "start assessment", handler: listRoute.action, path: () => `/o/${orgId}/assessments`, params: () => ({ orgId }), signedIn: true, valid: { intent: "start", period: "2025" } },
  {
    name: "save dimension",
    handler: dimensionRoute.action,
    path: () => `/o/${orgId}/assessments/${draftId}/d/device`,
    params: () => ({ orgId, assessmentId: draftId, dimensionId: "device" }),
    signedIn: true,
    valid: { revision: "0", "answers.0.value": "3" },
  },
];

async function postRaw(action: FormAction, body: BodyInit | undefined, headers: Record<string, string>) {
  return call(action.handler, { path: action.path(), params: action.params(), cookie: action.signedIn ? factory.cookie : undefined, headers, body: body ?? "" });
}

describe("form actions refuse what is not a form, and change nothing", () => {
  it.each(formActions.map((action) => [action.name, action] as const))("%s: JSON → 415, no Content-Type → 415, translated", async (_name, action) => {
    const before = await databaseFingerprint();
    const json = await postRaw(action, JSON.stringify(action.valid), { "Content-Type": "application/json" });
    expect(json.status).toBe(415);
    expect(json.data).toEqual({ message: zh("errors.unsupportedMediaType") });
    const none = await postRaw(action, new Blob([new URLSearchParams(action.valid).toString()]), { "Accept-Language": "en" });
    expect(none.status).toBe(415);
    // The signed-in owner's saved language (zh-CN) wins over the browser's; anonymous visitors get Accept-Language.
    expect(none.data).toEqual({ message: (action.signedIn ? zh : en)("errors.unsupportedMediaType") });
    expect(await databaseFingerprint()).toBe(before);
  });

  it.each(formActions.map((action) => [action.name, action] as const))("%s: a NUL character in a field → 400 naming the field", async (_name, action) => {
    const before = await databaseFingerprint();
    const [field] = Object.keys(action.valid).filter((key) => key !== "revision");
    const form = { ...action.valid, [field!]: `${action.valid[field!]}\u0000` };
    const result = await call(action.handler, { path: action.path(), params: action.params(), cookie: action.signedIn ? factory.cookie : undefined, form });
    expect(result.status).toBe(400);
    expect(result.data).toEqual({ message: zh("errors.invalidCharacters", { field: field! }) });
    expect(await databaseFingerprint()).toBe(before);
  });

  it("answers a malformed multipart body with 400, not 500", async () => {
    const result = await postRaw(formActions[0]!, "--x\r\nnot a part", { "Content-Type": "multipart/form-data; boundary=x" });
    expect(result.status).toBe(400);
    expect(result.data).toEqual({ message: zh("errors.unreadableBody") });
  });
});

/** A body that counts how much of it was pulled, one KiB per chunk. */
function countingStream(totalKiB: number) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled === totalKiB) return controller.close();
      state.pulled += 1;
      controller.enqueue(new Uint8Array(1024).fill(0x61));
    },
  }, { highWaterMark: 0 });
  return { stream, state };
}

describe("size limits inside the app (chunked bodies have no Content-Length)", () => {
  it("stops reading a chunked login body at the limit and answers 413 with Connection: close", async () => {
    const { stream, state } = countingStream(1024);
    const result = await call(loginRoute.action, { path: "/login", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: stream });
    expect(result.status).toBe(413);
    expect(result.headers.get("Connection")).toBe("close");
    expect(result.data).toEqual({ message: zh("errors.bodyTooLarge", { limit: formatLimit(BODY_LIMITS.auth) }) });
    expect(state.pulled).toBeLessThanOrEqual(BODY_LIMITS.auth / 1024 + 2);
  });

  it("refuses a declared Content-Length over the limit without reading at all", async () => {
    const { stream, state } = countingStream(100);
    const result = await call(answersRoute.action, {
      path: `/o/${orgId}/assessments/${draftId}/answers`,
      params: { orgId, assessmentId: draftId },
      cookie: factory.cookie,
      headers: { "Content-Type": "application/json", "Content-Length": String(BODY_LIMITS.answers + 1) },
      body: stream,
    });
    expect(result.status).toBe(413);
    expect(state.pulled).toBe(0);
  });

  it("fits the largest legitimate autosave twice into the autosave limit, and saves it", async () => {
    // Every question of the draft's questionnaire (the latest, the largest), maximal CJK notes (3 bytes
    // each in UTF-8), maximal N/A reasons where N/A exists, and links.
    const { questionnaire: file } = await loadQuestionnaireVersion((await prisma.assessment.findUniqueOrThrow({ where: { id: draftId } })).questionnaireVersionId);
    const url = `https://evidence.example.com/${"a".repeat(500 - 31)}`;
    const changes: Record<string, StoredAnswer> = {};
    for (const question of file.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions))) {
      changes[question.id] = {
        ...(question.allowNa ? { na: true, naReason: "不".repeat(500) } : { value: question.type === "level" ? 3 : question.min }),
        note: "备".repeat(MAX_NOTE_LENGTH),
        evidence: Array.from({ length: MAX_EVIDENCE_LINKS }, () => url),
      };
    }
    const body = JSON.stringify({ revision: 0, changes });
    expect(Object.keys(changes).length).toBeGreaterThanOrEqual(50);
    expect(Buffer.byteLength(body) * 2).toBeLessThanOrEqual(BODY_LIMITS.answers);
    const result = await call(answersRoute.action, {
      path: `/o/${orgId}/assessments/${draftId}/answers`,
      params: { orgId, assessmentId: draftId },
      cookie: factory.cookie,
      headers: { "Content-Type": "application/json" },
      body,
    });
    expect(result.data).toMatchObject({ reason: "saved", revision: 1 });
  });
});

describe("autosave accepts only a strict JSON patch of known questions", () => {
  const question = "device.connectivity.data-acquisition";
  const save = (body: string, contentType = "application/json") =>
    call(answersRoute.action, { path: `/o/${orgId}/assessments/${draftId}/answers`, params: { orgId, assessmentId: draftId }, cookie: factory.cookie, headers: { "Content-Type": contentType }, body });
  const revision = async () => (await prisma.assessment.findUniqueOrThrow({ where: { id: draftId } })).revision;

  it("refuses text/plain with 415 and stores nothing", async () => {
    const before = await databaseFingerprint();
    const result = await save(JSON.stringify({ revision: 0, changes: { [question]: { value: 3 } } }), "text/plain");
    expect(result.status).toBe(415);
    expect(result.data).toEqual({ message: zh("errors.jsonRequired") });
    expect(await databaseFingerprint()).toBe(before);
  });

  it.each([
    ["__proto__", '{"revision":0,"changes":{"__proto__":{"note":"x"}}}'],
    ["constructor", '{"revision":0,"changes":{"constructor":{"note":"x"}}}'],
    ["an id of no question", '{"revision":0,"changes":{"device.no-such.question":{"note":"x"}}}'],
  ])("refuses %s as a question id with 400 naming it, without bumping the revision", async (_label, body) => {
    const before = await databaseFingerprint();
    const result = await save(body);
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ reason: "invalid" });
    expect((result.data as { questionId?: string }).questionId).toBe(Object.keys((JSON.parse(body) as { changes: object }).changes)[0]);
    expect(await revision()).toBe(0);
    expect(await databaseFingerprint()).toBe(before);
  });

  it.each([
    ["an unknown top-level key", { revision: 0, changes: {}, extra: 1 }],
    ["an unknown answer key", { revision: 0, changes: { [question]: { value: 3, colour: "red" } } }],
    ["a NUL in a note", { revision: 0, changes: { [question]: { note: "a\u0000b" } } }],
    ["a lone surrogate in a note", { revision: 0, changes: { [question]: { note: "🏭\uD83C" } } }],
    ["a NUL in an N/A reason", { revision: 0, changes: { [question]: { na: true, naReason: "\u0000" } } }],
  ])("refuses %s with 400 and stores nothing", async (_label, patch) => {
    const before = await databaseFingerprint();
    const result = await save(JSON.stringify(patch));
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ reason: "invalid" });
    expect(await databaseFingerprint()).toBe(before);
  });

  it("names the question and the reason for a note PostgreSQL cannot store", async () => {
    const result = await save(JSON.stringify({ revision: 0, changes: { [question]: { note: "\u0000" } } }));
    expect(result.data).toEqual({ reason: "invalid", questionId: question, message: zh("assessment.errors.invalidCharacters") });
  });

  it("keeps the revision for a save that changes nothing", async () => {
    const first = await save(JSON.stringify({ revision: 0, changes: { [question]: { value: 3, note: "OPC UA" } } }));
    expect(first.data).toMatchObject({ reason: "saved", revision: 1 });
    const again = await save(JSON.stringify({ revision: 1, changes: { [question]: { note: "OPC UA", value: 3 }, "device.connectivity.industrial-network": null } }));
    expect(again.status).toBe(200);
    expect(again.data).toMatchObject({ reason: "saved", revision: 1 });
    expect(await revision()).toBe(1);
  });
});
