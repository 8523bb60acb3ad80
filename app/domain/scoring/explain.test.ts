import { describe, expect, it } from "vitest";
import type { Answer } from "~/domain/questionnaire/schema";
import { answersWithChanges, explainLevel, type LevelExplanation } from "./explain";
import { compileModel, type CompiledModel } from "./model";
import { scoreAssessment } from "./score";
import {
  answersFrom,
  capability,
  dimension,
  exampleValues,
  kpiQuestion,
  levelQuestion,
  mini,
  na,
  questionnaire,
} from "./test-fixtures";

const model = compileModel(mini);

function nextLevel(explanation: LevelExplanation) {
  if (explanation.status !== "next-level") throw new Error("expected a next level");
  return explanation;
}

/** Applies the plan and re-scores: the test that the plan really works. */
function levelAfter(compiled: CompiledModel, answers: Answer[]) {
  const result = scoreAssessment(compiled, answers, { mode: "submission" });
  const explanation = nextLevel(explainLevel(compiled, result));
  return scoreAssessment(compiled, answersWithChanges(result, explanation.changes), { mode: "submission" }).level;
}

describe("explainLevel — the worked example", () => {
  const result = scoreAssessment(model, answersFrom(exampleValues), { mode: "submission" });
  const explanation = nextLevel(explainLevel(model, result));

  it("names business as the dimension holding L2 back and its weakest questions", () => {
    expect(explanation).toMatchObject({ level: 1, nextLevel: 2, requirement: { overall: 2, everyDimension: 1 }, overallGap: 0 });
    expect(explanation.holdingBack).toHaveLength(1);
    const [business] = explanation.holdingBack;
    expect(business).toMatchObject({ dimensionId: "business", belowOverallTarget: false });
    expect(business!.floorGap).toBeCloseTo(0.1, 12); // 1 − 0.9
    // potential = (5 − band) × share in business: crm (5 − 1)·1/5 = 0.8, visibility 0.8,
    // energy (5 − 1)·½·2/5 = 0.8, saving 0.8, remote (5 − 0)·½·1/5 = 0.5, lifecycle 0.4 → top 3 by potential, then id
    expect(business!.weakestQuestions.map((q) => [q.questionId, q.potential])).toEqual([
      ["business.customer.crm", expect.closeTo(0.8, 12)],
      ["business.supply-chain.visibility", expect.closeTo(0.8, 12)],
      ["business.sustainability.energy", expect.closeTo(0.8, 12)],
    ]);
    expect(business!.weakestQuestions[2]).toMatchObject({ capabilityId: "business.sustainability", score: 1 });
  });

  it("plans one raise: crm 1 → 2 lifts business to (2 + 1 + 0.5 + 2) / 5 = 1.1", () => {
    // Every business question closes the 0.1 gap alone; crm, visibility, energy and saving also
    // add most to overall (0.04 each) and crm has the smallest id.
    expect(explanation.changes).toEqual([{ questionId: "business.customer.crm", type: "level", from: 1, to: 2 }]);
    expect(explanation.reachable).toBe(true);
    const after = scoreAssessment(model, answersWithChanges(result, explanation.changes), { mode: "submission" });
    expect(after.level).toBe(2);
    expect(after.overall).toBeCloseTo(2.64, 12); // (6.2 + 9 + 9 + 2·1.1) / 10
  });

  it("limits the weakest questions per dimension on request", () => {
    const short = nextLevel(explainLevel(model, result, { questionsPerDimension: 1 }));
    expect(short.holdingBack[0]!.weakestQuestions).toHaveLength(1);
  });
});

