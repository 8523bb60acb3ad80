/**
 * `db:seed-population` in a child process against `url`, as the benchmarks run it: its own process,
 * so its memory and CPU are its own, and its `--json` summary line as the result.
 */
import { spawn } from "node:child_process";
import { rootDir } from "./server-harness";

export interface SeedSummary {
  factories: number;
  assessments: number;
  seconds: number;
  maxRssMb: number;
  /** Wall-clock seconds seen by the caller, process start included. */
  wall: number;
}

export async function seedPopulationInChild(url: string, factories: number, options: { workers?: string } = {}): Promise<SeedSummary> {
  const started = performance.now();
  const args = ["--import", "tsx", "scripts/seed-population.ts", "--factories", String(factories), "--seed", "42", ...(options.workers ? ["--workers", options.workers] : []), "--json"];
  const child = spawn(process.execPath, args, { cwd: rootDir, env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`seeding failed (${code}):\n${output}`);
  const line = output.trim().split("\n").at(-1)!;
  return { ...(JSON.parse(line) as Omit<SeedSummary, "wall">), wall: (performance.now() - started) / 1000 };
}
