import { describe, expect, it } from "vitest";
import { headAndTail, runsBy } from "./row-groups";

describe("headAndTail", () => {
  it("keeps the first three and the last two rows of a long table together", () => {
    const groups = headAndTail([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(groups).toEqual([
      { rows: [1, 2, 3], keep: true },
      { rows: [4, 5, 6], keep: false },
      { rows: [7, 8], keep: true },
    ]);
  });

  it("keeps a short table whole, so no row of it can stand alone on a page", () => {
    expect(headAndTail([1, 2, 3, 4, 5, 6])).toEqual([{ rows: [1, 2, 3, 4, 5, 6], keep: true }]);
    expect(headAndTail([])).toEqual([{ rows: [], keep: true }]);
  });
});

describe("runsBy", () => {
  it("makes one kept group per run of equal keys, in order", () => {
    const rows = [
      { c: "a", n: 1 },
      { c: "a", n: 2 },
      { c: "b", n: 3 },
      { c: "a", n: 4 },
    ];
    expect(runsBy(rows, (row) => row.c).map((group) => group.rows.map((row) => row.n))).toEqual([[1, 2], [3], [4]]);
    expect(runsBy(rows, (row) => row.c).every((group) => group.keep)).toBe(true);
  });
});
