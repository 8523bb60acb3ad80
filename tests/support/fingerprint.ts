/**
 * A cheap fingerprint of what users can change: row counts of every table plus the newest
 * `updatedAt` and the assessments' revisions. Equal fingerprints before and after a refused
 * request mean it stored nothing. Session and LoginAttempt are left out on purpose: reading a
 * session touches it, and a refused login attempt is recorded by design (rate limiting).
 */
import { prisma } from "~/utils/db.server";

const SKIP = new Set(["Session", "LoginAttempt", "_prisma_migrations"]);
let query: string | undefined;

async function buildQuery(): Promise<string> {
  const columns = await prisma.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name IN ('id', 'updatedAt', 'revision')`;
  const tables = new Map<string, Set<string>>();
  for (const { table_name, column_name } of columns) {
    if (SKIP.has(table_name)) continue;
    if (!tables.has(table_name)) tables.set(table_name, new Set());
    tables.get(table_name)!.add(column_name);
  }
  const parts = [...tables.keys()].sort().map((table) => {
    const has = tables.get(table)!;
    const extra = [has.has("updatedAt") ? `max("updatedAt")::text` : `''`, has.has("revision") ? `sum(revision)::text` : `''`];
    return `SELECT '${table}' || ':' || count(*) || ':' || coalesce(${extra[0]}, '') || ':' || coalesce(${extra[1]}, '') AS part FROM "${table}"`;
  });
  return `SELECT string_agg(part, '|' ORDER BY part) AS fingerprint FROM (${parts.join(" UNION ALL ")}) parts`;
}

export async function databaseFingerprint(): Promise<string> {
  query ??= await buildQuery();
  const [row] = await prisma.$queryRawUnsafe<{ fingerprint: string }[]>(query);
  return row!.fingerprint;
}
