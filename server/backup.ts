/**
 * Backup and restore of the app's database without pg_dump (the embedded PostgreSQL 18 ships no
 * client tools, and Debian's pg_dump 15 refuses an 18 server). See docs/decisions/0012-backup-and-restore.md.
 *
 * A backup file is
 *   line 1  `FFIBACKUP <format version> <sha256 of line 2>`
 *   line 2  the header as JSON (migrations, PostgreSQL version, tables with columns, rows and bytes,
 *           sequences, sha256 of the data section)
 *   rest    gzip of every `public` table's `COPY … TO STDOUT (FORMAT csv)` output, one after another
 *           in header order (the header's byte counts split them again).
 * Tables are found in the catalog, never listed by hand, so new migrations need no change here.
 */
import crypto from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { z } from "zod";
import { ADVISORY_LOCK_ID, MIGRATIONS_TABLE_SQL, readMigrations, MIGRATIONS_DIR } from "./migrate";

export const BACKUP_FORMAT_VERSION = 1;
const MAGIC = "FFIBACKUP";
// The header of a large database is still only a few kilobytes; anything longer is not our file.
const MAX_HEADER_BYTES = 4 * 1024 * 1024;

/** A refusal with a message meant for the operator; nothing was changed. */
export class BackupError extends Error {
  override name = "BackupError";
}

const headerSchema = z.object({
  formatVersion: z.number().int(),
  createdAt: z.string(),
  postgresVersion: z.string(),
  database: z.string(),
  migrations: z.array(z.object({ name: z.string(), checksum: z.string() })),
  tables: z.array(
    z.object({
      name: z.string(),
      columns: z.array(z.string()).min(1),
      rows: z.number().int().min(0),
      bytes: z.number().int().min(0),
    }),
  ),
  sequences: z.array(z.object({ name: z.string(), lastValue: z.string().nullable() })),
  dataSha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type BackupHeader = z.infer<typeof headerSchema>;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
const qualified = (name: string) => `public.${quote(name)}`;

interface TableShape {
  name: string;
  columns: string[];
}

/** Ordinary tables of `public` and their columns (generated columns are computed again on restore). */
async function listTables(client: pg.Client): Promise<TableShape[]> {
  const result = await client.query<{ name: string; columns: string[] }>(`
    SELECT c.relname AS name,
           array_agg(a.attname::text ORDER BY a.attnum) AS columns
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     WHERE n.nspname = 'public' AND c.relkind = 'r'
     GROUP BY c.relname
     ORDER BY c.relname COLLATE "C"`);
  return result.rows;
}

/** Sequences of `public` with the table column that owns them (serial and identity columns), if any. */
async function listSequences(client: pg.Client) {
  const result = await client.query<{ name: string; lastValue: string | null; ownerTable: string | null; ownerColumn: string | null }>(`
    SELECT s.sequencename AS name, s.last_value::text AS "lastValue", t.relname AS "ownerTable", a.attname AS "ownerColumn"
      FROM pg_sequences s
      JOIN pg_class sc ON sc.relname = s.sequencename
      JOIN pg_namespace sn ON sn.oid = sc.relnamespace AND sn.nspname = s.schemaname
      LEFT JOIN pg_depend d ON d.objid = sc.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
      LEFT JOIN pg_class t ON t.oid = d.refobjid
      LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
     WHERE s.schemaname = 'public'
     ORDER BY s.sequencename COLLATE "C"`);
  return result.rows;
}

async function appliedMigrations(client: pg.Client) {
  const exists = await client.query(`SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = '_prisma_migrations'`);
  if (exists.rowCount === 0) return [];
  const result = await client.query<{ name: string; checksum: string }>(`
    SELECT migration_name AS name, checksum FROM "_prisma_migrations"
     WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL
     ORDER BY migration_name COLLATE "C"`);
  return result.rows;
}

export function defaultBackupPath(rootDir: string, now = new Date()) {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return path.join(rootDir, "backups", `ffi-${stamp}.ffibackup`);
}

/**
 * Writes a consistent backup of `databaseUrl` to `outFile` while the app may keep running: every
 * table is read in one REPEATABLE READ snapshot and streamed through gzip (never held in memory).
 */
export async function createBackup(databaseUrl: string, outFile: string): Promise<BackupHeader> {
  // The file holds password hashes and session ids: readable by its owner only.
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true, mode: 0o700 });
  const dataFile = `${outFile}.data.partial`;
  const partialFile = `${outFile}.partial`;
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "ffi-backup" });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    // The first query fixes the snapshot: everything below sees the same moment.
    const migrations = await appliedMigrations(client);
    const tables = await listTables(client);
    const sequences = await listSequences(client);
    // now() is the transaction's start: the moment the data is from.
    const meta = await client.query<{ version: string; database: string; at: Date }>("SELECT current_setting('server_version') AS version, current_database() AS database, now() AS at");

    // The header carries the checksum and counts, so the data goes to a side file first.
    const hash = crypto.createHash("sha256");
    const gzip = zlib.createGzip();
    const written = pipeline(
      gzip,
      new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          callback(null, chunk);
        },
      }),
      fs.createWriteStream(dataFile, { mode: 0o600 }),
    );
    const tableEntries: BackupHeader["tables"] = [];
    try {
      for (const table of tables) {
        const columns = table.columns.map(quote).join(", ");
        const stream = client.query(copyTo(`COPY ${qualified(table.name)} (${columns}) TO STDOUT (FORMAT csv)`));
        let bytes = 0;
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          bytes += chunk.length;
          if (!gzip.write(chunk)) await once(gzip, "drain");
        }
        tableEntries.push({ name: table.name, columns: table.columns, rows: stream.rowCount, bytes });
      }
      gzip.end();
      await written;
    } catch (error) {
      gzip.destroy();
      await written.catch(() => {});
      throw error;
    }
    await client.query("COMMIT");

    const header: BackupHeader = {
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: meta.rows[0]!.at.toISOString(),
      postgresVersion: meta.rows[0]!.version,
      database: meta.rows[0]!.database,
      migrations,
      tables: tableEntries,
      // last_value is read outside the snapshot (sequences are not transactional): never lower than at snapshot time.
      sequences: sequences.map((sequence) => ({ name: sequence.name, lastValue: sequence.lastValue })),
      dataSha256: hash.digest("hex"),
    };
    const headerLine = JSON.stringify(header);
    const headerSha = crypto.createHash("sha256").update(headerLine).digest("hex");
    const out = fs.createWriteStream(partialFile, { mode: 0o600 });
    out.write(`${MAGIC} ${BACKUP_FORMAT_VERSION} ${headerSha}\n${headerLine}\n`);
    await pipeline(fs.createReadStream(dataFile), out);
    fs.renameSync(partialFile, outFile);
    return header;
  } finally {
    fs.rmSync(dataFile, { force: true });
    fs.rmSync(partialFile, { force: true });
    await client.end();
  }
}

