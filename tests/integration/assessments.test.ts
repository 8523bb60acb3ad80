import { beforeEach, describe, expect, it } from "vitest";
import type { StoredAnswers } from "~/domain/assessment/answers";
import { parseStoredAnswers } from "~/domain/assessment/stored";
import { isApplicable } from "~/domain/questionnaire/profile";
import { currentQuestionnaireVersion, getAssessment, loadQuestionnaireVersion, saveAnswers, submitAssessment } from "~/models/assessment.server";
import * as answersRoute from "~/routes/o.$orgId.assessments.$assessmentId.answers";
import * as dimensionRoute from "~/routes/o.$orgId.assessments.$assessmentId.d.$dimensionId/route";
import * as resultsRoute from "~/routes/o.$orgId.assessments.$assessmentId.results";
import * as submitRoute from "~/routes/o.$orgId.assessments.$assessmentId.submit";
import * as listRoute from "~/routes/o.$orgId.assessments._index";
import { prisma } from "~/utils/db.server";
import { translator } from "~/utils/i18n";
import { completeAnswers, createFactoryOwner, createFactoryWithDraft, TEST_PLANT_PROFILE } from "../support/assessments";
import { addMember, call, cookieFor, createTestOrganization, createTestUser } from "../support/routes";

const t = translator("zh-CN");

let factory: Awaited<ReturnType<typeof createFactoryOwner>>;
let orgId: string;
let draftId: string;
let complete: StoredAnswers;

beforeEach(async () => {
  ({ factory, orgId, draftId } = await createFactoryWithDraft());
  complete ??= await completeAnswers(3);
});

/** POSTs JSON like the browser's autosave does. */
async function autosave(body: unknown, cookie = factory.cookie, assessmentId = draftId, organizationId = orgId) {
  const request = new Request(`http://localhost/o/${organizationId}/assessments/${assessmentId}/answers`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/json", "x-ffi-client-ip": "127.0.0.1" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = (await answersRoute.action({ request, params: { orgId: organizationId, assessmentId }, context: {} }).catch((thrown: unknown) => thrown)) as Response | { init?: { status?: number }; data?: unknown };
  if (response instanceof Response) return { status: response.status, data: (await response.json()) as Record<string, unknown> };
  return { status: response.init?.status ?? 200, data: response.data as Record<string, unknown> };
}

/** The current questionnaire as a test draft sees it: questions asked (its plant profile applied) and capabilities. */
async function questionnaireShape() {
  const { questionnaire } = await loadQuestionnaireVersion((await currentQuestionnaireVersion()).id);
  const questions = questionnaire.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions));
  return {
    asked: questions.filter((q) => !questionnaire.usesPlantProfile || isApplicable(q.appliesTo, TEST_PLANT_PROFILE)).length,
    capabilities: questionnaire.dimensions.flatMap((d) => d.capabilities).length,
  };
}

const storedAnswers = async () => parseStoredAnswers((await prisma.assessment.findUniqueOrThrow({ where: { id: draftId } })).answers);
const firstLevelQuestion = "device.connectivity.data-acquisition";

describe("starting", () => {
  it("pins the current questionnaire version and returns the open draft when started twice", async () => {
    const draft = await prisma.assessment.findUniqueOrThrow({ where: { id: draftId }, include: { questionnaireVersion: true } });
    expect(draft).toMatchObject({ status: "DRAFT", period: "2026", revision: 0 });
    expect(draft.questionnaireVersion.version).toBe((await currentQuestionnaireVersion()).version);
    const again = await call(listRoute.action, { path: `/o/${orgId}/assessments`, params: { orgId }, cookie: factory.cookie, form: { intent: "start", period: "2026" } });
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe(`/o/${orgId}/assessments/${draftId}`);
    expect(await prisma.assessment.count({ where: { organizationId: orgId } })).toBe(1);
  });

  it("refuses without a factory profile (409) and for an unknown year (400)", async () => {
    const owner = await createTestUser();
    const bare = await createTestOrganization(owner.id, "FACTORY");
    const cookie = await cookieFor(owner.id);
    const noProfile = await call(listRoute.action, { path: `/o/${bare.id}/assessments`, params: { orgId: bare.id }, cookie, form: { intent: "start", period: "2026" } });
    expect(noProfile.status).toBe(409);
    const badYear = await call(listRoute.action, { path: `/o/${orgId}/assessments`, params: { orgId }, cookie: factory.cookie, form: { intent: "start", period: "1999" } });
    expect(badYear.status).toBe(400);
    expect(badYear.data).toMatchObject({ fieldErrors: { period: t("assessment.errors.periodInvalid") } });
  });
});

