/**
 * The synthetic population as PostgreSQL COPY text (server/population.ts writes it): one string
 * per table and batch of factories. Generating factories is most of the seeding time (the scoring
 * engine runs for every assessment), and it depends only on (seed, index), so batches can be made
 * in other processes (server/population-worker.ts) while this one writes the previous batch.
 */
import { isPopulationId, syntheticFactory, type SyntheticAssessment } from "../app/domain/benchmark/population";
import { storeResult } from "../app/domain/assessment/stored";
import type { CompiledModel } from "../app/domain/scoring";

export interface PopulationModels {
  current: { versionId: string; model: CompiledModel };
  previous: { versionId: string; model: CompiledModel } | null;
}

/**
 * What a batch needs to write the population's own aggregate contributions as well (ADR 0029):
 * the window start of the "current" scope (from the database's clock) and each version's item ids
 * in AggregateItem position order (position 1 first). Null: no contributions (aggregates left stale).
 */
export interface ContributionPlan {
  since: string;
  items: Record<string, readonly string[]>;
}

/**
 * The batch's contributions, compact, for the item histograms the seeder builds in memory: one
 * cell key per contribution (`version|scope|division|category|province|city|region|size`, the finest
 * cell it lies in) and its values (overall, then the item vector; -1 = no score), `stride` apiece.
 */
export interface ContributionValues {
  finest: string[];
  values: Int16Array;
  stride: number;
  /** Item ids met per version: the seeder checks them against its plan. */
  seen: Record<string, string[]>;
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
  /**
   * The item rows of the factories' earlier submissions (ids 5eed5eed-0002-…, ≈ 8 %): the seeder
   * writes them after every batch, so the table's rows arrive in the order of its primary key
   * ("assessmentId", "itemId") and its two b-tree builds on those columns get presorted input.
   */
  earlierItem: string;
  /** AggregateContribution rows ("" without a plan). */
  contribution: string;
  contributions: ContributionValues | null;
}

/** The target of each part of a batch, in the order they must be written (parents before children). */
export const COPY_TARGETS = [
  ["organization", `"Organization" (id, kind, name, "createdAt", "updatedAt")`],
  ["profile", `"FactoryProfile" ("organizationId", "legalName", "creditCode", "industryCode", "regionCode", employees, "revenueWan", "sizeBand", "updatedAt")`],
  ["assessment", `"Assessment" (id, "organizationId", "questionnaireVersionId", period, status, revision, answers, profile, result, "createdAt", "updatedAt", "submittedAt")`],
  [
    "score",
    `"AssessmentScore" ("assessmentId", "organizationId", "questionnaireVersionId", period, "submittedAt", "industryCode", "industryCategory", "regionCode", "provinceCode", "cityCode", "sizeBand", overall, level, "recordKey")`,
  ],
  ["item", `"AssessmentItemScore" ("assessmentId", "itemType", "itemId", score)`],
  [
    "contribution",
    `"AggregateContribution" ("versionId", scope, "organizationId", "assessmentId", "submittedAt", "industryCode", "industryCategory", "regionCode", "provinceCode", "cityCode", "sizeBand", level, "recordKey", synthetic, overall, items)`,
  ],
] as const satisfies readonly (readonly [Exclude<keyof CopyBatch, "factories" | "assessments" | "contributions">, string])[];

/** ffi_hundredths: a score in hundredths, 0…500 (the bin of the item histograms). */
export const hundredths = (score: number) => Math.min(500, Math.max(0, Math.floor(score * 100 + 0.5)));

const DAY = 24 * 60 * 60 * 1000;

/** A field in COPY text format: backslash, tab and line breaks escaped; null is \N. */
function field(value: string | number | null): string {
  if (value === null) return "\\N";
  if (typeof value === "number") return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : value;
}
const line = (values: readonly (string | number | null)[]) => values.map(field).join("\t") + "\n";

/**
 * JSON text as a COPY field. JSON.stringify escapes every control character, so its output holds
 * no raw tab or line break: only backslashes (of its own escapes) need doubling, and most texts have none.
 */
function jsonField(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes("\\") ? text.replace(/\\/g, "\\\\") : text;
}

