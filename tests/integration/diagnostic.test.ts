/**
 * The diagnostic report (issue 11): the consultant's report before and after a validation is issued,
 * the factory's copy, the Excel file, the consultant's recommendations and the consultancy's logo,
 * with every refusal (no engagement, read scope, draft, unknown capability, oversized or non-image
 * logo) answered with the right status and a translated message and nothing changed.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { toEngineAnswers } from "~/domain/assessment/answers";
import { storeResult } from "~/domain/assessment/stored";
import { scoreAssessment } from "~/domain/scoring";
import { validatedAnswers, type ValidationReviews } from "~/domain/validation/reviews";
import { getAssessment, loadQuestionnaireVersion } from "~/models/assessment.server";
import * as factoryReport from "~/routes/o.$orgId.assessments.$assessmentId.diagnostic";
import * as factoryXlsx from "~/routes/o.$orgId.assessments.$assessmentId.diagnostic[.xlsx]";
import * as clientReport from "~/routes/o.$orgId.clients.$clientId.assessments.$assessmentId.diagnostic/route";
import * as clientXlsx from "~/routes/o.$orgId.clients.$clientId.assessments.$assessmentId.diagnostic[.xlsx]";
import * as recommendations from "~/routes/o.$orgId.clients.$clientId.assessments.$assessmentId.recommendations";
import * as logo from "~/routes/o.$orgId.profile_.logo";
import { prisma } from "~/utils/db.server";
import { translator } from "~/utils/i18n";
import type { DiagnosticReport } from "~/models/diagnostic.server";
import { createFactoryOwner, startTestDraft } from "../support/assessments";
import { databaseFingerprint } from "../support/fingerprint";
import { createConsultancy, createEngagement, submitTestAssessment } from "../support/engagements";
import { addMember, call, cookieFor, createTestUser } from "../support/routes";

const t = translator("zh-CN");
const en = translator("en");

type Factory = Awaited<ReturnType<typeof createFactoryOwner>>;
type Consultancy = Awaited<ReturnType<typeof createConsultancy>>;

let factory: Factory;
let consultant: Consultancy;
let reader: Consultancy;
let stranger: Consultancy;
let validatedId: string;
let unvalidatedId: string;
let draftId: string;
let changedQuestions: string[];
let capabilityIds: string[];

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);

/** An issued validation written directly (the validation workflow is another route's): three answers lowered, the rest confirmed. */
async function issueValidation(consultancyId: string, assessmentId: string, issuedByName: string) {
  const assessment = (await getAssessment(factory.organization.id, assessmentId))!;
  const { model, questionnaire } = await loadQuestionnaireVersion((await prisma.assessment.findUniqueOrThrow({ where: { id: assessmentId } })).questionnaireVersionId);
  const levelQuestions = questionnaire.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions.filter((q) => q.type === "level" && assessment.answers[q.id]?.value !== undefined)));
  changedQuestions = levelQuestions.slice(0, 3).map((q) => q.id);
  const reviews: ValidationReviews = Object.fromEntries(
    levelQuestions.map((q) => [q.id, changedQuestions.includes(q.id) ? { decision: "changed", value: 1, comment: `现场未见系统记录：${q.id}`, evidenceChecked: true } : { decision: "confirmed" }]),
  );
  const result = scoreAssessment(model, toEngineAnswers(validatedAnswers(assessment.answers, reviews)), { mode: "submission", profile: assessment.profile });
  await prisma.validation.create({
    data: {
      assessmentId,
      consultancyId,
      factoryId: factory.organization.id,
      version: 1,
      status: "ISSUED",
      reviews,
      result: storeResult(result),
      overall: result.overall,
      level: result.level,
      createdById: consultant.owner.id,
      issuedById: consultant.owner.id,
      issuedByName,
      consultancyName: "精益智造咨询",
      issuedAt: new Date(),
    },
  });
}

const clientPath = (c: Consultancy, assessmentId: string, tail = "diagnostic") => `/o/${c.organization.id}/clients/${factory.organization.id}/assessments/${assessmentId}/${tail}`;
const clientParams = (c: Consultancy, assessmentId: string) => ({ orgId: c.organization.id, clientId: factory.organization.id, assessmentId });

async function loadClientReport(c: Consultancy, assessmentId: string, cookie = c.cookie) {
  return call(clientReport.loader, { path: clientPath(c, assessmentId), params: clientParams(c, assessmentId), cookie });
}

