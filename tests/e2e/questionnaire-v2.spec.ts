/**
 * Questionnaire 2.0.0 (issue 10): a process-industry factory states its plant profile, is asked only
 * its path's questions, submits, and sees its level with the crosswalk estimates; an existing 1.0.0
 * assessment still opens with its old result. Which questions belong to which path is read from
 * the questionnaire in the database, not hard-coded.
 */
import crypto from "node:crypto";
import type { BrowserContext, Page } from "@playwright/test";
import { parseStoredQuestionnaire } from "../../app/domain/assessment/stored";
import { isApplicable, productionPath, type PlantProfile } from "../../app/domain/questionnaire/profile";
import type { Question, Questionnaire } from "../../app/domain/questionnaire/schema";
import { translator } from "../../app/utils/i18n";
import { DEMO_PASSWORD, expect, logIn, queryE2eDatabase, screenshot, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

const t = translator("zh-CN");
const en = translator("en");
const unique = Date.now().toString(36);
const PROCESS_PLANT: PlantProfile = { productionType: "process", markets: ["b2b"], productVariety: "low", sites: "single" };

let page: Page;
let context: BrowserContext;
let v2: Questionnaire;
/** 2.0.0's questions with their page numbers (1-based, across the whole questionnaire). */
let numbered: { question: Question; number: number; dimensionId: string }[];
let orgId: string;

test.beforeAll(async ({ browser }) => {
  const [row] = await queryE2eDatabase<{ content: unknown }>(`SELECT content FROM "QuestionnaireVersion" WHERE key = 'future-factory' AND version = '2.0.0'`);
  v2 = parseStoredQuestionnaire(row!.content);
  let number = 0;
  numbered = v2.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions.map((question) => ({ question, number: ++number, dimensionId: d.id }))));
  context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  page = await context.newPage();
});

test.afterAll(async () => {
  await context.close();
});

// GB 32100 check character (the app's module pulls in JSON reference data Playwright cannot import).
const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
function creditCode(prefix: string) {
  let weight = 1;
  let sum = 0;
  for (const char of prefix) {
    sum += CHARSET.indexOf(char) * weight;
    weight = (weight * 3) % 31;
  }
  return prefix + CHARSET.charAt((31 - (sum % 31)) % 31);
}

const applicable = () => numbered.filter((n) => isApplicable(n.question.appliesTo, PROCESS_PLANT));
const questionsOf = (p: Page) => p.getByRole("group", { name: /^\d+ / });
const savedIndicator = (p: Page) => p.getByRole("status").filter({ hasText: t("assessment.saveState.saved", { time: "" }).trim() });

/** Fits the page in a 390 px wide phone screen: nothing wider than the viewport. */
async function fitsPhone(p: Page, name: string) {
  await p.setViewportSize({ width: 390, height: 844 });
  expect(await p.evaluate(() => document.documentElement.scrollWidth), `${name} at 390 px`).toBeLessThanOrEqual(390);
  await screenshot(p, `${name}-390`);
  await p.setViewportSize({ width: 1280, height: 900 });
}

/** Answers every question shown on the page, from the questionnaire's own ranges. */
async function answerPage() {
  const questions = questionsOf(page);
  const count = await questions.count();
  for (let i = 0; i < count; i++) {
    const fieldset = questions.nth(i);
    const number = Number((await fieldset.locator("legend").innerText()).trim().split(/\s/)[0]);
    const { question } = numbered.find((n) => n.number === number)!;
    if (question.type === "level") {
      await fieldset.getByRole("radio").nth(2 + (i % 3)).check();
      continue;
    }
    const thresholds = productionPath(PROCESS_PLANT) === "process" && question.thresholdsByPath ? question.thresholdsByPath.process : question.thresholds;
    const value = thresholds[2]!;
    if (question.basis) {
      // Numerator ÷ denominator: the percentage is computed as the user types.
      await fieldset.getByLabel(question.basis.numerator["zh-CN"], { exact: true }).fill(String(value));
      await fieldset.getByLabel(question.basis.denominator["zh-CN"], { exact: true }).fill("100");
      await expect(fieldset.getByText(t("assessment.kpiPercent", { value: new Intl.NumberFormat("zh-CN").format(value) }), { exact: false })).toBeVisible();
    } else {
      await fieldset.getByLabel(t("assessment.kpiValue")).fill(String(value));
    }
  }
  await expect(savedIndicator(page)).toBeVisible();
  return count;
}

