import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./db-unavailable";

const withProps = (message: string, props: Record<string, unknown>) => Object.assign(new Error(message), props);

describe("isDatabaseUnavailable", () => {
  it.each([
    ["pg: connection refused", withProps("connect ECONNREFUSED 127.0.0.1:5432", { code: "ECONNREFUSED", syscall: "connect", errno: -111 })],
    ["pg: dual-stack connect", new AggregateError([withProps("connect ECONNREFUSED ::1:5432", { code: "ECONNREFUSED" })], "")],
    ["pg: socket closed mid-query", new Error("Connection terminated unexpectedly")],
    ["pg: pool connect timeout", new Error("timeout exceeded when trying to connect")],
    ["postgres: admin shutdown 57P01", withProps("terminating connection due to administrator command", { code: "57P01", severity: "FATAL" })],
    ["postgres: starting up 57P03", withProps("the database system is starting up", { code: "57P03" })],
    ["postgres: connection failure 08006", withProps("connection failure", { code: "08006" })],
    ["Prisma P1001", withProps("Can't reach database server at 127.0.0.1:5432", { code: "P1001" })],
    ["Prisma P1017", withProps("Server has closed the connection.", { code: "P1017" })],
    ["Prisma initialization error", withProps("x", { errorCode: "P1001" })],
    ["adapter-pg DriverAdapterError", withProps("DatabaseNotReachable", { cause: { kind: "DatabaseNotReachable", host: "127.0.0.1" } })],
    ["Prisma meta.driverAdapterError", withProps("x", { code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", originalCode: "57P01" } } } })],
    ["wrapped in cause", new Error("loading the page failed", { cause: new Error("Connection terminated unexpectedly") })],
  ])("recognises %s", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", withProps("Unique constraint failed", { code: "P2002" })],
    ["a bad NUL byte 22P05", withProps("unsupported Unicode escape sequence", { code: "22P05" })],
    ["a plain bug", new TypeError("cannot read properties of undefined")],
    ["a thrown Response", new Response("no", { status: 404 })],
    ["null", null],
    ["a string", "Connection terminated"],
    ["a cycle", (() => { const a: Record<string, unknown> = { message: "x" }; a.cause = a; return a; })()],
  ])("leaves %s alone", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
