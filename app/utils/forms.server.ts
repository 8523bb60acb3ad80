import { data } from "@remix-run/node";
import type { z } from "zod";
import { isStorableText } from "~/domain/text";
import { bodyLimitFor, formatLimit } from "~/utils/body-limits";
import { takeReadBody } from "~/utils/direct-answer.server";
import { isMessageKey, type Translate } from "~/utils/i18n";

export type FieldErrors = Record<string, string>;
export interface FormFailure {
  fieldErrors: FieldErrors;
  formError?: string;
}

/**
 * A refused body. Thrown as a real Response (like httpError) so every action, page or resource
 * route, answers with this status and a message in the user's language instead of a 500.
 */
function bodyError(status: 400 | 413 | 415, message: string): never {
  // On 413 the rest of the body stays unread: close the connection rather than drain it.
  throw Response.json({ message }, { status, headers: status === 413 ? { Connection: "close" } : undefined });
}

function mediaType(request: Request): string {
  return (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * Reads the raw body, at most the route's limit (app/utils/body-limits.ts). A declared
 * Content-Length over the limit is refused before reading (Express already does this over HTTP);
 * a chunked body is counted while reading and abandoned as soon as it passes the limit.
 */
export async function readBody(request: Request, t: Translate): Promise<Uint8Array<ArrayBuffer>> {
  const limit = bodyLimitFor(new URL(request.url).pathname);
  const tooLarge: () => never = () => bodyError(413, t("errors.bodyTooLarge", { limit: formatLimit(limit) }));
  const unreadable: () => never = () => bodyError(400, t("errors.unreadableBody"));
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > limit) tooLarge();
  // Autosave's direct path read the body from the Node request already (ADR 0037).
  const readByServer = takeReadBody(request);
  if (readByServer !== undefined) {
    if (readByServer === "too-large") tooLarge();
    if (readByServer === "unreadable") unreadable();
    return readByServer;
  }
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));
  if (request.bodyUsed) unreadable();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      // Not cancel(): on Node that destroys the socket before the 413 can be sent.
      if (size > limit) break;
      chunks.push(value);
    }
  } catch {
    unreadable();
  } finally {
    reader.releaseLock();
  }
  if (size > limit) tooLarge();
  const body = new Uint8Array(new ArrayBuffer(size));
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The first field whose text PostgreSQL could not store (NUL, lone surrogate), if any. */
function unstorableField(entries: Iterable<[string, FormDataEntryValue]>): string | undefined {
  for (const [key, value] of entries) {
    if (typeof value === "string" && !isStorableText(value)) return key;
  }
  return undefined;
}

/**
 * The one way actions read a form: only form encodings (415 otherwise, e.g. JSON or no
 * Content-Type), within the route's size limit (413), parseable (400), and no text the
 * database cannot store (400 naming the field). Never `request.formData()` directly.
 */
export async function readForm(request: Request, t: Translate): Promise<FormData> {
  const type = mediaType(request);
  if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") bodyError(415, t("errors.unsupportedMediaType"));
  const body = await readBody(request, t);
  let formData: FormData;
  if (type === "application/x-www-form-urlencoded") {
    formData = new FormData();
    for (const [key, value] of new URLSearchParams(new TextDecoder().decode(body))) formData.append(key, value);
  } else {
    try {
      formData = await new Response(body, { headers: { "Content-Type": request.headers.get("Content-Type")! } }).formData();
    } catch {
      bodyError(400, t("errors.unreadableBody"));
    }
  }
  const field = unstorableField(formData);
  if (field !== undefined) bodyError(400, t("errors.invalidCharacters", { field }));
  return formData;
}

// One decoder for every JSON body (a new one per save was ≈ 1 % of its CPU): decode() without
// `stream` starts afresh on each call, also after a refused byte sequence.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** JSON bodies (autosave): `application/json` only (415), within the limit (413), valid UTF-8 JSON (400). */
export async function readJson(request: Request, t: Translate): Promise<unknown> {
  if (mediaType(request) !== "application/json") bodyError(415, t("errors.jsonRequired"));
  const body = await readBody(request, t);
  try {
    return JSON.parse(strictUtf8.decode(body)) as unknown;
  } catch {
    bodyError(400, t("errors.unreadableBody"));
  }
}

/** Parses a submitted form with the same zod schema the browser used; errors come back translated. */
export async function parseForm<S extends z.ZodType>(
  source: Request | FormData,
  schema: S,
  t: Translate,
): Promise<{ ok: true; data: z.output<S>; formData: FormData } | { ok: false; failure: FormFailure; formData: FormData }> {
  const formData = source instanceof FormData ? source : await readForm(source, t);
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string") values[key] = value;
  }
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, formData };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join(".") || "form";
    fieldErrors[field] ??= isMessageKey(issue.message) ? t(issue.message) : t("errors.formInvalid");
  }
  return { ok: false, failure: { fieldErrors, formError: t("errors.formInvalid") }, formData };
}

/** A 4xx answer for a form: the page renders again with the messages next to the fields. */
export function formFailure(failure: FormFailure, status: 400 | 401 | 403 | 404 | 409 | 429 = 400) {
  return data({ ok: false as const, ...failure }, { status });
}
