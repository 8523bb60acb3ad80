import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Prisma, PrismaClient } from "~/generated/prisma/client";
import { databaseReadUrl, databaseUrl } from "~/utils/env.server";

// One client per process, created on first use (DATABASE_URL is only known once the embedded
// database has started); kept on globalThis so dev rebuilds do not open new pools.
const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient; __prismaRead?: PrismaClient; __hotPool?: pg.Pool };

export function createPrismaClient(connectionString: string) {
  // A connection attempt that hangs (database restarting, network gone) fails after 5 s, so the
  // guard can answer 503 instead of holding the request; pg-pool drops clients whose connection died.
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 20, connectionTimeoutMillis: 5_000 }) });
}

export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    if (!globalForPrisma.__prisma) {
      const url = databaseUrl();
      if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`.");
      globalForPrisma.__prisma = createPrismaClient(url);
    }
    const client = globalForPrisma.__prisma;
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/**
 * The client for analytics reads (aggregates, benchmarks, exports): the read replica when
 * DATABASE_READ_URL is set, else the primary. Never write through it. A replica lags the primary by
 * its replication delay (milliseconds here); aggregates are allowed to (docs/scaling.md).
 */
export function analyticsDb(): PrismaClient {
  const url = databaseReadUrl();
  if (!url) return prisma;
  globalForPrisma.__prismaRead ??= createPrismaClient(url);
  return globalForPrisma.__prismaRead;
}

export async function disconnectPrisma() {
  await globalForPrisma.__prisma?.$disconnect();
  await globalForPrisma.__prismaRead?.$disconnect();
  await globalForPrisma.__hotPool?.end();
  globalForPrisma.__prisma = undefined;
  globalForPrisma.__prismaRead = undefined;
  globalForPrisma.__hotPool = undefined;
}

// What the hot path reads back, typed as Prisma's raw queries type it (ADR 0030): Prisma's
// DateTime columns are `timestamp(3)` without time zone holding UTC, which pg would read as local
// time; bigint (count(*)) is a bigint, not a string. Everything else: pg's defaults (json parsed,
// enums and uuids as text).
const TIMESTAMP = 1114;
const INT8 = 20;
const hotTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (format !== "binary") {
      if (oid === TIMESTAMP) return (value: string) => (/^\d{4}-/.test(value) ? new Date(`${value.replace(" ", "T")}Z`) : value);
      if (oid === INT8) return (value: string) => BigInt(value);
    }
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function hotPool(): pg.Pool {
  if (!globalForPrisma.__hotPool) {
    const url = databaseUrl();
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`.");
    // Same timeout as Prisma's pool (the guard answers 503); small, since each statement is short.
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000, types: hotTypes });
    // An idle client whose connection died (database restart) is dropped by the pool; without a
    // listener its error would crash the process.
    pool.on("error", () => undefined);
    globalForPrisma.__hotPool = pool;
  }
  return globalForPrisma.__hotPool;
}

/**
 * The few statements every page or save runs (session, unread badge, frozen-view stamp, autosave),
 * on a plain `pg` pool instead of Prisma (ADR 0030): the same SQL as `prisma.$queryRaw`, without
 * Prisma's per-statement runtime and query compiler, which cost more CPU than the statement.
 * Parameters as Prisma's tagged template binds them; a Date is sent the way @prisma/adapter-pg
 * sends it (UTC wall-clock time without a zone, what the `timestamp(3)` columns hold), so a
 * statement means the same on either path.
 */
export async function hotQuery<T>(query: Prisma.Sql): Promise<T[]> {
  const values = query.values.map((value) => (value instanceof Date ? value.toISOString().slice(0, 23).replace("T", " ") : value));
  const name = preparedName(query.text);
  hotStatementsRun++;
  const result = await hotPool().query(name ? { name, text: query.text, values } : { text: query.text, values });
  return result.rows as T[];
}

// Named statements (ADR 0033): each pool connection parses a hot statement once, and after a few
// runs PostgreSQL keeps a generic plan when it is no worse, so a page's statements skip parse and
// plan. Only a bounded set of texts gets a name (each is kept by every connection until it closes).
const MAX_PREPARED = 200;
const preparedNames = new Map<string, string>();

function preparedName(text: string): string | null {
  let name = preparedNames.get(text);
  if (name === undefined) {
    if (preparedNames.size >= MAX_PREPARED) return null;
    name = `ffi_hot_${preparedNames.size}`;
    preparedNames.set(text, name);
  }
  return name;
}

let hotStatementsRun = 0;

/** How many hot statements this process has sent (for tests: what a request costs in round trips). */
export function hotStatementCount() {
  return hotStatementsRun;
}

/** `hotQuery` as a tagged template: hotSql<Row>`SELECT … WHERE id = ${id}`. */
export function hotSql<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> {
  return hotQuery<T>(Prisma.sql(strings, ...values));
}
