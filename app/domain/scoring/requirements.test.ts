/**
 * The 2.0.0 engine on a small questionnaire worked by hand (`plant` in test-fixtures.ts):
 * applicability by plant profile, process thresholds, requirement scores s_1…s_5, the
 * requirements level rule, vetoes, plausibility flags and crosswalks.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadQuestionnaire } from "~/domain/questionnaire/load";
import { allPlantProfiles, isApplicable, type PlantProfile } from "~/domain/questionnaire/profile";
import { REPO_ROOT } from "~/domain/questionnaire/test-support";
import type { Answer, Questionnaire } from "~/domain/questionnaire/schema";
import { answersWithChanges, explainLevel } from "./explain";
import { InvalidModelError, MissingAnswersError, NaNotAllowedError, ProfileRequiredError } from "./errors";
import { cmmmLevel, requirementsLevel } from "./level";
import { compileModel, kpiThresholds, profileIndex, profileKey, viewFor, type CompiledModel, type CompiledQuestion } from "./model";
import { credit, scoreAssessment } from "./score";
import { answersFrom, discretePlant, exampleValues, levelQuestion, mini, plant, processPlant } from "./test-fixtures";

const model = compileModel(plant);
const values = (entries: Record<string, number>): Answer[] => Object.entries(entries).map(([questionId, value]) => ({ questionId, value }));
/** sec 3; run 3 and KPI 35 (band 3 discrete, band 1 process); proc 2 and 4 on its applicable questions. */
const discreteAnswers = values({ "d.sec.q": 3, "d.run.a": 3, "d.run.kpi": 35, "d.proc.cnc": 2, "d.proc.all": 4 });

describe("credit, the requirements level and the CMMM estimate", () => {
  it("gives full credit at or above the level, half one band below, none further below", () => {
    expect([0, 1, 2, 3, 4, 5].map((band) => credit(band, 3))).toEqual([0, 0, 0.5, 1, 1, 1]);
    expect([0, 1].map((band) => credit(band, 1))).toEqual([0.5, 1]);
  });

  it("reaches a level when its score is at least 0.8 and every lower level is reached", () => {
    expect(requirementsLevel([1, 1, 0.9, 0.5, 0.1])).toBe(3);
    expect(requirementsLevel([1, 0.79, 0.95, 0.95, 0.95])).toBe(1); // L3–L5 alone do not count
    expect(requirementsLevel([0.799999, 1, 1, 1, 1])).toBe(0);
    expect(requirementsLevel([0.8 - 1e-12, 0.8, 0.8, 0.8, 0.8])).toBe(5); // float slack only
  });

  it("sums s_L up to the first level below 0.8 and maps the sum to CMMM's bands", () => {
    expect(cmmmLevel([1, 1, 0.9, 0.5, 0.1])).toEqual({ score: 3.4, level: 3 });
    expect(cmmmLevel([0.7, 0.6, 0.5, 0.4, 0.3])).toEqual({ score: 0.7, level: 0 });
    expect(cmmmLevel([1, 1, 1, 1, 1])).toEqual({ score: 5, level: 5 });
    expect(cmmmLevel([1, 1, 1, 1, 0.75]).level).toBe(4); // 4.75 < 4.8
  });
});

