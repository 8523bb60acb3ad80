/** Test helpers for assessments: a factory with a valid profile, and complete answer sets. */
import crypto from "node:crypto";
import type { StoredAnswers } from "~/domain/assessment/answers";
import type { PlantProfile } from "~/domain/questionnaire/profile";
import { makeCreditCode } from "~/domain/reference/credit-code";
import { currentQuestionnaireVersion, loadQuestionnaireVersion, startAssessment } from "~/models/assessment.server";
import { saveFactoryProfile } from "~/models/organization.server";
import { prisma } from "~/utils/db.server";
import { cookieFor, createTestOrganization, createTestUser } from "./routes";

const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

export function uniqueCreditCode() {
  return makeCreditCode("91310115" + Array.from({ length: 9 }, () => CHARSET[crypto.randomInt(CHARSET.length)]).join(""));
}

export async function createFactoryOwner(name = "测试工厂") {
  const owner = await createTestUser();
  const organization = await createTestOrganization(owner.id, "FACTORY", name);
  await saveFactoryProfile(organization.id, {
    name,
    legalName: `${name}有限公司`,
    creditCode: uniqueCreditCode(),
    industryCode: "34",
    regionCode: "310115",
    employees: 500,
    revenueWan: 30000,
  });
  return { owner, organization, cookie: await cookieFor(owner.id) };
}

/** The plant profile test drafts get on a questionnaire that asks for one (2.0.0 on). */
export const TEST_PLANT_PROFILE: PlantProfile = { productionType: "discrete", markets: ["b2b"], productVariety: "high", sites: "single" };

/**
 * A factory owner (with profile) and a fresh draft for `period`. On a questionnaire with a plant
 * profile step the draft has stated TEST_PLANT_PROFILE already (written directly: the revision stays 0).
 */
export async function createFactoryWithDraft(period = "2026") {
  const factory = await createFactoryOwner();
  const draftId = await startTestDraft(factory.organization.id, factory.owner.id, period);
  return { factory, orgId: factory.organization.id, draftId };
}

/** Starts (or finds) the organisation's draft for `period`, with TEST_PLANT_PROFILE stated where the questionnaire asks for one. */
export async function startTestDraft(organizationId: string, userId: string, period = "2026"): Promise<string> {
  const started = await startAssessment(organizationId, userId, period);
  if (started.status === "profile-missing") throw new Error("factory profile expected");
  const { questionnaire } = await loadQuestionnaireVersion((await currentQuestionnaireVersion()).id);
  if (questionnaire.usesPlantProfile) await prisma.assessment.update({ where: { id: started.id }, data: { profile: TEST_PLANT_PROFILE } });
  return started.id;
}

/** Every question answered: level questions with `band`, KPI questions with the threshold of that band. */
export async function completeAnswers(band = 3): Promise<StoredAnswers> {
  const version = await currentQuestionnaireVersion();
  const { questionnaire } = await loadQuestionnaireVersion(version.id);
  const answers: StoredAnswers = {};
  for (const dimension of questionnaire.dimensions) {
    for (const capability of dimension.capabilities) {
      for (const question of capability.questions) {
        answers[question.id] = { value: question.type === "level" ? band : band === 0 ? question.min : question.thresholds[band - 1]! };
      }
    }
  }
  return answers;
}
