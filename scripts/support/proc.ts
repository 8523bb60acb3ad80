/**
 * The one reader of Linux /proc for scripts: memory and CPU of a process and its descendants (the
 * server's web workers, the postmaster's backends), and the postmaster of a data directory.
 * Every reader returns 0 / undefined for a process that has gone, never throws: processes come and
 * go while a benchmark samples them.
 */
import fs from "node:fs";
import path from "node:path";

/** USER_HZ on Linux: the unit of utime/stime in /proc/<pid>/stat. */
const CLOCK_TICKS = 100;

export type MemoryField = "VmRSS" | "VmHWM";

/** The fields after "(comm)" in /proc/<pid>/stat (comm may contain spaces and parentheses). */
function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** Resident memory (VmRSS) or its peak since start (VmHWM) of one process, in kB. */
export function memoryKb(pid: number, field: MemoryField): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) one process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS : 0; // utime, stime
}

/** A process and all its descendants (one pass over /proc); just [root] if it has none. */
export function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields) parents.set(Number(entry), Number(fields[1])); // ppid
  }
  const pids = [root];
  for (let i = 0; i < pids.length; i++) for (const [pid, parent] of parents) if (parent === pids[i]) pids.push(pid);
  return pids;
}

/** Memory of a process tree in kB: the sum over its processes (for VmHWM, the sum of each one's own peak). */
export function treeMemoryKb(root: number, field: MemoryField): number {
  return processTree(root).reduce((sum, pid) => sum + memoryKb(pid, field), 0);
}

/** CPU seconds used so far by a process tree (processes that already ended are not counted). */
export function treeCpuSeconds(root: number): number {
  return processTree(root).reduce((sum, pid) => sum + cpuSeconds(pid), 0);
}

/** Whether pid is a running PostgreSQL process (pids are reused: check before signalling). */
export function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim().startsWith("postgres");
  } catch {
    return false;
  }
}

/** The running postmaster of a data directory (first line of its postmaster.pid), if any. */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 && isPostgres(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}