describe("explainLevel — small cases worked by hand", () => {
  // a: one capability with a level question and a KPI (bands at 10, 20, 30, 40, 50); b: one level question
  const tiny = compileModel(
    questionnaire([
      dimension("a", 1, [
        capability("a.c", 1, [levelQuestion("a.c.level"), kpiQuestion("a.c.kpi", { min: 0, max: 100, thresholds: [10, 20, 30, 40, 50] })]),
      ]),
      dimension("b", 1, [capability("b.c", 1, [levelQuestion("b.c.level")])]),
    ]),
  );
  const answers = (level: number, kpi: number, b: number): Answer[] => [
    { questionId: "a.c.level", value: level },
    { questionId: "a.c.kpi", value: kpi },
    { questionId: "b.c.level", value: b },
  ];

  it("raises a KPI to the value that opens the band needed (floor binding)", () => {
    // a = (0 + band 0)/2 = 0, b = 5, overall 2.5: L2 fails on the floor (a < 1).
    // Each a-question adds ½ to a. One band per question first (ADR 0022): the id tie-break takes the
    // KPI 0 → 1 (value 10), then the level answer 0 → 1, a = 1 → L2. (Before: the KPI 0 → 2.)
    const result = scoreAssessment(tiny, answers(0, 5, 5), { mode: "submission" });
    expect(result.level).toBe(1);
    const explanation = nextLevel(explainLevel(tiny, result));
    expect(explanation.changes).toEqual([
      { questionId: "a.c.kpi", type: "kpi", from: 0, to: 1, fromValue: 5, targetValue: 10 },
      { questionId: "a.c.level", type: "level", from: 0, to: 1 },
    ]);
    expect(explanation.holdingBack.map((d) => [d.dimensionId, d.floorGap])).toEqual([["a", 1]]);
    expect(levelAfter(tiny, answers(0, 5, 5))).toBe(2);
  });

  it("plans a single-band KPI raise (regression: pruning tried the KPI at its original band)", () => {
    // a = (5 + band 0)/2 = 2.5, b = 5, overall 3.75 → L3. L4 needs a ≥ 3 and overall ≥ 4: only the KPI
    // can move; band 1 (value 10) gives a = 3, overall 4.
    const result = scoreAssessment(tiny, answers(5, 5, 5), { mode: "submission" });
    expect(result.level).toBe(3);
    const explanation = nextLevel(explainLevel(tiny, result));
    expect(explanation.changes).toEqual([{ questionId: "a.c.kpi", type: "kpi", from: 0, to: 1, fromValue: 5, targetValue: 10 }]);
    expect(levelAfter(tiny, answers(5, 5, 5))).toBe(4);
  });

  it("raises where it moves the overall score most (overall binding)", () => {
    // a = (2 + band 2)/2 = 2, b = 1, overall 1.5: L2 needs 0.5 more overall; floors are met.
    // One band on b adds ½ to overall, on an a-question ¼ → raise b 1 → 2, overall 2.
    const result = scoreAssessment(tiny, answers(2, 25, 1), { mode: "submission" });
    const explanation = nextLevel(explainLevel(tiny, result));
    expect(explanation.overallGap).toBeCloseTo(0.5, 12);
    expect(explanation.holdingBack).toMatchObject([{ dimensionId: "b", floorGap: 0, belowOverallTarget: true }]);
    expect(explanation.changes).toEqual([{ questionId: "b.c.level", type: "level", from: 1, to: 2 }]);
  });

  it("tells a floor block from an overall shortfall", () => {
    // a = (3 + band 2)/2 = 2.5, b = 1, overall 1.75 → L1. L2: floors met, overall 0.25 short;
    // b sits below the overall target 2, a does not.
    const short = nextLevel(explainLevel(tiny, scoreAssessment(tiny, answers(3, 25, 1), { mode: "submission" })));
    expect(short.holdingBack).toMatchObject([{ dimensionId: "b", floorGap: 0, belowOverallTarget: true }]);
    // a = (5 + band 5)/2 = 5, b = 0, overall 2.5 → L1 only because b < 1: a floor block, overall fine.
    const lopsided = scoreAssessment(tiny, answers(5, 60, 0), { mode: "submission" });
    expect(lopsided.level).toBe(1);
    const blocked = nextLevel(explainLevel(tiny, lopsided));
    expect(blocked.holdingBack).toMatchObject([{ dimensionId: "b", floorGap: 1, belowOverallTarget: false }]);
    expect(blocked.changes).toEqual([{ questionId: "b.c.level", type: "level", from: 0, to: 1 }]);
  });

  it("orders several holding dimensions by floor gap, then score", () => {
    const four = compileModel(
      questionnaire(["d", "c", "b", "a"].map((id) => dimension(id, 1, [capability(`${id}.c`, 1, [levelQuestion(`${id}.c.q`)])]))),
    );
    // d 5, c 1, b 1, a 0: overall 1.75 → L1 (a < 1 blocks L2 anyway). Next L2: a blocks the floor
    // (gap 1); b and c sit below the overall target 2 with equal scores → id order.
    const result = scoreAssessment(
      four,
      [
        { questionId: "d.c.q", value: 5 },
        { questionId: "c.c.q", value: 1 },
        { questionId: "b.c.q", value: 1 },
        { questionId: "a.c.q", value: 0 },
      ],
      { mode: "submission" },
    );
    const explanation = nextLevel(explainLevel(four, result));
    expect(explanation.holdingBack.map((d) => d.dimensionId)).toEqual(["a", "b", "c"]);
    // a 0 → 1 fixes the floor and adds ¼ to overall: 2.0 → L2
    expect(explanation.changes).toEqual([{ questionId: "a.c.q", type: "level", from: 0, to: 1 }]);
  });
});