test("a process plant signs up and starts an assessment, which opens at the plant profile", async () => {
  await page.goto("/signup");
  await page.getByLabel("邮箱").fill(`process-${unique}@example.com`);
  await page.getByLabel("姓名").fill("林工艺");
  await page.getByLabel("密码").fill("process-plant-pass-2026");
  await page.getByLabel("组织名称").fill("江南化工");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page).toHaveURL(/\/profile$/);
  orgId = page.url().split("/o/")[1]!.split("/")[0]!;
  await page.getByLabel("企业法定名称").fill("浙江江南化工有限公司");
  const code = creditCode("91310114" + Array.from({ length: 9 }, () => CHARSET[crypto.randomInt(CHARSET.length)]).join(""));
  await page.getByLabel("统一社会信用代码").fill(code);
  await page.getByLabel(/所属行业/).selectOption("26");
  await page.getByLabel("所在地区").selectOption("310114");
  await page.getByLabel("从业人员（人）").fill("420");
  await page.getByLabel("年营业收入（万元）").fill("65000");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存。" })).toBeVisible();

  await page.getByRole("link", { name: t("nav.assessments"), exact: true }).click();
  await page.getByLabel(t("assessment.period")).selectOption(String(new Date().getFullYear()));
  await page.getByRole("button", { name: t("assessment.start") }).click();
  await expect(page).toHaveURL(/\/assessments\/[0-9a-f-]+\/profile$/);
  await expect(page.getByRole("heading", { level: 1, name: t("profile.plant.title") })).toBeVisible();
  await expect(page.getByText(t("profile.plant.keptAnswers"))).toBeVisible();
  await fitsPhone(page, "30-plant-profile");
});

test("a profile with a choice missing is refused with the message next to it", async () => {
  await page.getByLabel(t("profile.plant.productionTypes.process")).check();
  await page.getByRole("button", { name: t("profile.plant.save") }).click();
  await expect(page.getByText(t("profile.errors.markets"))).toBeVisible();
  await expect(page).toHaveURL(/\/profile$/);
});

test("the plant states its profile (by keyboard) and is asked only its path's questions", async () => {
  // Radio groups work from the keyboard: focus the first option of a group, arrows move and select.
  await page.getByLabel(t("profile.plant.marketOptions.b2b")).focus();
  await page.keyboard.press("Space");
  await page.getByLabel(t("profile.plant.varieties.low")).check();
  await page.getByLabel(t("profile.plant.siteOptions.single")).check();
  await page.getByRole("button", { name: t("profile.plant.save") }).click();
  await expect(page).toHaveURL(/\/d\/[a-z]+$/);

  const processOnly = numbered.find((n) => isApplicable(n.question.appliesTo, PROCESS_PLANT) && n.question.appliesTo?.productionType?.includes("process") && !n.question.appliesTo.productionType.includes("discrete"));
  const discreteOnly = numbered.find((n) => !isApplicable(n.question.appliesTo, PROCESS_PLANT) && n.question.appliesTo?.productionType && !n.question.appliesTo.productionType.includes("process"));
  expect(processOnly, "2.0.0 has a question only process plants answer").toBeDefined();
  expect(discreteOnly, "2.0.0 has a question only discrete plants answer").toBeDefined();

  const base = page.url().replace(/\/d\/[a-z]+$/, "");
  await page.goto(`${base}/d/${processOnly!.dimensionId}`);
  await expect(questionsOf(page).filter({ has: page.locator("legend", { hasText: new RegExp(`^${processOnly!.number} `) }) })).toHaveCount(1);

  await page.goto(`${base}/d/${discreteOnly!.dimensionId}`);
  await expect(questionsOf(page).first()).toBeVisible();
  await expect(questionsOf(page).filter({ has: page.locator("legend", { hasText: new RegExp(`^${discreteOnly!.number} `) }) })).toHaveCount(0);
  // Excluded questions are listed, collapsed, with the reason they do not apply.
  const excludedHere = numbered.filter((n) => n.dimensionId === discreteOnly!.dimensionId && !isApplicable(n.question.appliesTo, PROCESS_PLANT));
  const excluded = page.getByText(t("assessment.excludedTitle", { count: excludedHere.length }));
  await excluded.click();
  await expect(page.getByText(discreteOnly!.question.notApplicableNote!["zh-CN"]).first()).toBeVisible();
});

test("answers every applicable question, with KPIs as numerator and denominator where asked", async () => {
  test.setTimeout(240_000);
  const base = page.url().replace(/\/d\/[a-z]+$/, "");
  let answered = 0;
  for (const dimension of v2.dimensions) {
    await page.goto(`${base}/d/${dimension.id}`);
    await expect(questionsOf(page).first()).toBeVisible();
    answered += await answerPage();
    if (dimension.id === "device") {
      await screenshot(page, "31-questionnaire-v2");
      await fitsPhone(page, "31-questionnaire-v2");
    }
  }
  const total = applicable().length;
  expect(answered).toBe(total);
  await page.reload();
  await expect(page.getByText(t("assessment.progress", { answered: total, total }))).toBeVisible();
});

