/**
 * Validation (核验) through the routes, on a real PostgreSQL: a consultant with a VALIDATE
 * engagement reviews a submitted assessment, is held to the revision it saw, issues once every
 * answered question is reviewed, and can never change an issued version; the factory sees both
 * results. Every refusal answers with the right status and message and changes nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { toEngineAnswers } from "~/domain/assessment/answers";
import { parseStoredAnswers, parseStoredProfile, parseStoredResult, parseStoredReviews } from "~/domain/assessment/stored";
import { scoreAssessment } from "~/domain/scoring";
import { validatedAnswers } from "~/domain/validation/reviews";
import { loadQuestionnaireVersion } from "~/models/assessment.server";
import * as benchmarkPage from "~/routes/o.$orgId.assessments.$assessmentId.benchmark/route";
import * as resultsPage from "~/routes/o.$orgId.assessments.$assessmentId.results";
import * as factoryPage from "~/routes/o.$orgId.assessments.$assessmentId.validation";
import * as clientPage from "~/routes/o.$orgId.clients.$clientId.assessments.$assessmentId._index";
import * as validatePage from "~/routes/o.$orgId.clients.$clientId.assessments.$assessmentId.validate/route";
import { prisma } from "~/utils/db.server";
import { translator } from "~/utils/i18n";
import { createFactoryOwner, startTestDraft } from "../support/assessments";
import { createConsultancy, createEngagement, submitTestAssessment } from "../support/engagements";
import { addMember, call, cookieFor, createTestUser } from "../support/routes";

const t = translator("zh-CN");

interface World {
  factory: string;
  factoryCookie: string;
  submitted: string;
  draft: string;
  consultancy: string;
  consultancyName: string;
  consultant: { id: string; displayName: string };
  cookie: string;
  levelQuestion: string;
  otherLevelQuestion: string;
  kpiQuestion: { id: string; min: number; max: number };
}

let w: World;

beforeAll(async () => {
  const { owner, organization } = await createFactoryOwner("核验测试工厂");
  const submitted = await submitTestAssessment(organization.id, owner.id, "2025", 3);
  const draft = await startTestDraft(organization.id, owner.id, "2026");
  const consultancy = await createConsultancy("核验咨询公司");
  await createEngagement({ consultancyId: consultancy.organization.id, factoryId: organization.id, requestedById: consultancy.owner.id, scope: "VALIDATE" });
  const row = await prisma.assessment.findUniqueOrThrow({ where: { id: submitted }, select: { result: true, questionnaireVersionId: true } });
  const { questionnaire } = await loadQuestionnaireVersion(row.questionnaireVersionId);
  const answered = new Set(parseStoredResult(row.result).questions.filter((q) => q.status === "answered").map((q) => q.questionId));
  const questions = questionnaire.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions)).filter((q) => answered.has(q.id));
  const levels = questions.filter((q) => q.type === "level");
  const kpi = questions.find((q) => q.type === "kpi");
  if (!kpi || kpi.type !== "kpi" || levels.length < 2) throw new Error("the questionnaire needs two level questions and a KPI");
  const user = await prisma.user.findUniqueOrThrow({ where: { id: consultancy.owner.id }, select: { id: true, displayName: true } });
  w = {
    factory: organization.id,
    factoryCookie: await cookieFor(owner.id),
    submitted,
    draft,
    consultancy: consultancy.organization.id,
    consultancyName: "核验咨询公司",
    consultant: user,
    cookie: consultancy.cookie,
    levelQuestion: levels[0]!.id,
    otherLevelQuestion: levels[1]!.id,
    kpiQuestion: { id: kpi.id, min: kpi.min, max: kpi.max },
  };
}, 60_000);

const params = (assessmentId = w.submitted, consultancy = w.consultancy) => ({ orgId: consultancy, clientId: w.factory, assessmentId });
const path = (p: ReturnType<typeof params>) => `/o/${p.orgId}/clients/${p.clientId}/assessments/${p.assessmentId}/validate`;

function load(options: { cookie?: string; assessmentId?: string; consultancy?: string; query?: string } = {}) {
  const p = params(options.assessmentId, options.consultancy);
  return call(validatePage.loader, { path: path(p) + (options.query ?? ""), params: p, cookie: options.cookie ?? w.cookie });
}

function post(form: Record<string, string>, options: { cookie?: string; assessmentId?: string; consultancy?: string } = {}) {
  const p = params(options.assessmentId, options.consultancy);
  return call(validatePage.action, { path: path(p), params: p, form, cookie: options.cookie ?? w.cookie });
}

type Page = { state: string; version: number; revision: number; progress: { reviewed: number; total: number; remaining: string[] } };
async function page(): Promise<Page> {
  const result = await load();
  expect(result.status).toBe(200);
  return result.data as Page;
}

const review = (p: Page, questionId: string, fields: Record<string, string>) =>
  post({ intent: "review", version: String(p.version), revision: String(p.revision), questionId, ...fields });

/** Every validation row and audit entry of the factory: a refusal must leave both unchanged. */
async function validationState() {
  const [validations, audit] = await Promise.all([
    prisma.validation.findMany({ where: { factoryId: w.factory }, orderBy: { version: "asc" } }),
    prisma.auditLogEntry.count({ where: { factoryId: w.factory, action: "validation.issue" } }),
  ]);
  return JSON.stringify({ validations, audit });
}

