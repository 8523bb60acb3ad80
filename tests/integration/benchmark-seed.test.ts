/**
 * What `npm start` seeds for benchmarks: the demo factories' submitted assessments (engine-scored,
 * in submitAssessment's row shapes: 1.0.0 a year ago in the old result format, 2.0.0 recently with
 * a plant profile) and the demo population on the current version, once; and the BENCHMARK_MIN_GROUP check.
 */
import { describe, expect, it } from "vitest";
import { toEngineAnswers } from "~/domain/assessment/answers";
import { parseStoredAnswers, parseStoredProfile, parseStoredResult } from "~/domain/assessment/stored";
import { buildScoreRows } from "~/domain/assessment/score-rows";
import { POPULATION_ID_MAX, POPULATION_ID_MIN } from "~/domain/benchmark/population";
import { scoreAssessment } from "~/domain/scoring";
import { loadQuestionnaireVersion } from "~/models/assessment.server";
import { loadBenchmark } from "~/models/benchmark.server";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { InvalidEnvironmentError } from "~/utils/env.server";
import { DEMO_PLANS, DEMO_POPULATION, prepareBenchmarks } from "../../server/population";
import { DEMO_ORGANIZATIONS, seedDemo } from "../../server/seed";
import { publishForTest, questionnaireFile } from "../support/questionnaires";

const roundNumbers = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" ? Number(v.toPrecision(12)) : v)));
const databaseUrl = () => process.env.DATABASE_URL!;
const demoFactories = DEMO_ORGANIZATIONS.filter((demo) => demo.factory);

