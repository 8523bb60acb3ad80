import { describe, expect, it } from "vitest";
import { difference, differenceFromGap } from "./difference";

describe("difference", () => {
  it("is better when own exceeds the reference and worse when it falls short, with an unsigned amount", () => {
    expect(difference(2.5, 2.35)).toEqual({ direction: "better", amount: 0.15 });
    expect(difference(1.9, 2.32)).toEqual({ direction: "worse", amount: 0.42 });
  });

  it("rounds as shown: a difference that reads 0.00 is the same, not +0.00", () => {
    expect(difference(2.004, 2.0)).toEqual({ direction: "same", amount: 0 });
    expect(difference(2.006, 2.0)).toEqual({ direction: "better", amount: 0.01 });
  });

  it("handles whole levels", () => {
    expect(difference(3, 2, 0)).toEqual({ direction: "better", amount: 1 });
    expect(difference(2, 2, 0)).toEqual({ direction: "same", amount: 0 });
  });

  it("reads a gap stated as reference − own (the roadmap's peer gap) the same way", () => {
    expect(differenceFromGap(0.42)).toEqual({ direction: "worse", amount: 0.42 });
    expect(differenceFromGap(-0.15)).toEqual({ direction: "better", amount: 0.15 });
    expect(differenceFromGap(0.001)).toEqual({ direction: "same", amount: 0 });
  });
});
