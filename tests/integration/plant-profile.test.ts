/**
 * Questionnaire 2.0.0 on the app side (issue 10, ADR 0014): the plant-profile step, questions the
 * profile excludes (not asked, not missing, answers kept), KPI numerator/denominator, versions
 * (new drafts on 2.0.0, revise 1.0.0 → 2.0.0 with carried answers, 1.0.0 results unchanged).
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StoredAnswers } from "~/domain/assessment/answers";
import { parseStoredAnswers, parseStoredProfile, parseStoredResult } from "~/domain/assessment/stored";
import { isApplicable, type PlantProfile } from "~/domain/questionnaire/profile";
import type { Questionnaire } from "~/domain/questionnaire/schema";
import { loadQuestionnaireVersion, saveAnswers, savePlantProfile, startAssessment, submitAssessment } from "~/models/assessment.server";
import * as layoutRoute from "~/routes/o.$orgId.assessments.$assessmentId";
import * as indexRoute from "~/routes/o.$orgId.assessments.$assessmentId._index";
import * as answersRoute from "~/routes/o.$orgId.assessments.$assessmentId.answers";
import * as dimensionRoute from "~/routes/o.$orgId.assessments.$assessmentId.d.$dimensionId/route";
import * as profileRoute from "~/routes/o.$orgId.assessments.$assessmentId.profile";
import * as reportRoute from "~/routes/o.$orgId.assessments.$assessmentId.report/route";
import * as resultsRoute from "~/routes/o.$orgId.assessments.$assessmentId.results";
import * as submitRoute from "~/routes/o.$orgId.assessments.$assessmentId.submit";
import { prisma } from "~/utils/db.server";
import { translator } from "~/utils/i18n";
import { createFactoryOwner } from "../support/assessments";
import { DISCRETE_PLANT, PROCESS_PLANT, version2WithPaths } from "../support/questionnaires";
import { addMember, call, cookieFor, createTestUser } from "../support/routes";

const zh = translator("zh-CN");
const en = translator("en");

let v1Id: string;
let v2: ReturnType<typeof version2WithPaths>;
let factory: Awaited<ReturnType<typeof createFactoryOwner>>;
let orgId: string;

beforeAll(async () => {
  v1Id = (await prisma.questionnaireVersion.findFirstOrThrow({ where: { version: "1.0.0" }, select: { id: true } })).id;
  v2 = version2WithPaths();
});

beforeEach(async () => {
  factory = await createFactoryOwner();
  orgId = factory.organization.id;
});

const questionsOf = (questionnaire: Questionnaire) => questionnaire.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions));

/** Every question at band 3 (KPIs at their band-3 threshold of the discrete path). */
function answersAt3(questionnaire: Questionnaire, skip: readonly string[] = []): StoredAnswers {
  return Object.fromEntries(
    questionsOf(questionnaire)
      .filter((q) => !skip.includes(q.id))
      .map((q) => [q.id, { value: q.type === "level" ? 3 : q.thresholds[2]! }]),
  );
}

async function draftOnVersion2(period = "2026") {
  const started = await startAssessment(orgId, factory.owner.id, period);
  if (started.status === "profile-missing") throw new Error("profile expected");
  return started.id;
}

/** A 1.0.0 assessment submitted under 1.0.0's rules, as existing rows are. */
async function submittedOnVersion1(period = "2025") {
  const { questionnaire } = await loadQuestionnaireVersion(v1Id);
  const row = await prisma.assessment.create({ data: { organizationId: orgId, period, questionnaireVersionId: v1Id, createdById: factory.owner.id }, select: { id: true } });
  const answers = answersAt3(questionnaire);
  const firstNa = questionsOf(questionnaire).find((q) => q.allowNa)!;
  answers[firstNa.id] = { na: true, naReason: "本厂不涉及" };
  const saved = await saveAnswers(orgId, row.id, factory.owner.id, { revision: 0, changes: answers });
  if (saved.status !== "saved") throw new Error(`could not save: ${saved.status}`);
  const submitted = await submitAssessment(orgId, row.id, factory.owner.id);
  if (submitted.status !== "submitted") throw new Error(`could not submit: ${submitted.status}`);
  return { id: row.id, result: submitted.result, answers, naQuestion: firstNa.id };
}