test("submits and sees the level with the crosswalk estimates, each with its source", async () => {
  await page.getByRole("link", { name: t("assessment.goToSubmit") }).first().click();
  await expect(page.getByRole("heading", { name: t("assessment.readyTitle") })).toBeVisible();
  await page.getByRole("button", { name: t("assessment.submit") }).click();
  await expect(page).toHaveURL(/\/results\?submitted=1$/);
  await expect(page.getByRole("region", { name: t("assessment.results.level") }).getByText(/^L[0-5]$/)).toBeVisible();
  const estimates = page.getByRole("region", { name: t("assessment.estimates.title") });
  await expect(estimates.getByRole("heading", { name: t("assessment.estimates.cmmmTitle") })).toBeVisible();
  await expect(estimates.getByText(v2.crosswalks!.cmmm.source["zh-CN"])).toBeVisible();
  await expect(estimates.getByRole("heading", { name: t("assessment.estimates.gradientTitle") })).toBeVisible();
  for (const tier of v2.crosswalks!.gradient.tiers) await expect(estimates.getByText(tier.name["zh-CN"], { exact: true })).toBeVisible();
  await expect(estimates.getByRole("heading", { name: t("assessment.estimates.digitalTitle") })).toBeVisible();
  await expect(page.getByText(t("assessment.profileSummary", { summary: "" }).trim(), { exact: false })).toBeVisible();
  // A long plan shows its first eight raises; the rest wait behind a disclosure.
  const plan = page.getByRole("heading", { name: t("assessment.explain.planTitle") }).locator("xpath=following-sibling::ol[1]/li");
  expect(await plan.count()).toBeLessThanOrEqual(8);
  await screenshot(page, "32-results-v2");
  await fitsPhone(page, "32-results-v2");
});

test("the results read in English too", async () => {
  await page.getByRole("banner").getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await page.waitForLoadState("networkidle");
  const estimates = page.getByRole("region", { name: en("assessment.estimates.title") });
  await expect(estimates.getByRole("heading", { name: en("assessment.estimates.cmmmTitle") })).toBeVisible();
  await expect(estimates.getByText(v2.crosswalks!.cmmm.source.en)).toBeVisible();
  await fitsPhone(page, "33-results-v2-en");
  await page.goto(page.url().replace(/\/results.*$/, "/profile"));
  await expect(page.getByRole("heading", { level: 1, name: en("profile.plant.title") })).toBeVisible();
  await expect(page.getByText(en("profile.plant.submittedReadOnly"))).toBeVisible();
  await page.getByRole("banner").getByRole("button", { name: "简体中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("an existing 1.0.0 assessment still opens with its old result", async ({ browser }) => {
  const email = "auto@demo.future-factory.cn";
  const [old] = await queryE2eDatabase<{ id: string; organizationId: string; result: { level: number } }>(
    `SELECT a.id, a."organizationId", a.result FROM "Assessment" a
       JOIN "QuestionnaireVersion" v ON v.id = a."questionnaireVersionId"
       JOIN "Membership" m ON m."organizationId" = a."organizationId" JOIN "User" u ON u.id = m."userId"
     WHERE u.email = $1 AND a.status = 'SUBMITTED' AND v.version = '1.0.0' LIMIT 1`,
    [email],
  );
  expect(old, "the demo seeds a submitted 1.0.0 assessment").toBeDefined();
  expect(orgId).not.toBe(old!.organizationId);
  const other = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const p = await other.newPage();
  await logIn(p, email, DEMO_PASSWORD);
  await expect(p).toHaveURL(new RegExp(`/o/${old!.organizationId}`));
  await p.goto(`/o/${old!.organizationId}/assessments/${old!.id}/results`);
  // "问卷版本 1.0.0 · 提交于 …": the lead up to the date.
  await expect(p.getByText(t("assessment.results.lead", { version: "1.0.0", date: "" }).trim(), { exact: false })).toBeVisible();
  await expect(p.getByRole("region", { name: t("assessment.results.level") }).getByText(`L${old!.result.level}`, { exact: true })).toBeVisible();
  // No 2.0.0 sections on a 1.0.0 result.
  await expect(p.getByRole("region", { name: t("assessment.estimates.title") })).toHaveCount(0);
  await other.close();
});
