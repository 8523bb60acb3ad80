import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "@playwright/test";
import { translator } from "../../app/utils/i18n";
import { parseStoredQuestionnaire } from "../../app/domain/assessment/stored";
import { isApplicable } from "../../app/domain/questionnaire/profile";
import { expect, queryE2eDatabase, screenshot, SCREENSHOT_DIR, test } from "./fixtures";

const unique = Date.now().toString(36);
const email = `assess-${unique}@example.com`;
const password = "assessment-owner-pass";

test.describe.configure({ mode: "serial" });

const t = translator("zh-CN");

/** Each question is a fieldset whose legend starts with its number. */
const questionsOf = (page: Page) => page.getByRole("group", { name: /^\d+ / });
/** The autosave indicator (a live region) once the server has confirmed the last save. */
const savedIndicator = (page: Page) => page.getByRole("status").filter({ hasText: t("assessment.saveState.saved", { time: "" }).trim() });
/** The dimension steps in the sidebar. */
const dimensionLink = (page: Page, dimension: string) => page.getByRole("complementary", { name: t("assessment.dimensionsNav") }).getByRole("link", { name: new RegExp(`^${dimensionName(dimension)}`) });

/** Answers every question on the dimension page; returns how many were answered. */
async function answerDimension(page: Page, dimension: string) {
  // The URL changes before the new page has rendered: counting questions then would count the
  // previous dimension's (a flaky failure seen in CI). Wait for this dimension's heading first.
  await expect(page.getByRole("heading", { level: 1, name: dimensionName(dimension) })).toBeVisible();
  const questions = questionsOf(page);
  const count = await questions.count();
  for (let i = 0; i < count; i++) {
    const question = questions.nth(i);
    const bands = question.getByRole("radio");
    if ((await bands.count()) > 0) await bands.nth(2 + (i % 3)).check();
    else if ((await question.getByLabel(t("assessment.kpiValue")).count()) > 0) await question.getByLabel(t("assessment.kpiValue")).fill("65");
    else {
      // A percentage asked as numerator ÷ denominator (2.0.0): 13 ÷ 20 = 65 %.
      await question.getByRole("textbox").nth(0).fill("13");
      await question.getByRole("textbox").nth(1).fill("20");
    }
  }
  await expect(savedIndicator(page)).toBeVisible();
  return count;
}

// One journey in steps that share a page, so a failure names the step it happened in.
let page: Page;
let context: BrowserContext;

test.beforeAll(async ({ browser }) => {
  // The console guard in fixtures.ts watches this context too.
  context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  page = await context.newPage();
});

test.afterAll(async () => {
  await context.close();
});

test("a factory owner signs up and completes the profile", async () => {
  await page.goto("/signup");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("姓名").fill("周评估");
  await page.getByLabel("密码").fill(password);
  await page.getByLabel("组织名称").fill("长江智造");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await page.getByLabel("企业法定名称").fill("上海长江智造股份有限公司");
  await page.getByLabel("统一社会信用代码").fill("914403001922038216");
  await page.getByLabel(/所属行业/).selectOption("36");
  await page.getByLabel("所在地区").selectOption("310114");
  await page.getByLabel("从业人员（人）").fill("640");
  await page.getByLabel("年营业收入（万元）").fill("88000");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存。" })).toBeVisible();
});

/** How many questions the latest questionnaire asks a discrete plant (all of them without a plant profile), and how many it has. */
let asked = 0;
let questionCount = 0;

