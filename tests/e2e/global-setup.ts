/**
 * Starts a throw-away PostgreSQL and the real server (production build, demo data) on free
 * ports; the specs find it through E2E_BASE_URL / E2E_DATABASE_URL. Never the dev database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, findFreePort } from "../../server/embedded-postgres";

const rootDir = path.resolve(import.meta.dirname, "../..");

export default async function globalSetup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-e2e-"));
  fs.chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), databaseName: "e2e", preferredPort: 55800, ephemeral: true });
  const port = await findFreePort(3300);
  let server: ChildProcess | undefined;
  const logFile = path.join(rootDir, "test-results", "e2e-server.log");
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.createWriteStream(logFile);

  const cleanUp = async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await db.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    log.end();
  };

  try {
    server = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      cwd: rootDir,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        DATABASE_URL: db.url,
        SESSION_SECRET: "e2e-session-secret-0123456789-abcdefghijklmnop",
        SECURE_COOKIES: "false",
        SEED_DEMO: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start in 60 s, see ${logFile}`)), 60_000);
      const onData = (chunk: Buffer) => {
        log.write(chunk);
        if (chunk.toString().includes("is running at")) {
          clearTimeout(timer);
          resolve();
        }
      };
      server!.stdout!.on("data", onData);
      server!.stderr!.on("data", (chunk: Buffer) => log.write(chunk));
      server!.once("exit", (code) => reject(new Error(`server exited with ${code}, see ${logFile}`)));
    });
  } catch (error) {
    await cleanUp();
    throw error;
  }

  process.env.E2E_BASE_URL = `http://localhost:${port}`;
  process.env.E2E_DATABASE_URL = db.url;
  return cleanUp;
}