/** Escaped questionnaire ids (a handful, each met on every assessment): escaped once, not 31 M times. */
const escapedIds = new Map<string, string>();
function idField(id: string): string {
  let escaped = escapedIds.get(id);
  if (escaped === undefined) escapedIds.set(id, (escaped = field(id)));
  return escaped;
}

/** Factories [from, to) of population `seed`, as COPY rows with exactly the values submitAssessment would write. */
export function populationCopyBatch(models: PopulationModels, seed: number, from: number, to: number, anchor: Date, plan: ContributionPlan | null = null): CopyBatch {
  const versionIds = new Map([models.current, ...(models.previous ? [models.previous] : [])].map((published) => [published.model.version, published.versionId]));
  // One string per table, appended to (V8 joins the pieces once, when the batch is sent), each row's
  // text built once; only free-form strings and JSON texts go through the COPY escaping.
  const parts = {
    organization: "",
    profile: "",
    assessment: "",
    score: "",
    item: "",
    earlierItem: "",
    contribution: "",
  };
  const contributions = plan ? new ContributionWriter(plan) : null;
  // The score rows' cell keys, random 0…255 as the column's default draws them (docs/privacy.md), drawn here so the contributions carry the same.
  const recordKeys = crypto.getRandomValues(new Uint8Array(2 * (to - from)));
  let assessments = 0;
  for (let index = from; index < to; index++) {
    const factory = syntheticFactory(models.current.model, seed, index, anchor, models.previous?.model);
    if (!isPopulationId(factory.organizationId)) throw new Error(`not a synthetic id: ${factory.organizationId}`);
    const earliest = factory.assessments[factory.assessments.length - 1]!.submittedAt;
    const created = new Date(earliest.getTime() - 30 * DAY).toISOString();
    const organizationId = factory.organizationId;
    parts.organization += `${organizationId}\tFACTORY\t${field(factory.name)}\t${created}\t${created}\n`;
    parts.profile += line([
      organizationId,
      factory.name,
      factory.creditCode,
      factory.industryCode,
      factory.regionCode,
      factory.employees,
      factory.revenueWan,
      factory.sizeBand,
      created,
    ]);
    for (const [sequence, assessment] of factory.assessments.entries()) {
      const versionId = versionIds.get(assessment.version)!;
      const submitted = assessment.submittedAt.toISOString();
      const id = assessment.id;
      const profile = assessment.profile === null ? "\\N" : jsonField(assessment.profile);
      const createdAt = new Date(assessment.submittedAt.getTime() - 7 * DAY).toISOString();
      const result = jsonField(storeResult(assessment.result));
      const answers = jsonField(assessment.answers);
      parts.assessment += `${id}\t${organizationId}\t${versionId}\t${field(assessment.period)}\tSUBMITTED\t1\t${answers}\t${profile}\t${result}\t${createdAt}\t${submitted}\t${submitted}\n`;
      const { score } = assessment.rows;
      parts.score += line([
        id,
        organizationId,
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
        recordKeys[assessments]!,
      ]);
      // In key order: "itemId" bytewise, as the embedded cluster's C collation compares it (under
      // another collation the rows are merely not presorted).
      const sorted = assessment.rows.items.toSorted((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
      let items = "";
      for (const item of sorted) items += `${id}\t${idField(item.itemType)}\t${idField(item.itemId)}\t${item.score === null ? "\\N" : item.score}\n`;
      if (sequence === 0) parts.item += items;
      else parts.earlierItem += items;
      contributions?.add(organizationId, versionId, assessment, recordKeys[assessments]!);
      assessments++;
    }
    if (contributions) parts.contribution += contributions.endFactory();
  }
  return {
    factories: to - from,
    assessments,
    ...parts,
    contributions: contributions?.values() ?? null,
  };
}

interface Candidate {
  versionId: string;
  assessment: SyntheticAssessment;
  recordKey: number;
}

/**
 * A factory's contributions exactly as ffi_aggregates_rebuild chooses them: per version its
 * latest submission (scope "current", if inside the window) and per version and period the latest
 * ("p:<period>"); latest = submittedAt, then assessment id, descending.
 */
class ContributionWriter {
  private candidates: Candidate[] = [];
  private organizationId = "";
  private readonly finest: string[] = [];
  private readonly rows: number[] = [];
  private readonly positions = new Map<string, Map<string, number>>();
  private readonly seen = new Map<string, Set<string>>();
  readonly stride: number;
  private readonly since: number;

  constructor(plan: ContributionPlan) {
    this.since = new Date(plan.since).getTime();
    for (const [versionId, items] of Object.entries(plan.items)) this.positions.set(versionId, new Map(items.map((id, at) => [id, at])));
    this.stride = 1 + Math.max(0, ...Object.values(plan.items).map((items) => items.length));
  }

  add(organizationId: string, versionId: string, assessment: SyntheticAssessment, recordKey: number) {
    this.organizationId = organizationId;
    this.candidates.push({ versionId, assessment, recordKey });
  }

  /** The factory's contribution rows (COPY text). */
  endFactory(): string {
    const later = (a: Candidate, b: Candidate) =>
      a.assessment.submittedAt.getTime() - b.assessment.submittedAt.getTime() || (a.assessment.id < b.assessment.id ? -1 : a.assessment.id > b.assessment.id ? 1 : 0);
    const latest = new Map<string, Candidate>();
    const perPeriod = new Map<string, Candidate>();
    for (const candidate of this.candidates) {
      const { versionId, assessment } = candidate;
      const current = latest.get(versionId);
      if (!current || later(candidate, current) > 0) latest.set(versionId, candidate);
      const key = `${versionId}|${assessment.period}`;
      const inPeriod = perPeriod.get(key);
      if (!inPeriod || later(candidate, inPeriod) > 0) perPeriod.set(key, candidate);
    }
    let out = "";
    for (const candidate of latest.values()) if (candidate.assessment.submittedAt.getTime() > this.since) out += this.write("current", candidate);
    for (const candidate of perPeriod.values()) out += this.write(`p:${candidate.assessment.period}`, candidate);
    this.candidates = [];
    return out;
  }

  private write(scope: string, { versionId, assessment, recordKey }: Candidate): string {
    const positions = this.positions.get(versionId);
    if (!positions) throw new Error(`no item positions planned for version ${versionId}`);
    let seen = this.seen.get(versionId);
    if (!seen) this.seen.set(versionId, (seen = new Set()));
    const { score, items } = assessment.rows;
    const vector = new Array<number>(positions.size).fill(-1);
    let scored = false;
    for (const item of items) {
      seen.add(item.itemId);
      const at = positions.get(item.itemId);
      if (at === undefined) throw new Error(`item ${item.itemId} of version ${versionId} has no planned position`);
      if (item.score !== null) {
        vector[at] = hundredths(item.score);
        scored = true;
      }
    }
    const overall = hundredths(score.overall);
    // As the rebuild: an assessment without any scored item has an empty vector.
    const stored = scored ? vector : [];
    const row = line([
      versionId,
      scope,
      this.organizationId,
      assessment.id,
      assessment.submittedAt.toISOString(),
      score.industryCode,
      score.industryCategory,
      score.regionCode,
      score.provinceCode,
      score.cityCode,
      score.sizeBand,
      score.level,
      recordKey,
      "t",
      overall,
      `{${stored.join(",")}}`,
    ]);
    this.finest.push(finestCellKey(versionId, scope, score));
    const rows = this.rows;
    rows.push(overall);
    for (const value of stored) rows.push(value);
    for (let at = stored.length + 1; at < this.stride; at++) rows.push(-1);
    return row;
  }

  values(): ContributionValues {
    return {
      finest: this.finest,
      values: Int16Array.from(this.rows),
      stride: this.stride,
      seen: Object.fromEntries([...this.seen].map(([versionId, ids]) => [versionId, [...ids]])),
    };
  }
}

/** The finest cell of a contribution (every other cell it lies in is derived from these parts). */
export function finestCellKey(
  versionId: string,
  scope: string,
  row: {
    industryCode: string;
    industryCategory: string;
    provinceCode: string;
    cityCode: string | null;
    regionCode: string;
    sizeBand: string;
  },
): string {
  return `${versionId}|${scope}|${row.industryCode}|${row.industryCategory}|${row.provinceCode}|${row.cityCode ?? ""}|${row.regionCode}|${row.sizeBand}`;
}