describe("scoring against a plant profile", () => {
  it("refuses to score a questionnaire that uses a plant profile without one", () => {
    expect(() => scoreAssessment(model, discreteAnswers, { mode: "draft" })).toThrow(ProfileRequiredError);
    expect(() => scoreAssessment(model, discreteAnswers, { mode: "draft", profile: null })).toThrow(
      expect.objectContaining({ code: "profile-required", details: { questionnaire: "plant@2.0.0" } }),
    );
  });

  it("excludes the questions the profile rules out: answers to them are ignored, never missing, never an error", () => {
    const withExcluded = [...discreteAnswers, { questionId: "d.proc.dcs", value: 99 }];
    const result = scoreAssessment(model, withExcluded, { mode: "submission", profile: discretePlant });
    expect(result).toEqual(scoreAssessment(model, discreteAnswers, { mode: "submission", profile: discretePlant }));
    expect(result.questions.find((q) => q.questionId === "d.proc.dcs")).toEqual({ questionId: "d.proc.dcs", status: "excluded" });
    expect(result.profile).toEqual(discretePlant);
    // shared by every result of this profile, so it cannot be changed through one of them
    expect(Object.isFrozen(result.profile) && Object.isFrozen(result.profile!.markets)).toBe(true);
    // d.proc = mean of 2 and 4 over the two applicable questions only
    expect(result.capabilities[2]).toMatchObject({ status: "scored", score: 3, naShare: 0 });
    const na: Answer = { questionId: "d.proc.dcs", na: true, naReason: "x" };
    expect(scoreAssessment(model, [...discreteAnswers, na], { mode: "draft", profile: discretePlant }).questions[3]!.status).toBe("excluded");
  });

  it("refuses N/A on an applicable question: the profile alone decides what is excluded", () => {
    const answers = [...discreteAnswers.filter((a) => a.questionId !== "d.proc.all"), { questionId: "d.proc.all", na: true as const, naReason: "not here" }];
    expect(() => scoreAssessment(model, answers, { mode: "submission", profile: discretePlant })).toThrow(NaNotAllowedError);
  });

  it("bands KPIs by the process thresholds on the process path", () => {
    const discrete = scoreAssessment(model, discreteAnswers, { mode: "draft", profile: discretePlant });
    const process = scoreAssessment(model, discreteAnswers.filter((a) => a.questionId !== "d.proc.cnc"), { mode: "draft", profile: processPlant });
    expect(discrete.questions[2]).toEqual({ questionId: "d.run.kpi", status: "answered", value: 35, score: 3 });
    expect(process.questions[2]).toEqual({ questionId: "d.run.kpi", status: "answered", value: 35, score: 1 });
    expect(process.questions.filter((q) => q.status === "excluded").map((q) => q.questionId)).toEqual(["d.proc.cnc"]);
  });

  it("treats both orders of the same markets as one profile, and computes a profile outside the 54 on the fly", () => {
    expect(viewFor(model, { ...processPlant, markets: ["b2c", "b2b"] })).toBe(viewFor(model, processPlant));
    expect(profileKey(processPlant)).toBe("process/b2b+b2c/low/multiple");
    allPlantProfiles().forEach((profile, index) => expect(profileIndex(profile)).toBe(index));
    const odd = { ...processPlant, markets: [] } as unknown as PlantProfile;
    expect(profileIndex(odd)).toBe(-1);
    expect(Array.from(viewFor(model, odd).applicable)).toEqual(Array.from(viewFor(model, processPlant).applicable));
  });

  it("ignores a profile on a questionnaire that does not use one (1.0.0 results stay as they were)", () => {
    const miniModel = compileModel(mini);
    const answers = answersFrom(exampleValues);
    const withProfile = scoreAssessment(miniModel, answers, { mode: "submission", profile: processPlant });
    expect(withProfile).toEqual(scoreAssessment(miniModel, answers, { mode: "submission" }));
    expect(withProfile).toMatchObject({ levelRule: "dimension-floor", profile: null, levelScores: null, levelBeforeVetoes: 1, vetoes: [], plausibility: [], crosswalks: null });
  });
});

