/**
 * Questionnaire versions that are not (yet) in published.lock.json, inserted into a test file's
 * own database: 2.0.0 is published by the lead at merge time, but its app side (plant profile,
 * exclusion, carry-forward) is tested now. Never touches the lock or the files.
 */
import fs from "node:fs";
import path from "node:path";
import { contentHash } from "~/domain/questionnaire/files.server";
import { loadQuestionnaire } from "~/domain/questionnaire/load";
import { isApplicable, type PlantProfile } from "~/domain/questionnaire/profile";
import { questionnaireSchema, type Question, type Questionnaire } from "~/domain/questionnaire/schema";
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
 * 2.0.0 as in the repository, with at least one question only a process plant answers and one
 * only a discrete plant answers: the file's own when it has them (the process path), else a
 * non-stable question of a capability with spare questions gets an `appliesTo`. Schema-checked.
 */
export function version2WithPaths(): { questionnaire: Questionnaire; processOnly: string; discreteOnly: string; basisKpi: string } {
  const base = questionnaireFile("2.0.0");
  const all = () => base.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions));
  const find = (profile: PlantProfile, other: PlantProfile) => all().find((q) => onlyFor(q, profile, other))?.id;
  let processOnly = find(PROCESS_PLANT, DISCRETE_PLANT);
  let discreteOnly = find(DISCRETE_PLANT, PROCESS_PLANT);
  const spare = base.dimensions
    .flatMap((d) => d.capabilities)
    .filter((c) => c.questions.filter((q) => !q.appliesTo).length >= 3)
    .flatMap((c) => c.questions.filter((q) => !q.appliesTo && q.type === "level").slice(1, 2));
  const questionnaire: Questionnaire = structuredClone(base);
  const restrict = (id: string, productionType: ("process" | "discrete" | "mixed")[]) => {
    for (const capability of questionnaire.dimensions.flatMap((d) => d.capabilities))
      for (const question of capability.questions)
        if (question.id === id) {
          question.appliesTo = { productionType };
          question.notApplicableNote = { "zh-CN": "仅适用于部分生产类型。", en: "Applies to some production types only." };
        }
  };
  if (!processOnly) restrict((processOnly = spare[0]!.id), ["process"]);
  if (!discreteOnly) restrict((discreteOnly = spare[1]!.id), ["discrete", "mixed"]);
  // A percentage KPI asked as numerator and denominator, applicable to every plant.
  const kpis = questionnaire.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions)).filter((q) => q.type === "kpi" && !q.appliesTo && q.min === 0 && q.max === 100);
  let basis = kpis.find((q) => q.type === "kpi" && q.basis);
  if (!basis) {
    basis = kpis[0]!;
    if (basis.type === "kpi") basis.basis = { numerator: { "zh-CN": "联网设备台数", en: "Networked machines" }, denominator: { "zh-CN": "生产设备总台数", en: "All production machines" } };
  }
  // The result must still be a valid questionnaire (every capability keeps a question per profile).
  questionnaireSchema.parse(questionnaire);
  return { questionnaire, processOnly, discreteOnly, basisKpi: basis.id };
}