interface OpenedBackup {
  header: BackupHeader;
  dataOffset: number;
}

/** Reads and checks the first two lines: our magic, a format we understand, an intact header. */
export function readBackupHeader(file: string): OpenedBackup {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (error) {
    throw new BackupError(`Cannot open ${file}: ${(error as Error).message}`);
  }
  try {
    const buffer = Buffer.alloc(Math.min(MAX_HEADER_BYTES, fs.fstatSync(fd).size));
    const length = fs.readSync(fd, buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, length);
    const firstEnd = head.indexOf(0x0a);
    const first = firstEnd < 0 ? "" : head.subarray(0, firstEnd).toString("utf8");
    const match = /^FFIBACKUP (\d+) ([0-9a-f]{64})$/.exec(first);
    if (!match) throw new BackupError(`${file} is not a Future Factory Index backup (it does not start with "${MAGIC}").`);
    const version = Number(match[1]);
    if (version > BACKUP_FORMAT_VERSION) {
      throw new BackupError(
        `${file} was written in backup format ${version}, but this version of the app reads format ${BACKUP_FORMAT_VERSION} at most. ` +
          "Restore it with the version of the app that made it, or a newer one.",
      );
    }
    if (version < 1) throw new BackupError(`${file} has an unknown backup format (${version}).`);
    const secondEnd = head.indexOf(0x0a, firstEnd + 1);
    if (secondEnd < 0) throw new BackupError(`${file} is damaged: its header is incomplete.`);
    const headerBytes = head.subarray(firstEnd + 1, secondEnd);
    if (crypto.createHash("sha256").update(headerBytes).digest("hex") !== match[2]) {
      throw new BackupError(`${file} is damaged: its header does not match its checksum.`);
    }
    const parsed = headerSchema.safeParse(JSON.parse(headerBytes.toString("utf8")));
    if (!parsed.success || parsed.data.formatVersion !== version) throw new BackupError(`${file} is damaged: its header is not valid.`);
    return { header: parsed.data, dataOffset: secondEnd + 1 };
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads the whole data section once and compares it with the header's checksum. */
async function verifyData(file: string, opened: OpenedBackup) {
  const hash = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(file, { start: opened.dataOffset }) as AsyncIterable<Buffer>) hash.update(chunk);
  if (hash.digest("hex") !== opened.header.dataSha256) {
    throw new BackupError(`${file} is damaged: its data does not match the checksum in its header (a changed or truncated file). Nothing was restored.`);
  }
}

/** Checks a backup file completely (header, checksum, migrations known to this code) without touching a database. */
export async function verifyBackup(file: string, migrationsDir = MIGRATIONS_DIR): Promise<BackupHeader> {
  const opened = readBackupHeader(file);
  await verifyData(file, opened);
  migrationsToApply(opened.header, migrationsDir);
  return opened.header;
}

function migrationsToApply(header: BackupHeader, migrationsDir: string) {
  const known = new Map(readMigrations(migrationsDir).map((migration) => [migration.name, migration]));
  const unknown = header.migrations.filter((migration) => !known.has(migration.name));
  if (unknown.length) {
    throw new BackupError(
      `The backup was made by a newer version of the app: it has migration(s) ${unknown.map((m) => m.name).join(", ")} that this code does not know. ` +
        "Restore it with the version of the app that made it.",
    );
  }
  const edited = header.migrations.filter((migration) => known.get(migration.name)!.checksum !== migration.checksum);
  if (edited.length) {
    throw new BackupError(`The backup's migration(s) ${edited.map((m) => m.name).join(", ")} differ from this code's: the schema would not match. Nothing was restored.`);
  }
  return header.migrations.map((migration) => known.get(migration.name)!);
}

export interface RestoreOptions {
  /** Replace a database that holds data. */
  yes?: boolean;
  migrationsDir?: string;
}

export interface RestoreResult {
  header: BackupHeader;
  /** Tables that held rows before and were replaced. */
  replaced: { name: string; rows: number }[];
}

/**
 * Replaces the `public` schema of `databaseUrl` with the backup, in one transaction: recreate the
 * schema by applying exactly the backup's migrations, COPY every table back with triggers off,
 * bring sequences up to date. Refuses (changing nothing) on a damaged or foreign file, unknown
 * migrations, other connected clients (stop the app first), or data in the target without `yes`.
 */
export async function restoreBackup(databaseUrl: string, file: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const opened = readBackupHeader(file);
  const { header } = opened;
  await verifyData(file, opened);
  const migrations = migrationsToApply(header, options.migrationsDir ?? MIGRATIONS_DIR);

  const client = new pg.Client({ connectionString: databaseUrl, application_name: "ffi-restore" });
  await client.connect();
  try {
    const others = await client.query<{ application_name: string; count: string }>(`
      SELECT coalesce(nullif(application_name, ''), 'unnamed client') AS application_name, count(*)::text AS count
        FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
       GROUP BY 1 ORDER BY 1`);
    if (others.rowCount) {
      const who = others.rows.map((row) => `${row.count} × ${row.application_name}`).join(", ");
      throw new BackupError(`Other clients are connected to the database (${who}). Stop the app (npm start) first, then restore. Nothing was restored.`);
    }

    const replaced: RestoreResult["replaced"] = [];
    for (const table of await listTables(client)) {
      const count = await client.query<{ rows: string }>(`SELECT count(*)::text AS rows FROM ${qualified(table.name)}`);
      const rows = Number(count.rows[0]!.rows);
      if (rows > 0) replaced.push({ name: table.name, rows });
    }
    if (replaced.length && !options.yes) {
      const what = replaced.map((table) => `${table.name} (${table.rows})`).join(", ");
      throw new BackupError(`The database already holds data that the restore would replace: ${what}. Run again with --yes to replace it. Nothing was restored.`);
    }

    await client.query("BEGIN");
    try {
      // Waiting for a lock held by a forgotten client would look like a hang.
      await client.query("SET LOCAL lock_timeout = '10s'");
      await client.query("SELECT pg_advisory_xact_lock($1)", [ADVISORY_LOCK_ID]);
      await client.query("DROP SCHEMA IF EXISTS public CASCADE");
      await client.query("CREATE SCHEMA public");
      await client.query("GRANT USAGE ON SCHEMA public TO PUBLIC");
      await client.query(MIGRATIONS_TABLE_SQL);
      for (const migration of migrations) await client.query(migration.sql);

      const tables = await listTables(client);
      const expected = header.tables.map((table) => `${table.name}(${table.columns.join(",")})`).join(" ");
      const actual = tables.map((table) => `${table.name}(${table.columns.join(",")})`).join(" ");
      if (expected !== actual) {
        throw new BackupError("The tables created by the backup's migrations differ from the tables in the backup (was the schema changed by hand?). Nothing was restored.");
      }

      // Replica mode: no foreign-key checks while tables fill in any order, and no user triggers
      // (e.g. the one that keeps submitted assessments immutable).
      await client.query("SET LOCAL session_replication_role = replica");
      if (tables.length) await client.query(`TRUNCATE ${tables.map((table) => qualified(table.name)).join(", ")}`);
      await copyTablesIn(client, file, opened);
      await client.query("SET LOCAL session_replication_role = origin");
      await resetSequences(client, header);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
    // Fresh statistics, so the planner does not treat the restored tables as empty.
    await client.query("ANALYZE");
    return { header, replaced };
  } finally {
    await client.end();
  }
}

async function copyTablesIn(client: pg.Client, file: string, opened: OpenedBackup) {
  const source = fs.createReadStream(file, { start: opened.dataOffset }).pipe(zlib.createGunzip());
  const chunks = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  let pending: Buffer | undefined;
  const truncated = () => new BackupError(`${file} is damaged: its data ends early. Nothing was restored.`);

  // Hands out exactly `count` bytes of the decompressed stream: one table's CSV.
  async function* take(count: number) {
    let left = count;
    while (left > 0) {
      let chunk = pending;
      pending = undefined;
      if (!chunk) {
        const next = await chunks.next();
        if (next.done) throw truncated();
        chunk = next.value;
      }
      if (chunk.length > left) {
        pending = chunk.subarray(left);
        chunk = chunk.subarray(0, left);
      }
      left -= chunk.length;
      yield chunk;
    }
  }

  try {
    for (const table of opened.header.tables) {
      const columns = table.columns.map(quote).join(", ");
      const target = client.query(copyFrom(`COPY ${qualified(table.name)} (${columns}) FROM STDIN (FORMAT csv)`));
      await pipeline(Readable.from(take(table.bytes)), target);
      if (target.rowCount !== table.rows) {
        throw new BackupError(`${file} is damaged: table ${table.name} has ${target.rowCount} rows, its header says ${table.rows}. Nothing was restored.`);
      }
    }
    if (pending?.length || !(await chunks.next()).done) throw new BackupError(`${file} is damaged: it has more data than its header describes. Nothing was restored.`);
  } finally {
    source.destroy();
  }
}

/** Every sequence to at least its value at backup time and at least the largest id in its column. */
async function resetSequences(client: pg.Client, header: BackupHeader) {
  const saved = new Map(header.sequences.map((sequence) => [sequence.name, sequence.lastValue]));
  for (const sequence of await listSequences(client)) {
    const candidates: string[] = [];
    const savedValue = saved.get(sequence.name);
    if (savedValue) candidates.push(savedValue);
    if (sequence.ownerTable && sequence.ownerColumn) {
      const max = await client.query<{ max: string | null }>(`SELECT max(${quote(sequence.ownerColumn)})::text AS max FROM ${qualified(sequence.ownerTable)}`);
      if (max.rows[0]!.max !== null) candidates.push(max.rows[0]!.max);
    }
    if (!candidates.length) continue; // never used: stays at its start value
    const value = candidates.reduce((a, b) => (BigInt(a) >= BigInt(b) ? a : b));
    await client.query("SELECT setval($1::regclass, $2::bigint, true)", [qualified(sequence.name), value]);
  }
}
