/**
 * The synthetic population as PostgreSQL COPY text (server/population.ts writes it): one string
 * per table and batch of factories. Generating factories is most of the seeding time (the scoring
 * engine runs for every assessment), and it depends only on (seed, index), so batches can be made
 * in other processes (server/population-worker.ts) while this one writes the previous batch.
 */
import { isPopulationId, syntheticFactory } from "../app/domain/benchmark/population";
import { storeResult } from "../app/domain/assessment/stored";
import type { CompiledModel } from "../app/domain/scoring";

export interface PopulationModels {
  current: { versionId: string; model: CompiledModel };
  previous: { versionId: string; model: CompiledModel } | null;
}

/** Rows for COPY … FROM STDIN (text format), one field list per table in COPY_COLUMNS order. */
export interface CopyBatch {
  factories: number;
  assessments: number;
  organization: string;
  profile: string;
  assessment: string;
  score: string;
  item: string;
}

/** The target of each part of a batch, in the order they must be written (parents before children). */
export const COPY_TARGETS = [
  ["organization", `"Organization" (id, kind, name, "createdAt", "updatedAt")`],
  ["profile", `"FactoryProfile" ("organizationId", "legalName", "creditCode", "industryCode", "regionCode", employees, "revenueWan", "sizeBand", "updatedAt")`],
  ["assessment", `"Assessment" (id, "organizationId", "questionnaireVersionId", period, status, revision, answers, profile, result, "createdAt", "updatedAt", "submittedAt")`],
  [
    "score",
    `"AssessmentScore" ("assessmentId", "organizationId", "questionnaireVersionId", period, "submittedAt", "industryCode", "industryCategory", "regionCode", "provinceCode", "cityCode", "sizeBand", overall, level)`,
  ],
  ["item", `"AssessmentItemScore" ("assessmentId", "itemType", "itemId", score)`],
] as const satisfies readonly (readonly [Exclude<keyof CopyBatch, "factories" | "assessments">, string])[];

const DAY = 24 * 60 * 60 * 1000;

/** A field in COPY text format: backslash, tab and line breaks escaped; null is \N. */
function field(value: string | number | null): string {
  if (value === null) return "\\N";
  if (typeof value === "number") return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : value;
}
const line = (values: readonly (string | number | null)[]) => values.map(field).join("\t") + "\n";

/** Factories [from, to) of population `seed`, as COPY rows with exactly the values submitAssessment would write. */
export function populationCopyBatch(models: PopulationModels, seed: number, from: number, to: number, anchor: Date): CopyBatch {
  const versionIds = new Map([models.current, ...(models.previous ? [models.previous] : [])].map((published) => [published.model.version, published.versionId]));
  const parts = { organization: [] as string[], profile: [] as string[], assessment: [] as string[], score: [] as string[], item: [] as string[] };
  let assessments = 0;
  for (let index = from; index < to; index++) {
    const factory = syntheticFactory(models.current.model, seed, index, anchor, models.previous?.model);
    if (!isPopulationId(factory.organizationId)) throw new Error(`not a synthetic id: ${factory.organizationId}`);
    const earliest = factory.assessments[factory.assessments.length - 1]!.submittedAt;
    const created = new Date(earliest.getTime() - 30 * DAY).toISOString();
    parts.organization.push(line([factory.organizationId, "FACTORY", factory.name, created, created]));
    parts.profile.push(
      line([factory.organizationId, factory.name, factory.creditCode, factory.industryCode, factory.regionCode, factory.employees, factory.revenueWan, factory.sizeBand, created]),
    );
    for (const assessment of factory.assessments) {
      const versionId = versionIds.get(assessment.version)!;
      const submitted = assessment.submittedAt.toISOString();
      parts.assessment.push(
        line([
          assessment.id,
          factory.organizationId,
          versionId,
          assessment.period,
          "SUBMITTED",
          1,
          JSON.stringify(assessment.answers),
          assessment.profile === null ? null : JSON.stringify(assessment.profile),
          JSON.stringify(storeResult(assessment.result)),
          new Date(assessment.submittedAt.getTime() - 7 * DAY).toISOString(),
          submitted,
          submitted,
        ]),
      );
      const { score } = assessment.rows;
      parts.score.push(
        line([
          assessment.id,
          factory.organizationId,
          versionId,
          assessment.period,
          submitted,
          score.industryCode,
          score.industryCategory,
          score.regionCode,
          score.provinceCode,
          score.cityCode,
          score.sizeBand,
          score.overall,
          score.level,
        ]),
      );
      for (const item of assessment.rows.items) parts.item.push(line([assessment.id, item.itemType, item.itemId, item.score]));
      assessments++;
    }
  }
  return {
    factories: to - from,
    assessments,
    organization: parts.organization.join(""),
    profile: parts.profile.join(""),
    assessment: parts.assessment.join(""),
    score: parts.score.join(""),
    item: parts.item.join(""),
  };
}
