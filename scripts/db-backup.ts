/**
 * `npm run db:backup [-- --out <file>]`: writes one consistent backup file of the app's database
 * (default backups/ffi-<UTC timestamp>.ffibackup). Safe while the app is running.
 * Format and design: server/backup.ts, docs/decisions/0012-backup-and-restore.md.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { createBackup, defaultBackupPath } from "../server/backup";
import { openAppDatabase, ROOT_DIR } from "../server/app-database";

const log = (line: string) => console.log(`[ffi] ${line}`);

let args;
try {
  args = parseArgs({ options: { out: { type: "string", short: "o" } }, allowPositionals: false });
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: npm run db:backup [-- --out <file>]`);
  process.exit(2);
}
const out = path.resolve(args.values.out ?? defaultBackupPath(ROOT_DIR));

const database = await openAppDatabase(log);
try {
  log(`Backing up ${database.description}`);
  const header = await createBackup(database.url, out);
  const rows = header.tables.reduce((sum, table) => sum + table.rows, 0);
  log(`Wrote ${path.relative(process.cwd(), out) || out}: ${header.tables.length} tables, ${rows} rows, ${header.migrations.length} migrations, PostgreSQL ${header.postgresVersion}`);
} catch (error) {
  console.error(`[ffi] Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