describe("autosave", () => {
  it("stores valid changes and moves the revision on", async () => {
    const result = await autosave({ revision: 0, changes: { [firstLevelQuestion]: { value: 3, note: "OPC UA 接入", evidence: ["https://intranet.example.com/scada"] } } });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ reason: "saved", revision: 1 });
    expect(await storedAnswers()).toEqual({ [firstLevelQuestion]: { value: 3, note: "OPC UA 接入", evidence: ["https://intranet.example.com/scada"] } });
    const removed = await autosave({ revision: 1, changes: { [firstLevelQuestion]: null } });
    expect(removed.data).toMatchObject({ revision: 2 });
    expect(await storedAnswers()).toEqual({});
  });

  it("answers a stale revision with 409 and the newer answers, and stores nothing", async () => {
    await autosave({ revision: 0, changes: { [firstLevelQuestion]: { value: 2 } } });
    const stale = await autosave({ revision: 0, changes: { [firstLevelQuestion]: { value: 5 } } });
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ reason: "stale", revision: 1, answers: { [firstLevelQuestion]: { value: 2 } } });
    expect(stale.data.message).toBe(t("assessment.errors.stale"));
    expect(await storedAnswers()).toEqual({ [firstLevelQuestion]: { value: 2 } });
  });

  // saveAnswers remembers the draft it last saved and then writes without reading it first (issue 14):
  // whatever moved the row on behind that memory must still win or be reported, never overwritten.
  it("reports a save made by another process as a conflict and keeps edits made behind its back", async () => {
    const second = "device.connectivity.industrial-network";
    const third = "device.automation.program-management";
    expect((await autosave({ revision: 0, changes: { [firstLevelQuestion]: { value: 1 } } })).data).toMatchObject({ revision: 1 });
    // Another web process saves: the row moves on to revision 2 without this process knowing.
    await prisma.$executeRaw`UPDATE "Assessment" SET answers = answers || ${JSON.stringify({ [second]: { value: 2 } })}::jsonb, revision = revision + 1, "updatedAt" = now() WHERE id = ${draftId}::uuid`;
    const stale = await autosave({ revision: 1, changes: { [firstLevelQuestion]: { value: 4 } } });
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ reason: "stale", revision: 2, answers: { [firstLevelQuestion]: { value: 1 }, [second]: { value: 2 } } });
    expect((await autosave({ revision: 2, changes: { [firstLevelQuestion]: { value: 4 } } })).data).toMatchObject({ reason: "saved", revision: 3 });
    // An edit that does not move the revision on (a repair by hand, a restore) is kept, not written over.
    await prisma.assessment.update({ where: { id: draftId }, data: { answers: { [firstLevelQuestion]: { value: 4 }, [second]: { value: 2 }, [third]: { value: 5 } } } });
    expect((await autosave({ revision: 3, changes: { [second]: null } })).data).toMatchObject({ reason: "saved", revision: 4 });
    expect(await storedAnswers()).toEqual({ [firstLevelQuestion]: { value: 4 }, [third]: { value: 5 } });
    // Submitted behind its back: 409, nothing stored.
    await saveAnswers(orgId, draftId, factory.owner.id, { revision: 4, changes: complete });
    await submitAssessment(orgId, draftId, factory.owner.id);
    const late = await autosave({ revision: 5, changes: { [firstLevelQuestion]: { value: 0 } } });
    expect(late).toMatchObject({ status: 409, data: { reason: "submitted" } });
  });

  it("lets exactly one of two simultaneous saves on the same revision win", async () => {
    const [a, b] = await Promise.all([
      saveAnswers(orgId, draftId, factory.owner.id, { revision: 0, changes: { [firstLevelQuestion]: { value: 1 } } }),
      saveAnswers(orgId, draftId, factory.owner.id, { revision: 0, changes: { [firstLevelQuestion]: { value: 4 } } }),
    ]);
    expect([a.status, b.status].sort()).toEqual(["saved", "stale"]);
    const winner = a.status === "saved" ? 1 : 4;
    expect(await storedAnswers()).toEqual({ [firstLevelQuestion]: { value: winner } });
  });

  it.each([
    ["an unknown question", { "no.such.question": { value: 1 } }, t("assessment.errors.unknownQuestion", { question: "no.such.question" })],
    ["a level above 5", { [firstLevelQuestion]: { value: 7 } }, t("assessment.errors.outOfRange", { question: firstLevelQuestion })],
    ["a fractional level", { [firstLevelQuestion]: { value: 2.5 } }, t("assessment.errors.outOfRange", { question: firstLevelQuestion })],
    ["N/A where it is not allowed", { [firstLevelQuestion]: { na: true, naReason: "没有" } }, t("assessment.errors.naNotAllowed", { question: firstLevelQuestion })],
  ])("rejects %s with 400 and stores nothing", async (_label, changes, message) => {
    const result = await autosave({ revision: 0, changes });
    expect(result.status).toBe(400);
    expect(result.data.message).toBe(message);
    expect(await storedAnswers()).toEqual({});
    expect((await prisma.assessment.findUniqueOrThrow({ where: { id: draftId } })).revision).toBe(0);
  });

  it.each([
    ["a malformed evidence URL", { [firstLevelQuestion]: { value: 1, evidence: ["javascript:alert(1)"] } }],
    ["N/A without a reason", { [firstLevelQuestion]: { na: true } }],
    ["a value and N/A together", { [firstLevelQuestion]: { value: 1, na: true, naReason: "x" } }],
    ["an unexpected field", { [firstLevelQuestion]: { value: 1, score: 5 } }],
  ])("rejects %s as a bad payload (400)", async (_label, changes) => {
    const result = await autosave({ revision: 0, changes });
    expect(result.status).toBe(400);
    expect(await storedAnswers()).toEqual({});
  });

  it("rejects a KPI value outside its range", async () => {
    const version = await prisma.questionnaireVersion.findFirstOrThrow();
    const content = version.content as { dimensions: { capabilities: { questions: { id: string; type: string; max: number }[] }[] }[] };
    const kpi = content.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions)).find((q) => q.type === "kpi")!;
    const result = await autosave({ revision: 0, changes: { [kpi.id]: { value: kpi.max + 1 } } });
    expect(result.status).toBe(400);
  });

  it("rejects malformed JSON with 400", async () => {
    expect((await autosave("{not json")).status).toBe(400);
    expect((await autosave({ revision: "zero", changes: {} })).status).toBe(400);
  });

  it("refuses a viewer (403) and another organisation (404), storing nothing", async () => {
    const viewer = await createTestUser();
    await addMember(orgId, viewer.id, "VIEWER");
    const asViewer = await autosave({ revision: 0, changes: { [firstLevelQuestion]: { value: 3 } } }, await cookieFor(viewer.id));
    expect(asViewer.status).toBe(403);
    const other = await createFactoryOwner("别家工厂");
    // Their own organisation id in the URL, our assessment id: not found.
    const crossOrg = await autosave({ revision: 0, changes: { [firstLevelQuestion]: { value: 3 } } }, other.cookie, draftId, other.organization.id);
    expect(crossOrg.status).toBe(404);
    // Our organisation id in the URL: they are not a member.
    const foreignOrg = await autosave({ revision: 0, changes: { [firstLevelQuestion]: { value: 3 } } }, other.cookie);
    expect(foreignOrg.status).toBe(404);
    expect(await storedAnswers()).toEqual({});
  });
});

