/**
 * Test helpers for the consultant features: a consultancy, an engagement in any state (written
 * directly, so a test can start from "active", "expired", "revoked"…), and a submitted assessment.
 */
import { saveAnswers, submitAssessment } from "~/models/assessment.server";
import type { EngagementScope } from "~/utils/permissions";
import { prisma } from "~/utils/db.server";
import { completeAnswers, startTestDraft } from "./assessments";
import { cookieFor, createTestOrganization, createTestUser } from "./routes";

export async function createConsultancy(name = "测试咨询公司") {
  const owner = await createTestUser();
  const organization = await createTestOrganization(owner.id, "CONSULTANCY", name);
  return { owner, organization, cookie: await cookieFor(owner.id) };
}

const DAY = 24 * 60 * 60 * 1000;

export async function createEngagement(options: {
  consultancyId: string;
  factoryId: string;
  requestedById: string;
  scope?: EngagementScope;
  state?: "REQUESTED" | "ACTIVE" | "DECLINED" | "ENDED" | "REVOKED";
  initiatedBy?: "CONSULTANCY" | "FACTORY";
  startsAt?: Date;
  expiresAt?: Date;
  /** Only these assessments (default: all). */
  assessmentIds?: string[];
}) {
  const now = Date.now();
  return prisma.engagement.create({
    data: {
      consultancyId: options.consultancyId,
      factoryId: options.factoryId,
      requestedById: options.requestedById,
      scope: options.scope ?? "VALIDATE",
      state: options.state ?? "ACTIVE",
      initiatedBy: options.initiatedBy ?? "CONSULTANCY",
      startsAt: options.startsAt ?? new Date(now - DAY),
      expiresAt: options.expiresAt ?? new Date(now + 180 * DAY),
      allAssessments: options.assessmentIds === undefined,
      assessments: options.assessmentIds ? { create: options.assessmentIds.map((assessmentId) => ({ assessmentId })) } : undefined,
    },
  });
}

/** A submitted assessment for `period` with every answer at `band` (via the real model functions). */
export async function submitTestAssessment(organizationId: string, userId: string, period = "2025", band = 3): Promise<string> {
  const id = await startTestDraft(organizationId, userId, period);
  const draft = await prisma.assessment.findUniqueOrThrow({ where: { id }, select: { revision: true } });
  const saved = await saveAnswers(organizationId, id, userId, { revision: draft.revision, changes: await completeAnswers(band) });
  if (saved.status !== "saved") throw new Error(`could not save answers: ${saved.status}`);
  const outcome = await submitAssessment(organizationId, id, userId);
  if (outcome.status !== "submitted") throw new Error(`could not submit: ${outcome.status}`);
  return id;
}
