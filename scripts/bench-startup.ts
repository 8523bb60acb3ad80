/**
 * `npm run bench:startup`: time from running `npm start` to the first page answering 200,
 * with the existing .data (warm) — the figure quoted in the README. Then stops it with SIGINT
 * (to the whole process group: npm, the shell, the server) and reports how it ended.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "../server/embedded-postgres";
import { spawnServer } from "./support/server-harness";

const runs = Number(process.argv[2] ?? 3);
const port = await findFreePort(3400);
const times: number[] = [];
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-bench-startup-"));

try {
  for (let run = 1; run <= runs; run++) {
    const started = performance.now();
    const server = await spawnServer({
      command: "npm",
      args: ["start"],
      env: { ...process.env, PORT: String(port) },
      port,
      logFile: path.join(logDir, `run-${run}.log`),
      // The first page, as a person opening the app sees it; polled often, since this is what is timed.
      readyPath: "/",
      pollMs: 50,
      timeoutMs: 120_000,
      group: true,
    });
    const elapsed = performance.now() - started;
    times.push(elapsed);
    const code = await server.stop("SIGINT");
    console.log(`run ${run}: first page after ${Math.round(elapsed)} ms (stopped by SIGINT: ${code})`);
  }
} finally {
  fs.rmSync(logDir, { recursive: true, force: true });
}
times.sort((a, b) => a - b);
console.log(`npm start → first page: median ${Math.round(times[Math.floor(times.length / 2)]!)} ms over ${runs} runs (includes remix build)`);
