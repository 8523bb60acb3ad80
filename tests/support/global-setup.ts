/**
 * One throw-away PostgreSQL cluster per test run. A `template` database is migrated and given
 * the reference data once; every test file clones it (tests/support/database.ts), which takes
 * milliseconds and isolates files from each other.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../server/embedded-postgres";
import { migrate } from "../../server/migrate";
import { prepareDatabase } from "../../server/prepare";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}

export const TEMPLATE_DATABASE = "template_ffi";

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-test-"));
  fs.chmodSync(dir, 0o755);
  let db: EmbeddedDatabase | undefined;
  try {
    db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), databaseName: TEMPLATE_DATABASE, preferredPort: 55432, ephemeral: true });
    await migrate(db.url);
    await prepareDatabase(db.url, { demo: false });
  } catch (error) {
    await db?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  project.provide("templateDatabaseUrl", db.url);
  return async () => {
    await db.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