const message = (result: { data: unknown }) => (result.data as { formError?: string; message?: string }).formError ?? (result.data as { message?: string }).message;

describe("validating a submitted assessment", () => {
  it("opens version 1 on the first save, keeps the revision it saw, and refuses a stale one without overwriting", async () => {
    const before = await page();
    expect(before).toMatchObject({ state: "not-started", version: 1, revision: 0 });
    const saved = await review(before, w.levelQuestion, { decision: "changed", value: "1", comment: "现场只看到纸质记录", evidenceChecked: "on" });
    expect(saved.status).toBe(200);
    const after = await page();
    expect(after).toMatchObject({ state: "draft", version: 1, revision: 1 });
    expect(after.progress.reviewed).toBe(1);

    // A second tab still at revision 0: 409, and the first tab's review stands.
    const snapshot = await validationState();
    const stale = await review(before, w.levelQuestion, { decision: "confirmed" });
    expect(stale.status).toBe(409);
    expect(message(stale)).toBe(t("validation.errors.stale"));
    expect(await validationState()).toBe(snapshot);
    const stored = await prisma.validation.findFirstOrThrow({ where: { assessmentId: w.submitted, version: 1 } });
    expect(parseStoredReviews(stored.reviews)[w.levelQuestion]).toEqual({ decision: "changed", value: 1, comment: "现场只看到纸质记录", evidenceChecked: true });
  });

  it("refuses a change without a comment, a band out of range, a KPI outside its range and a question the factory did not answer, changing nothing", async () => {
    const p = await page();
    const snapshot = await validationState();
    const noComment = await review(p, w.otherLevelQuestion, { decision: "changed", value: "2", comment: "  " });
    expect(noComment.status).toBe(400);
    expect((noComment.data as { fieldErrors: Record<string, string> }).fieldErrors.comment).toBe(t("validation.errors.commentRequired"));
    const band = await review(p, w.otherLevelQuestion, { decision: "changed", value: "7", comment: "超出档位" });
    expect(band.status).toBe(400);
    expect(message(band)).toBe(t("validation.errors.invalidValue"));
    const kpi = await review(p, w.kpiQuestion.id, { decision: "changed", value: String(w.kpiQuestion.max + 1), comment: "超出范围" });
    expect(kpi.status).toBe(400);
    const unknown = await review(p, "no.such.question", { decision: "confirmed" });
    expect(unknown.status).toBe(400);
    const tooLong = await review(p, w.otherLevelQuestion, { decision: "changed", value: "2", comment: "长".repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect((tooLong.data as { fieldErrors: Record<string, string> }).fieldErrors.comment).toBe(t("validation.errors.commentTooLong"));
    expect(await validationState()).toBe(snapshot);
  });

  it("issues only when every answered question is reviewed (409 naming how many remain), then signs and freezes the engine's result", async () => {
    let p = await page();
    const snapshot = await validationState();
    const early = await post({ intent: "issue", version: String(p.version), revision: String(p.revision), confirm: "yes" });
    expect(early.status).toBe(409);
    expect(message(early)).toBe(t("validation.errors.incomplete", { count: p.progress.total - p.progress.reviewed }));
    const unconfirmed = await post({ intent: "issue", version: String(p.version), revision: String(p.revision) });
    expect(unconfirmed.status).toBe(400);
    expect(await validationState()).toBe(snapshot);

    const confirmed = await post({ intent: "confirm-remaining", version: String(p.version), revision: String(p.revision) });
    expect(confirmed.status).toBe(200);
    p = await page();
    expect(p.progress.remaining).toEqual([]);
    const issued = await post({ intent: "issue", version: String(p.version), revision: String(p.revision), confirm: "yes" });
    expect(issued.status).toBe(302);
    expect(issued.headers.get("Location")).toContain("issued=1");

    const row = await prisma.validation.findFirstOrThrow({ where: { assessmentId: w.submitted, version: 1 } });
    expect(row).toMatchObject({ status: "ISSUED", consultancyId: w.consultancy, issuedById: w.consultant.id, issuedByName: w.consultant.displayName, consultancyName: w.consultancyName });
    expect(row.issuedAt).toBeInstanceOf(Date);
    // The same engine, questionnaire version and plant profile as the submission, on the validated answers.
    const assessment = await prisma.assessment.findUniqueOrThrow({ where: { id: w.submitted }, select: { answers: true, profile: true, result: true, questionnaireVersionId: true } });
    const { model } = await loadQuestionnaireVersion(assessment.questionnaireVersionId);
    const expected = scoreAssessment(model, toEngineAnswers(validatedAnswers(parseStoredAnswers(assessment.answers), parseStoredReviews(row.reviews))), {
      mode: "submission",
      profile: parseStoredProfile(assessment.profile),
    });
    expect(parseStoredResult(row.result)).toEqual(expected);
    expect(row.overall).toBe(expected.overall);
    expect(row.level).toBe(expected.level);
    expect(row.overall!).toBeLessThan(parseStoredResult(assessment.result).overall!);
    const audit = await prisma.auditLogEntry.findMany({ where: { factoryId: w.factory, action: "validation.issue" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ consultancyId: w.consultancy, userId: w.consultant.id });
    // The factory's own result is untouched.
    expect(parseStoredResult(assessment.result).overall).not.toBe(row.overall);
  });

  it("never changes an issued validation: saves, confirming and issuing again answer 409, and the database refuses it too", async () => {
    const p = await page();
    expect(p.state).toBe("issued");
    const snapshot = await validationState();
    const forms: Record<string, string>[] = [
      { intent: "review", version: "1", revision: "2", questionId: w.levelQuestion, decision: "confirmed" },
      { intent: "confirm-remaining", version: "1", revision: "2" },
      { intent: "issue", version: "1", revision: "2", confirm: "yes" },
    ];
    for (const form of forms) {
      const result = await post(form);
      expect(result.status, form.intent).toBe(409);
      expect(message(result)).toBe(t("validation.errors.issued"));
    }
    expect(await validationState()).toBe(snapshot);
    await expect(prisma.validation.updateMany({ where: { assessmentId: w.submitted, version: 1 }, data: { overall: 5 } })).rejects.toThrow(/immutable/);
  });

  it("starts a new version as a draft copy of the last issued reviews", async () => {
    const started = await post({ intent: "start" });
    expect(started.status).toBe(302);
    const p = await page();
    expect(p).toMatchObject({ state: "draft", version: 2, revision: 0 });
    expect(p.progress.remaining).toEqual([]);
    const [v1, v2] = await prisma.validation.findMany({ where: { assessmentId: w.submitted }, orderBy: { version: "asc" } });
    expect(v2).toMatchObject({ status: "DRAFT", result: null, issuedAt: null });
    expect(v2!.reviews).toEqual(v1!.reviews);
  });

  it("shows the factory both results side by side with every difference explained", async () => {
    const p = { orgId: w.factory, assessmentId: w.submitted };
    const result = await call(factoryPage.loader, { path: `/o/${w.factory}/assessments/${w.submitted}/validation`, params: p, cookie: w.factoryCookie });
    expect(result.status).toBe(200);
    const data = result.data as {
      issued: { version: number; comparison: { differences: { questionId: string; comment: string; selfValue: number; validatedValue: number }[]; levelChange: number } };
      inProgress: { version: number } | null;
      answers: { questionId: string; tier: string }[];
    };
    expect(data.issued.version).toBe(1);
    expect(data.issued.comparison.differences).toEqual([expect.objectContaining({ questionId: w.levelQuestion, selfValue: 3, validatedValue: 1, comment: "现场只看到纸质记录" })]);
    expect(data.inProgress).toMatchObject({ version: 2 });
    expect(new Set(data.answers.map((a) => a.tier))).toEqual(new Set(["validated"]));
    // The consultant's read page shows the same comparison (one function for both sides).
    const cp = params();
    const client = await call(clientPage.loader, { path: `/o/${cp.orgId}/clients/${cp.clientId}/assessments/${cp.assessmentId}`, params: cp, cookie: w.cookie });
    expect(client.status).toBe(200);
    expect((client.data as typeof data).issued.comparison).toEqual(data.issued.comparison);
  });

  it("links the factory's results to the validation, and the benchmark names the tier it uses (self-assessed) next to the validated result", async () => {
    const p = { orgId: w.factory, assessmentId: w.submitted };
    const results = await call(resultsPage.loader, { path: `/o/${w.factory}/assessments/${w.submitted}/results`, params: p, cookie: w.factoryCookie });
    expect(results.status).toBe(200);
    expect((results.data as { validation: unknown }).validation).toEqual({ issued: true });
    const benchmark = await call(benchmarkPage.loader, { path: `/o/${w.factory}/assessments/${w.submitted}/benchmark`, params: p, cookie: w.factoryCookie });
    expect(benchmark.status).toBe(200);
    const data = benchmark.data as { overall: number; validated: { level: number; overall: number } };
    const issued = await prisma.validation.findFirstOrThrow({ where: { assessmentId: w.submitted, status: "ISSUED" } });
    // ADR 0017: the benchmark's own score is the self-assessed one; the validated one is shown beside it,
    // sent at the precision the page shows (ADR 0018).
    expect(data.validated).toEqual({ level: issued.level, overall: Math.round(issued.overall! * 100) / 100 });
    expect(data.overall).not.toBe(issued.overall);
  });
});

describe("refusals", () => {
  it("answers 409 on a draft assessment, for the page and every intent, and changes nothing", async () => {
    const snapshot = await validationState();
    const loaded = await load({ assessmentId: w.draft });
    expect(loaded.status).toBe(409);
    expect((loaded.data as { message: string }).message).toBe(t("validation.errors.notSubmitted"));
    const forms: Record<string, string>[] = [
      { intent: "start" },
      { intent: "review", version: "1", revision: "0", questionId: w.levelQuestion, decision: "confirmed" },
      { intent: "confirm-remaining", version: "1", revision: "0" },
    ];
    for (const form of forms) {
      const result = await post(form, { assessmentId: w.draft });
      expect(result.status, form.intent).toBe(409);
      expect(message(result)).toBe(t("validation.errors.notSubmitted"));
    }
    expect(await prisma.validation.count({ where: { assessmentId: w.draft } })).toBe(0);
    expect(await validationState()).toBe(snapshot);
  });

  it("lets only one consultancy hold a working copy: a second one gets 409 until the first has issued, and changes nothing", async () => {
    const second = await createConsultancy("另一家核验机构");
    await createEngagement({ consultancyId: second.organization.id, factoryId: w.factory, requestedById: second.owner.id, scope: "VALIDATE" });
    const snapshot = await validationState();
    const loaded = await load({ cookie: second.cookie, consultancy: second.organization.id });
    expect(loaded.status).toBe(200);
    expect((loaded.data as Page).state).toBe("busy");
    const forms: Record<string, string>[] = [{ intent: "start" }, { intent: "review", version: "3", revision: "0", questionId: w.levelQuestion, decision: "confirmed" }];
    for (const form of forms) {
      const result = await post(form, { cookie: second.cookie, consultancy: second.organization.id });
      expect(result.status, form.intent).toBe(409);
      expect(message(result)).toBe(t("validation.errors.busy"));
    }
    expect(await validationState()).toBe(snapshot);
  });

  it("answers 403 to read scope and to a consultancy viewer, 404 without an engagement or with a revoked one, and changes nothing", async () => {
    const readOnly = await createConsultancy("只读咨询公司");
    await createEngagement({ consultancyId: readOnly.organization.id, factoryId: w.factory, requestedById: readOnly.owner.id, scope: "READ" });
    const viewer = await createTestUser();
    await addMember(w.consultancy, viewer.id, "VIEWER");
    const viewerCookie = await cookieFor(viewer.id);
    const stranger = await createConsultancy("无关咨询公司");
    const revoked = await createConsultancy("被撤销的咨询公司");
    await createEngagement({ consultancyId: revoked.organization.id, factoryId: w.factory, requestedById: revoked.owner.id, state: "REVOKED" });
    const snapshot = await validationState();
    const form = { intent: "review", version: "2", revision: "0", questionId: w.levelQuestion, decision: "confirmed" };

    for (const [who, cookie, consultancy, status] of [
      ["read scope", readOnly.cookie, readOnly.organization.id, 403],
      ["consultancy viewer", viewerCookie, w.consultancy, 403],
      ["no engagement", stranger.cookie, stranger.organization.id, 404],
      ["revoked", revoked.cookie, revoked.organization.id, 404],
      ["the factory itself", w.factoryCookie, w.factory, 404],
    ] as const) {
      const loaded = await load({ cookie, consultancy });
      expect(loaded.status, `${who} loader`).toBe(status);
      const posted = await post(form, { cookie, consultancy });
      expect(posted.status, `${who} action`).toBe(status);
      if (status === 404) expect(JSON.stringify(loaded.data) + JSON.stringify(posted.data)).not.toContain(w.submitted);
    }
    // Read scope still reads the assessment.
    const rp = params(w.submitted, readOnly.organization.id);
    const read = await call(clientPage.loader, { path: `/o/${rp.orgId}/clients/${rp.clientId}/assessments/${rp.assessmentId}`, params: rp, cookie: readOnly.cookie });
    expect(read.status).toBe(200);
    expect((read.data as { canValidate: boolean }).canValidate).toBe(false);
    expect(await validationState()).toBe(snapshot);
  });
});
