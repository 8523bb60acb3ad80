/**
 * `npm start`: embedded PostgreSQL (unless DATABASE_URL is set) → migrations → reference data,
 * questionnaires and demo → HTTP workers. Ctrl-C / SIGTERM stop the workers and the database.
 *
 * Rendering is CPU-bound and Node runs JavaScript on one core, so the main process forks one web
 * worker per core (WEB_CONCURRENCY, default: available cores, at most 4) sharing the port through
 * node:cluster. Sessions live in the database, so any worker can serve any request.
 */
import cluster from "node:cluster";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-postgres";
import { closeHttp, serveHttp } from "./http";
import { migrate } from "./migrate";
import { prepareDatabase } from "./prepare";
import { readEnv, resetEnvCache } from "../app/utils/env.server";

const startedAt = performance.now();
const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// React renders in production mode unless told otherwise; the build is always a production build.
process.env.NODE_ENV ??= "production";
const log = (message: string) => console.log(`[ffi] ${message}`);
// Validated once, before anything starts: a bad value stops the start with every problem listed.
const env = (() => {
  try {
    return readEnv();
  } catch (error) {
    console.error(`[ffi] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
})();
// DATA_DIR: test:chaos runs a real server on a throw-away directory, never the developer's database.
const dataDir = env.DATA_DIR ? path.resolve(env.DATA_DIR) : path.join(rootDir, ".data");
const port = env.PORT;
const workers = Math.max(1, Math.min(4, env.WEB_CONCURRENCY ?? os.availableParallelism()));

if (cluster.isWorker) {
  await runWorker();
} else {
  await runMain();
}

/** A web worker: serves HTTP until told to stop by the main process (or a terminal's Ctrl-C). */
async function runWorker() {
  try {
    const server = await serveHttp(rootDir, port);
    const stop = () => void closeHttp(server).then(() => process.exit(0));
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
    // The main process is gone (e.g. killed with -9): nothing routes connections to us any more.
    process.on("disconnect", () => process.exit(0));
  } catch (error) {
    console.error(`[ffi] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

async function runMain() {

  let embedded: EmbeddedDatabase | undefined;
  if (!env.DATABASE_URL) {
    try {
      embedded = await startEmbeddedPostgres({
        dataDir: path.join(dataDir, "postgres"),
        databaseName: "future_factory",
        preferredPort: env.EMBEDDED_PG_PORT,
        log,
        // A postmaster killed under us (kill -9, OOM killer) is restarted; requests get 503 meanwhile (ADR 0010).
        supervise: true,
      });
    } catch (error) {
      console.error(`[ffi] Could not start the embedded PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
    // The web workers inherit these; env.server.ts reads them from here on.
    process.env.DATABASE_URL = embedded.url;
    // Local mode: plain HTTP on localhost, so cookies cannot be Secure; the secret lives in .data/.
    process.env.SECURE_COOKIES ??= "false";
    process.env.SESSION_SECRET ??= localSessionSecret();
    resetEnvCache();
  }
  const databaseUrl = embedded?.url ?? env.DATABASE_URL!;

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
    const applied = await migrate(databaseUrl);
    if (applied.length) log(`Applied migrations: ${applied.join(", ")}`);
    const prepared = await prepareDatabase(databaseUrl, { demo: env.SEED_DEMO === "1" });
    if (prepared.questionnaires.length) log(`Published questionnaires synced: ${prepared.questionnaires.join(", ")}`);
    shutdownTasks.push((await import("./maintenance")).startMaintenance().stop); // pruning, main process only

    const announce = () => {
      log(`Future Factory Index is running at http://localhost:${port} (ready in ${Math.round(performance.now() - startedAt)} ms, ${workers} web worker${workers === 1 ? "" : "s"})`);
      log(embedded ? `Embedded PostgreSQL: ${embedded.url.replace(/:[^:@/]+@/, ":***@")}` : "Using the database in DATABASE_URL");
      if (prepared.demo?.seeded) {
        log(`Demo logins (password: ${prepared.demo.password}):`);
        for (const login of prepared.demo.logins) log(`  ${login.email.padEnd(40)} ${login.role.padEnd(7)} ${login.organization}`);
      } else if (prepared.demo) {
        log(`Demo data not seeded: ${prepared.demo.reason}`);
      }
    };

    if (workers === 1) {
      const server = await serveHttp(rootDir, port);
      shutdownTasks.push(() => closeHttp(server));
      announce();
    } else {
      await forkWorkers(workers, () => shuttingDown, (error) => {
        console.error(`[ffi] ${error}`);
        void shutdown("error");
      });
      shutdownTasks.push(stopWorkers);
      announce();
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await embedded?.stop();
    process.exit(1);
  }
}

/** Forks the web workers and resolves once all listen; a worker that dies later is replaced. */
function forkWorkers(count: number, isShuttingDown: () => boolean, fail: (error: string) => void) {
  return new Promise<void>((resolve) => {
    let listening = 0;
    cluster.on("listening", () => {
      listening += 1;
      if (listening === count) resolve();
    });
    cluster.on("exit", (worker, code, signal) => {
      if (isShuttingDown()) return;
      if (listening < count) {
        fail(`A web worker stopped during start-up (exit code ${code ?? signal}).`);
        return;
      }
      log(`Web worker ${worker.process.pid} stopped (${code ?? signal}); starting a new one`);
      cluster.fork();
    });
    for (let i = 0; i < count; i++) cluster.fork();
  });
}

function stopWorkers() {
  const running = Object.values(cluster.workers ?? {}).filter((worker) => worker && !worker.isDead());
  const allExited = Promise.all(
    running.map(
      (worker) =>
        new Promise<void>((resolve) => {
          worker!.once("exit", () => resolve());
          worker!.process.kill("SIGTERM");
        }),
    ),
  );
  // A worker that already exited on the terminal's Ctrl-C sends no second "exit": don't wait forever.
  return Promise.race([allExited, new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())]);
}

function localSessionSecret(): string {
  const file = path.join(dataDir, "session-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
