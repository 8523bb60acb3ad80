/**
 * Runs before each integration test file: clones the migrated template into a database of its
 * own and points the app's Prisma client at it. Dropped again when the file is done.
 */
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { disconnectPrisma } from "~/utils/db.server";

const templateUrl = new URL(inject("templateDatabaseUrl"));
const template = templateUrl.pathname.slice(1);
const name = `t_${crypto.randomUUID().replace(/-/g, "")}`;
const adminUrl = new URL(templateUrl);
adminUrl.pathname = "/postgres";

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

await admin(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
const testUrl = new URL(templateUrl);
testUrl.pathname = `/${name}`;
process.env.DATABASE_URL = testUrl.toString();
process.env.SESSION_SECRET = "test-session-secret-that-is-long-enough-0123456789";
process.env.SECURE_COOKIES = "false";
process.env.NODE_ENV = "test";

afterAll(async () => {
  await disconnectPrisma();
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});