beforeAll(async () => {
  factory = await createFactoryOwner("东方机床");
  consultant = await createConsultancy("精益智造咨询");
  reader = await createConsultancy("只读咨询");
  stranger = await createConsultancy("无关咨询");
  validatedId = await submitTestAssessment(factory.organization.id, factory.owner.id, "2024", 3);
  unvalidatedId = await submitTestAssessment(factory.organization.id, factory.owner.id, "2025", 3);
  draftId = await startTestDraft(factory.organization.id, factory.owner.id, "2026");
  await createEngagement({ consultancyId: consultant.organization.id, factoryId: factory.organization.id, requestedById: consultant.owner.id, scope: "VALIDATE" });
  await createEngagement({ consultancyId: reader.organization.id, factoryId: factory.organization.id, requestedById: reader.owner.id, scope: "READ" });
  await issueValidation(consultant.organization.id, validatedId, "王核验");
  const { questionnaire } = await loadQuestionnaireVersion((await prisma.assessment.findUniqueOrThrow({ where: { id: validatedId } })).questionnaireVersionId);
  capabilityIds = questionnaire.dimensions.flatMap((d) => d.capabilities.map((c) => c.id));
}, 60_000);

describe("the consultant's diagnostic report", () => {
  it("before a validation is issued shows the self-assessment only, marked not validated", async () => {
    const result = await loadClientReport(consultant, unvalidatedId);
    expect(result.status).toBe(200);
    const { report } = result.data as { report: DiagnosticReport };
    expect(report.consultancy.name).toBe("精益智造咨询");
    expect(report.self.organization.legalName).toBe("东方机床有限公司");
    expect(report.signature).toBeNull();
    expect(report.validated).toBeNull();
    expect(report.explanationSource).toBe("self");
    expect(report.differences).toEqual([]);
    expect(report.dimensions.every((d) => d.self !== null && d.validated === null)).toBe(true);
    expect(report.roadmap.length).toBeGreaterThan(0);
    expect(report.roadmap.some((row) => row.advice)).toBe(true);
  });

  it("after issue puts both results side by side, signed, with every changed answer and its reason", async () => {
    const result = await loadClientReport(consultant, validatedId);
    expect(result.status).toBe(200);
    const { report } = result.data as { report: DiagnosticReport };
    expect(report.signature).toMatchObject({ version: 1, issuedByName: "王核验", consultancyName: "精益智造咨询" });
    expect(report.validated).not.toBeNull();
    expect(report.explanationSource).toBe("validated");
    expect(report.validated!.overall).toBeLessThan(report.self.overall);
    expect(report.differences.map((d) => d.id)).toEqual(changedQuestions);
    for (const difference of report.differences) {
      expect(difference).toMatchObject({ selfValue: 3, validatedValue: 1, evidenceChecked: true, comment: `现场未见系统记录：${difference.id}` });
      // Explained: what this one change does to the overall score on its own.
      expect(difference.overallEffect).toBeLessThan(0);
    }
    // The dimensions holding a lowered answer score lower once validated; none score higher.
    expect(report.dimensions.some((d) => d.validated! < d.self!)).toBe(true);
    expect(report.dimensions.every((d) => d.validated! <= d.self!)).toBe(true);
  });

  it("is there for a consultant with read scope too, but not for a consultancy without an engagement or after revocation", async () => {
    expect((await loadClientReport(reader, validatedId)).status).toBe(200);
    const none = await loadClientReport(stranger, validatedId);
    expect(none.status).toBe(404);
    expect(JSON.stringify(none.data)).not.toContain(factory.organization.id);

    const revoked = await createConsultancy("被撤销的咨询");
    const engagement = await createEngagement({ consultancyId: revoked.organization.id, factoryId: factory.organization.id, requestedById: revoked.owner.id });
    expect((await loadClientReport(revoked, validatedId)).status).toBe(200);
    await prisma.engagement.update({ where: { id: engagement.id }, data: { state: "REVOKED", endedAt: new Date() } });
    expect((await loadClientReport(revoked, validatedId)).status).toBe(404);
  });

  it("refuses a draft with 409 in the user's language", async () => {
    const result = await loadClientReport(consultant, draftId);
    expect(result.status).toBe(409);
    expect(result.data).toEqual({ message: t("assessment.errors.notSubmitted") });
  });
});