describe("explainLevel — edges", () => {
  it("says so at L5", () => {
    const allFive = Object.fromEntries(Object.keys(exampleValues).map((id) => [id, 5]));
    allFive["operations.production.oee"] = 90;
    allFive["operations.quality.first-pass-yield"] = 99.9;
    allFive["strategy.investment.roi"] = 40;
    allFive["strategy.talent.hours"] = 80;
    allFive["business.sustainability.saving"] = 25;
    const result = scoreAssessment(model, answersFrom(allFive), { mode: "submission" });
    expect(result.level).toBe(5);
    expect(explainLevel(model, result)).toEqual({ status: "at-top", level: 5 });
  });

  it("cannot plan anything when nothing is scored", () => {
    const result = scoreAssessment(model, [], { mode: "draft" });
    expect(explainLevel(model, result)).toEqual({
      status: "next-level",
      level: 0,
      nextLevel: 1,
      requirement: { level: 1, overall: 1, everyDimension: 0 },
      overall: null,
      overallGap: 1,
      holdingBack: [],
      changes: [],
      reachable: false,
    });
  });

  it("plans on a draft with the answers it has, keeping N/A and gaps as they are", () => {
    const answers = answersFrom(exampleValues, [na("operations.warehouse.wms")]).filter((a) => !a.questionId.startsWith("technology."));
    const result = scoreAssessment(model, answers, { mode: "draft" });
    const explanation = nextLevel(explainLevel(model, result));
    expect(explanation.reachable).toBe(true);
    const planned = answersWithChanges(result, explanation.changes);
    expect(planned).toContainEqual(na("operations.warehouse.wms"));
    expect(planned.some((a) => a.questionId.startsWith("technology."))).toBe(false);
    expect(scoreAssessment(model, planned, { mode: "draft" }).level).toBeGreaterThanOrEqual(explanation.nextLevel);
  });

  it("counts the overall gap in the gain, not only the floor", () => {
    // weak (w1): q1 w9 = 1, q2 w1 = 0 → 0.9, floor gap 0.1. big (w9): q3 = 2, q4 = 1 → 1.5.
    // overall (0.9 + 9·1.5)/10 = 1.44 → L1; L2 is short by 0.56 overall and 0.1 on weak's floor.
    // Step 1: q1 gains min(0.09, 0.56) + min(0.9, 0.1) = 0.19, q3 gains min(0.45, 0.56) = 0.45 → q3 2 → 3.
    // Step 2: overall 1.89 (gap 0.11): q1 0.09 + 0.1 = 0.19 beats q4 0.11 → q1 1 → 2; overall 1.98.
    // Step 3: gap 0.02; q1 and q3 already have their one band, so of q2 (0.01) and q4 (min(0.45, 0.02))
    // q4 closes it → q4 1 → 2; overall 2.43 → L2. Nothing can be pruned (q4 back: 1.98; q1 back: weak
    // 0.9 < 1; q3 back: 1.98). Three one-band raises rather than q1 1 → 3 (ADR 0022).
    const split = compileModel(
      questionnaire([
        dimension("weak", 1, [capability("weak.c", 1, [levelQuestion("weak.c.q1", 9), levelQuestion("weak.c.q2", 1)])]),
        dimension("big", 9, [capability("big.c", 1, [levelQuestion("big.c.q3"), levelQuestion("big.c.q4")])]),
      ]),
    );
    const answers: Answer[] = [
      { questionId: "weak.c.q1", value: 1 },
      { questionId: "weak.c.q2", value: 0 },
      { questionId: "big.c.q3", value: 2 },
      { questionId: "big.c.q4", value: 1 },
    ];
    const explanation = nextLevel(explainLevel(split, scoreAssessment(split, answers, { mode: "submission" })));
    expect(explanation.changes).toEqual([
      { questionId: "big.c.q3", type: "level", from: 2, to: 3 },
      { questionId: "weak.c.q1", type: "level", from: 1, to: 2 },
      { questionId: "big.c.q4", type: "level", from: 1, to: 2 },
    ]);
    expect(levelAfter(split, answers)).toBe(2);
  });

  it("prunes a raise that later raises made unnecessary", () => {
    // a: five equal questions (q0 = 1, rest 0) → a = 0.2; b = 3; overall (0.2 + 3)/2 = 1.6 → L1.
    // L2: overall gap 0.4, a's floor gap 0.8. Step 1: an a-question gains min(0.1, 0.4) + min(0.2, 0.8)
    // = 0.3, b gains min(0.5, 0.4) = 0.4 → b 3 → 4 (overall 2.1). Steps 2–5: only the floor is short;
    // one band each on q0…q3 (id order), a = 1.0 — not q0 1 → 5 as before ADR 0022. Pruning: b back at
    // 3 still gives (1.0 + 3)/2 = 2 → dropped.
    const five = compileModel(
      questionnaire([
        dimension("a", 1, [capability("a.c", 1, [0, 1, 2, 3, 4].map((k) => levelQuestion(`a.c.q${k}`)))]),
        dimension("b", 1, [capability("b.c", 1, [levelQuestion("b.c.q")])]),
      ]),
    );
    const answers: Answer[] = [
      { questionId: "a.c.q0", value: 1 },
      ...[1, 2, 3, 4].map((k) => ({ questionId: `a.c.q${k}`, value: 0 })),
      { questionId: "b.c.q", value: 3 },
    ];
    const explanation = nextLevel(explainLevel(five, scoreAssessment(five, answers, { mode: "submission" })));
    expect(explanation.changes).toEqual([
      { questionId: "a.c.q0", type: "level", from: 1, to: 2 },
      { questionId: "a.c.q1", type: "level", from: 0, to: 1 },
      { questionId: "a.c.q2", type: "level", from: 0, to: 1 },
      { questionId: "a.c.q3", type: "level", from: 0, to: 1 },
    ]);
    expect(levelAfter(five, answers)).toBe(2);
  });

  it("returns no raise the next level does not need", () => {
    // a = (0 + 3·1)/4 = 0.75, b = (3 + 3·2)/4 = 2.25, overall (0.75 + 3·2.25)/4 = 1.875 → L1; L2 is short
    // on both the floor (a) and overall. a.big gains 0.25 (floor) + 0.125 (overall, capped) and wins:
    // a = 1.5, overall 2.0625. No listed raise can be lowered without losing the level.
    const two = compileModel(
      questionnaire([
        dimension("a", 1, [capability("a.c", 1, [levelQuestion("a.c.small", 1), levelQuestion("a.c.big", 3)])]),
        dimension("b", 3, [capability("b.c", 1, [levelQuestion("b.c.small", 1), levelQuestion("b.c.big", 3)])]),
      ]),
    );
    const answers: Answer[] = [
      { questionId: "a.c.small", value: 0 },
      { questionId: "a.c.big", value: 1 },
      { questionId: "b.c.small", value: 3 },
      { questionId: "b.c.big", value: 2 },
    ];
    const result = scoreAssessment(two, answers, { mode: "submission" });
    const explanation = nextLevel(explainLevel(two, result));
    expect(explanation.changes).toEqual([{ questionId: "a.c.big", type: "level", from: 1, to: 2 }]);
    const target = explanation.nextLevel;
    expect(scoreAssessment(two, answersWithChanges(result, explanation.changes), { mode: "submission" }).level).toBeGreaterThanOrEqual(target);
    for (const change of explanation.changes) {
      const lowered = explanation.changes.map((c) => (c === change ? { ...c, to: c.to - 1 } : c));
      expect(scoreAssessment(two, answersWithChanges(result, lowered), { mode: "submission" }).level).toBeLessThan(target);
    }
  });
});

