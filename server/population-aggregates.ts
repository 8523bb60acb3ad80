/**
 * Rebuilding the maintained aggregates of a large database in timed steps (ADR 0027):
 *   1. `ffi_aggregates_rebuild(false)`: contributions, cells and registered counts, set-based, in one
 *      transaction (writers wait); the aggregates are current when it commits, large cells without
 *      histograms are read from their contributions meanwhile (correct, slower);
 *   2. the histograms of every cell from `histogramMin` contributors on, over several connections
 *      (one cell per transaction, so PostgreSQL works on as many cores as connections);
 *   3. VACUUM (ANALYZE) of the aggregate tables.
 * `histogramsOnly` skips step 1: what a database needs after the migration that lowered histogramMin.
 */
import pg from "pg";

export interface RebuildStep {
  step: string;
  seconds: number;
  detail?: string;
}

export interface RebuildOptions {
  /** Connections building histograms at once (default 2). */
  connections?: number;
  histogramsOnly?: boolean;
  onStep?: (step: RebuildStep) => void;
}

interface Cell {
  versionId: string;
  scope: string;
  industry: string;
  region: string;
  size: string;
}

export async function rebuildAggregatesInSteps(databaseUrl: string, options: RebuildOptions = {}): Promise<RebuildStep[]> {
  const steps: RebuildStep[] = [];
  const record = (step: RebuildStep) => {
    steps.push(step);
    options.onStep?.(step);
  };
  const connections = Math.max(1, options.connections ?? 2);
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  try {
    const [main] = clients as [pg.Client, ...pg.Client[]];
    let started = performance.now();
    if (!options.histogramsOnly) {
      await main.query("SELECT ffi_aggregates_rebuild(false)");
      record({ step: "contributions, cells, registered counts", seconds: (performance.now() - started) / 1000 });
    }
    started = performance.now();
    // Largest first, so the connections finish together.
    const { rows: cells } = await main.query<Cell>(
      `SELECT "versionId", scope, industry, region, size FROM "AggregateCell" WHERE n >= ffi_histogram_min() AND NOT histograms ORDER BY n DESC`,
    );
    let next = 0;
    await Promise.all(
      clients.map(async (client) => {
        for (let at = next++; at < cells.length; at = next++) {
          const cell = cells[at]!;
          await client.query("SELECT ffi_build_histograms($1::uuid, $2, $3, $4, $5)", [cell.versionId, cell.scope, cell.industry, cell.region, cell.size]);
        }
      }),
    );
    record({ step: "histograms", seconds: (performance.now() - started) / 1000, detail: `${cells.length} cells over ${connections} connections` });
    started = performance.now();
    await main.query(`VACUUM (ANALYZE) "AggregateContribution", "AggregateCell", "AggregateHistogram", "AggregateItem", "RegisteredCell"`);
    record({ step: "VACUUM (ANALYZE)", seconds: (performance.now() - started) / 1000 });
    return steps;
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}
