/**
 * `npm run db:restore -- <file> [--yes]`: replaces the app's database with a backup made by
 * `npm run db:backup`. Stop the app first. Without --yes, a database that holds data is left alone.
 * Format and design: server/backup.ts, docs/decisions/0012-backup-and-restore.md.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { BackupError, restoreBackup, verifyBackup } from "../server/backup";
import { openAppDatabase } from "../server/app-database";

const log = (line: string) => console.log(`[ffi] ${line}`);
const usage = "Usage: npm run db:restore -- <file> [--yes]";

let args;
try {
  args = parseArgs({ options: { yes: { type: "boolean", short: "y", default: false } }, allowPositionals: true });
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (args.positionals.length !== 1) {
  console.error(usage);
  process.exit(2);
}
const file = path.resolve(args.positionals[0]!);

try {
  // Check the file before touching (or starting) any database.
  const header = await verifyBackup(file);
  log(`${path.basename(file)}: made ${header.createdAt}, ${header.tables.length} tables, last migration ${header.migrations.at(-1)?.name ?? "none"}`);
} catch (error) {
  console.error(`[ffi] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const database = await openAppDatabase(log);
try {
  if (database.serverPid) {
    throw new BackupError(`The app is running (pid ${database.serverPid}) on this database. Stop it first (Ctrl-C or kill ${database.serverPid}), then restore.`);
  }
  log(`Restoring into ${database.description}`);
  const result = await restoreBackup(database.url, file, { yes: args.values.yes });
  const rows = result.header.tables.reduce((sum, table) => sum + table.rows, 0);
  log(`Restored ${result.header.tables.length} tables (${rows} rows) from ${path.basename(file)}${result.replaced.length ? `, replacing ${result.replaced.length} tables that held data` : ""}.`);
} catch (error) {
  console.error(`[ffi] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
