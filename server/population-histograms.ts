/**
 * The item histograms of a seeded database, built in the seeder's memory from the contribution
 * vectors it generated (ADR 0029) instead of per cell in SQL (ffi_build_histograms, ≈ 24 min for
 * 70,000 cells at 1,000,000 factories). The result is row for row what ffi_build_histograms
 * writes: for every cell with at least ffi_histogram_min() contributors, one row per item with a
 * score in the cell ("overall" for position 0), its bins as sparse pairs [bin, count, …] in bin order.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { finestCellKey, type ContributionValues } from "./population-copy";

const BINS = 501;
export const HISTOGRAM_COLUMNS = `"versionId", scope, industry, region, size, "itemId", bins`;
/** Dense histograms held at once (the cells are done in chunks of this many bytes). */
const CHUNK_BYTES = 256 * 1024 * 1024;

interface Stored {
  finest: Int32Array;
  values: Int16Array;
  stride: number;
}

export class HistogramBuilder {
  private readonly finestIds = new Map<string, number>();
  private readonly finestKeys: string[] = [];
  private readonly parts: Stored[] = [];

  /** A batch of the seeder's contributions. */
  add(batch: ContributionValues) {
    const finest = new Int32Array(batch.finest.length);
    batch.finest.forEach((key, at) => (finest[at] = this.intern(key)));
    // A copy: a typed array received from a worker is a view into the whole IPC message (COPY text
    // included), and keeping the view would keep every batch's message alive (2.2 GB at 100,000).
    this.parts.push({ finest, values: batch.values.slice(), stride: batch.stride });
  }

  /** The contributions already in the table (the database's own, written before the load). */
  async addFromDatabase(client: pg.ClientBase) {
    const { rows } = await client.query<{
      versionId: string;
      scope: string;
      industryCode: string;
      industryCategory: string;
      provinceCode: string;
      cityCode: string | null;
      regionCode: string;
      sizeBand: string;
      overall: number;
      items: number[];
    }>(`SELECT "versionId", scope, "industryCode", "industryCategory", "provinceCode", "cityCode", "regionCode", "sizeBand"::text AS "sizeBand", overall, items FROM "AggregateContribution"`);
    if (rows.length === 0) return;
    const stride = 1 + Math.max(...rows.map((row) => row.items.length));
    const finest = new Int32Array(rows.length);
    const values = new Int16Array(rows.length * stride).fill(-1);
    rows.forEach((row, at) => {
      finest[at] = this.intern(finestCellKey(row.versionId, row.scope, row));
      values[at * stride] = row.overall;
      row.items.forEach((value, item) => (values[at * stride + 1 + item] = value));
    });
    this.parts.push({ finest, values, stride });
  }

  private intern(key: string): number {
    let id = this.finestIds.get(key);
    if (id === undefined) {
      id = this.finestKeys.length;
      this.finestIds.set(key, id);
      this.finestKeys.push(key);
    }
    return id;
  }

  /**
   * Writes the histograms of every cell from ffi_histogram_min() contributors (AggregateCell must
   * be built) and marks those cells. `items`: each version's item ids in position order. `target`:
   * where the rows are COPYed (default "AggregateHistogram" on `client`; a large load stages them on
   * its second connection while its own builds the indexes, ADR 0032).
   */
  async write(client: pg.ClientBase, items: Record<string, readonly string[]>, target?: { client: pg.ClientBase; table: string }): Promise<number> {
    const { rows: cells } = await client.query<{ versionId: string; scope: string; industry: string; region: string; size: string }>(
      `SELECT "versionId", scope, industry, region, size FROM "AggregateCell" WHERE n >= ffi_histogram_min() ORDER BY 1, 2, 3, 4, 5`,
    );
    const cellIndex = new Map(cells.map((cell, at) => [`${cell.versionId}|${cell.scope}|${cell.industry}|${cell.region}|${cell.size}`, at]));
    const width = cells.map((cell) => 1 + (items[cell.versionId]?.length ?? 0));
    // Each finest cell's cells that keep histograms (the same expansion as ffi_cell_keys).
    const cellsOf = this.finestKeys.map((key) => {
      const [version, scope, division, category, province, city, region, size] = key.split("|") as [string, string, string, string, string, string, string, string];
      const found: number[] = [];
      for (const industry of ["*", `c:${category}`, `d:${division}`])
        for (const area of ["*", `p:${province}`, ...(city ? [`c:${city}`] : []), `d:${region}`])
          for (const band of ["*", size]) {
            const at = cellIndex.get(`${version}|${scope}|${industry}|${area}|${band}`);
            if (at !== undefined) found.push(at);
          }
      return Int32Array.from(found);
    });
    let buffer: Int32Array | null = null;
    for (let first = 0; first < cells.length; ) {
      // Cells [first, end) in this chunk, each at offset[at - first] in one dense array.
      let end = first;
      let size = 0;
      const offsets: number[] = [];
      while (end < cells.length && (end === first || (size + width[end]! * BINS) * 4 <= CHUNK_BYTES)) {
        offsets.push(size);
        size += width[end]! * BINS;
        end++;
      }
      // One buffer for every chunk, zeroed between them: a fresh 256 MB array per chunk left several alive until the GC ran.
      if (buffer === null || buffer.length < size) buffer = new Int32Array(size);
      else buffer.fill(0, 0, size);
      const counts = buffer;
      for (const part of this.parts) {
        const { finest, values, stride } = part;
        for (let row = 0; row < finest.length; row++) {
          const targets = cellsOf[finest[row]!]!;
          const base = row * stride;
          for (let t = 0; t < targets.length; t++) {
            const cell = targets[t]!;
            if (cell < first || cell >= end) continue;
            const offset = offsets[cell - first]!;
            const n = Math.min(width[cell]!, stride);
            for (let item = 0; item < n; item++) {
              const bin = values[base + item]!;
              if (bin >= 0) counts[offset + item * BINS + bin]!++;
            }
          }
        }
      }
      const lines: string[] = [];
      for (let cell = first; cell < end; cell++) {
        const { versionId, scope, industry, region, size: band } = cells[cell]!;
        const ids = items[versionId] ?? [];
        for (let item = 0; item < width[cell]!; item++) {
          const from = offsets[cell - first]! + item * BINS;
          const pairs: number[] = [];
          for (let bin = 0; bin < BINS; bin++) {
            const count = counts[from + bin]!;
            if (count > 0) pairs.push(bin, count);
          }
          if (pairs.length === 0) continue;
          lines.push(`${versionId}\t${scope}\t${industry}\t${region}\t${band}\t${item === 0 ? "overall" : ids[item - 1]}\t{${pairs.join(",")}}\n`);
        }
      }
      if (lines.length > 0) {
        const stream = (target?.client ?? client).query(copyFrom(`COPY ${target?.table ?? `"AggregateHistogram"`} (${HISTOGRAM_COLUMNS}) FROM STDIN`));
        // Lines joined into pieces of ≈ 1 MB: fewer, larger writes to the socket.
        await pipeline(Readable.from(piecesOf(lines)), stream);
      }
      first = end;
    }
    // Staged rows are not there yet: the caller marks the cells when it moves them in.
    if (!target) await markHistogramCells(client);
    return cells.length;
  }
}

export async function markHistogramCells(client: pg.ClientBase) {
  await client.query(`UPDATE "AggregateCell" SET histograms = true WHERE n >= ffi_histogram_min()`);
}

function* piecesOf(lines: readonly string[]): Generator<string> {
  for (let at = 0; at < lines.length; at += 4096) yield lines.slice(at, at + 4096).join("");
}
