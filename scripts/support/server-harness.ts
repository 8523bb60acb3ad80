/**
 * Runs the real production server (`node --import tsx server/main.ts`, after `remix build`) in a
 * child process for scripts: waits until it announces itself, keeps its output in a log file, and
 * stops it (SIGTERM, then SIGKILL after 15 s). Loopback only; the caller picks free ports.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface RunningServer {
  child: ChildProcess;
  pid: number;
  /** Everything the server printed to stdout so far. */
  output(): string;
  /** The last lines of the log file (stdout and stderr). */
  logTail(lines?: number): string;
}

export async function startServer(options: {
  rootDir: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  timeoutMs?: number;
}): Promise<RunningServer> {
  const log = fs.createWriteStream(options.logFile);
  const child = spawn(process.execPath, ["--import", "tsx", path.join("server", "main.ts")], {
    cwd: options.rootDir,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stderr!.on("data", (chunk: Buffer) => log.write(chunk));
  child.stdout!.on("data", (chunk: Buffer) => {
    log.write(chunk);
    stdout += chunk.toString("utf8");
  });
  const timeoutMs = options.timeoutMs ?? 90_000;
  const server: RunningServer = {
    child,
    pid: child.pid!,
    output: () => stdout,
    logTail(lines = 30) {
      try {
        return fs.readFileSync(options.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
      } catch {
        return "(no server log)";
      }
    },
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within ${timeoutMs / 1000} s\n${server.logTail()}`)), timeoutMs);
    const onData = () => {
      if (!stdout.includes("is running at")) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      child.off("exit", onExit);
      resolve();
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      reject(new Error(`the server exited during start-up (${signal ?? `code ${code}`})\n${server.logTail()}`));
    };
    child.stdout!.on("data", onData);
    child.once("exit", onExit);
  });
  return server;
}

export async function stopServer(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 15_000).unref());
  if ((await Promise.race([exited, timeout])) === "timeout") {
    child.kill("SIGKILL");
    await exited;
  }
}
