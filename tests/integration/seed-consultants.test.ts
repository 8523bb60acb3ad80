import { describe, expect, it } from "vitest";
import { parseStoredAnswers, parseStoredReviews } from "~/domain/assessment/stored";
import { prisma } from "~/utils/db.server";
import { seedDemoAssessments } from "../../server/population";
import { seedDemo } from "../../server/seed";
import { DEMO_CONSULTANCY_ID, DEMO_ENGAGEMENT_PLANS, seedDemoConsultancy } from "../../server/seed-consultants";

describe("the demo consultancy's portfolio", () => {
  it("has at least 8 clients in every state, one validated with differences and comments, and a second run changes nothing", { timeout: 60_000 }, async () => {
    expect((await seedDemo(prisma)).seeded).toBe(true);
    await seedDemoAssessments(prisma);
    expect(await seedDemoConsultancy(prisma)).toBe(DEMO_ENGAGEMENT_PLANS.length);
    expect(await seedDemoConsultancy(prisma)).toBe(0);

    const engagements = await prisma.engagement.findMany({ where: { consultancyId: DEMO_CONSULTANCY_ID } });
    expect(engagements.length).toBeGreaterThanOrEqual(8);
    const now = Date.now();
    const states = new Set(engagements.map((e) => (e.state === "ACTIVE" && e.expiresAt.getTime() < now ? "EXPIRED" : e.state)));
    expect([...states].sort()).toEqual(["ACTIVE", "EXPIRED", "REQUESTED", "REVOKED"]);
    expect(engagements.filter((e) => e.state === "REQUESTED").map((e) => e.initiatedBy).sort()).toEqual(["CONSULTANCY", "FACTORY"]);

    const issued = await prisma.validation.findMany({ where: { consultancyId: DEMO_CONSULTANCY_ID, status: "ISSUED" }, include: { assessment: true } });
    expect(issued).toHaveLength(1);
    const reviews = parseStoredReviews(issued[0]!.reviews);
    const answers = parseStoredAnswers(issued[0]!.assessment.answers);
    const changed = Object.entries(reviews).filter(([, review]) => review.decision === "changed");
    expect(changed).toHaveLength(3);
    for (const [questionId, review] of changed) {
      expect(review.value).toBe(answers[questionId]!.value! - 1);
      expect(review.comment!.length).toBeGreaterThan(10);
    }
    expect(issued[0]!.overall).toBeLessThan(issued[0]!.assessment.result ? (await prisma.assessmentScore.findUniqueOrThrow({ where: { assessmentId: issued[0]!.assessmentId } })).overall : 0);
    expect(await prisma.comment.count({ where: { assessmentId: issued[0]!.assessmentId } })).toBeGreaterThanOrEqual(2);
    expect(await prisma.validation.count({ where: { consultancyId: DEMO_CONSULTANCY_ID, status: "DRAFT" } })).toBe(1);
    // The factory the E2E journey requests access to is left without an engagement.
    expect(engagements.some((e) => e.factoryId === "0b9e3c1e-0000-4000-8000-000000000004")).toBe(false);
  });
});
