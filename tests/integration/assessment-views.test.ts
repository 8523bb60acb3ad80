/**
 * The three views of a submitted assessment — printable report, Excel export, comparison — against
 * a real PostgreSQL, with assessments built through the model functions (start → save → submit).
 * The answers are chosen so every score can be worked out by hand: all questions of a dimension
 * sit in the same band, so capability = dimension = that band, and overall = mean of the four.
 */
import crypto from "node:crypto";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { StoredAnswers } from "~/domain/assessment/answers";
import type { Questionnaire } from "~/domain/questionnaire/schema";
import { makeCreditCode } from "~/domain/reference/credit-code";
import { loadQuestionnaireVersion, saveAnswers, startAssessment, submitAssessment } from "~/models/assessment.server";
import * as compare from "~/routes/o.$orgId.assessments.compare";
import * as exportXlsx from "~/routes/o.$orgId.assessments.$assessmentId.export[.xlsx]";
import * as report from "~/routes/o.$orgId.assessments.$assessmentId.report/route";
import { prisma } from "~/utils/db.server";
import { translator } from "~/utils/i18n";
import { call, cookieFor, createTestOrganization, createTestUser } from "../support/routes";

const t = translator("zh-CN");

const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const uniqueCreditCode = () => makeCreditCode("91310115" + Array.from({ length: 9 }, () => CHARSET[Math.floor(Math.random() * CHARSET.length)]).join(""));

type Bands = Record<string, number>;

/** Every question of dimension d answered in band bands[d] (KPIs with the threshold value of that band). */
function answersFor(questionnaire: Questionnaire, bands: Bands, extras: StoredAnswers = {}): StoredAnswers {
  const answers: StoredAnswers = {};
  for (const dimension of questionnaire.dimensions) {
    const band = bands[dimension.id]!;
    for (const capability of dimension.capabilities) {
      for (const question of capability.questions) {
        answers[question.id] = { value: question.type === "level" ? band : band === 0 ? question.min : question.thresholds[band - 1]! };
      }
    }
  }
  for (const [id, extra] of Object.entries(extras)) answers[id] = extra;
  return answers;
}

// The views are checked on 1.0.0 assessments (N/A answers, the dimension-floor level), pinned as
// existing rows are; 2.0.0 results (profile, vetoes, crosswalks) are covered in plant-profile.test.ts.
let version1Id: string;

async function submitted(orgId: string, userId: string, period: string, answers: StoredAnswers, versionId = version1Id) {
  const id = (await prisma.assessment.create({ data: { organizationId: orgId, period, questionnaireVersionId: versionId, createdById: userId, updatedById: userId } })).id;
  const saved = await saveAnswers(orgId, id, userId, { revision: 0, changes: answers });
  expect(saved.status).toBe("saved");
  const outcome = await submitAssessment(orgId, id, userId);
  expect(outcome.status).toBe("submitted");
  return id;
}

async function factoryWithProfile(legalName: string) {
  const owner = await createTestUser();
  const org = await createTestOrganization(owner.id, "FACTORY", legalName.slice(0, 6));
  await prisma.factoryProfile.create({
    data: { organizationId: org.id, legalName, creditCode: uniqueCreditCode(), industryCode: "34", regionCode: "310115", employees: 1200, revenueWan: 30000, sizeBand: "MEDIUM" },
  });
  return { owner, org, cookie: await cookieFor(owner.id) };
}

let questionnaire: Questionnaire;
let own: Awaited<ReturnType<typeof factoryWithProfile>>;
let other: Awaited<ReturnType<typeof factoryWithProfile>>;
/** 2024: device 2, others 3 → overall 2.75, L2 (with one N/A, a note and evidence). */
let earlier: string;
/** 2025: device 4, process 2, others 3 → overall 3.00, L3. */
let later: string;
/** 2023 on a variant questionnaire (one capability dropped, one renamed). */
let variant: string;
let draft: string;
let othersSubmitted: string;
let naQuestion: { id: string; capabilityId: string };
const KNOWN_NOTE = "2024 年完成 MES 二期上线。";
const KNOWN_LINKS = ["https://example.com/evidence/mes.pdf", "https://example.com/evidence/photo.jpg"];
/** A KPI question of the 2024 assessment with a value in band 2, a note and evidence links. */
let knownQuestion: { id: string; title: string; value: number };