describe("the requirements rule, worked by hand", () => {
  it("scores s_1…s_5 with the same weights as the index, then the level, the vetoes and the crosswalks", () => {
    const result = scoreAssessment(model, discreteAnswers, { mode: "submission", profile: discretePlant });
    // capabilities 3 / 3 / 3 (weights 1 / 2 / 2) → index 3
    expect(result.overall).toBe(3);
    // sec and run at band 3: [1, 1, 1, .5, 0]; proc = mean of band 2 [1, 1, .5, 0, 0] and band 4 [1, 1, 1, 1, .5]
    // s_3 = (1 + 2 + 2 × .75) / 5 = .9, s_4 = (.5 + 1 + 2 × .5) / 5 = .5, s_5 = (2 × .25) / 5 = .1
    expect(result.levelScores!.map((s) => Math.round(s * 1e12) / 1e12)).toEqual([1, 1, 0.9, 0.5, 0.1]);
    expect(result).toMatchObject({ levelRule: "requirements", level: 3, levelBeforeVetoes: 3, plausibility: [] });
    expect(result.vetoes).toEqual([{ capabilityId: "d.sec", capabilityScore: 3, maxLevel: 4, applied: false }]);
    expect(result.crosswalks!.cmmm.level).toBe(3);
    expect(result.crosswalks!.cmmm.score).toBeCloseTo(3.4, 12);
    // advanced's only item (DCS) is excluded for a discrete plant, so the tier rests on the CMMM level
    expect(result.crosswalks!.gradient).toEqual({
      tiers: [
        { id: "basic", met: true, levelMet: true, failedItems: [] },
        { id: "advanced", met: true, levelMet: true, failedItems: [] },
        { id: "leading", met: false, levelMet: false, failedItems: [] },
      ],
      highest: "advanced",
    });
    expect(result.crosswalks!.digitalLevel).toEqual({ index: 3, targets: [{ value: 2, met: true }, { value: 3, met: true }] });
  });

  it("lets a weak security capability cap a level the requirements reach", () => {
    const result = scoreAssessment(model, values({ "d.sec.q": 1, "d.run.a": 5, "d.run.kpi": 60, "d.proc.cnc": 5, "d.proc.all": 5 }), {
      mode: "submission",
      profile: discretePlant,
    });
    // s_5 = (0 + 2 + 2) / 5 = 0.8: the requirements alone give L5; security at 1 allows 1 + 1 = 2
    expect(result.levelBeforeVetoes).toBe(5);
    expect(result.level).toBe(2);
    expect(result.vetoes).toEqual([{ capabilityId: "d.sec", capabilityScore: 1, maxLevel: 2, applied: true }]);
    // the CMMM estimate knows no vetoes; the gradient check names the failed item of a tier
    expect(result.crosswalks!.cmmm.level).toBe(4); // S = 1 + .9 + .8 + .8 + .8 = 4.3
  });

  it("flags a KPI that contradicts a level answer, and fails a tier on an unmet item", () => {
    const result = scoreAssessment(model, values({ "d.sec.q": 3, "d.run.a": 3, "d.run.kpi": 20, "d.proc.dcs": 1, "d.proc.all": 5 }), {
      mode: "submission",
      profile: processPlant,
    });
    expect(result.plausibility).toEqual([{ ruleId: "run-vs-kpi", questionId: "d.run.a", kpiId: "d.run.kpi", band: 3, kpiValue: 20 }]);
    const advanced = result.crosswalks!.gradient.tiers[1]!;
    expect(advanced.failedItems).toEqual(["d.proc.dcs"]);
    expect(advanced.met).toBe(false);
  });

  it("leaves unscored veto capabilities and unanswered tier items out of a draft, and has no level scores when nothing is scored", () => {
    const partial = scoreAssessment(model, values({ "d.proc.all": 4 }), { mode: "draft", profile: discretePlant });
    expect(partial.vetoes).toEqual([]);
    expect(partial.crosswalks!.gradient.tiers[0]).toEqual({ id: "basic", met: false, levelMet: true, failedItems: ["d.run.a"] });
    const empty = scoreAssessment(model, [], { mode: "draft", profile: discretePlant });
    expect(empty).toMatchObject({ overall: null, level: 0, levelBeforeVetoes: 0, levelScores: null, crosswalks: null, vetoes: [] });
  });
});

describe("compileModel checks the 2.0.0 declarations of hand-built questionnaires", () => {
  const broken = (edit: (q: Questionnaire) => void) => {
    const copy = structuredClone(plant);
    edit(copy);
    return () => compileModel(copy);
  };

  it("refuses a capability that a profile empties and references that do not resolve", () => {
    expect(
      broken((q) => {
        q.dimensions[0]!.capabilities[0]!.questions[0]!.appliesTo = { sites: ["multiple"] };
      }),
    ).toThrow(InvalidModelError);
    expect(broken((q) => (q.vetoes = [{ ...q.vetoes![0]!, capability: "d.none" }]))).toThrow(/unknown capability "d.none"/);
    expect(broken((q) => (q.plausibility = [{ ...q.plausibility![0]!, question: "d.run.kpi" }]))).toThrow(/is not a level question/);
    expect(broken((q) => (q.plausibility = [{ ...q.plausibility![0]!, kpi: "d.run.a" }]))).toThrow(/is not a KPI question/);
    expect(broken((q) => (q.crosswalks!.gradient.tiers[0]!.items = [{ question: "d.none", bandAtLeast: 1, label: q.title }]))).toThrow(/unknown question "d.none"/);
  });

  it("without a plant profile, keeps every question whatever the profile (appliesTo needs usesPlantProfile)", () => {
    const copy = { ...structuredClone(plant), usesPlantProfile: false, dimensions: [...plant.dimensions] };
    const unprofiled = compileModel(copy);
    expect(viewFor(unprofiled, processPlant)).toBe(unprofiled.fullView);
    expect(levelQuestion("x").appliesTo).toBeUndefined();
  });
});

