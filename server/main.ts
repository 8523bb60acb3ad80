/**
 * `npm start`: embedded PostgreSQL (unless DATABASE_URL is set) → migrations → reference data,
 * questionnaires and demo → HTTP server. Ctrl-C / SIGTERM stop the server and the database.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createApp } from "./app";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-postgres";
import { migrate } from "./migrate";
import { prepareDatabase } from "./prepare";

const startedAt = performance.now();
const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = path.join(rootDir, ".data");

// React renders in production mode unless told otherwise; the build is always a production build.
process.env.NODE_ENV ??= "production";
const log = (message: string) => console.log(`[ffi] ${message}`);

let embedded: EmbeddedDatabase | undefined;
if (!process.env.DATABASE_URL) {
  try {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "postgres"),
      databaseName: "future_factory",
      preferredPort: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
      log,
    });
  } catch (error) {
    console.error(`[ffi] Could not start the embedded PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  process.env.DATABASE_URL = embedded.url;
  // Local mode: plain HTTP on localhost, so cookies cannot be Secure; the secret lives in .data/.
  process.env.SECURE_COOKIES ??= "false";
  process.env.SESSION_SECRET ??= localSessionSecret();
} else {
  process.env.SECURE_COOKIES ??= process.env.NODE_ENV === "production" ? "true" : "false";
}

const shutdownTasks: (() => Promise<unknown>)[] = [];
let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  log(`${signal} received, shutting down`);
  for (const task of shutdownTasks.reverse()) await task().catch((error) => console.error(error));
  await embedded?.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

try {
  const applied = await migrate(process.env.DATABASE_URL);
  if (applied.length) log(`Applied migrations: ${applied.join(", ")}`);
  const prepared = await prepareDatabase(process.env.DATABASE_URL, { demo: process.env.SEED_DEMO !== "0" });
  if (prepared.questionnaires.length) log(`Published questionnaires synced: ${prepared.questionnaires.join(", ")}`);

  const buildPath = path.join(rootDir, "build/index.js");
  if (!fs.existsSync(buildPath)) throw new Error("No build found: run `npm run build` first (npm start does this for you).");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const app = createApp(build, rootDir);
  const port = Number(process.env.PORT ?? 3000);
  const server = app.listen(port, () => {
    const url = `http://localhost:${port}`;
    log(`Future Factory Index is running at ${url} (ready in ${Math.round(performance.now() - startedAt)} ms)`);
    log(embedded ? `Embedded PostgreSQL: ${embedded.url.replace(/:[^:@/]+@/, ":***@")}` : "Using the database in DATABASE_URL");
    if (prepared.demo?.seeded) {
      log(`Demo logins (password: ${prepared.demo.password}):`);
      for (const login of prepared.demo.logins) log(`  ${login.email.padEnd(40)} ${login.role.padEnd(7)} ${login.organization}`);
    } else if (prepared.demo) {
      log(`Demo data not seeded: ${prepared.demo.reason}`);
    }
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    console.error(error.code === "EADDRINUSE" ? `[ffi] Port ${port} is in use: set PORT to another port.` : error);
    void shutdown("error");
  });
  shutdownTasks.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets would otherwise hold the process open.
        server.closeAllConnections();
      }),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await embedded?.stop();
  process.exit(1);
}

function localSessionSecret(): string {
  const file = path.join(dataDir, "session-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