beforeAll(async () => {
  const version = await prisma.questionnaireVersion.findFirstOrThrow({ where: { key: "future-factory", version: "1.0.0" }, select: { id: true } });
  version1Id = version.id;
  questionnaire = (await loadQuestionnaireVersion(version.id)).questionnaire;
  own = await factoryWithProfile("上海东方机床有限公司");
  other = await factoryWithProfile("苏州西方精工有限公司");

  // An N/A question whose capability stays scored (it carries less than half the capability weight).
  for (const dimension of questionnaire.dimensions) {
    for (const capability of dimension.capabilities) {
      const total = capability.questions.reduce((sum, q) => sum + q.weight, 0);
      const candidate = capability.questions.find((q) => q.allowNa && q.weight / total < 0.5);
      if (candidate && !naQuestion) naQuestion = { id: candidate.id, capabilityId: capability.id };
    }
  }
  expect(naQuestion).toBeDefined();
  const kpi = questionnaire.dimensions[0]!.capabilities.flatMap((c) => c.questions).find((q) => q.type === "kpi");
  if (kpi?.type !== "kpi") throw new Error("the device dimension has no KPI question");
  knownQuestion = { id: kpi.id, title: kpi.title["zh-CN"], value: kpi.thresholds[1]! };

  earlier = await submitted(
    own.org.id,
    own.owner.id,
    "2024",
    answersFor(
      questionnaire,
      { device: 2, process: 3, knowledge: 3, business: 3 },
      {
        [naQuestion.id]: { na: true, naReason: "本厂没有自有仓库。" },
        [kpi.id]: { value: knownQuestion.value, note: KNOWN_NOTE, evidence: KNOWN_LINKS },
      }
    )
  );
  later = await submitted(own.org.id, own.owner.id, "2025", answersFor(questionnaire, { device: 4, process: 2, knowledge: 3, business: 3 }));
  const started = await startAssessment(own.org.id, own.owner.id, "2026");
  if (started.status === "profile-missing") throw new Error("profile missing");
  draft = started.id;
  othersSubmitted = await submitted(other.org.id, other.owner.id, "2025", answersFor(questionnaire, { device: 1, process: 1, knowledge: 1, business: 1 }));

  // A variant questionnaire: the last capability of "process" is dropped, the first of "business" renamed.
  const content = structuredClone(questionnaire);
  content.version = "1.1.0";
  content.dimensions[1]!.capabilities.pop();
  const renamed = content.dimensions[3]!.capabilities[0]!;
  renamed.id = `${renamed.id}-v2`;
  renamed.name = { "zh-CN": "新版能力项", en: "New capability" };
  renamed.questions.forEach((q) => (q.id = `${q.id}-v2`));
  const variantVersion = await prisma.questionnaireVersion.create({
    data: { key: "future-factory-variant", version: "1.1.0", contentHash: "0".repeat(64), content: content as object },
  });
  variant = await submitted(own.org.id, own.owner.id, "2023", answersFor(content, { device: 3, process: 3, knowledge: 3, business: 3 }), variantVersion.id);
});

const reportOf = (id: string, cookie = own.cookie, orgId = own.org.id) =>
  call(report.loader, { path: `/o/${orgId}/assessments/${id}/report`, params: { orgId, assessmentId: id }, cookie });

/** The export answers with a binary Response (or a plain-text refusal): call the loader directly to keep the bytes. */
async function exportOf(id: string, cookie = own.cookie, orgId = own.org.id) {
  const request = new Request(`http://localhost/o/${orgId}/assessments/${id}/export.xlsx`, { headers: { Cookie: cookie } });
  try {
    const response = (await exportXlsx.loader({ request, params: { orgId, assessmentId: id }, context: {} })) as Response;
    return { status: response.status, response };
  } catch (thrown) {
    // The guard itself refuses non-members by throwing.
    return { status: (await call(() => Promise.reject(thrown), { path: "/" })).status, response: undefined };
  }
}

