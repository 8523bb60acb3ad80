/**
 * Helpers for route-matrix.test.ts: a generic fingerprint of the whole `public` schema (to prove a
 * refused request changed nothing) and a request helper that sends form or JSON bodies.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";

let publicTables: string[] | undefined;
let fingerprintSql: string | undefined;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables of the `public` schema, from information_schema (a later migration's table is included). */
async function tablesOfPublicSchema(): Promise<string[]> {
  if (!publicTables) {
    const rows = await prisma.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`;
    if (rows.length === 0) throw new Error("no tables in the public schema");
    publicTables = rows.map((row) => row.table_name);
  }
  return publicTables;
}

/**
 * One md5 per table of the `public` schema, over all its rows in a stable order. Tables are found
 * through information_schema, so a table added by a later migration is covered without a change here.
 */
export async function databaseFingerprint(): Promise<Record<string, string>> {
  if (!fingerprintSql) {
    fingerprintSql = (await tablesOfPublicSchema())
      .map((name) => `SELECT '${name.replace(/'/g, "''")}' AS name, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS hash FROM public.${quote(name)} t`)
      .join(" UNION ALL ");
  }
  const rows = await prisma.$queryRawUnsafe<{ name: string; hash: string }[]>(fingerprintSql);
  return Object.fromEntries(rows.map((row) => [row.name, row.hash]));
}

const SNAPSHOT_SCHEMA = "matrix_snapshot";

/**
 * Copies every table of `public` into a schema of its own, so that a request that changed data can
 * be undone table by table (much cheaper than building the fixtures again).
 */
export async function snapshotDatabase(): Promise<void> {
  const tables = await tablesOfPublicSchema();
  await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${SNAPSHOT_SCHEMA} CASCADE`);
    await tx.$executeRawUnsafe(`CREATE SCHEMA ${SNAPSHOT_SCHEMA}`);
    for (const name of tables) await tx.$executeRawUnsafe(`CREATE TABLE ${SNAPSHOT_SCHEMA}.${quote(name)} AS TABLE public.${quote(name)}`);
  });
}

/** Puts the given tables back to the snapshot. Foreign-key triggers are off meanwhile, as in a restore. */
export async function restoreTables(tables: readonly string[]): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
    for (const name of tables) {
      await tx.$executeRawUnsafe(`DELETE FROM public.${quote(name)}`);
      await tx.$executeRawUnsafe(`INSERT INTO public.${quote(name)} SELECT * FROM ${SNAPSHOT_SCHEMA}.${quote(name)}`);
    }
  });
}

/** Names of the tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((name) => before[name] !== after[name]).sort();
}

export type RequestBody = { form: Record<string, string> } | { json: unknown };

export interface MatrixResult {
  status: number;
  location: string | null;
  body: string;
}

/** Calls a loader (GET) or action (POST) with a real Request; thrown Responses count as answers. */
export async function send(
  handler: (args: LoaderFunctionArgs) => Promise<unknown>,
  options: { path: string; params: Record<string, string>; cookie?: string; body?: RequestBody },
): Promise<MatrixResult> {
  const headers = new Headers({ "x-ffi-client-ip": "127.0.0.1" });
  if (options.cookie) headers.set("Cookie", options.cookie);
  const init: RequestInit = { method: options.body ? "POST" : "GET", headers };
  if (options.body && "form" in options.body) init.body = new URLSearchParams(options.body.form);
  if (options.body && "json" in options.body) {
    headers.set("Content-Type", "application/json");
    init.body = JSON.stringify(options.body.json);
  }
  const request = new Request(`http://localhost${options.path}`, init);
  let outcome: unknown;
  try {
    outcome = await handler({ request, params: options.params, context: {} });
  } catch (thrown) {
    // Anything else thrown is what Remix answers with a 500.
    if (!(thrown instanceof Response) && !isDataWithInit(thrown)) return { status: 500, location: null, body: String(thrown) };
    outcome = thrown;
  }
  if (outcome instanceof Response) return { status: outcome.status, location: outcome.headers.get("Location"), body: await outcome.text() };
  if (isDataWithInit(outcome)) {
    return { status: outcome.init?.status ?? 200, location: new Headers(outcome.init?.headers).get("Location"), body: JSON.stringify(outcome.data) };
  }
  return { status: 200, location: null, body: JSON.stringify(outcome ?? null) };
}

function isDataWithInit(value: unknown): value is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}
