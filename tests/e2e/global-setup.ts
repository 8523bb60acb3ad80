/**
 * Starts a throw-away PostgreSQL and the real server (production build, demo data) on free
 * ports; the specs find it through E2E_BASE_URL / E2E_DATABASE_URL. Never the dev database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { rootDir, startServer, type RunningServer } from "../../scripts/support/server-harness";
import { startEmbeddedPostgres } from "../../server/embedded-postgres";

export default async function globalSetup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-e2e-"));
  fs.chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), databaseName: "e2e", preferredPort: 55800, ephemeral: true });
  let server: RunningServer | undefined;

  const cleanUp = async () => {
    await server?.stop();
    await db.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    server = await startServer({
      database: { url: db.url },
      seedDemo: true,
      preferredPort: 3300,
      logFile: path.join(rootDir, "test-results", "e2e-server.log"),
      // The first start seeds the demo population: give a loaded CI machine room.
      timeoutMs: 180_000,
    });
  } catch (error) {
    await cleanUp();
    throw error;
  }


  process.env.E2E_BASE_URL = `http://localhost:${server.port}`;
  process.env.E2E_DATABASE_URL = db.url;
  return cleanUp;
}