describe("explainLevel — realistic steps (ADR 0022)", () => {
  it("moves no question more than one band while others can still move one", () => {
    // The worked example's questionnaire with every answer at the same band: the next level is
    // always reachable with one band per question.
    for (const band of [0, 1, 2, 3, 4]) {
      const answers = model.questions.map((question): Answer => {
        if (question.type === "level") return { questionId: question.id, value: band };
        return { questionId: question.id, value: band === 0 ? question.min : question.thresholds[band - 1]! };
      });
      const result = scoreAssessment(model, answers, { mode: "submission" });
      const explanation = explainLevel(model, result);
      if (explanation.status !== "next-level") continue;
      expect(explanation.changes.length).toBeGreaterThan(0);
      for (const change of explanation.changes) expect(change.to - change.from, `${change.questionId} at band ${band}`).toBe(1);
      expect(levelAfter(model, answers)).toBeGreaterThanOrEqual(explanation.nextLevel);
    }
  });

  it("gives one question a second band only when no other question can help", () => {
    // q1 is at 5, q2 at 1: overall 3 → L3. L4 needs overall 4, which only q2 can give: 1 → 3.
    const single = compileModel(questionnaire([dimension("a", 1, [capability("a.c", 1, [levelQuestion("a.c.q1"), levelQuestion("a.c.q2")])])]));
    const answers: Answer[] = [
      { questionId: "a.c.q1", value: 5 },
      { questionId: "a.c.q2", value: 1 },
    ];
    const explanation = nextLevel(explainLevel(single, scoreAssessment(single, answers, { mode: "submission" })));
    expect(explanation.changes).toEqual([{ questionId: "a.c.q2", type: "level", from: 1, to: 3 }]);
    expect(levelAfter(single, answers)).toBe(4);
  });
});