test("starts the assessment and answers every question with autosave", async () => {
  // ~50–65 answers, each saved by the server: ~30–45 s on a busy 2-core machine; CI may be 3x slower.
  test.setTimeout(240_000);
  ({ asked, questionCount } = await latestQuestionnaireCounts());
  await page.getByRole("link", { name: t("nav.assessments"), exact: true }).click();
  await expect(page.getByText(t("assessment.empty"))).toBeVisible();
  await page.getByLabel(t("assessment.period")).selectOption(String(new Date().getFullYear()));
  await page.getByRole("button", { name: t("assessment.start") }).click();
  // 2.0.0 on: the plant profile comes first.
  await expect(page).toHaveURL(/\/(profile|d\/device)$/);
  if (new URL(page.url()).pathname.endsWith("/profile")) {
    await page.getByLabel(t("profile.plant.productionTypes.discrete")).check();
    await page.getByLabel(t("profile.plant.marketOptions.b2b")).check();
    await page.getByLabel(t("profile.plant.varieties.high")).check();
    await page.getByLabel(t("profile.plant.siteOptions.single")).check();
    await page.getByRole("button", { name: t("profile.plant.save") }).click();
  }
  await expect(page).toHaveURL(/\/d\/device$/);

  let answered = 0;
  for (const dimension of ["device", "process", "knowledge", "business"]) {
    if (!page.url().endsWith(`/d/${dimension}`)) await dimensionLink(page, dimension).click();
    await expect(page).toHaveURL(new RegExp(`/d/${dimension}$`));
    answered += await answerDimension(page, dimension);
    if (dimension === "device") await screenshot(page, "20-questionnaire");
  }
  expect(answered).toBe(asked);
  await expect(page.getByText(t("assessment.progress", { answered: asked, total: asked }))).toBeVisible();
});

test("the answers survive a reload", async () => {
  await page.reload();
  await expect(page.getByText(t("assessment.progress", { answered: asked, total: asked }))).toBeVisible();
  await dimensionLink(page, "device").click();
  await expect(page).toHaveURL(/\/d\/device$/);
  await expect(questionsOf(page).first().getByRole("textbox").first()).toHaveValue(/^(65|13)$/);
  await expect(questionsOf(page).nth(1).getByRole("radio").nth(3)).toBeChecked();
});

/** The "note · evidence links" block after a question (its fields are built only once it is opened). */
const notesBlock = (page: Page, index: number) =>
  page.locator(".question").nth(index).locator("details.question-details");

test("notes and evidence links are saved with and without JavaScript", async ({ browser }) => {
  const note = `现场核对 ${unique}`;
  const block = notesBlock(page, 0);
  await expect(block.getByLabel(t("assessment.note"))).toHaveCount(0);
  await block.locator("summary").click();
  await block.getByLabel(t("assessment.note")).fill(note);
  await expect(savedIndicator(page)).toBeVisible();
  await page.reload();
  // A block with content opens by itself.
  await expect(notesBlock(page, 0).getByLabel(t("assessment.note"))).toHaveValue(note);

  // Without JavaScript the same block holds real fields, saved by the page's plain form post.
  const noScript = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, locale: "zh-CN", javaScriptEnabled: false, storageState: await context.storageState() });
  try {
    const plain = await noScript.newPage();
    await plain.goto(page.url());
    const evidence = `https://example.com/evidence/${unique}`;
    const plainBlock = notesBlock(plain, 1);
    await plainBlock.locator("summary").click();
    await expect(plainBlock.getByLabel(t("assessment.evidenceLinks"))).toBeVisible();
    await plainBlock.getByLabel(t("assessment.evidenceLinks")).fill(evidence);
    await plain.getByRole("button", { name: t("assessment.saveNoScript") }).click();
    await expect(plain.getByText(t("assessment.savedNoScript"))).toBeVisible();
    await page.reload();
    await expect(notesBlock(page, 1).getByLabel(t("assessment.evidenceLinks"))).toHaveValue(evidence);
    await expect(notesBlock(page, 0).getByLabel(t("assessment.note"))).toHaveValue(note);
  } finally {
    await noScript.close();
  }
});