// --- the findings of issue 10, on the real questionnaire files ------------------------------------

const realFile = (version: string) =>
  loadQuestionnaire(fs.readFileSync(path.join(REPO_ROOT, `questionnaires/future-factory/${version}.yaml`), "utf8"), `${version}.yaml`);
const v1 = realFile("1.0.0");
const v2 = realFile("2.0.0");
const model1 = compileModel(v1);
const model2 = compileModel(v2);
/** 1.0.0's content under 2.0.0's rule: what the issue calls "CMMM-style". */
const model1Requirements = compileModel({ ...v1, levelRule: "requirements" });
const VETOED = new Set(model2.vetoes.map((veto) => veto.capabilityId));

/**
 * One answer per applicable question at `band(question)`: a level question takes the band, a KPI
 * the value that opens it on the profile's path. Built from the model, so the answer sets follow
 * the content authors' edits of 2.0.0.
 */
function answersAt(compiled: CompiledModel, band: (question: CompiledQuestion) => number, profile: PlantProfile | null = null): Answer[] {
  const view = viewFor(compiled, profile);
  return compiled.questions.flatMap((question): Answer[] => {
    if (view.applicable[question.index] === 0) return [];
    const target = band(question);
    if (question.type === "level") return [{ questionId: question.id, value: target }];
    return [{ questionId: question.id, value: target === 0 ? question.min : kpiThresholds(question, view.path)[target - 1]! }];
  });
}

const capabilityId = (compiled: CompiledModel, question: CompiledQuestion) => compiled.capabilities[question.capabilityIndex]!.id;
/** Alternate capabilities at band 5 and band 1 (10 of 21 at 规划级 in 1.0.0). */
const spiky = (question: CompiledQuestion) => (question.capabilityIndex % 2 === 0 ? 5 : 1);
/** Everything at band 3 except the first applicable question of every fourth capability (vetoed ones spared) at band 1. */
function mostlyBand3(compiled: CompiledModel, profile: PlantProfile | null) {
  const view = viewFor(compiled, profile);
  const gaps = new Set(
    compiled.capabilities
      .filter((capability) => capability.index % 4 === 1 && !VETOED.has(capability.id))
      .map((capability) => compiled.questions.find((q) => q.capabilityIndex === capability.index && view.applicable[q.index] === 1)!.id),
  );
  return (question: CompiledQuestion) => (gaps.has(question.id) ? 1 : 3);
}
const securityAtZero = (compiled: CompiledModel) => (question: CompiledQuestion) => (capabilityId(compiled, question) === "business.security" ? 0 : 5);

const submit = (compiled: CompiledModel, answers: Answer[], profile: PlantProfile | null = null) =>
  scoreAssessment(compiled, answers, { mode: "submission", profile });

