/**
 * The one way scripts and the E2E set-up run the real server in a child process: start it on a
 * free loopback port with its own environment, wait until it answers (GET /healthz → 200), keep
 * everything it prints in a log file, and stop it (SIGTERM, then SIGKILL after 15 s).
 *
 * `startServer` runs the production server (`node --import tsx server/main.ts`; the caller runs
 * `remix build` first) against a given DATABASE_URL or in embedded mode on a throw-away data
 * directory. `spawnServer` runs any command that serves HTTP (bench:startup times `npm start`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { findFreePort } from "../../server/embedded-postgres";

export const rootDir = path.resolve(import.meta.dirname, "../..");

const STOP_GRACE_MS = 15_000;
// Long enough to ask the questions only a real server answers; a hung request is simply retried.
const PROBE_TIMEOUT_MS = 5_000;

export interface RunningServer {
  child: ChildProcess;
  pid: number;
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Everything the server printed to stdout so far. */
  output(): string;
  /** The last lines of the log file (stdout and stderr). */
  logTail(lines?: number): string;
  /** SIGTERM (or `signal`), SIGKILL after 15 s; resolves with how it ended ("SIGTERM", "code 0"). */
  stop(signal?: NodeJS.Signals): Promise<string>;
}

export interface SpawnOptions {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** The port the command will listen on (loopback). */
  port: number;
  logFile: string;
  cwd?: string;
  /** Polled until it answers 200. */
  readyPath?: string;
  pollMs?: number;
  timeoutMs?: number;
  /** Run in its own process group and signal the whole group (npm → sh → node). */
  group?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function spawnServer(options: SpawnOptions): Promise<RunningServer> {
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  // Written synchronously, so a log tail read right after a failure holds everything.
  const log = fs.openSync(options.logFile, "w");
  const child = spawn(options.command, options.args, {
    cwd: options.cwd ?? rootDir,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.group ?? false,
  });
  let stdout = "";
  let ended: string | undefined;
  child.stderr!.on("data", (chunk: Buffer) => fs.writeSync(log, chunk));
  child.stdout!.on("data", (chunk: Buffer) => {
    fs.writeSync(log, chunk);
    stdout += chunk.toString("utf8");
  });
  const exited = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => {
      ended = signal ?? `code ${code}`;
      resolve(ended);
    }),
  );
  // Close the log only once both pipes are drained (after "exit" they may still deliver data).
  child.once("close", () => fs.closeSync(log));

  const signalAll = (signal: NodeJS.Signals) => {
    try {
      if (options.group) process.kill(-child.pid!, signal);
      else child.kill(signal);
    } catch {
      // already gone
    }
  };
  const url = `http://127.0.0.1:${options.port}`;
  const server: RunningServer = {
    child,
    pid: child.pid!,
    port: options.port,
    url,
    output: () => stdout,
    logTail(lines = 30) {
      try {
        return fs.readFileSync(options.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
      } catch {
        return "(no server log)";
      }
    },
    async stop(signal = "SIGTERM") {
      if (ended !== undefined) return ended;
      signalAll(signal);
      const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), STOP_GRACE_MS).unref());
      if ((await Promise.race([exited, timeout])) === "timeout") signalAll("SIGKILL");
      return exited;
    },
  };

  const timeoutMs = options.timeoutMs ?? 90_000;
  const deadline = Date.now() + timeoutMs;
  const readyUrl = `${url}${options.readyPath ?? "/healthz"}`;
  try {
    for (;;) {
      if (ended !== undefined) throw new Error(`the server exited during start-up (${ended})`);
      if (Date.now() > deadline) throw new Error(`the server did not answer ${readyUrl} within ${timeoutMs / 1000} s`);
      const status = await fetch(readyUrl, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }).then(
        async (response) => (await response.arrayBuffer(), response.status),
        () => 0,
      );
      if (status === 200) return server;
      await sleep(options.pollMs ?? 100);
    }
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}; log ${options.logFile}:\n${server.logTail()}`, { cause: error });
  }
}

export interface ProductionServerOptions {
  /** An existing database, or embedded mode: the server starts (and supervises) its own PostgreSQL in dataDir/postgres. */
  database: { url: string } | { dataDir: string; preferredPort: number };
  /** SEED_DEMO: the demo organisations and logins. */
  seedDemo: boolean;
  logFile: string;
  /** First port tried for HTTP; the next free one is used. */
  preferredPort: number;
  /** Extra or overriding variables (e.g. WEB_CONCURRENCY). */
  env?: Record<string, string | undefined>;
  /** Node flags before the entry point (e.g. --cpu-prof). */
  nodeArgs?: string[];
  timeoutMs?: number;
}

/** The production server (NODE_ENV=production, plain HTTP on loopback, so cookies are not Secure). */
export async function startServer(options: ProductionServerOptions): Promise<RunningServer> {
  const port = await findFreePort(options.preferredPort);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    SESSION_SECRET: "harness-session-secret-0123456789-abcdefghijklmnop",
    SECURE_COOKIES: "false",
    SEED_DEMO: options.seedDemo ? "1" : "0",
    ...options.env,
  };
  if ("url" in options.database) {
    env.DATABASE_URL = options.database.url;
  } else {
    delete env.DATABASE_URL; // without it the server runs embedded: never the developer's .data
    env.DATA_DIR = options.database.dataDir;
    env.EMBEDDED_PG_PORT = String(await findFreePort(options.database.preferredPort));
  }
  return spawnServer({
    command: process.execPath,
    args: ["--import", "tsx", ...(options.nodeArgs ?? []), path.join("server", "main.ts")],
    env,
    port,
    logFile: options.logFile,
    timeoutMs: options.timeoutMs,
  });
}

/** Ctrl-C / SIGTERM during a run: `cleanUp` once (stop the server, remove temp files), then exit 130. */
export function cleanUpOnInterrupt(cleanUp: () => Promise<unknown>) {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
}
