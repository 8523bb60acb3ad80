/**
 * A second PostgreSQL backend for a large population load (ADR 0032). Parsing the Assessment rows'
 * JSON (answers, result) into jsonb and compressing it is ≈ 90 % of PostgreSQL's CPU in a load, and
 * one backend runs on one core. So part of those rows is COPYed on a second connection into an
 * unlogged staging table, committed there, and moved into "Assessment" by the load's own
 * transaction at the end: `INSERT … SELECT` copies the parsed, compressed values as they are (≈ 12×
 * cheaper than the COPY that made them). The population's tables are only ever written by the
 * load's transaction, so the load stays all or nothing; the staging table is nobody's data.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { COPY_TARGETS } from "./population-copy";
import { HISTOGRAM_COLUMNS, markHistogramCells } from "./population-histograms";

/** Staging tables are named after the backend that fills them, so a leftover is known by its dead backend. */
export const STAGING_PREFIX = "ffi_seed_staging_";

const ASSESSMENT_TARGET = COPY_TARGETS.find(([part]) => part === "assessment")![1];
const ASSESSMENT_COLUMNS = ASSESSMENT_TARGET.slice(ASSESSMENT_TARGET.indexOf("("));

export class AssessmentStaging {
  private queued = 0;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  rows = 0;

  private constructor(
    private readonly client: pg.Client,
    readonly table: string,
    /** Its PostgreSQL backend's process id (the CLI reports its CPU). */
    readonly pid: number,
  ) {}

  /** Where the item histograms are staged (built in the seeder while the load's backend builds indexes). */
  get histograms(): { client: pg.ClientBase; table: string } {
    return { client: this.client, table: `"${this.table}_h"` };
  }

  /**
   * Connects, drops staging tables left by a seeder that died (their backend is gone) and creates
   * this one. Call it before the load's transaction locks "Assessment" (LIKE reads its definition).
   */
  static async open(databaseUrl: string): Promise<AssessmentStaging> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await dropLeftovers(client);
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      const table = `${STAGING_PREFIX}${rows[0]!.pid}`;
      // Unlogged: nothing here needs to survive a crash (the load's transaction would not either).
      await client.query(`CREATE UNLOGGED TABLE "${table}" (LIKE "Assessment" INCLUDING DEFAULTS)`);
      await client.query(`CREATE UNLOGGED TABLE "${table}_h" (LIKE "AggregateHistogram")`);
      return new AssessmentStaging(client, table, rows[0]!.pid);
    } catch (error) {
      await client.end();
      throw error;
    }
  }

  /** Whether it can take another batch without falling behind (at most one waits behind the one it copies). */
  get ready(): boolean {
    return this.queued < 2 && this.failure === null;
  }

  /** Queues a batch's Assessment rows (COPY text); each COPY commits on its own. */
  stage(rows: string, count: number) {
    if (this.failure !== null) throw this.failure;
    if (rows.length === 0) return;
    this.queued++;
    this.chain = this.chain.then(async () => {
      try {
        if (this.failure === null) await pipeline(Readable.from([rows]), this.client.query(copyFrom(`COPY "${this.table}" ${ASSESSMENT_COLUMNS} FROM STDIN`)));
        this.rows += count;
      } catch (error) {
        this.failure ??= error;
      } finally {
        this.queued--;
      }
    });
  }

  /** Waits for every queued COPY; throws the first failure. */
  async finish() {
    await this.chain;
    if (this.failure !== null) throw this.failure;
  }

  /** In the load's transaction: the staged rows into "Assessment" (its primary key checks them). Returns how many. */
  async moveInto(main: pg.ClientBase): Promise<number> {
    await this.finish();
    const { rowCount } = await main.query(`INSERT INTO ${ASSESSMENT_TARGET} SELECT ${ASSESSMENT_COLUMNS.slice(1, -1)} FROM "${this.table}"`);
    if (rowCount !== this.rows) throw new Error(`staging: ${this.rows} rows staged, ${rowCount ?? 0} moved`);
    return rowCount;
  }

  /** In the load's transaction: the staged histograms into "AggregateHistogram". */
  async moveHistogramsInto(main: pg.ClientBase): Promise<number> {
    const { rowCount } = await main.query(`INSERT INTO "AggregateHistogram" (${HISTOGRAM_COLUMNS}) SELECT ${HISTOGRAM_COLUMNS} FROM "${this.table}_h"`);
    await markHistogramCells(main);
    return rowCount ?? 0;
  }

  /** Drops the tables and disconnects. After the load's transaction has ended (it holds a lock on the table until then). */
  async close() {
    // Never throws: it runs in the load's `finally`, where an error would hide the load's own; a
    // table it could not drop is dropped as a leftover by the next seeding.
    try {
      await this.chain;
      await this.client.query(`DROP TABLE IF EXISTS "${this.table}", "${this.table}_h"`);
    } catch {
      // the connection is gone, or the drop failed: left for the next seeding
    } finally {
      await this.client.end().catch(() => {});
    }
  }
}

/** Staging tables whose backend is gone: a seeder killed mid-load leaves one (unlogged; never read by the app). */
export async function dropLeftovers(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname LIKE $1
       AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE substring(c.relname FROM $2)::int = a.pid)`,
    [`${STAGING_PREFIX.replace(/_/g, "\\_")}%`, `^${STAGING_PREFIX}([0-9]+)`],
  );
  for (const row of rows) await client.query(`DROP TABLE IF EXISTS "${row.name}"`);
  return rows.map((row) => row.name);
}