const compareOf = (query: string, cookie = own.cookie, orgId = own.org.id) => call(compare.loader, { path: `/o/${orgId}/assessments/compare${query}`, params: { orgId }, cookie });

interface ReportData {
  report: {
    overall: number;
    level: number;
    levelName: string;
    period: string;
    version: string;
    organization: { legalName: string; industry: string | null; region: string | null; sizeBand: string | null };
    dimensions: { id: string; score: number | null }[];
    capabilities: { id: string; score: number | null }[];
    explanation: { status: string; nextLevel?: number };
    roadmap: { rank: number; capabilityId: string; advice: string | null }[];
    answers: { id: string; number: number; value: number | null; band: number | null; na: boolean; naReason: string | null; note: string | null; evidence: string[] }[];
  };
  documentTitle: string;
}

describe("printable report", () => {
  it("returns the scores, level, explanation, roadmap and every answer of a submitted assessment", async () => {
    const result = await reportOf(earlier);
    expect(result.status).toBe(200);
    const data = result.data as ReportData;
    const r = data.report;
    expect(r.overall).toBeCloseTo(2.75, 9);
    expect(r.level).toBe(2);
    expect(r.levelName).toBe("规范级");
    expect(r.period).toBe("2024");
    expect(r.version).toBe("1.0.0");
    expect(r.organization).toMatchObject({ legalName: "上海东方机床有限公司", sizeBand: "MEDIUM" });
    expect(r.organization.industry).toMatch(/^34 /);
    expect(Object.fromEntries(r.dimensions.map((d) => [d.id, d.score]))).toEqual({ device: 2, process: 3, knowledge: 3, business: 3 });
    // Every question of a dimension sits in one band (the N/A question is left out of its mean).
    for (const c of r.capabilities) {
      expect(c.score, c.id).toBeCloseTo(c.id.startsWith("device.") ? 2 : 3, 9);
    }
    expect(r.explanation).toMatchObject({ status: "next-level", nextLevel: 3 });
    expect(r.roadmap.length).toBeGreaterThan(0);
    expect(r.roadmap[0]).toMatchObject({ rank: 1 });
    expect(r.roadmap.every((item) => typeof item.advice === "string" && item.advice.length > 0)).toBe(true);

    const questionCount = questionnaire.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions)).length;
    expect(r.answers).toHaveLength(questionCount);
    expect(r.answers.map((a) => a.number)).toEqual(Array.from({ length: questionCount }, (_, i) => i + 1));
    expect(r.answers.find((a) => a.id === naQuestion.id)).toMatchObject({ na: true, naReason: "本厂没有自有仓库。", value: null, band: null });
    expect(r.answers.find((a) => a.id === knownQuestion.id)).toMatchObject({ value: knownQuestion.value, note: KNOWN_NOTE, evidence: KNOWN_LINKS, band: 2 });
    // The label ("2024 · 第 1 版 · 3月5日") closes the title.
    expect(data.documentTitle.startsWith(t("assessment.report.documentTitle", { factory: "上海东方机床有限公司", label: "2024 · " }))).toBe(true);
  });

  it("answers 409 for a draft, 404 for another organisation's assessment or a malformed id", async () => {
    expect(await reportOf(draft)).toMatchObject({ status: 409, data: { message: t("assessment.errors.notSubmitted") } });
    expect((await reportOf(othersSubmitted)).status).toBe(404);
    expect((await reportOf(crypto.randomUUID())).status).toBe(404);
    expect((await reportOf("not-a-uuid")).status).toBe(404);
    // A member of another organisation asking for this one: the guard says 404, not 403.
    expect((await reportOf(earlier, other.cookie)).status).toBe(404);
  });
});

