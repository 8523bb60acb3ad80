import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort, startEmbeddedPostgres } from "../../server/embedded-postgres";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-crash-"));
fs.chmodSync(dir, 0o755);
const dataDir = path.join(dir, "pg");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function startChild(): Promise<{ pid: number; port: number; exited: Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve(import.meta.dirname, "../fixtures/start-embedded.ts"), dataDir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/ready (\d+)/);
      if (match) resolve({ pid: child.pid!, port: Number(match[1]), exited });
    });
    child.on("exit", (code) => reject(new Error(`child exited with ${code}: ${output}`)));
  });
}

describe("embedded PostgreSQL", () => {
  it("recovers by itself after the app was killed with SIGKILL, and keeps the data", async () => {
    const child = await startChild();
    process.kill(child.pid, "SIGKILL");
    await child.exited;
    // The orphaned postmaster still holds the data directory.
    expect(fs.existsSync(path.join(dataDir, "postmaster.pid"))).toBe(true);

    const db = await startEmbeddedPostgres({ dataDir, databaseName: "crash", preferredPort: 55600 });
    try {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const rows = (await client.query<{ note: string }>("SELECT note FROM survivor")).rows;
      await client.end();
      expect(rows).toEqual([{ note: "written before the crash" }]);
    } finally {
      await db.stop();
    }
    expect(fs.existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);
  }, 60_000);

  it("picks another port when the preferred one is taken", async () => {
    const net = await import("node:net");
    const blocker = net.createServer();
    const port = await findFreePort(56000);
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      expect(await findFreePort(port)).not.toBe(port);
    } finally {
      blocker.close();
    }
  });
});
