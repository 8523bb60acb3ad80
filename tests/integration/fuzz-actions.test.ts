/**
 * Hostile input to every route action (enumerated from app/routes like route-guards.test.ts)
 * and to the autosave endpoint, as a signed-in owner: random bodies, content types, header
 * values and Unicode (NUL, lone surrogates, huge strings, prototype keys). Whatever comes in,
 * the answer is 2xx/3xx/4xx, never 5xx or a thrown non-Response, and a refused request stores
 * nothing. Runs are bounded so the file takes a few seconds (size limits over real HTTP:
 * tests/e2e/limits.spec.ts).
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMITS } from "~/utils/body-limits";
import { prisma } from "~/utils/db.server";
import { databaseFingerprint } from "../support/fingerprint";
import { createFactoryWithDraft, type createFactoryOwner } from "../support/assessments";
import { call, cookieFor } from "../support/routes";

const routesDir = path.resolve(import.meta.dirname, "../../app/routes");
const routeFiles = fs
  .readdirSync(routesDir)
  .filter((file) => /\.(ts|tsx)$/.test(file) && !file.includes(".test."))
  .sort();

type Handler = NonNullable<Parameters<typeof call>[0]>;

let factory: Awaited<ReturnType<typeof createFactoryOwner>>;
let orgId: string;
let draftId: string;

beforeAll(async () => {
  ({ factory, orgId, draftId } = await createFactoryWithDraft());
});

// ---- arbitraries -------------------------------------------------------------------------------

const nasty = fc.constantFrom("\u0000", "a\u0000b", "\uD800", "\uDFFF", "🏭\uD83C", "\uFEFF", "\u202E", "%00", "%ED%A0%80", "\r\n", "'; DROP TABLE \"User\";--");
const prototypeKey = fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty");
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: nasty },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(5_000), "测".repeat(30_000), "\u0000".repeat(1_000)) },
  { weight: 1, arbitrary: fc.constantFrom("", "on", "true", "0", "-1", "1e309", "NaN", "3", "2026", "new", "OWNER", "en", "zh-CN", "FACTORY", "/", "//evil.example") },
);
const formKey = fc.oneof(
  fc.constantFrom("intent", "email", "password", "displayName", "locale", "redirectTo", "kind", "name", "period", "role", "userId", "invitationId", "revision", "answers.0.value", "answers.0.na", "answers.0.note", "answers.0.evidence", "currentPassword", "newPassword"),
  prototypeKey,
  fc.string({ unit: "binary", maxLength: 12 }),
);
const formBody = fc.dictionary(formKey, text, { maxKeys: 8 }).map((entries) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) params.append(key, value);
  return params.toString();
});
const jsonBody = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.oneof(formKey, prototypeKey), text)).map((value) => JSON.stringify(value));
const multipartBody = fc.array(fc.tuple(formKey, text), { maxLength: 4 }).map((parts) =>
  parts.map(([name, value]) => `--fz\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + (parts.length ? "--fz--\r\n" : ""),
);
const body = fc.oneof(
  formBody,
  jsonBody,
  multipartBody,
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }),
  fc.constant("a=" + "b".repeat(BODY_LIMITS.form + 10)),
);
/** Header values a client can send (HTTP forbids NUL, CR and LF in them). */
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)), maxLength: 40 });
const contentType = fc.option(
  fc.oneof(
    fc.constantFrom(
      "application/x-www-form-urlencoded",
      "application/x-www-form-urlencoded; charset=UTF-8",
      "multipart/form-data; boundary=fz",
      "multipart/form-data",
      "application/json",
      "text/plain",
      "application/xml",
      "MULTIPART/FORM-DATA; boundary=\"fz\"",
    ),
    headerValue,
  ),
  { nil: undefined },
);
const headers = fc.record(
  {
    "Accept-Language": fc.oneof(headerValue, fc.constantFrom("en", "zh-CN", "*", "en;q=abc")),
    "Content-Length": fc.oneof(headerValue, fc.constantFrom("0", "-1", "99999999999", "1e3", String(BODY_LIMITS.answers + 1))),
    Origin: fc.oneof(headerValue, fc.constantFrom("null", "http://", "foo", "http://localhost")),
    Cookie: fc.oneof(headerValue, fc.constantFrom("ffi_locale=%%%", "ffi_locale=eyJ4Ijox")),
  },
  { requiredKeys: [] },
);

// ---- the property ------------------------------------------------------------------------------

interface Outcome {
  status: number;
  thrown?: unknown;
}

async function send(handler: Handler, urlPath: string, params: Record<string, string>, request: { body: string | Uint8Array; contentType?: string; headers: Record<string, string> }): Promise<Outcome> {
  let thrown: unknown;
  // Anything thrown must be a Response (or Remix data()), never an Error that Remix would turn into 500.
  const watched: Handler = async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      if (!(error instanceof Response) && (error as { type?: unknown } | null)?.type !== "DataWithResponseInit") thrown = error;
      throw error;
    }
  };
  const requestHeaders: Record<string, string> = { ...request.headers };
  // The session cookie is added by call(); a fuzzed Cookie header would replace it, so it goes alongside.
  const cookie = `${await cookieFor(factory.owner.id)}${requestHeaders.Cookie ? `; ${requestHeaders.Cookie}` : ""}`;
  delete requestHeaders.Cookie;
  if (request.contentType !== undefined) requestHeaders["Content-Type"] = request.contentType;
  const bytes = typeof request.body === "string" ? request.body : new Uint8Array(request.body);
  // Without a Content-Type of our own, a string body would be sent as text/plain by fetch's rules; a Blob sends none.
  const result = await call(watched, { path: urlPath, params, cookie, headers: requestHeaders, body: request.contentType === undefined ? new Blob([bytes]) : bytes });
  return { status: result.status, thrown };
}