describe("Excel export", () => {
  it("returns a valid XLSX with localised headers, the overall score and every answer", async () => {
    const { response } = await exportOf(earlier);
    expect(response?.status).toBe(200);
    expect(response!.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response!.headers.get("Cache-Control")).toBe("private, no-store");
    const disposition = response!.headers.get("Content-Disposition")!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(t("assessment.xlsx.fileName", { factory: "上海东方机床有限公司", label: t("assessment.label.short", { period: "2024", edition: 1 }) }));

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response!.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual([t("assessment.xlsx.summarySheet"), t("assessment.xlsx.answersSheet")]);

    const summary = workbook.getWorksheet(t("assessment.xlsx.summarySheet"))!;
    const summaryRows = new Map<string, ExcelJS.CellValue>();
    summary.eachRow((row) => summaryRows.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(summaryRows.get(t("assessment.report.factory"))).toBe("上海东方机床有限公司");
    expect(summaryRows.get(t("assessment.period"))).toBe("2024");
    expect(summaryRows.get(t("assessment.columns.version"))).toBe("1.0.0");
    expect(summaryRows.get(t("assessment.columns.overall"))).toBe(2.75);
    expect(summaryRows.get(t("assessment.results.level"))).toBe(2);
    expect(summaryRows.get(t("assessment.xlsx.levelName"))).toBe("规范级");
    // Excel dates carry no zone: the cell holds the Shanghai wall-clock time, as the pages show it.
    const submittedAt = (await prisma.assessment.findUniqueOrThrow({ where: { id: earlier } })).submittedAt!;
    expect(summaryRows.get(t("assessment.report.submittedAt"))).toEqual(new Date(submittedAt.getTime() + 8 * 3600_000));
    for (const d of questionnaire.dimensions) expect(summaryRows.get(d.name["zh-CN"]), d.id).toBe(d.id === "device" ? 2 : 3);

    const answers = workbook.getWorksheet(t("assessment.xlsx.answersSheet"))!;
    expect(answers.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const header = answers.getRow(1);
    expect(header.font?.bold).toBe(true);
    const headers = (header.values as ExcelJS.CellValue[]).slice(1);
    const columns = ["questionId", "number", "dimension", "capability", "question", "type", "value", "unit", "descriptor", "band", "na", "naReason", "note", "evidence"] as const;
    expect(headers).toEqual(columns.map((column) => t(`assessment.xlsx.${column}`)));
    expect(answers.rowCount).toBe(1 + questionnaire.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions)).length);

    const rowOf = (id: string) => {
      let found: ExcelJS.Row | undefined;
      answers.eachRow((row) => {
        if (row.getCell(1).value === id) found = row;
      });
      return found!;
    };
    const known = rowOf(knownQuestion.id);
    expect(known.getCell(5).value).toBe(knownQuestion.title);
    expect(known.getCell(6).value).toBe(t("assessment.xlsx.typeKpi"));
    expect(known.getCell(7).value).toBe(knownQuestion.value);
    expect(known.getCell(10).value).toBe(2);
    expect(known.getCell(13).value).toBe(KNOWN_NOTE);
    expect(known.getCell(14).value).toBe(KNOWN_LINKS.join("\n"));
    const na = rowOf(naQuestion.id);
    expect(na.getCell(7).value).toBeNull();
    expect(na.getCell(11).value).toBe(t("assessment.xlsx.yes"));
    expect(na.getCell(12).value).toBe("本厂没有自有仓库。");
  });

  it("uses the user's language for sheet names and headers", async () => {
    await prisma.user.update({ where: { id: own.owner.id }, data: { locale: "en" } });
    try {
      const { response } = await exportOf(later);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response!.arrayBuffer());
      const en = translator("en");
      expect(workbook.worksheets.map((s) => s.name)).toEqual([en("assessment.xlsx.summarySheet"), en("assessment.xlsx.answersSheet")]);
      expect(workbook.getWorksheet(en("assessment.xlsx.answersSheet"))!.getRow(1).getCell(1).value).toBe(en("assessment.xlsx.questionId"));
      expect(decodeURIComponent(response!.headers.get("Content-Disposition")!.split("UTF-8''")[1]!)).toBe(en("assessment.xlsx.fileName", { factory: "上海东方机床有限公司", label: en("assessment.label.short", { period: "2025", edition: 1 }) }));
    } finally {
      await prisma.user.update({ where: { id: own.owner.id }, data: { locale: "zh_CN" } });
    }
  });

  it("answers 409 for a draft, 404 for another organisation's assessment or a malformed id", async () => {
    const refusedDraft = await exportOf(draft);
    expect(refusedDraft.status).toBe(409);
    expect(refusedDraft.response!.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await refusedDraft.response!.text()).toBe(t("assessment.errors.notSubmitted"));
    const othersAssessment = await exportOf(othersSubmitted);
    expect(othersAssessment.status).toBe(404);
    expect(await othersAssessment.response!.text()).toBe(t("errors.notFoundText"));
    expect((await exportOf("1234")).status).toBe(404);
    expect((await exportOf(crypto.randomUUID())).status).toBe(404);
    // A member of another organisation asking for this one: the guard says 404, not 403.
    expect((await exportOf(earlier, other.cookie)).status).toBe(404);
  });
});

