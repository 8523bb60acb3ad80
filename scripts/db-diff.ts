/**
 * Writes a new migration from the difference between the migrations so far and
 * prisma/schema.prisma: `npm run db:diff -- <name>`. Uses a throw-away embedded cluster,
 * so no shadow database (broken with the pg adapter) and no dev data are involved.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../server/embedded-postgres";
import { MIGRATIONS_DIR, readMigrations } from "../server/migrate";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:diff -- <snake_case_name>");
  process.exit(2);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-diff-"));
fs.chmodSync(tmp, 0o755);
const db = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), databaseName: "diff", preferredPort: 55100, ephemeral: true });
try {
  // With the pg adapter, Prisma's "shadow database" is the main database (toolchain notes, bug 1):
  // harmless here, because the main database is this empty throw-away one.
  const hasMigrations = readMigrations().length > 0;
  const from = hasMigrations ? ["--from-migrations", MIGRATIONS_DIR] : ["--from-empty"];
  const sql = execFileSync(
    "npx",
    ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { encoding: "utf8", env: { ...process.env, DATABASE_URL: db.url } },
  );
  if (!sql.trim() || sql.includes("This is an empty migration")) {
    console.log("The schema matches the migrations: nothing to write.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  await db.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