describe("benchmark start-up preparation", () => {
  it("stops on an invalid BENCHMARK_MIN_GROUP instead of weakening the privacy rule", async () => {
    const previous = process.env.BENCHMARK_MIN_GROUP;
    process.env.BENCHMARK_MIN_GROUP = "2";
    try {
      const refused = prepareBenchmarks(prisma, databaseUrl(), { demo: false });
      await expect(refused).rejects.toBeInstanceOf(InvalidEnvironmentError);
      await expect(refused).rejects.toThrow(/BENCHMARK_MIN_GROUP must be a whole number from 3 to 1000/);
    } finally {
      if (previous === undefined) delete process.env.BENCHMARK_MIN_GROUP;
      else process.env.BENCHMARK_MIN_GROUP = previous;
    }
  });

  it("seeds nothing without the demo", async () => {
    expect(await prepareBenchmarks(prisma, databaseUrl(), { demo: false })).toEqual({ demoAssessments: 0, population: 0 });
    expect(await prisma.assessment.count()).toBe(0);
  });

  it("gives each demo factory a 1.0.0 submission a year ago and a 2.0.0 one with its plant profile, and seeds the demo population on the current version once", async () => {
    expect((await seedDemo(prisma)).seeded).toBe(true);
    // A demo database from before 2.0.0 was published (whatever the lock says now): the demo and the population answer 1.0.0…
    await prisma.questionnaireVersion.deleteMany({ where: { key: "future-factory", version: "2.0.0" } });
    expect(await prepareBenchmarks(prisma, databaseUrl(), { demo: true })).toEqual({ demoAssessments: demoFactories.length, population: DEMO_POPULATION.factories });
    // …then 2.0.0 arrives (as start-up stores it once published), and the next start adds each demo factory's 2.0.0
    // submission and replaces the population, which had no peers for it. Start-up time is measured by `npm run bench:startup`.
    await publishForTest(questionnaireFile("2.0.0"));
    expect(await prepareBenchmarks(prisma, databaseUrl(), { demo: true })).toEqual({ demoAssessments: demoFactories.length, population: DEMO_POPULATION.factories });

    for (const demo of demoFactories) {
      const assessments = await prisma.assessment.findMany({
        where: { organizationId: demo.id },
        include: { score: true, itemScores: true, questionnaireVersion: { select: { version: true } } },
        orderBy: { submittedAt: "asc" },
      });
      expect(assessments.map((a) => [a.questionnaireVersion.version, a.status]), demo.name).toEqual([
        ["1.0.0", "SUBMITTED"],
        ["2.0.0", "SUBMITTED"],
      ]);
      const [previous, current] = assessments as [(typeof assessments)[number], (typeof assessments)[number]];
      expect(Number(current.period) - Number(previous.period)).toBe(1);
      const plan = DEMO_PLANS[demo.id]!;
      // 1.0.0: no plant profile, its own rules, stored in the result format of before 2.0.0.
      expect(previous.profile).toBeNull();
      expect(previous.result).toMatchObject({ format: 1 });
      expect(previous.result).not.toHaveProperty("levelRule");
      // 2.0.0: the factory's plant profile (绿源食品 is a process plant), stored with the assessment.
      expect(parseStoredProfile(current.profile)).toEqual(plan.plant);
      expect(parseStoredResult(current.result).profile).toEqual(plan.plant);
      for (const [assessment, target] of [[previous, plan.previous], [current, plan.current]] as const) {
        const { model } = await loadQuestionnaireVersion(assessment.questionnaireVersionId);
        const profile = parseStoredProfile(assessment.profile);
        const result = scoreAssessment(model, toEngineAnswers(parseStoredAnswers(assessment.answers)), { mode: "submission", profile });
        expect(result.level, `${demo.name} ${model.version}`).toBe(target.level);
        // Prisma writes Json numbers with 15–16 significant digits (0.1 + 0.2 is stored as 0.3), as it
        // does for submitAssessment's frozen result; the score rows keep the exact doubles.
        expect(roundNumbers(parseStoredResult(assessment.result))).toEqual(roundNumbers(result));
        const factory = await prisma.factoryProfile.findUniqueOrThrow({ where: { organizationId: demo.id } });
        const rows = buildScoreRows(result, factory);
        expect(roundNumbers(assessment.score)).toMatchObject(roundNumbers({ ...rows.score, period: assessment.period, submittedAt: assessment.submittedAt }) as object);
        expect(roundNumbers(assessment.itemScores.map(({ itemType, itemId, score }) => ({ itemType, itemId, score })).sort((a, b) => a.itemId.localeCompare(b.itemId)))).toEqual(
          roundNumbers([...rows.items].sort((a, b) => a.itemId.localeCompare(b.itemId))),
        );
      }
      // Both benchmark pages have real groups: the population answered 2.0.0, and some of it 1.0.0 a year before.
      for (const assessment of [previous, current]) {
        const outcome = await loadBenchmark(demo.id, assessment.id, null);
        if (outcome.status !== "ok") throw new Error(`no benchmark for ${demo.name}`);
        expect(outcome.benchmark.group.used?.n ?? 0, `${demo.name} ${assessment.questionnaireVersion.version}`).toBeGreaterThanOrEqual(5);
      }
    }
    expect(DEMO_PLANS[demoFactories.find((demo) => demo.name === "绿源食品")!.id]!.plant.productionType).toBe("process");
    // Synthetic 2.0.0 assessments carry the plant profile they were scored with; 1.0.0 ones (a year before) have none.
    const syntheticAssessments = (version: string, profile: "with" | "without") =>
      prisma.assessment.count({
        where: { id: { gte: POPULATION_ID_MIN, lte: POPULATION_ID_MAX }, questionnaireVersion: { version }, profile: profile === "with" ? { not: Prisma.DbNull } : { equals: Prisma.DbNull } },
      });
    expect(await syntheticAssessments("2.0.0", "with")).toBe(DEMO_POPULATION.factories);
    expect(await syntheticAssessments("2.0.0", "without")).toBe(0);
    expect(await syntheticAssessments("1.0.0", "with")).toBe(0);
    expect(await syntheticAssessments("1.0.0", "without")).toBeGreaterThan(DEMO_POPULATION.factories * 0.05);
    const synthetic = await prisma.organization.findMany({ where: { id: { gte: POPULATION_ID_MIN, lte: POPULATION_ID_MAX } }, select: { name: true, memberships: true } });
    expect(synthetic).toHaveLength(DEMO_POPULATION.factories);
    expect(synthetic.every((org) => org.name.startsWith("样本企业 ") && org.memberships.length === 0)).toBe(true);

    // A second start changes nothing.
    const counts = async () => [await prisma.organization.count(), await prisma.assessment.count(), await prisma.assessmentItemScore.count()];
    const before = await counts();
    expect(await prepareBenchmarks(prisma, databaseUrl(), { demo: true })).toEqual({ demoAssessments: 0, population: 0 });
    expect(await counts()).toEqual(before);
    // Seeds 2,000 factories twice (1.0.0, then 2.0.0 after calibrating on it): ~25 s on the shared 2-core machine.
  }, 360_000);
});
