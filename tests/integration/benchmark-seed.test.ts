/**
 * What `npm start` seeds for benchmarks: the demo factories' submitted assessments (engine-scored,
 * in submitAssessment's row shapes) and the demo population, once; and the BENCHMARK_MIN_GROUP check.
 */
import { describe, expect, it } from "vitest";
import { toEngineAnswers } from "~/domain/assessment/answers";
import { parseStoredAnswers, parseStoredResult } from "~/domain/assessment/stored";
import { buildScoreRows } from "~/domain/assessment/score-rows";
import { POPULATION_ID_MAX, POPULATION_ID_MIN } from "~/domain/benchmark/population";
import { scoreAssessment } from "~/domain/scoring";
import { loadQuestionnaireVersion } from "~/models/assessment.server";
import { loadBenchmark } from "~/models/benchmark.server";
import { prisma } from "~/utils/db.server";
import { InvalidEnvironmentError } from "~/utils/env.server";
import { DEMO_POPULATION, prepareBenchmarks } from "../../server/population";
import { DEMO_ORGANIZATIONS, seedDemo } from "../../server/seed";

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

  it("gives each demo factory a submitted, engine-scored assessment and seeds the demo population once", async () => {
    expect((await seedDemo(prisma)).seeded).toBe(true);
    // Start-up time is measured by `npm run bench:startup`, not asserted here.
    expect(await prepareBenchmarks(prisma, databaseUrl(), { demo: true })).toEqual({ demoAssessments: 4, population: DEMO_POPULATION.factories });

    for (const demo of demoFactories) {
      const [assessment] = await prisma.assessment.findMany({ where: { organizationId: demo.id }, include: { score: true, itemScores: true } });
      expect(assessment, demo.name).toBeDefined();
      expect(assessment!.status).toBe("SUBMITTED");
      const { model } = await loadQuestionnaireVersion(assessment!.questionnaireVersionId);
      const result = scoreAssessment(model, toEngineAnswers(parseStoredAnswers(assessment!.answers)), { mode: "submission" });
      // Prisma writes Json numbers with 15–16 significant digits (0.1 + 0.2 is stored as 0.3), as it
      // does for submitAssessment's frozen result; the score rows keep the exact doubles.
      expect(roundNumbers(parseStoredResult(assessment!.result))).toEqual(roundNumbers(result));
      const profile = await prisma.factoryProfile.findUniqueOrThrow({ where: { organizationId: demo.id } });
      const rows = buildScoreRows(result, profile);
      expect(roundNumbers(assessment!.score)).toMatchObject(roundNumbers({ ...rows.score, period: assessment!.period, submittedAt: assessment!.submittedAt }) as object);
      expect(roundNumbers(assessment!.itemScores.map(({ itemType, itemId, score }) => ({ itemType, itemId, score })).sort((a, b) => a.itemId.localeCompare(b.itemId)))).toEqual(
        roundNumbers([...rows.items].sort((a, b) => a.itemId.localeCompare(b.itemId))),
      );
      // Their benchmark pages have real groups to show.
      const outcome = await loadBenchmark(demo.id, assessment!.id, null);
      if (outcome.status !== "ok") throw new Error(`no benchmark for ${demo.name}`);
      expect(outcome.benchmark.group.used?.n ?? 0, demo.name).toBeGreaterThanOrEqual(5);
    }
    const synthetic = await prisma.organization.findMany({ where: { id: { gte: POPULATION_ID_MIN, lte: POPULATION_ID_MAX } }, select: { name: true, memberships: true } });
    expect(synthetic).toHaveLength(DEMO_POPULATION.factories);
    expect(synthetic.every((org) => org.name.startsWith("样本企业 ") && org.memberships.length === 0)).toBe(true);

    // A second start changes nothing.
    const counts = async () => [await prisma.organization.count(), await prisma.assessment.count(), await prisma.assessmentItemScore.count()];
    const before = await counts();
    expect(await prepareBenchmarks(prisma, databaseUrl(), { demo: true })).toEqual({ demoAssessments: 0, population: 0 });
    expect(await counts()).toEqual(before);
    // Seeds 2,000 factories through the scoring engine: ~5 s on a quiet 2-core machine.
  }, 90_000);
});
