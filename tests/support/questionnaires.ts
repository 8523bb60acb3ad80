/**
 * The repository's questionnaire files for tests: read a version, store a version row in a test
 * file's own database (e.g. to replay an upgrade where 2.0.0 arrives after 1.0.0), and find 2.0.0's
 * path-specific questions. Never touches the lock or the files.
 */
import fs from "node:fs";
import path from "node:path";
import { contentHash } from "~/domain/questionnaire/files.server";
import { loadQuestionnaire } from "~/domain/questionnaire/load";
import { isApplicable, type PlantProfile } from "~/domain/questionnaire/profile";
import type { Question, Questionnaire } from "~/domain/questionnaire/schema";
import { QUESTIONNAIRE_KEY } from "~/models/assessment.server";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { PROJECT_DIR } from "./route-modules";

export function questionnaireFile(version: string): Questionnaire {
  const file = path.join(PROJECT_DIR, "questionnaires", QUESTIONNAIRE_KEY, `${version}.yaml`);
  return loadQuestionnaire(fs.readFileSync(file, "utf8"), file);
}

/** Stores the questionnaire as a version row unless key@version is there already; returns the row id. */
export async function publishForTest(questionnaire: Questionnaire): Promise<string> {
  const existing = await prisma.questionnaireVersion.findFirst({ where: { key: questionnaire.key, version: questionnaire.version }, select: { id: true } });
  if (existing) return existing.id;
  const row = await prisma.questionnaireVersion.create({
    data: { key: questionnaire.key, version: questionnaire.version, contentHash: contentHash(questionnaire), content: questionnaire as unknown as Prisma.InputJsonValue },
    select: { id: true },
  });
  return row.id;
}

export const DISCRETE_PLANT: PlantProfile = { productionType: "discrete", markets: ["b2b"], productVariety: "high", sites: "single" };
export const PROCESS_PLANT: PlantProfile = { productionType: "process", markets: ["b2b"], productVariety: "low", sites: "single" };

const onlyFor = (question: Question, profile: PlantProfile, other: PlantProfile) => isApplicable(question.appliesTo, profile) && !isApplicable(question.appliesTo, other);

/**
 * 2.0.0's questions that only a process plant answers, only a discrete plant answers, and a
 * percentage KPI asked as numerator and denominator (applicable to every plant).
 */
export function version2WithPaths(): { questionnaire: Questionnaire; processOnly: string; discreteOnly: string; basisKpi: string } {
  const questionnaire = questionnaireFile("2.0.0");
  const all = questionnaire.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions));
  const processOnly = all.find((q) => onlyFor(q, PROCESS_PLANT, DISCRETE_PLANT))?.id;
  const discreteOnly = all.find((q) => onlyFor(q, DISCRETE_PLANT, PROCESS_PLANT))?.id;
  const basisKpi = all.find((q) => q.type === "kpi" && q.basis && !q.appliesTo)?.id;
  if (!processOnly || !discreteOnly || !basisKpi) throw new Error("2.0.0 lost its process path, its discrete path or its numerator/denominator KPIs");
  return { questionnaire, processOnly, discreteOnly, basisKpi };
}