interface CompareData {
  overall: { a: number; b: number; delta: number | null };
  level: { a: number; b: number; delta: number };
  a: { version: string };
  b: { version: string };
  dimensions: { id: string; a: number | string; b: number | string; delta: number | null }[];
  capabilities: { id: string; name: string; a: number | string; b: number | string; delta: number | null }[];
}

describe("comparison", () => {
  it("shows both assessments with the change B − A for overall, level, dimensions and capabilities", async () => {
    const result = await compareOf(`?a=${earlier}&b=${later}`);
    expect(result.status).toBe(200);
    const data = result.data as CompareData;
    expect(data.overall).toEqual({ a: 2.75, b: 3, delta: 0.25 });
    expect(data.level).toEqual({ a: 2, b: 3, delta: 1 });
    expect(Object.fromEntries(data.dimensions.map((d) => [d.id, d.delta]))).toEqual({ device: 2, process: -1, knowledge: 0, business: 0 });
    const capability = (id: string) => data.capabilities.find((c) => c.id === id)!;
    const firstProcess = questionnaire.dimensions[1]!.capabilities[0]!.id;
    expect(capability(firstProcess)).toMatchObject({ a: 3, b: 2, delta: -1 });
    expect(data.capabilities).toHaveLength(questionnaire.dimensions.flatMap((d) => d.capabilities).length);
    // Swapped: every change flips its sign.
    const swapped = (await compareOf(`?a=${later}&b=${earlier}`)).data as CompareData;
    expect(swapped.overall.delta).toBe(-0.25);
    expect(swapped.level.delta).toBe(-1);
  });

  it("compares across questionnaire versions by id and marks items missing in one version", async () => {
    const data = (await compareOf(`?a=${variant}&b=${later}`)).data as CompareData;
    expect(data.a.version).toBe("1.1.0");
    expect(data.b.version).toBe("1.0.0");
    const dropped = questionnaire.dimensions[1]!.capabilities.at(-1)!.id;
    const original = questionnaire.dimensions[3]!.capabilities[0]!.id;
    expect(data.capabilities.find((c) => c.id === dropped)).toMatchObject({ a: "missing", b: 2, delta: null });
    expect(data.capabilities.find((c) => c.id === original)).toMatchObject({ a: "missing", b: 3, delta: null });
    expect(data.capabilities.find((c) => c.id === `${original}-v2`)).toMatchObject({ name: "新版能力项", a: 3, b: "missing", delta: null });
    expect(data.dimensions.find((d) => d.id === "device")).toMatchObject({ a: 3, b: 4, delta: 1 });
  });

  it.each([
    ["no query", ""],
    ["one id", `?a=${crypto.randomUUID()}`],
    ["malformed id", `?a=abc&b=${crypto.randomUUID()}`],
    ["the same id twice", "?a=SAME&b=SAME"],
  ])("answers 400 with a translated message for %s", async (_label, query) => {
    const result = await compareOf(query.replaceAll("SAME", earlier));
    expect(result).toMatchObject({ status: 400, data: { message: t("assessment.errors.compareInvalid") } });
  });

  it("answers 409 when one side is a draft, 404 for another organisation's assessment or an unknown id", async () => {
    expect(await compareOf(`?a=${earlier}&b=${draft}`)).toMatchObject({ status: 409, data: { message: t("assessment.errors.compareDraft") } });
    expect((await compareOf(`?a=${earlier}&b=${othersSubmitted}`)).status).toBe(404);
    expect((await compareOf(`?a=${crypto.randomUUID()}&b=${later}`)).status).toBe(404);
    expect((await compareOf(`?a=${earlier}&b=${later}`, other.cookie)).status).toBe(404);
  });
});
