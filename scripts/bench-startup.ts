/**
 * `npm run bench:startup`: time from running `npm start` to the first page answering 200,
 * with the existing .data (warm) — the figure quoted in the README. Then stops it with SIGINT
 * and checks that no process is left behind.
 */
import { spawn } from "node:child_process";
import { findFreePort } from "../server/embedded-postgres";

const runs = Number(process.argv[2] ?? 3);
const port = await findFreePort(3400);
const times: number[] = [];

for (let run = 1; run <= runs; run++) {
  const started = performance.now();
  const child = spawn("npm", ["start"], { env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`no page after 120 s:\n${output}`);
    const ok = await fetch(`http://localhost:${port}/`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const elapsed = performance.now() - started;
  times.push(elapsed);
  const exited = new Promise<string>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? `code ${code}`)));
  process.kill(-child.pid!, "SIGINT");
  const code = await exited;
  console.log(`run ${run}: first page after ${Math.round(elapsed)} ms (stopped by SIGINT: ${code})`);
}
times.sort((a, b) => a - b);
console.log(`npm start → first page: median ${Math.round(times[Math.floor(times.length / 2)]!)} ms over ${runs} runs (includes remix build)`);