describe("the factory's copy", () => {
  it("is the report of the consultancy that issued the validation", async () => {
    const result = await call(factoryReport.loader, { path: `/o/${factory.organization.id}/assessments/${validatedId}/diagnostic`, params: { orgId: factory.organization.id, assessmentId: validatedId }, cookie: factory.cookie });
    expect(result.status).toBe(200);
    const { report } = result.data as { report: DiagnosticReport };
    expect(report.consultancy.id).toBe(consultant.organization.id);
    expect(report.differences).toHaveLength(3);
  });

  it("does not exist before a validation is issued (404 saying so), nor for another factory", async () => {
    const result = await call(factoryReport.loader, { path: `/o/${factory.organization.id}/assessments/${unvalidatedId}/diagnostic`, params: { orgId: factory.organization.id, assessmentId: unvalidatedId }, cookie: factory.cookie });
    expect(result.status).toBe(404);
    expect(result.data).toEqual({ message: t("diagnostic.errors.noReport") });
    const other = await createFactoryOwner("另一家工厂");
    const foreign = await call(factoryReport.loader, { path: `/o/${other.organization.id}/assessments/${validatedId}/diagnostic`, params: { orgId: other.organization.id, assessmentId: validatedId }, cookie: other.cookie });
    expect(foreign.status).toBe(404);
    expect(foreign.data).toEqual({ message: t("errors.notFoundText") });
    const draft = await call(factoryReport.loader, { path: `/o/${factory.organization.id}/assessments/${draftId}/diagnostic`, params: { orgId: factory.organization.id, assessmentId: draftId }, cookie: factory.cookie });
    expect(draft.status).toBe(409);
    expect(draft.data).toEqual({ message: t("assessment.errors.notSubmitted") });
  });
});

describe("the Excel file", () => {
  async function download(c: Consultancy, assessmentId: string) {
    const request = new Request(`http://localhost${clientPath(c, assessmentId, "diagnostic.xlsx")}`, { headers: { Cookie: c.cookie } });
    return answer(() => clientXlsx.loader({ request, params: clientParams(c, assessmentId), context: {} }));
  }
  /** The guard throws its refusals; a resource route returns its own. Either way, the Response. */
  async function answer(load: () => Promise<unknown>): Promise<Response> {
    try {
      return (await load()) as Response;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }

  it("opens with the summary, dimensions, roadmap with recommendations and differences sheets", async () => {
    await prisma.consultantRecommendation.create({ data: { assessmentId: validatedId, consultancyId: consultant.organization.id, capabilityId: capabilityIds[0]!, text: "建议先完成设备联网改造", updatedById: consultant.owner.id } });
    const response = await download(consultant, validatedId);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      t("diagnostic.xlsx.summarySheet"),
      t("diagnostic.xlsx.dimensionsSheet"),
      t("diagnostic.xlsx.roadmapSheet"),
      t("diagnostic.xlsx.differencesSheet"),
    ]);
    const roadmapTexts = workbook.getWorksheet(t("diagnostic.xlsx.roadmapSheet"))!.getColumn("F").values;
    expect(roadmapTexts).toContain("建议先完成设备联网改造");
    const differences = workbook.getWorksheet(t("diagnostic.xlsx.differencesSheet"))!;
    expect(differences.actualRowCount).toBe(1 + 3);
    expect(differences.getColumn("A").values.slice(2)).toEqual(changedQuestions);
    const dimensions = workbook.getWorksheet(t("diagnostic.xlsx.dimensionsSheet"))!;
    expect(typeof dimensions.getRow(2).getCell(3).value).toBe("number");
  });

  it("refuses outsiders with 404 and the factory before a validation with the translated reason", async () => {
    expect((await download(stranger, validatedId)).status).toBe(404);
    const request = new Request(`http://localhost/o/${factory.organization.id}/assessments/${unvalidatedId}/diagnostic.xlsx`, { headers: { Cookie: factory.cookie } });
    const response = await answer(() => factoryXlsx.loader({ request, params: { orgId: factory.organization.id, assessmentId: unvalidatedId }, context: {} }));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe(t("diagnostic.errors.noReport"));
  });
});

/** Everything but the audit log (append-only, one entry per request that passes the guard). */
async function fingerprintWithoutAudit() {
  return (await databaseFingerprint()).replace(/AuditLogEntry:\d+/, "AuditLogEntry");
}

