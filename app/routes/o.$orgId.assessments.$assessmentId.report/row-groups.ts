/**
 * How the report's long tables break across printed pages. Each group becomes its own <tbody>;
 * a kept group carries `break-inside: avoid` (app.css, print report section), so the first rows
 * stay with the table's heading and the last rows never stand alone at the top of a page.
 * Chromium honours break-inside on table sections, not orphans/widows on rows.
 */
export interface RowGroup<T> {
  rows: T[];
  keep: boolean;
}

/** The first `head` rows and the last `tail` rows kept together; a short table is kept whole. */
export function headAndTail<T>(rows: readonly T[], head = 3, tail = 2): RowGroup<T>[] {
  if (rows.length <= head + tail + 1) return [{ rows: [...rows], keep: true }];
  return [
    { rows: rows.slice(0, head), keep: true },
    { rows: rows.slice(head, rows.length - tail), keep: false },
    { rows: rows.slice(rows.length - tail), keep: true },
  ];
}

/** Consecutive rows with the same key (a capability, a dimension) as one kept group each. */
export function runsBy<T>(rows: readonly T[], key: (row: T) => string): RowGroup<T>[] {
  const groups: RowGroup<T>[] = [];
  let last: string | undefined;
  for (const row of rows) {
    const current = key(row);
    if (groups.length === 0 || current !== last) groups.push({ rows: [], keep: true });
    groups[groups.length - 1]!.rows.push(row);
    last = current;
  }
  return groups;
}
