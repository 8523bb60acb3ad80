/**
 * Recognises "the database cannot be reached right now" among errors from pg, @prisma/adapter-pg
 * and Prisma, so the guard can answer 503 + Retry-After instead of 500 (ADR 0010). Pure: no
 * imports, unit-tested with the shapes these libraries really throw.
 */

/** Seconds a client should wait before retrying; the embedded supervisor restarts within a few. */
export const RETRY_AFTER_SECONDS = 5;

// Socket errors (pg), SQLSTATE class 08 (connection exception) and 57P01–57P03 (server shutting
// down, crashed, starting up / in recovery), Prisma P1001 (can't reach), P1002 (timed out), P1017 (closed).
const CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "P1001",
  "P1002",
  "P1017",
]);
// @prisma/adapter-pg's DriverAdapterError cause kinds.
const KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
// pg throws these without a code.
const MESSAGES =
  /Connection terminated|Client has encountered a connection error|Connection closed|timeout exceeded when trying to connect|DatabaseNotReachable|Can't reach database server|Server has closed the connection|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|terminating connection due to (administrator command|unexpected postmaster exit|crash of another server process)/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const current = queue.shift();
    if (typeof current !== "object" || current === null || seen.has(current) || current instanceof Response) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    for (const key of ["code", "errorCode", "originalCode"]) {
      if (typeof record[key] === "string" && CODES.has(record[key])) return true;
    }
    if (typeof record.kind === "string" && KINDS.has(record.kind)) return true;
    if (typeof record.message === "string" && MESSAGES.test(record.message)) return true;
    // Error.cause, Prisma's meta.driverAdapterError, AggregateError.errors (pg's dual-stack connect).
    queue.push(record.cause, record.meta, record.driverAdapterError);
    if (Array.isArray(record.errors)) queue.push(...(record.errors as unknown[]));
  }
  return false;
}