describe("saving without JavaScript", () => {
  const dimensionParams = () => ({ orgId, assessmentId: draftId, dimensionId: "device" });

  it("saves the posted page and redirects back", async () => {
    const result = await call(dimensionRoute.action, {
      path: `/o/${orgId}/assessments/${draftId}/d/device`,
      params: dimensionParams(),
      cookie: factory.cookie,
      form: { revision: "0", "answers.1.value": "4", "answers.1.note": "秒级采集" },
    });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/o/${orgId}/assessments/${draftId}/d/device?saved=1`);
    const answers = await storedAnswers();
    expect(Object.values(answers)).toEqual([{ value: 4, note: "秒级采集" }]);
  });

  it("shows field errors for a malformed evidence link and stores nothing", async () => {
    const result = await call(dimensionRoute.action, {
      path: `/o/${orgId}/assessments/${draftId}/d/device`,
      params: dimensionParams(),
      cookie: factory.cookie,
      form: { revision: "0", "answers.0.value": "50", "answers.1.value": "2", "answers.1.evidence": "ftp://files" },
    });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ fieldErrors: { "answers.1.evidence": t("assessment.errors.urlInvalid") } });
    expect(await storedAnswers()).toEqual({});
  });

  it("answers 404 for an unknown dimension", async () => {
    const result = await call(dimensionRoute.loader, { path: "/x", params: { orgId, assessmentId: draftId, dimensionId: "nope" }, cookie: factory.cookie });
    expect(result.status).toBe(404);
  });
});

describe("submitting", () => {
  it("lists the missing questions and refuses an incomplete submission", async () => {
    await saveAnswers(orgId, draftId, factory.owner.id, { revision: 0, changes: { [firstLevelQuestion]: { value: 3 } } });
    const page = await call(submitRoute.loader, { path: "/x", params: { orgId, assessmentId: draftId }, cookie: factory.cookie });
    const missing = (page.data as { missingQuestions: { id: string; number: number }[] }).missingQuestions;
    const { asked } = await questionnaireShape();
    expect(missing).toHaveLength(asked - 1);
    expect(missing.map((q) => q.id)).not.toContain(firstLevelQuestion);
    expect(missing[0]).toMatchObject({ number: 1, dimensionId: "device" });
    const result = await call(submitRoute.action, { path: "/x", params: { orgId, assessmentId: draftId }, cookie: factory.cookie, form: {} });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ formError: t("assessment.missingTitle", { count: asked - 1 }) });
    expect((await prisma.assessment.findUniqueOrThrow({ where: { id: draftId } })).status).toBe("DRAFT");
  });

  it("freezes answers, stores the engine's result and the score rows, once", async () => {
    await saveAnswers(orgId, draftId, factory.owner.id, { revision: 0, changes: complete });
    const first = await call(submitRoute.action, { path: "/x", params: { orgId, assessmentId: draftId }, cookie: factory.cookie, form: {} });
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/o/${orgId}/assessments/${draftId}/results?submitted=1`);
    const second = await submitAssessment(orgId, draftId, factory.owner.id);
    expect(second.status).toBe("already-submitted");

    const submitted = await prisma.assessment.findUniqueOrThrow({ where: { id: draftId }, include: { score: true, itemScores: true } });
    expect(submitted.status).toBe("SUBMITTED");
    // Every answer at band 3 scores exactly 3 everywhere: overall 3, level L3.
    expect(submitted.score).toMatchObject({ overall: 3, level: 3, industryCode: "34", industryCategory: "equipment", regionCode: "310115", provinceCode: "31", cityCode: null, sizeBand: "MEDIUM", period: "2026" });
    expect(submitted.itemScores).toHaveLength(4 + (await questionnaireShape()).capabilities);
    expect(submitted.itemScores.every((item) => item.score === 3)).toBe(true);
    expect(await prisma.assessmentScore.count({ where: { assessmentId: draftId } })).toBe(1);
  });

  it("makes a submitted assessment immutable: autosave 409, and the database refuses direct edits", async () => {
    await saveAnswers(orgId, draftId, factory.owner.id, { revision: 0, changes: complete });
    await submitAssessment(orgId, draftId, factory.owner.id);
    const revision = (await prisma.assessment.findUniqueOrThrow({ where: { id: draftId } })).revision;
    const late = await autosave({ revision, changes: { [firstLevelQuestion]: { value: 5 } } });
    expect(late.status).toBe(409);
    expect(late.data).toMatchObject({ reason: "submitted" });
    await expect(prisma.assessment.update({ where: { id: draftId }, data: { answers: {} } })).rejects.toThrow(/immutable/);
    expect((await storedAnswers())[firstLevelQuestion]).toEqual({ value: 3 });
  });

  it("reads a draft's answers anew each time, and parses a submitted assessment's once, shared and frozen", async () => {
    await saveAnswers(orgId, draftId, factory.owner.id, { revision: 0, changes: { [firstLevelQuestion]: { value: 2 } } });
    const draft = (await getAssessment(orgId, draftId))!;
    expect(draft.answers[firstLevelQuestion]).toEqual({ value: 2 });
    await saveAnswers(orgId, draftId, factory.owner.id, { revision: draft.revision, changes: complete });
    const draftAgain = (await getAssessment(orgId, draftId))!;
    expect(draftAgain.answers).not.toBe(draft.answers);
    expect(draftAgain.answers[firstLevelQuestion]).toEqual({ value: 3 });

    await submitAssessment(orgId, draftId, factory.owner.id);
    const [first, second] = [(await getAssessment(orgId, draftId))!, (await getAssessment(orgId, draftId))!];
    expect(first.status).toBe("SUBMITTED");
    expect(second.answers).toBe(first.answers);
    expect(first.answers).toEqual(await storedAnswers());
    expect(Object.isFrozen(first.answers)).toBe(true);
    expect(Object.isFrozen(first.answers[firstLevelQuestion])).toBe(true);
    expect(() => {
      (first.answers as Record<string, unknown>)[firstLevelQuestion] = { value: 5 };
    }).toThrow(TypeError);

    // Held answers are not read again: with the immutability trigger off (only a test can), a change
    // of the stored answers alone goes unseen; a row with another updatedAt is read afresh.
    await prisma.$executeRawUnsafe(`ALTER TABLE "Assessment" DISABLE TRIGGER "assessment_submitted_is_immutable"`);
    try {
      await prisma.$executeRaw`UPDATE "Assessment" SET answers = answers || '{"x-marker": {"value": 1}}'::jsonb WHERE id = ${draftId}::uuid`;
      expect((await getAssessment(orgId, draftId))!.answers).toBe(first.answers);
      await prisma.$executeRaw`UPDATE "Assessment" SET "updatedAt" = "updatedAt" + interval '1 second' WHERE id = ${draftId}::uuid`;
      const reread = (await getAssessment(orgId, draftId))!;
      expect(reread.answers).not.toBe(first.answers);
      expect(reread.answers["x-marker"]).toEqual({ value: 1 });
    } finally {
      await prisma.$executeRawUnsafe(`ALTER TABLE "Assessment" ENABLE TRIGGER "assessment_submitted_is_immutable"`);
    }
  });

  it("shows results only for submitted assessments (409 for a draft) and revises into a prefilled draft", async () => {
    const draftResults = await call(resultsRoute.loader, { path: "/x", params: { orgId, assessmentId: draftId }, cookie: factory.cookie });
    expect(draftResults.status).toBe(409);
    await saveAnswers(orgId, draftId, factory.owner.id, { revision: 0, changes: complete });
    await submitAssessment(orgId, draftId, factory.owner.id);
    const results = await call(resultsRoute.loader, { path: "/x", params: { orgId, assessmentId: draftId }, cookie: factory.cookie });
    expect(results.status).toBe(200);
    const report = (results.data as { report: { overall: number; level: number; roadmap: unknown[]; explanation: { status: string } } }).report;
    expect(report).toMatchObject({ overall: 3, level: 3 });
    expect(report.roadmap).toHaveLength((await questionnaireShape()).capabilities);
    // 1.0.0 explains the level by overall score and dimension floor, 2.0.0 by its requirement score.
    const { questionnaire } = await loadQuestionnaireVersion((await currentQuestionnaireVersion()).id);
    expect(report.explanation.status).toBe(questionnaire.levelRule === "requirements" ? "next-requirements" : "next-level");

    const revise = await call(resultsRoute.action, { path: "/x", params: { orgId, assessmentId: draftId }, cookie: factory.cookie, form: {} });
    expect(revise.status).toBe(302);
    const revision = await prisma.assessment.findFirstOrThrow({ where: { organizationId: orgId, status: "DRAFT" } });
    expect(revision.revisedFromId).toBe(draftId);
    expect(revision.answers).toEqual(complete);
  });

  it("refuses another organisation's results with 404", async () => {
    const other = await createFactoryOwner("别家工厂");
    const result = await call(resultsRoute.loader, { path: "/x", params: { orgId: other.organization.id, assessmentId: draftId }, cookie: other.cookie });
    expect(result.status).toBe(404);
  });
});