describe("the three findings of the expert review fail on 1.0.0's rules and pass on 2.0.0's", () => {
  it("finding 1a: a spiky profile (capabilities alternating band 5 and band 1) is L3 on 1.0.0 but only L1 on 2.0.0", () => {
    const old = submit(model1, answersAt(model1, spiky));
    expect(old.level).toBe(3); // the finding: 1.0.0 rewards the spikes
    expect(submit(model1Requirements, answersAt(model1, spiky)).level).toBe(1);
    for (const profile of allPlantProfiles()) {
      const result = submit(model2, answersAt(model2, spiky, profile), profile);
      expect(result.level, profileKey(profile)).toBeLessThan(3);
      expect(result.level, profileKey(profile)).toBe(1);
    }
  });

  it("finding 1b: a mostly-band-3 plant with a few gaps is L2 on 1.0.0 and L3 on 2.0.0", () => {
    const old = submit(model1, answersAt(model1, mostlyBand3(model1, null)));
    expect(old.overall!).toBeLessThan(3);
    expect(old.level).toBe(2);
    expect(submit(model1Requirements, answersAt(model1, mostlyBand3(model1, null))).level).toBe(3);
    for (const profile of allPlantProfiles()) {
      const result = submit(model2, answersAt(model2, mostlyBand3(model2, profile), profile), profile);
      expect(result.overall!, profileKey(profile)).toBeLessThan(3);
      expect(result.level, profileKey(profile)).toBe(3);
    }
  });

  it("finding 2: security cannot hide — all business.security.* at band 0 and the rest at 5 is L4 on 1.0.0 and at most L1 on 2.0.0, with the veto listed", () => {
    expect(submit(model1, answersAt(model1, securityAtZero(model1))).level).toBe(4);
    for (const profile of allPlantProfiles()) {
      const result = submit(model2, answersAt(model2, securityAtZero(model2), profile), profile);
      expect(result.level, profileKey(profile)).toBeLessThanOrEqual(1);
      expect(result.levelBeforeVetoes).toBeGreaterThan(result.level);
      expect(result.vetoes).toContainEqual({ capabilityId: "business.security", capabilityScore: 0, maxLevel: 1, applied: true });
    }
  });

  it("finding 3: N/A can no longer be gamed — four weak answers marked N/A lift an honest L2 plant to L3 on 1.0.0; 2.0.0 refuses N/A and the profile alone excludes", () => {
    const naAble = model1.questions.filter((question) => question.allowNa).map((question) => question.id);
    expect(naAble).toHaveLength(4);
    const weak = (question: CompiledQuestion) => (naAble.includes(question.id) ? 0 : 3);
    const honest = submit(model1, answersAt(model1, weak));
    expect(honest.level).toBe(2);
    const gamed = answersAt(model1, weak).map((answer): Answer => (naAble.includes(answer.questionId) ? { questionId: answer.questionId, na: true, naReason: "不适用" } : answer));
    expect(submit(model1, gamed).level).toBe(3); // the finding

    for (const profile of allPlantProfiles()) {
      const view = viewFor(model2, profile);
      const answers = answersAt(model2, weak, profile);
      const baseline = submit(model2, answers, profile);
      for (const question of model2.questions) {
        if (view.applicable[question.index] === 1) {
          // N/A is refused on every applicable question…
          const withNa = answers.map((a): Answer => (a.questionId === question.id ? { questionId: a.questionId, na: true, naReason: "不适用" } : a));
          expect(() => submit(model2, withNa, profile), question.id).toThrow(NaNotAllowedError);
          // …and so is leaving it out of a submission.
          expect(() => submit(model2, answers.filter((a) => a.questionId !== question.id), profile), question.id).toThrow(MissingAnswersError);
        } else {
          // An excluded question is the profile's choice: answering it (however) changes nothing.
          for (const value of [0, 5]) expect(submit(model2, [...answers, { questionId: question.id, value }], profile)).toEqual(baseline);
          expect(isApplicable(v2Questions.get(question.id)!.appliesTo, profile)).toBe(false);
        }
      }
    }
  });
});

const v2Questions = new Map(v2.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions.map((q) => [q.id, q] as const))));