test("a second tab on the same draft gets a conflict, never a silent overwrite", async ({ consoleGuard }) => {
  // The stale tab's save is refused with 409 on purpose: the browser logs that response.
  consoleGuard.allow(/Failed to load resource: the server responded with a status of 409 \(Conflict\)/);
  const other = await context.newPage();
  await other.goto(page.url());
  await questionsOf(page).nth(1).getByRole("radio").nth(5).check();
  await expect(savedIndicator(page)).toBeVisible();
  await questionsOf(other).nth(2).getByRole("radio").nth(0).check();
  await expect(other.getByRole("alert").filter({ has: other.getByRole("heading", { name: t("assessment.conflictTitle") }) })).toBeVisible();
  await screenshot(other, "21-conflict");
  await other.getByRole("button", { name: t("assessment.loadNewer") }).click();
  await expect(questionsOf(other).nth(1).getByRole("radio").nth(5)).toBeChecked();
  await expect(questionsOf(other).nth(2).getByRole("radio").nth(0)).not.toBeChecked();
  await other.close();
});

test("submits and gets the results with charts and a roadmap", async () => {
  await page.reload();
  await page.getByRole("link", { name: t("assessment.goToSubmit") }).first().click();
  await expect(page.getByRole("heading", { name: t("assessment.readyTitle") })).toBeVisible();
  await page.getByRole("button", { name: t("assessment.submit") }).click();
  await expect(page).toHaveURL(/\/results\?submitted=1$/);
  await expect(page.getByText(t("assessment.submitted"))).toBeVisible();
  await expect(page.getByRole("region", { name: t("assessment.results.level") }).getByText(/^L[0-5]$/)).toBeVisible();
  // The charts are hidden from assistive technology (each has a data table), so they have no role or
  // name to select by: the radar is an SVG drawn on the server (a wide and a phone drawing, CSS shows
  // one), the capability scores are HTML bars (ADR 0021).
  await expect(page.locator(".chart-static-wide .recharts-surface")).toBeVisible();
  await expect(page.locator(".chart-static-phone .recharts-surface")).toBeHidden();
  await expect(page.locator(".hbars-row").first()).toBeVisible();
  expect(await page.locator(".hbars-row").count()).toBeGreaterThan(10);
  await expect(page.locator(".chart-static-wide .recharts-polar-angle-axis-tick")).toHaveCount(4);
  await expect(page.getByRole("heading", { name: t("assessment.results.roadmapTitle") })).toBeVisible();
  await screenshot(page, "22-results");
});

test("exports the results to Excel", async () => {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: t("assessment.results.exportXlsx") }).click()]);
  const file = path.join(SCREENSHOT_DIR, "assessment-export.xlsx");
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  expect(workbook.worksheets.length).toBeGreaterThanOrEqual(2);
  const answersSheet = workbook.worksheets[1]!;
  // Every question of the version (excluded ones too, marked so) plus the header row.
  expect(answersSheet.rowCount).toBe(questionCount + 1);
  expect(JSON.stringify(workbook.worksheets[0]!.getSheetValues())).toContain("上海长江智造股份有限公司");
});

test("prints an A4 report", async () => {
  await page.getByRole("link", { name: t("assessment.results.print") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(t("assessment.report.title"));
  await page.emulateMedia({ media: "print" });
  await screenshot(page, "23-print");
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  fs.writeFileSync(path.join(SCREENSHOT_DIR, "23-report.pdf"), pdf);
  expect(pdf.byteLength).toBeGreaterThan(20_000);
  await page.emulateMedia({ media: "screen" });
});

function dimensionName(id: string) {
  return { device: "设备数字化", process: "流程数字化", knowledge: "知识数字化", business: "业务数字化" }[id]!;
}

/** The latest published questionnaire's question counts, read from the test server's database. */
async function latestQuestionnaireCounts() {
  const rows = await queryE2eDatabase<{ version: string; content: unknown }>(`SELECT version, content FROM "QuestionnaireVersion" WHERE key = 'future-factory'`);
  rows.sort((a, b) => b.version.localeCompare(a.version, "en", { numeric: true }));
  const questionnaire = parseStoredQuestionnaire(rows[0]!.content);
  const questions = questionnaire.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions));
  const discrete = { productionType: "discrete", markets: ["b2b"], productVariety: "high", sites: "single" } as const;
  const asked = questionnaire.usesPlantProfile ? questions.filter((q) => isApplicable(q.appliesTo, { ...discrete, markets: [...discrete.markets] })).length : questions.length;
  return { asked, questionCount: questions.length };
}
