/**
 * Calls route loaders/actions the way Remix does, with a real Request, and turns whatever they
 * return or throw (Response, redirect, `data()`) into { status, data, headers }.
 */
import crypto from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { hashPassword } from "~/models/password.server";
import { prisma } from "~/utils/db.server";
import { createSession } from "~/utils/session.server";

type Handler = (args: LoaderFunctionArgs) => Promise<unknown>;

export interface RouteResult {
  status: number;
  data: unknown;
  headers: Headers;
}

function isDataWithInit(value: unknown): value is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

async function normalise(value: unknown): Promise<RouteResult> {
  if (value instanceof Response) {
    const text = await value.text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      /* plain text body */
    }
    return { status: value.status, data, headers: value.headers };
  }
  if (isDataWithInit(value)) return { status: value.init?.status ?? 200, data: value.data, headers: new Headers(value.init?.headers) };
  return { status: 200, data: value, headers: new Headers() };
}

export async function call(
  handler: Handler | undefined,
  options: {
    path: string;
    params?: Record<string, string>;
    form?: Record<string, string>;
    /** A raw POST body instead of `form` (set Content-Type yourself in `headers`, or leave it out on purpose). */
    body?: BodyInit;
    cookie?: string;
    headers?: Record<string, string>;
  },
): Promise<RouteResult> {
  if (!handler) throw new Error("route has no such handler");
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("Cookie", options.cookie);
  headers.set("x-ffi-client-ip", headers.get("x-ffi-client-ip") ?? "127.0.0.1");
  const init: RequestInit & { duplex?: "half" } = { method: options.form || options.body !== undefined ? "POST" : "GET", headers };
  if (options.form) init.body = new URLSearchParams(options.form);
  if (options.body !== undefined) {
    init.body = options.body;
    if (options.body instanceof ReadableStream) init.duplex = "half";
  }
  const request = new Request(`http://localhost${options.path}`, init);
  try {
    return await normalise(await handler({ request, params: options.params ?? {}, context: {} }));
  } catch (thrown) {
    return normalise(thrown);
  }
}

export const TEST_PASSWORD = "correct-horse-battery";

let cachedHash: string | undefined;

export async function createTestUser(overrides: { email?: string; displayName?: string; locale?: "zh_CN" | "en" } = {}) {
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  return prisma.user.create({
    data: {
      email: overrides.email ?? `user-${crypto.randomUUID()}@example.com`,
      displayName: overrides.displayName ?? "测试用户",
      passwordHash: cachedHash,
      locale: overrides.locale ?? "zh_CN",
    },
  });
}

export async function createTestOrganization(
  ownerId: string,
  kind: "FACTORY" | "CONSULTANCY" | "AUTHORITY" = "FACTORY",
  name = "测试工厂",
) {
  return prisma.organization.create({ data: { kind, name, memberships: { create: { userId: ownerId, role: "OWNER" } } } });
}

export async function addMember(organizationId: string, userId: string, role: "OWNER" | "EDITOR" | "VIEWER") {
  return prisma.membership.create({ data: { organizationId, userId, role } });
}

/** A signed session cookie for the user, as the browser would send it back. */
export async function cookieFor(userId: string): Promise<string> {
  const setCookie = await createSession(new Request("http://localhost/"), userId);
  return setCookie.split(";")[0]!;
}