const params = (assessmentId: string, extra: Record<string, string> = {}) => ({ orgId, assessmentId, ...extra });
const profileForm = (profile: Partial<Record<"productionType" | "markets" | "productVariety" | "sites", string>>) =>
  Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined)) as Record<string, string>;
const storedProfile = async (id: string) => parseStoredProfile((await prisma.assessment.findUniqueOrThrow({ where: { id }, select: { profile: true } })).profile);

async function autosave(assessmentId: string, body: unknown) {
  const result = await call(answersRoute.action, { path: `/o/${orgId}/assessments/${assessmentId}/answers`, params: params(assessmentId), cookie: factory.cookie, body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });
  return result as { status: number; data: Record<string, unknown> };
}

describe("the plant-profile step", () => {
  it("starts new assessments on 2.0.0 and sends a draft without a profile to the step (no dead end)", async () => {
    const id = await draftOnVersion2();
    const draft = await prisma.assessment.findUniqueOrThrow({ where: { id }, include: { questionnaireVersion: true } });
    expect(draft.questionnaireVersion.version).toBe("2.0.0");
    for (const [handler, extra] of [
      [indexRoute.loader, {}],
      [dimensionRoute.loader, { dimensionId: "device" }],
      [submitRoute.loader, {}],
    ] as const) {
      const result = await call(handler, { path: "/x", params: params(id, extra), cookie: factory.cookie });
      expect(result.status).toBe(302);
      expect(result.headers.get("Location")).toBe(`/o/${orgId}/assessments/${id}/profile`);
    }
    // Answers cannot be stored before the profile says which questions apply: 400, translated.
    const early = await autosave(id, { revision: 0, changes: { "device.connectivity.data-acquisition": { value: 3 } } });
    expect(early.status).toBe(400);
    expect(early.data).toMatchObject({ reason: "invalid", message: zh("assessment.errors.profileRequired") });
  });

  it("stores a valid profile and goes on to the questions", async () => {
    const id = await draftOnVersion2();
    const result = await call(profileRoute.action, { path: "/x", params: params(id), cookie: factory.cookie, form: { productionType: "process", markets: "both", productVariety: "low", sites: "single" } });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/o/${orgId}/assessments/${id}`);
    expect(await storedProfile(id)).toEqual({ productionType: "process", markets: ["b2b", "b2c"], productVariety: "low", sites: "single" });
    // Saving the same profile again changes nothing: the revision stays (no conflict in other tabs).
    const revision = (await prisma.assessment.findUniqueOrThrow({ where: { id } })).revision;
    await call(profileRoute.action, { path: "/x", params: params(id), cookie: factory.cookie, form: { productionType: "process", markets: "both", productVariety: "low", sites: "single" } });
    expect((await prisma.assessment.findUniqueOrThrow({ where: { id } })).revision).toBe(revision);
    const next = await call(indexRoute.loader, { path: "/x", params: params(id), cookie: factory.cookie });
    expect(next.headers.get("Location")).toBe(`/o/${orgId}/assessments/${id}/d/${v2.questionnaire.dimensions[0]!.id}`);
  });

  it("refuses an invalid profile with 400 and translated messages per field, storing nothing", async () => {
    const id = await draftOnVersion2();
    const before = await prisma.assessment.findUniqueOrThrow({ where: { id } });
    const result = await call(profileRoute.action, { path: "/x", params: params(id), cookie: factory.cookie, form: profileForm({ productionType: "batch", markets: "retail", sites: "single" }) });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      fieldErrors: { productionType: zh("profile.errors.productionType"), markets: zh("profile.errors.markets"), productVariety: zh("profile.errors.productVariety") },
    });
    expect(await prisma.assessment.findUniqueOrThrow({ where: { id } })).toEqual(before);

    // In English for an English-speaking user.
    const english = await createTestUser({ locale: "en" });
    await addMember(orgId, english.id, "EDITOR");
    const inEnglish = await call(profileRoute.action, { path: "/x", params: params(id), cookie: await cookieFor(english.id), form: profileForm({ productionType: "discrete", markets: "b2b", productVariety: "low" }) });
    expect(inEnglish.status).toBe(400);
    expect(inEnglish.data).toMatchObject({ fieldErrors: { sites: en("profile.errors.sites") } });
  });

  it("answers 409 once the assessment is submitted, and changes nothing", async () => {
    const id = await draftOnVersion2();
    await savePlantProfile(orgId, id, factory.owner.id, DISCRETE_PLANT);
    await saveAnswers(orgId, id, factory.owner.id, { revision: 1, changes: answersAt3(v2.questionnaire) });
    expect((await submitAssessment(orgId, id, factory.owner.id)).status).toBe("submitted");
    const result = await call(profileRoute.action, { path: "/x", params: params(id), cookie: factory.cookie, form: { productionType: "process", markets: "b2b", productVariety: "low", sites: "single" } });
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({ formError: zh("profile.plant.submittedReadOnly") });
    expect(await storedProfile(id)).toEqual(DISCRETE_PLANT);
    // The database itself refuses to change the profile of a submitted assessment.
    await expect(prisma.assessment.update({ where: { id }, data: { profile: PROCESS_PLANT } })).rejects.toThrow(/immutable/);
  });

  it("offers the organisation's previous profile as the defaults of a new draft", async () => {
    const first = await draftOnVersion2("2025");
    await savePlantProfile(orgId, first, factory.owner.id, PROCESS_PLANT);
    const second = await draftOnVersion2("2026");
    const page = await call(profileRoute.loader, { path: "/x", params: params(second), cookie: factory.cookie });
    expect(page.status).toBe(200);
    expect(page.data).toEqual({ values: { productionType: "process", markets: "b2b", productVariety: "low", sites: "single" }, stated: false, prefilled: true });
    expect(await storedProfile(second)).toBeNull();
  });

  it("does not exist for a 1.0.0 assessment (404)", async () => {
    const { id } = await submittedOnVersion1();
    expect((await call(profileRoute.loader, { path: "/x", params: params(id), cookie: factory.cookie })).status).toBe(404);
  });
});

describe("questions the profile excludes", () => {
  async function draftWith(profile: PlantProfile) {
    const id = await draftOnVersion2();
    await savePlantProfile(orgId, id, factory.owner.id, profile);
    return id;
  }
  const dimensionOf = (questionId: string) => v2.questionnaire.dimensions.find((d) => d.capabilities.some((c) => c.questions.some((q) => q.id === questionId)))!.id;

  it("are neither asked nor counted: the page lists them with their note, progress and missing answers leave them out", async () => {
    const id = await draftWith(DISCRETE_PLANT);
    const page = await call(dimensionRoute.loader, { path: "/x", params: params(id, { dimensionId: dimensionOf(v2.processOnly) }), cookie: factory.cookie });
    const data = page.data as { dimension: { capabilities: { questions: { id: string }[] }[] }; excluded: { id: string; note: string }[] };
    expect(data.dimension.capabilities.flatMap((c) => c.questions.map((q) => q.id))).not.toContain(v2.processOnly);
    expect(data.excluded.map((q) => q.id)).toContain(v2.processOnly);
    expect(data.excluded.every((q) => q.note.length > 0)).toBe(true);

    const applicable = questionsOf(v2.questionnaire).length - excludedCount(DISCRETE_PLANT);
    const layout = await call(layoutRoute.loader, { path: "/x", params: params(id), cookie: factory.cookie });
    const progress = (layout.data as { progress: { total: number }[] }).progress;
    expect(progress.reduce((sum, p) => sum + p.total, 0)).toBe(applicable);

    const submitPage = await call(submitRoute.loader, { path: "/x", params: params(id), cookie: factory.cookie });
    const missing = (submitPage.data as { missingQuestions: { id: string }[] }).missingQuestions.map((q) => q.id);
    expect(missing).toHaveLength(applicable);
    expect(missing).not.toContain(v2.processOnly);
    expect(missing).toContain(v2.discreteOnly);
  });

  it("do not stop a submission, and their result says excluded", async () => {
    const id = await draftWith(DISCRETE_PLANT);
    await saveAnswers(orgId, id, factory.owner.id, { revision: 1, changes: answersAt3(v2.questionnaire, [v2.processOnly]) });
    const submitted = await call(submitRoute.action, { path: "/x", params: params(id), cookie: factory.cookie, form: {} });
    expect(submitted.status).toBe(302);
    const row = await prisma.assessment.findUniqueOrThrow({ where: { id } });
    const result = parseStoredResult(row.result);
    expect(result.profile).toEqual(DISCRETE_PLANT);
    expect(result.questions.find((q) => q.questionId === v2.processOnly)).toEqual({ questionId: v2.processOnly, status: "excluded" });
    expect(result.questions.find((q) => q.questionId === v2.discreteOnly)).toMatchObject({ status: "answered" });
    // The printable report's appendix and the export show it as not applicable, with the questionnaire's reason.
    const page = await call(reportRoute.loader, { path: "/x", params: params(id), cookie: factory.cookie });
    const note = questionsOf(v2.questionnaire).find((q) => q.id === v2.processOnly)!.notApplicableNote!["zh-CN"];
    const answers = (page.data as { report: { answers: { id: string; na: boolean; naReason: string | null; value: number | null }[] } }).report.answers;
    expect(answers.find((a) => a.id === v2.processOnly)).toMatchObject({ na: true, naReason: note, value: null });
    // The results page does not show the appendix, so its data does not carry it.
    const results = await call(resultsRoute.loader, { path: "/x", params: params(id), cookie: factory.cookie });
    expect(results.status).toBe(200);
    expect((results.data as { report: Record<string, unknown> }).report).not.toHaveProperty("answers");
  });

  it("keep their answers when the profile changes (hidden, never deleted)", async () => {
    const id = await draftWith(PROCESS_PLANT);
    await saveAnswers(orgId, id, factory.owner.id, { revision: 1, changes: { [v2.processOnly]: { value: 4, note: "DCS 全覆盖" } } });
    const changed = await call(profileRoute.action, { path: "/x", params: params(id), cookie: factory.cookie, form: { productionType: "discrete", markets: "b2b", productVariety: "high", sites: "single" } });
    expect(changed.status).toBe(302);
    const row = await prisma.assessment.findUniqueOrThrow({ where: { id } });
    expect(parseStoredAnswers(row.answers)[v2.processOnly]).toEqual({ value: 4, note: "DCS 全覆盖" });
    const page = await call(dimensionRoute.loader, { path: "/x", params: params(id, { dimensionId: dimensionOf(v2.processOnly) }), cookie: factory.cookie });
    expect((page.data as { answers: StoredAnswers }).answers[v2.processOnly]).toBeUndefined();
  });

  const excludedCount = (profile: PlantProfile) => questionsOf(v2.questionnaire).filter((q) => !isApplicable(q.appliesTo, profile)).length;
});

describe("results of a 2.0.0 assessment", () => {
  it("show the vetoes applied, the plausibility flags and the crosswalk estimates with their sources", async () => {
    const id = await draftOnVersion2();
    await savePlantProfile(orgId, id, factory.owner.id, DISCRETE_PLANT);
    const answers = answersAt3(v2.questionnaire);
    // A veto capability at band 0 caps the level; a KPI below a rule's limit contradicts a level answer.
    const veto = v2.questionnaire.vetoes![0]!;
    const vetoCapability = v2.questionnaire.dimensions.flatMap((d) => d.capabilities).find((c) => c.id === veto.capability)!;
    for (const q of vetoCapability.questions) answers[q.id] = { value: q.type === "level" ? 0 : q.min };
    const rule = v2.questionnaire.plausibility![0]!;
    const kpi = questionsOf(v2.questionnaire).find((q) => q.id === rule.kpi)!;
    if (kpi.type !== "kpi" || kpi.min >= rule.kpiBelow) throw new Error("the first plausibility rule's KPI cannot go below its limit");
    answers[rule.question] = { value: rule.bandAtLeast };
    answers[rule.kpi] = { value: kpi.min };
    await saveAnswers(orgId, id, factory.owner.id, { revision: 1, changes: answers });
    expect((await submitAssessment(orgId, id, factory.owner.id)).status).toBe("submitted");

    const page = await call(resultsRoute.loader, { path: "/x", params: params(id), cookie: factory.cookie });
    expect(page.status).toBe(200);
    const report = (page.data as { report: Record<string, unknown> & { level: number; levelBeforeVetoes: number } }).report;
    expect(report.profile).toEqual(DISCRETE_PLANT);
    expect(report.vetoes).toContainEqual(expect.objectContaining({ capabilityId: veto.capability, applied: true, reason: veto.reason["zh-CN"] }));
    expect(report.level).toBeLessThan(report.levelBeforeVetoes);
    expect(report.plausibility).toContainEqual(expect.objectContaining({ ruleId: rule.id, message: rule.message["zh-CN"], band: rule.bandAtLeast, kpiValue: kpi.min }));
    const crosswalks = v2.questionnaire.crosswalks!;
    expect(report.crosswalks).toMatchObject({
      cmmm: { source: crosswalks.cmmm.source["zh-CN"] },
      gradient: { source: crosswalks.gradient.source["zh-CN"], tiers: crosswalks.gradient.tiers.map((tier) => expect.objectContaining({ id: tier.id, name: tier.name["zh-CN"] })) },
      digitalLevel: { source: crosswalks.digitalLevel.source["zh-CN"], targets: crosswalks.digitalLevel.targets.map((target) => expect.objectContaining({ value: target.value, label: target.label["zh-CN"] })) },
    });
  });
});

describe("KPI numerator and denominator", () => {
  it("stores both counts with the percentage they give, and refuses counts that do not match (400, translated)", async () => {
    const id = await draftOnVersion2();
    await savePlantProfile(orgId, id, factory.owner.id, DISCRETE_PLANT);
    const wrong = await autosave(id, { revision: 1, changes: { [v2.basisKpi]: { value: 50, numerator: 1, denominator: 3 } } });
    expect(wrong.status).toBe(400);
    expect(wrong.data).toMatchObject({ reason: "invalid", message: zh("assessment.errors.basisMismatch"), questionId: v2.basisKpi });
    const half = await autosave(id, { revision: 1, changes: { [v2.basisKpi]: { value: 50, numerator: 30 } } });
    expect(half.status).toBe(400);
    expect(half.data).toMatchObject({ message: zh("assessment.errors.basisIncomplete") });
    const zero = await autosave(id, { revision: 1, changes: { [v2.basisKpi]: { value: 0, numerator: 0, denominator: 0 } } });
    expect(zero.data).toMatchObject({ message: zh("assessment.errors.denominatorZero") });
    expect(parseStoredAnswers((await prisma.assessment.findUniqueOrThrow({ where: { id } })).answers)).toEqual({});

    const right = await autosave(id, { revision: 1, changes: { [v2.basisKpi]: { value: 33.33, numerator: 1, denominator: 3 } } });
    expect(right.status).toBe(200);
    expect(parseStoredAnswers((await prisma.assessment.findUniqueOrThrow({ where: { id } })).answers)).toEqual({ [v2.basisKpi]: { value: 33.33, numerator: 1, denominator: 3 } });
  });

  it("takes the counts from the no-JavaScript form and computes the value", async () => {
    const id = await draftOnVersion2();
    await savePlantProfile(orgId, id, factory.owner.id, DISCRETE_PLANT);
    const dimensionId = v2.questionnaire.dimensions.find((d) => d.capabilities.some((c) => c.questions.some((q) => q.id === v2.basisKpi)))!.id;
    const page = await call(dimensionRoute.loader, { path: "/x", params: params(id, { dimensionId }), cookie: factory.cookie });
    const questions = (page.data as { dimension: { capabilities: { questions: { id: string }[] }[] } }).dimension.capabilities.flatMap((c) => c.questions);
    const index = questions.findIndex((q) => q.id === v2.basisKpi);
    const bad = await call(dimensionRoute.action, { path: "/x", params: params(id, { dimensionId }), cookie: factory.cookie, form: { revision: "1", [`answers.${index}.numerator`]: "45" } });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ fieldErrors: { [`answers.${index}.denominator`]: zh("assessment.errors.basisIncomplete") } });
    const good = await call(dimensionRoute.action, { path: "/x", params: params(id, { dimensionId }), cookie: factory.cookie, form: { revision: "1", [`answers.${index}.numerator`]: "45", [`answers.${index}.denominator`]: "60" } });
    expect(good.status).toBe(302);
    expect(parseStoredAnswers((await prisma.assessment.findUniqueOrThrow({ where: { id } })).answers)[v2.basisKpi]).toEqual({ value: 75, numerator: 45, denominator: 60 });
  });
});

describe("versions", () => {
  it("keeps a submitted 1.0.0 assessment readable with its stored result", async () => {
    const v1 = await submittedOnVersion1();
    const page = await call(resultsRoute.loader, { path: "/x", params: params(v1.id), cookie: factory.cookie });
    expect(page.status).toBe(200);
    const report = (page.data as { report: { version: string; level: number; overall: number } }).report;
    expect(report).toMatchObject({ version: "1.0.0", level: v1.result.level, overall: v1.result.overall });
    const stored = parseStoredResult((await prisma.assessment.findUniqueOrThrow({ where: { id: v1.id } })).result);
    expect(stored).toMatchObject({ levelRule: "dimension-floor", profile: null, crosswalks: null });
  });

  it("revises a 1.0.0 assessment into a 2.0.0 draft with the answers carried forward, then asks for the profile", async () => {
    const v1 = await submittedOnVersion1();
    const revise = await call(resultsRoute.action, { path: "/x", params: params(v1.id), cookie: factory.cookie, form: {} });
    expect(revise.status).toBe(302);
    const draft = await prisma.assessment.findFirstOrThrow({ where: { organizationId: orgId, status: "DRAFT" }, include: { questionnaireVersion: true } });
    expect(draft).toMatchObject({ revisedFromId: v1.id, period: "2025", profile: null });
    expect(draft.questionnaireVersion.version).toBe("2.0.0");
    const carried = parseStoredAnswers(draft.answers);
    const mapping = v2.questionnaire.carryForward!.find((c) => c.from === "1.0.0")!.answers;
    const expected = Object.entries(mapping).filter(([, from]) => from !== v1.naQuestion && v1.answers[from]?.value !== undefined);
    expect(Object.keys(carried).sort()).toEqual(expected.map(([to]) => to).sort());
    for (const [to, from] of expected) expect(carried[to]!.value).toBe(v1.answers[from]!.value);
    // The 1.0.0 N/A answer is not carried: from 2.0.0 the profile decides.
    expect(Object.values(carried).some((answer) => answer.na)).toBe(false);

    const next = await call(indexRoute.loader, { path: "/x", params: params(draft.id), cookie: factory.cookie });
    expect(next.headers.get("Location")).toBe(`/o/${orgId}/assessments/${draft.id}/profile`);
    // The 1.0.0 assessment itself is untouched.
    expect(parseStoredResult((await prisma.assessment.findUniqueOrThrow({ where: { id: v1.id } })).result)).toEqual(v1.result);
  });

  it("revises a 2.0.0 assessment on 2.0.0 with its answers and profile", async () => {
    const id = await draftOnVersion2();
    await savePlantProfile(orgId, id, factory.owner.id, PROCESS_PLANT);
    const answers = answersAt3(v2.questionnaire);
    await saveAnswers(orgId, id, factory.owner.id, { revision: 1, changes: answers });
    expect((await submitAssessment(orgId, id, factory.owner.id)).status).toBe("submitted");
    await call(resultsRoute.action, { path: "/x", params: params(id), cookie: factory.cookie, form: {} });
    const draft = await prisma.assessment.findFirstOrThrow({ where: { organizationId: orgId, status: "DRAFT" } });
    expect(parseStoredProfile(draft.profile)).toEqual(PROCESS_PLANT);
    expect(parseStoredAnswers(draft.answers)).toEqual(answers);
  });
});
