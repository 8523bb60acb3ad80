/**
 * Issue 13 points 3 and 4 on a real database: several assessments in one year get labels that tell
 * them apart (history list, trend, pickers, compare), and the dashboard shows where the factory
 * stands and the one next action.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { StoredAnswers } from "~/domain/assessment/answers";
import type { Questionnaire } from "~/domain/questionnaire/schema";
import { assessmentLabelsByIds, loadQuestionnaireVersion, saveAnswers, submitAssessment } from "~/models/assessment.server";
import * as dashboard from "~/routes/o.$orgId._index";
import * as list from "~/routes/o.$orgId.assessments._index";
import * as compare from "~/routes/o.$orgId.assessments.compare";
import * as layout from "~/routes/o.$orgId.assessments.$assessmentId";
import * as clientAssessment from "~/routes/o.$orgId.clients.$clientId.assessments.$assessmentId._index";
import * as exportXlsx from "~/routes/o.$orgId.clients.export[.xlsx]";
import * as engagementsPage from "~/routes/o.$orgId.engagements._index";
import { prisma } from "~/utils/db.server";
import { translator } from "~/utils/i18n";
import { createFactoryOwner } from "../support/assessments";
import { createConsultancy, createEngagement, submitTestAssessment } from "../support/engagements";
import { call, cookieFor, createTestOrganization, createTestUser } from "../support/routes";

const t = translator("zh-CN");

function answersFor(questionnaire: Questionnaire, band: number): StoredAnswers {
  const answers: StoredAnswers = {};
  for (const question of questionnaire.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions))) {
    answers[question.id] = { value: question.type === "level" ? band : band === 0 ? question.min : question.thresholds[band - 1]! };
  }
  return answers;
}

let orgId: string;
let cookie: string;
let first: string;
let second: string;
let draft: string;
let total: number;

beforeAll(async () => {
  const owner = await createTestUser();
  const org = await createTestOrganization(owner.id, "FACTORY", "东方机床");
  orgId = org.id;
  cookie = await cookieFor(owner.id);
  await prisma.factoryProfile.create({
    data: { organizationId: org.id, legalName: "上海东方机床有限公司", creditCode: "91310115MA1K4LBC2X", industryCode: "34", regionCode: "310115", employees: 450, revenueWan: 52000, sizeBand: "MEDIUM" },
  });
  const version = await prisma.questionnaireVersion.findFirstOrThrow({ where: { key: "future-factory", version: "1.0.0" }, select: { id: true } });
  const { questionnaire } = await loadQuestionnaireVersion(version.id);
  total = questionnaire.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions)).length;
  const submit = async (band: number) => {
    const id = (await prisma.assessment.create({ data: { organizationId: org.id, period: "2026", questionnaireVersionId: version.id, createdById: owner.id } })).id;
    expect((await saveAnswers(org.id, id, owner.id, { revision: 0, changes: answersFor(questionnaire, band) })).status).toBe("saved");
    expect((await submitAssessment(org.id, id, owner.id)).status).toBe("submitted");
    return id;
  };
  first = await submit(2);
  second = await submit(3);
  // An open draft of the same year with three answers.
  const three = Object.fromEntries(Object.entries(answersFor(questionnaire, 1)).slice(0, 3));
  draft = (await prisma.assessment.create({ data: { organizationId: org.id, period: "2026", questionnaireVersionId: version.id, createdById: owner.id, answers: three } })).id;
});

describe("several assessments in one year", () => {
  it("labels every row, trend point and picker option so that none reads just 2026", async () => {
    const result = await call(list.loader, { path: `/o/${orgId}/assessments`, params: { orgId }, cookie });
    expect(result.status).toBe(200);
    const data = result.data as { assessments: { id: string; label: string }[]; trend: { period: string; label: string }[] };
    const labels = Object.fromEntries(data.assessments.map((a) => [a.id, a.label]));
    expect(labels[first]).toMatch(/^2026 · 第 1 版 · \d+月\d+日$/);
    expect(labels[second]).toMatch(/^2026 · 第 2 版 · /);
    expect(labels[draft]).toBe(t("assessment.label.draft", { period: "2026", edition: 3 }));
    expect(data.trend.map((p) => p.period)).toEqual([t("assessment.label.short", { period: "2026", edition: 1 }), t("assessment.label.short", { period: "2026", edition: 2 })]);
    expect(data.trend.map((p) => p.label)).toEqual([labels[first], labels[second]]);
  });

  it("names both sides of a comparison by their labels", async () => {
    const result = await call(compare.loader, { path: `/o/${orgId}/assessments/compare?a=${first}&b=${second}`, params: { orgId }, cookie });
    const data = result.data as { a: { label: string }; b: { label: string } };
    expect(data.a.label).toMatch(/第 1 版/);
    expect(data.b.label).toMatch(/第 2 版/);
    expect(data.a.label).not.toBe(data.b.label);
  });
});

describe("factory dashboard", () => {
  it("shows the latest level and score, the change since the one before, and continuing the draft as the one next action", async () => {
    const result = await call(dashboard.loader, { path: `/o/${orgId}`, params: { orgId }, cookie });
    expect(result.status).toBe(200);
    const home = (result.data as { home: { latest: { id: string; level: number; overall: number; label: string }; previous: { overall: number }; next: { kind: string; id: string; answered: number; total: number } } }).home;
    expect(home.latest).toMatchObject({ id: second, level: 3, overall: 3 });
    expect(home.latest.label).toMatch(/第 2 版/);
    expect(home.previous.overall).toBe(2);
    expect(home.next).toMatchObject({ kind: "draft", id: draft, answered: 3, total });
  });

  it("asks a factory without assessments to start its first one", async () => {
    const owner = await createTestUser();
    const fresh = await createTestOrganization(owner.id, "FACTORY", "新厂");
    const result = await call(dashboard.loader, { path: `/o/${fresh.id}`, params: { orgId: fresh.id }, cookie: await cookieFor(owner.id) });
    expect((result.data as { home: unknown }).home).toMatchObject({ latest: null, previous: null, next: { kind: "start" } });
  });
});

describe("pages that name one assessment (issue 13: the questionnaire, submit, profile and consultant pages)", () => {
  it("gives the questionnaire, submit and profile pages (the assessment layout) the same label as the history", async () => {
    const history = (await call(list.loader, { path: `/o/${orgId}/assessments`, params: { orgId }, cookie })).data as { assessments: { id: string; label: string }[] };
    const expected = Object.fromEntries(history.assessments.map((a) => [a.id, a.label]));
    for (const id of [first, second, draft]) {
      const result = await call(layout.loader, { path: `/o/${orgId}/assessments/${id}`, params: { orgId, assessmentId: id }, cookie });
      expect(result.status).toBe(200);
      expect((result.data as { assessment: { label: string } }).assessment.label).toBe(expected[id]);
    }
    expect(expected[draft]).toBe(t("assessment.label.draft", { period: "2026", edition: 3 }));
  });

  it("numbers assessments picked by id (consultant pages, exports, e-mails) as the history does, in either language", async () => {
    const history = (await call(list.loader, { path: `/o/${orgId}/assessments`, params: { orgId }, cookie })).data as { assessments: { id: string; label: string }[] };
    const zhLabels = await assessmentLabelsByIds([second, first, draft, "not-a-uuid"], "zh-CN");
    expect(Object.fromEntries(zhLabels)).toEqual(Object.fromEntries(history.assessments.map((a) => [a.id, a.label])));
    expect((await assessmentLabelsByIds([second], "en")).get(second)).toMatch(/^2026 · revision 2 · [A-Z][a-z]{2} \d+$/);
    expect(await assessmentLabelsByIds([], "zh-CN")).toEqual(new Map());
  });

  it("names a client's assessment by its label on the consultant's page and in the factory's engagement picker", async () => {
    const firm = await createConsultancy("远见咨询");
    const owner = await prisma.membership.findFirstOrThrow({ where: { organizationId: orgId, role: "OWNER" }, select: { userId: true } });
    await createEngagement({ consultancyId: firm.organization.id, factoryId: orgId, requestedById: firm.owner.id });
    const page = await call(clientAssessment.loader, {
      path: `/o/${firm.organization.id}/clients/${orgId}/assessments/${second}`,
      params: { orgId: firm.organization.id, clientId: orgId, assessmentId: second },
      cookie: firm.cookie,
    });
    expect(page.status).toBe(200);
    const label = (await assessmentLabelsByIds([second], "zh-CN")).get(second)!;
    expect((page.data as { label: string }).label).toBe(label);
    const engagements = await call(engagementsPage.loader, { path: `/o/${orgId}/engagements`, params: { orgId }, cookie: await cookieFor(owner.userId) });
    const data = engagements.data as { submitted: { id: string; label: string }[]; rows: { assessments: unknown[] }[] };
    expect(data.submitted.map((a) => a.label).sort()).toEqual([(await assessmentLabelsByIds([first], "zh-CN")).get(first), label].sort());
  });
});

describe("the clients' export (issue 13: edition labels and differences in words)", () => {
  it("names each client's latest assessment by its label and says the change in words, with a number column whose header says what the sign means", async () => {
    const factory = await createFactoryOwner("南方电机");
    const previous = await submitTestAssessment(factory.organization.id, factory.owner.id, "2025", 2);
    const latest = await submitTestAssessment(factory.organization.id, factory.owner.id, "2026", 3);
    expect(previous).not.toBe(latest);
    const firm = await createConsultancy("北辰咨询");
    await createEngagement({ consultancyId: firm.organization.id, factoryId: factory.organization.id, requestedById: firm.owner.id });
    const response = (await exportXlsx.loader({
      request: new Request(`http://localhost/o/${firm.organization.id}/clients/export.xlsx`, { headers: { Cookie: firm.cookie } }),
      params: { orgId: firm.organization.id },
      context: {},
    })) as Response;
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ""));
    const cell = (header: string) => sheet.getRow(2).getCell(headers.indexOf(header)).value;
    expect(headers).not.toContain("");
    expect(cell(t("portfolio.xlsx.latest"))).toBe((await assessmentLabelsByIds([latest], "zh-CN")).get(latest));
    expect(String(cell(t("portfolio.xlsx.latest")))).toMatch(/^2026 · 第 1 版 · /);
    expect(cell(t("portfolio.xlsx.change"))).toBe(t("assessment.difference.up", { amount: "1.00" }));
    expect(cell(t("portfolio.xlsx.changeValue"))).toBe(1);
    expect(t("portfolio.xlsx.changeValue")).toContain("正数");
  }, 60_000);
});
