/**
 * `npm run db:rebuild-aggregates [-- --histograms] [--connections 2]`: recomputes the maintained
 * aggregates (docs/benchmarking.md) in timed steps, the item histograms over several connections
 * (server/population-aggregates.ts, ADR 0027). `--histograms` builds only the histograms that are
 * missing — what a database needs once after migration 20261129190000_aggregate_views (histogramMin
 * 500 → 20). Database: DATABASE_URL, or the embedded one in .data/postgres (stop `npm start` first).
 */
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { readEnv } from "../app/utils/env.server";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../server/embedded-postgres";
import { migrate } from "../server/migrate";
import { rebuildAggregatesInSteps } from "../server/population-aggregates";

const { values } = parseArgs({
  options: {
    histograms: { type: "boolean", default: false },
    connections: { type: "string", default: String(os.availableParallelism()) },
  },
});
const connections = Number(values.connections);
if (!Number.isInteger(connections) || connections < 1 || connections > 32) {
  console.error("--connections must be a whole number from 1 to 32");
  process.exit(2);
}

let embedded: EmbeddedDatabase | undefined;
const env = readEnv();
let databaseUrl = env.DATABASE_URL;
if (!databaseUrl) {
  embedded = await startEmbeddedPostgres({ dataDir: path.resolve(import.meta.dirname, "../.data/postgres"), databaseName: "future_factory", preferredPort: env.EMBEDDED_PG_PORT });
  databaseUrl = embedded.url;
}
try {
  await migrate(databaseUrl);
  const started = performance.now();
  await rebuildAggregatesInSteps(databaseUrl, {
    connections,
    histogramsOnly: values.histograms,
    onStep: (step) => console.log(`${step.step}: ${step.seconds.toFixed(1)} s${step.detail ? ` (${step.detail})` : ""}, load average ${os.loadavg()[0]!.toFixed(1)}`),
  });
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
