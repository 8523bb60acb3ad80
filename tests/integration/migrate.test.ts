import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "../../server/migrate";

// Runs against the per-file test database, in a schema of its own so the app tables stay untouched.
const schema = `m_${crypto.randomUUID().replace(/-/g, "")}`;
const url = new URL(process.env.DATABASE_URL!);
url.searchParams.set("options", `-c search_path=${schema}`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-migrations-"));

async function query<T extends pg.QueryResultRow>(sql: string) {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function writeMigration(name: string, sql: string) {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("migrator", () => {
  it("applies pending migrations in order, records them as Prisma does, and is a no-op the second time", async () => {
    await query(`CREATE SCHEMA ${schema}`);
    writeMigration("001_first", "CREATE TABLE widget (id int primary key);");
    writeMigration("002_second", "ALTER TABLE widget ADD COLUMN name text;");
    expect(await migrate(url.toString(), dir)).toEqual(["001_first", "002_second"]);
    expect(await migrate(url.toString(), dir)).toEqual([]);
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(["001_first", "002_second"]);
    const expected = crypto.createHash("sha256").update("CREATE TABLE widget (id int primary key);").digest("hex");
    expect(rows[0]!.checksum).toBe(expected);
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
  });

  it("refuses to continue when an applied migration was edited", async () => {
    writeMigration("001_first", "CREATE TABLE widget (id bigint primary key);");
    await expect(migrate(url.toString(), dir)).rejects.toThrow(/001_first was edited after it was applied/);
  });

  it("rolls a failing migration back completely and reports it", async () => {
    writeMigration("001_first", "CREATE TABLE widget (id int primary key);");
    writeMigration("003_broken", "CREATE TABLE half_done (id int); SELECT * FROM no_such_table;");
    await expect(migrate(url.toString(), dir)).rejects.toThrow(/003_broken failed/);
    const tables = await query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema}'`);
    expect(tables.map((t) => t.table_name)).not.toContain("half_done");
  });

  it("ships migrations whose names sort in the order they were written", () => {
    const names = readMigrations().map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((name) => /^\d{14}_[a-z0-9_]+$/.test(name))).toBe(true);
  });
});
