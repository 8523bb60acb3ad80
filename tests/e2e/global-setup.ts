/**
 * Starts a throw-away PostgreSQL and the real server (production build, demo data) on free
 * ports; the specs find it through E2E_BASE_URL / E2E_DATABASE_URL. Never the dev database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { contentHash } from "../../app/domain/questionnaire/files.server";
import { loadQuestionnaire } from "../../app/domain/questionnaire/load";
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
      timeoutMs: 60_000,
    });
  } catch (error) {
    await cleanUp();
    throw error;
  }

  try {
    await publishVersion2(db.url);
  } catch (error) {
    await cleanUp();
    throw error;
  }

  process.env.E2E_BASE_URL = `http://localhost:${server.port}`;
  process.env.E2E_DATABASE_URL = db.url;
  return cleanUp;
}

/**
 * Questionnaire 2.0.0 is published by the lead when issue 10 is merged (published.lock.json); until
 * then the specs that walk it need it in the database. Inserted after start-up, so the demo data is
 * seeded as before (on the then latest version, 1.0.0) and new assessments start on 2.0.0, as they
 * will once it is published. A no-op once the server has synced a published 2.0.0 itself.
 */
async function publishVersion2(databaseUrl: string) {
  const file = path.join(rootDir, "questionnaires", "future-factory", "2.0.0.yaml");
  const questionnaire = loadQuestionnaire(fs.readFileSync(file, "utf8"), file);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "QuestionnaireVersion" (id, key, version, "contentHash", content) VALUES (gen_random_uuid(), $1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [questionnaire.key, questionnaire.version, contentHash(questionnaire), JSON.stringify(questionnaire)],
    );
  } finally {
    await client.end();
  }
}
