/**
 * Writes a new migration from the difference between the committed schema (git HEAD) and the
 * working copy of prisma/schema.prisma: `npm run db:diff -- <name>`, then commit both together.
 * The Prisma CLI with the pg adapter still wants a database to talk to, so a throw-away embedded
 * cluster is started; no shadow database (broken with the adapter) and no dev data are involved.
 * (`--from-migrations` would be more thorough but trips over adapter-pg's "char" introspection bug.)
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
  const hasMigrations = readMigrations().length > 0;
  let from = ["--from-empty"];
  if (hasMigrations) {
    const previous = path.join(tmp, "previous.prisma");
    fs.writeFileSync(previous, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" }));
    from = ["--from-schema-datamodel", previous];
  }
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
