/**
 * The command-line wrappers of server/backup.ts (`npm run db:backup` / `db:restore`) against the
 * per-file test database (DATABASE_URL). The round trip itself is in backup-restore.test.ts.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectPrisma } from "~/utils/db.server";
import { createFactoryOwner } from "../support/assessments";

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-backup-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function rowCounts() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const result = await client.query<{ name: string; rows: number }>(
      `SELECT relname AS name, n_live_tup::int AS rows FROM pg_stat_user_tables ORDER BY relname`,
    );
    const users = await client.query<{ count: string }>(`SELECT count(*)::text AS count FROM "User"`);
    return { tables: result.rows.map((row) => row.name), users: users.rows[0]!.count };
  } finally {
    await client.end();
  }
}

describe("npm run db:backup / db:restore", () => {
  // Two tsx processes start in a few seconds; generous for slow CI.
  it("writes a backup file, and the restore refuses to replace data without --yes", { timeout: 90_000 }, async () => {
    await createFactoryOwner();
    await disconnectPrisma(); // the restore refuses while other clients are connected
    const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL };
    const tsx = path.resolve("node_modules/.bin/tsx");
    const out = path.join(dir, "cli.ffibackup");

    const backup = await run(tsx, ["scripts/db-backup.ts", "--out", out], { env });
    expect(backup.stdout).toMatch(/Wrote .*cli\.ffibackup: \d+ tables, \d+ rows/);
    expect(fs.readFileSync(out).subarray(0, 10).toString()).toBe("FFIBACKUP ");

    const before = await rowCounts();
    const refused = await run(tsx, ["scripts/db-restore.ts", out], { env }).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toMatch(/already holds data that the restore would replace: .*User \(\d+\).*--yes/);
    expect(await rowCounts()).toEqual(before);
  });
});