describe("explainLevel under the requirements rule", () => {
  const explain = (answers: Answer[], profile: PlantProfile = discretePlant) => {
    const result = scoreAssessment(model, answers, { mode: "submission", profile });
    const explanation = explainLevel(model, result);
    if (explanation.status !== "next-requirements") throw new Error(`expected the requirements explanation, got ${explanation.status}`);
    const after = scoreAssessment(model, answersWithChanges(result, explanation.changes), { mode: "submission", profile });
    return { result, explanation, after };
  };

  it("gives s_{L+1} against 0.8 and a plan of one-band raises that reaches the next level", () => {
    const { explanation, after } = explain(discreteAnswers);
    expect(explanation).toMatchObject({ level: 3, nextLevel: 4, threshold: 0.8, blockingVetoes: [], reachable: true });
    expect(explanation.levelScore).toBeCloseTo(0.5, 12);
    expect(explanation.scoreGap).toBeCloseTo(0.3, 12);
    expect(after.level).toBeGreaterThanOrEqual(4);
    for (const change of explanation.changes) expect(change.to - change.from).toBe(1);
    // KPI raises name the value that opens the band on the plant's path
    expect(explanation.changes).toContainEqual({ questionId: "d.run.kpi", type: "kpi", from: 3, to: 4, fromValue: 35, targetValue: 40 });
  });

  it("names the veto that blocks the next level and raises its capability first", () => {
    const { explanation, after } = explain(values({ "d.sec.q": 1, "d.run.a": 5, "d.run.kpi": 60, "d.proc.cnc": 5, "d.proc.all": 5 }));
    expect(explanation).toMatchObject({ level: 2, nextLevel: 3, scoreGap: 0 });
    expect(explanation.blockingVetoes).toEqual([{ capabilityId: "d.sec", capabilityScore: 1, maxLevel: 2, neededScore: 2 }]);
    expect(explanation.changes).toEqual([{ questionId: "d.sec.q", type: "level", from: 1, to: 2 }]);
    expect(after.level).toBe(3);
  });

  it("uses the process thresholds for a process plant's KPI targets", () => {
    // s_5 = (0.5 + 2 × 0.5 + 2) / 5 = 0.7: security at 4 or the KPI at process band 3 (70) must rise; ties go to the lower band
    const { explanation, after } = explain(values({ "d.sec.q": 4, "d.run.a": 5, "d.run.kpi": 70, "d.proc.dcs": 5, "d.proc.all": 5 }), processPlant);
    expect(explanation).toMatchObject({ level: 4, nextLevel: 5 });
    expect(explanation.changes).toEqual([{ questionId: "d.run.kpi", type: "kpi", from: 3, to: 4, fromValue: 70, targetValue: 80 }]);
    expect(after.level).toBe(5);
  });

  it("takes a question up more than one band only when a veto capability needs it (bands 5, 5, 0 → one band only gives 3.7)", () => {
    const threeQuestions = structuredClone(plant);
    threeQuestions.dimensions[0]!.capabilities[0]!.questions.push(levelQuestion("d.sec.q2"), levelQuestion("d.sec.q3"));
    const vetoed = compileModel(threeQuestions);
    const answers = values({ "d.sec.q": 5, "d.sec.q2": 5, "d.sec.q3": 0, "d.run.a": 5, "d.run.kpi": 60, "d.proc.cnc": 5, "d.proc.all": 5 });
    const result = scoreAssessment(vetoed, answers, { mode: "submission", profile: discretePlant });
    expect(result).toMatchObject({ levelBeforeVetoes: 5, level: 4 });
    const explanation = explainLevel(vetoed, result);
    expect(explanation).toMatchObject({ status: "next-requirements", nextLevel: 5, blockingVetoes: [{ capabilityId: "d.sec", maxLevel: 4, neededScore: 4 }] });
    if (explanation.status !== "next-requirements") return;
    expect(explanation.changes).toEqual([{ questionId: "d.sec.q3", type: "level", from: 0, to: 2 }]);
  });

  it("cannot plan when nothing is scored, and is at the top at L5", () => {
    const empty = explainLevel(model, scoreAssessment(model, [], { mode: "draft", profile: discretePlant }));
    expect(empty).toMatchObject({ status: "next-requirements", level: 0, nextLevel: 1, levelScore: null, scoreGap: 0.8, changes: [], reachable: false });
    const top = scoreAssessment(model, values({ "d.sec.q": 5, "d.run.a": 5, "d.run.kpi": 60, "d.proc.cnc": 5, "d.proc.all": 5 }), { mode: "submission", profile: discretePlant });
    expect(explainLevel(model, top)).toEqual({ status: "at-top", level: 5 });
  });
});

describe("scoring reuses its scratch sheet", () => {
  it("gives the same result whatever was scored before, on a larger or a smaller questionnaire", () => {
    const process = processPlant;
    const answers1 = answersAt(model1, (question) => (question.index % 6) as number);
    const answers2 = answersAt(model2, (question) => ((question.index * 7) % 6) as number, process);
    const fresh1 = scoreAssessment(model1, answers1, { mode: "submission" });
    const fresh2 = scoreAssessment(model2, answers2, { mode: "submission", profile: process });
    // 2.0.0 (77 questions) leaves states and scores beyond 1.0.0's 53 in the shared sheet, and a
    // draft leaves questions unanswered: neither may leak into the next result.
    scoreAssessment(model2, answers2.slice(0, 10), { mode: "draft", profile: process });
    expect(scoreAssessment(model1, answers1, { mode: "submission" })).toEqual(fresh1);
    scoreAssessment(model1, answers1.slice(0, 5), { mode: "draft" });
    expect(scoreAssessment(model2, answers2, { mode: "submission", profile: process })).toEqual(fresh2);
    expect(() => scoreAssessment(model2, answers2.slice(1), { mode: "submission", profile: process })).toThrow(MissingAnswersError);
    expect(scoreAssessment(model2, answers2, { mode: "submission", profile: process })).toEqual(fresh2);
  });
});