describe("recommendations", () => {
  const save = (c: Consultancy, assessmentId: string, form: Record<string, string>, cookie = c.cookie) =>
    call(recommendations.action, { path: clientPath(c, assessmentId, "recommendations"), params: clientParams(c, assessmentId), cookie, form });
  const stored = () => prisma.consultantRecommendation.findMany({ where: { assessmentId: unvalidatedId }, orderBy: { capabilityId: "asc" }, select: { capabilityId: true, text: true, consultancyId: true } });

  it("saves one text per capability, shows it in the report's roadmap, and an empty text removes it", async () => {
    const [first, second] = capabilityIds as [string, string];
    const saved = await save(consultant, unvalidatedId, { [`recommendation.${first}`]: "  部署设备联网网关  ", [`recommendation.${second}`]: "建立工艺数据库" });
    expect(saved.status).toBe(200);
    expect(saved.data).toMatchObject({ ok: true, message: t("diagnostic.recommendations.saved") });
    expect(await stored()).toEqual(
      expect.arrayContaining([
        { capabilityId: first, text: "部署设备联网网关", consultancyId: consultant.organization.id },
        { capabilityId: second, text: "建立工艺数据库", consultancyId: consultant.organization.id },
      ]),
    );
    expect(await stored()).toHaveLength(2);
    const { report } = (await loadClientReport(consultant, unvalidatedId)).data as { report: DiagnosticReport };
    expect(report.roadmap.find((row) => row.capabilityId === second)?.recommendation).toBe("建立工艺数据库");

    const again = await save(consultant, unvalidatedId, { [`recommendation.${second}`]: "建立工艺数据库" });
    expect(again.data).toMatchObject({ ok: true, message: t("diagnostic.recommendations.unchanged") });
    await save(consultant, unvalidatedId, { [`recommendation.${first}`]: "" });
    expect((await stored()).map((row) => row.capabilityId)).toEqual([second]);
  });

  it("refuses bad input with a translated message and changes nothing", async () => {
    // These requests pass the guard, which logs the consultant's attempt for the factory (by design); nothing else may change.
    const before = await fingerprintWithoutAudit();
    const tooLong = await save(consultant, unvalidatedId, { [`recommendation.${capabilityIds[0]}`]: "长".repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.data).toMatchObject({ fieldErrors: { [`recommendation.${capabilityIds[0]}`]: t("diagnostic.recommendations.tooLong") } });
    const unknown = await save(consultant, unvalidatedId, { "recommendation.no.such.capability": "文字" });
    expect(unknown.status).toBe(400);
    expect(unknown.data).toMatchObject({ formError: t("diagnostic.recommendations.unknownCapability") });
    const badField = await save(consultant, unvalidatedId, { intent: "delete-all" });
    expect(badField.status).toBe(400);
    const draft = await save(consultant, draftId, { [`recommendation.${capabilityIds[0]}`]: "文字" });
    expect(draft.status).toBe(409);
    expect(draft.data).toMatchObject({ formError: t("diagnostic.recommendations.notSubmitted") });
    expect(await fingerprintWithoutAudit()).toEqual(before);
  });

  it("is for validate scope only: read scope and a consultancy viewer get 403, no engagement 404", async () => {
    const form = { [`recommendation.${capabilityIds[0]}`]: "越权写入" };
    const viewer = await createTestUser();
    await addMember(consultant.organization.id, viewer.id, "VIEWER");
    const viewerCookie = await cookieFor(viewer.id);
    const before = await databaseFingerprint();
    const readOnly = await save(reader, unvalidatedId, form);
    expect(readOnly.status).toBe(403);
    expect(readOnly.data).toEqual({ message: t("errors.forbiddenText") });
    expect((await save(consultant, unvalidatedId, form, viewerCookie)).status).toBe(403);
    const none = await save(stranger, unvalidatedId, form);
    expect(none.status).toBe(404);
    expect(none.data).toEqual({ message: t("errors.notFoundText") });
    // Audit entries are written only for requests that pass the guard: none of these did.
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("lists every capability with the questionnaire's advice on the page", async () => {
    const result = await call(recommendations.loader, { path: clientPath(consultant, validatedId, "recommendations"), params: clientParams(consultant, validatedId), cookie: consultant.cookie });
    expect(result.status).toBe(200);
    const data = result.data as { capabilities: { id: string; advice: string | null; text: string }[] };
    expect(data.capabilities.map((c) => c.id)).toEqual(capabilityIds);
    expect(data.capabilities.find((c) => c.id === capabilityIds[0])?.text).toBe("建议先完成设备联网改造");
  });
});

describe("the report logo", () => {
  const logoPath = (c: Consultancy) => `/o/${c.organization.id}/profile/logo`;
  function upload(c: Consultancy, file: Blob | null, options: { cookie?: string; name?: string } = {}) {
    const form = new FormData();
    form.append("intent", "upload");
    if (file) form.append("logo", file, options.name ?? "logo.png");
    return call(logo.action, { path: logoPath(c), params: { orgId: c.organization.id }, cookie: options.cookie ?? c.cookie, body: form });
  }
  const storedLogo = async (c: Consultancy) => (await prisma.consultancyProfile.findUnique({ where: { organizationId: c.organization.id }, select: { logoType: true } }))?.logoType ?? null;

  it("uploads a PNG, shows it in the report as a data: URL, and removes it", async () => {
    const owner = await createConsultancy("有标识的咨询");
    await createEngagement({ consultancyId: owner.organization.id, factoryId: factory.organization.id, requestedById: owner.owner.id });
    const uploaded = await upload(owner, new Blob([PNG], { type: "image/png" }));
    expect(uploaded.status).toBe(200);
    expect(uploaded.data).toMatchObject({ ok: true, message: t("diagnostic.logo.uploaded") });
    expect(await storedLogo(owner)).toBe("image/png");
    const { report } = (await loadClientReport(owner, validatedId)).data as { report: DiagnosticReport };
    expect(report.consultancy.logo).toBe(`data:image/png;base64,${Buffer.from(PNG).toString("base64")}`);
    const page = await call(logo.loader, { path: logoPath(owner), params: { orgId: owner.organization.id }, cookie: owner.cookie });
    expect(page.data).toMatchObject({ logo: { type: "image/png", size: PNG.length }, canManage: true });

    const removed = await call(logo.action, { path: logoPath(owner), params: { orgId: owner.organization.id }, cookie: owner.cookie, form: { intent: "remove" } });
    expect(removed.data).toMatchObject({ ok: true, message: t("diagnostic.logo.removed") });
    expect(await storedLogo(owner)).toBeNull();
  });

  it("refuses non-images (SVG, text named .png), oversized images and a missing file with translated messages, storing nothing", async () => {
    const owner = await createConsultancy("标识测试咨询");
    const enOwner = await createTestUser({ locale: "en" });
    await addMember(owner.organization.id, enOwner.id, "OWNER");
    const before = await databaseFingerprint();
    const svg = await upload(owner, new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], { type: "image/svg+xml" }), { name: "logo.svg" });
    expect(svg.status).toBe(415);
    expect(svg.data).toEqual({ ok: false, message: t("diagnostic.logo.unsupportedType") });
    const disguised = await upload(owner, new Blob(["MZ this is no image"], { type: "image/png" }), { name: "logo.png" });
    expect(disguised.status).toBe(415);
    const large = new Uint8Array(200 * 1024 + 1);
    large.set(PNG);
    const oversized = await upload(owner, new Blob([large], { type: "image/png" }), { cookie: await cookieFor(enOwner.id) });
    expect(oversized.status).toBe(413);
    expect(oversized.data).toEqual({ ok: false, message: en("diagnostic.logo.tooLarge", { max: "200 KB" }) });
    const missing = await upload(owner, null);
    expect(missing.status).toBe(400);
    expect(missing.data).toEqual({ ok: false, message: t("diagnostic.logo.missing") });
    const json = await call(logo.action, { path: logoPath(owner), params: { orgId: owner.organization.id }, cookie: owner.cookie, body: "{}", headers: { "Content-Type": "application/json" } });
    expect(json.status).toBe(415);
    const beyondBody = await upload(owner, new Blob([new Uint8Array(300 * 1024)], { type: "image/png" }));
    expect(beyondBody.status).toBe(413);
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("belongs to consultancy owners: members 403, factories and strangers 404", async () => {
    const png = new Blob([PNG], { type: "image/png" });
    const editor = await createTestUser();
    await addMember(consultant.organization.id, editor.id, "EDITOR");
    const before = await databaseFingerprint();
    const asEditor = await upload(consultant, png, { cookie: await cookieFor(editor.id) });
    expect(asEditor.status).toBe(403);
    const asStranger = await upload(consultant, png, { cookie: stranger.cookie });
    expect(asStranger.status).toBe(404);
    const factoryLogo = await call(logo.action, { path: `/o/${factory.organization.id}/profile/logo`, params: { orgId: factory.organization.id }, cookie: factory.cookie, form: { intent: "remove" } });
    expect(factoryLogo.status).toBe(404);
    const factoryPage = await call(logo.loader, { path: `/o/${factory.organization.id}/profile/logo`, params: { orgId: factory.organization.id }, cookie: factory.cookie });
    expect(factoryPage.status).toBe(404);
    expect(await databaseFingerprint()).toEqual(before);
    const editorPage = await call(logo.loader, { path: logoPath(consultant), params: { orgId: consultant.organization.id }, cookie: await cookieFor(editor.id) });
    expect(editorPage.data).toMatchObject({ canManage: false });
  });
});