async function expectNoServerErrorAndNoChangeOnRefusal(handler: Handler, urlPath: string, params: Record<string, string>, numRuns: number) {
  await fc.assert(
    fc.asyncProperty(body, contentType, headers, async (requestBody, type, requestHeaders) => {
      const before = await databaseFingerprint();
      const outcome = await send(handler, urlPath, params, { body: requestBody, contentType: type, headers: requestHeaders });
      expect(outcome.thrown).toBeUndefined();
      expect(outcome.status).toBeGreaterThanOrEqual(200);
      expect(outcome.status).toBeLessThan(500);
      if (outcome.status >= 400) expect(await databaseFingerprint()).toBe(before);
    }),
    { numRuns, endOnFailure: true },
  );
}

const params = () => ({ orgId, assessmentId: draftId, dimensionId: "device", token: "x".repeat(43), "*": "x" });
const pathFor = (file: string) =>
  "/" +
  file
    .replace(/\.tsx?$/, "")
    .replace(/\$orgId/g, orgId)
    .replace(/\$assessmentId/g, draftId)
    .replace(/\$dimensionId/g, "device")
    .replace(/\$token/g, "x".repeat(43))
    .replace(/\[\.xlsx\]/, ".xlsx")
    .replace(/\._index$|^_index$/, "")
    .replace(/\./g, "/");

const actionFiles = await Promise.all(
  routeFiles.map(async (file) => ({ file, action: ((await import(path.join(routesDir, file))) as { action?: Handler }).action })),
).then((modules) => modules.filter((module): module is { file: string; action: Handler } => module.action !== undefined));

describe("fuzzing every route action", () => {
  it("finds the actions", () => {
    expect(actionFiles.map((module) => module.file)).toEqual(expect.arrayContaining(["login.tsx", "signup.tsx", "o.$orgId.profile.tsx", "o.$orgId.assessments.$assessmentId.answers.tsx"]));
  });

  it.each(actionFiles.map((module) => [module.file, module] as const))(
    "%s answers random bodies, types and headers with 2xx–4xx, storing nothing when it refuses",
    async (_file, module) => {
      await expectNoServerErrorAndNoChangeOnRefusal(module.action, pathFor(module.file), params(), 15);
    },
    60_000,
  );
});

describe("fuzzing the autosave endpoint with near-valid patches", () => {
  const questionIds = ["device.connectivity.data-acquisition", "device.connectivity.equipment-networked", "device.automation.line-automation"];
  const answerValue = fc.oneof(
    fc.constant(null),
    fc.jsonValue({ maxDepth: 2 }),
    fc.record(
      {
        value: fc.oneof(fc.integer({ min: -2, max: 7 }), fc.double(), fc.string({ maxLength: 3 })),
        na: fc.oneof(fc.constant(true), fc.boolean(), fc.constant("yes")),
        naReason: text,
        note: text,
        evidence: fc.array(fc.oneof(text, fc.constant("https://intranet.example.com/x")), { maxLength: 7 }),
        colour: fc.constant("red"),
      },
      { requiredKeys: [] },
    ),
  );
  // Most patches name the draft's current revision (filled in just before sending), so they get past
  // the stale-revision check and reach validation and the database.
  const CURRENT = "§current§";
  const patch = fc
    .record(
      {
        revision: fc.oneof({ weight: 4, arbitrary: fc.constant(CURRENT) }, fc.integer(), fc.double(), fc.string({ maxLength: 3 })),
        changes: fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom(...questionIds), prototypeKey, fc.string({ unit: "binary", maxLength: 30 })), answerValue, { maxKeys: 4 }), fc.jsonValue({ maxDepth: 1 })),
        extra: fc.jsonValue({ maxDepth: 1 }),
      },
      { requiredKeys: ["revision", "changes"] },
    )
    .map((value) => JSON.stringify(value));
  // JSON.stringify writes prototype keys only when they are own properties; spell them out too.
  const protoPatch = fc.constantFrom(
    '{"revision":"§current§","changes":{"__proto__":{"note":"x"}}}',
    '{"revision":"§current§","changes":{"constructor":{"value":3}}}',
    '{"revision":"§current§","__proto__":{"changes":{}},"changes":{}}',
    '{"revision":"§current§","changes":{"device.connectivity.data-acquisition":{"note":"\\u0000"}}}',
    '{"revision":"§current§","changes":{"device.connectivity.data-acquisition":{"note":"\\ud800"}}}',
  );

  it(
    "never answers 5xx and stores nothing it refuses",
    async () => {
      const handler = actionFiles.find((module) => module.file === "o.$orgId.assessments.$assessmentId.answers.tsx")!.action;
      const urlPath = `/o/${orgId}/assessments/${draftId}/answers`;
      await fc.assert(
        fc.asyncProperty(fc.oneof(patch, protoPatch), fc.option(fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain"), { nil: "application/json" }), headers, async (requestBody, type, requestHeaders) => {
          const before = await databaseFingerprint();
          const { revision } = await prisma.assessment.findUniqueOrThrow({ where: { id: draftId }, select: { revision: true } });
          const filled = requestBody.replaceAll(`"${CURRENT}"`, String(revision));
          const outcome = await send(handler, urlPath, params(), { body: filled, contentType: type, headers: requestHeaders });
          expect(outcome.thrown).toBeUndefined();
          expect(outcome.status).toBeGreaterThanOrEqual(200);
          expect(outcome.status).toBeLessThan(500);
          if (outcome.status >= 400) expect(await databaseFingerprint()).toBe(before);
        }),
        { numRuns: 100, endOnFailure: true },
      );
    },
    60_000,
  );
});
