/**
 * The database of this checkout for command-line tools (`npm run db:backup` / `db:restore`):
 * `DATABASE_URL` if set; else the embedded PostgreSQL of `.data/postgres`, the running one if the
 * app (or a crashed run) left it up, otherwise started here the way `server/main.ts` does and
 * stopped again when the tool is done.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readEnv } from "../app/utils/env.server";
import { embeddedDatabaseUrl, runningPostmaster, startEmbeddedPostgres } from "./embedded-postgres";

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = readEnv();
const DATA_DIR = path.join(env.DATA_DIR ? path.resolve(env.DATA_DIR) : path.join(ROOT_DIR, ".data"), "postgres");
const DATABASE_NAME = "future_factory";

export interface AppDatabase {
  url: string;
  /** Where it came from, for messages. */
  description: string;
  /** Pid of the running app server that owns the embedded database, if any. */
  serverPid?: number;
  close(): Promise<void>;
}

export async function openAppDatabase(log: (line: string) => void): Promise<AppDatabase> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, description: "the database in DATABASE_URL", close: async () => {} };
  }
  const running = runningPostmaster(DATA_DIR);
  if (running) {
    return {
      url: embeddedDatabaseUrl(running.port, DATABASE_NAME),
      description: `the running embedded PostgreSQL (127.0.0.1:${running.port})`,
      serverPid: running.serverPid,
      close: async () => {},
    };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: DATA_DIR,
    databaseName: DATABASE_NAME,
    preferredPort: env.EMBEDDED_PG_PORT,
    log,
  });
  return { url: embedded.url, description: `the embedded PostgreSQL of this checkout (started for this command)`, close: () => embedded.stop() };
}
