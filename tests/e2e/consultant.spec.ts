/**
 * The consultant's journey (issue 11), as two people in two browsers: the demo consultant asks the
 * demo food factory for access by its 统一社会信用代码 → the factory's owner approves → the client
 * appears in the portfolio → the consultant opens its submitted assessment, changes three answers
 * with comments, confirms the rest, writes in one question's thread and issues the validation → the
 * factory sees both results, the differences with their reasons and the thread → the factory
 * revokes → the consultant gets 404 on the client's pages. Screenshots of the portfolio, the
 * validation and the diagnostic report at 1280 and 390 px, in Chinese and English.
 */
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { translator } from "../../app/utils/i18n";
import { DEMO_PASSWORD, expect, logIn, queryE2eDatabase, screenshot, SCREENSHOT_DIR, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

const t = translator("zh-CN");
const en = translator("en");

const CONSULTANCY = "0b9e3c1e-0000-4000-8000-000000000005";
/** 绿源食品: the demo leaves it without an engagement for this journey. */
const FOOD_FACTORY = "0b9e3c1e-0000-4000-8000-000000000004";
const FOOD_NAME = "绿源食品";

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

interface Person {
  context: BrowserContext;
  page: Page;
}
let consultant: Person;
let factory: Person;
let assessmentId: string;
const changed: { title: string; comment: string }[] = [];

async function person(browser: Browser, email: string): Promise<Person> {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  // Any console error (a failed hydration, a CSP violation, a failed request) fails the journey: the
  // console guard in fixtures.ts watches this context too.
  const page = await context.newPage();
  await logIn(page, email, DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return { context, page };
}

/**
 * Fits a 390 px wide phone: nothing wider than the viewport. `firstScreen` keeps the picture to what
 * the phone shows first (the validation workspace is dozens of screens long).
 */
async function fitsPhone(page: Page, name: string, { firstScreen = false } = {}) {
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at 390 px`).toBeLessThanOrEqual(390);
  if (firstScreen) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-390.png`) });
  else await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.beforeAll(async ({ browser }) => {
  consultant = await person(browser, "consultant@demo.future-factory.cn");
  factory = await person(browser, "food@demo.future-factory.cn");
  const [latest] = await queryE2eDatabase<{ id: string }>(
    `SELECT id FROM "Assessment" WHERE "organizationId" = $1 AND status = 'SUBMITTED' ORDER BY "submittedAt" DESC LIMIT 1`,
    [FOOD_FACTORY],
  );
  expect(latest, "the demo seeds a submitted assessment for the food factory").toBeDefined();
  assessmentId = latest!.id;
});

test.afterAll(async () => {
  await consultant.context.close();
  await factory.context.close();
});

test("the consultant asks for access by the factory's credit code; a mistyped code is refused", async () => {
  const { page } = consultant;
  await page.goto(`/o/${CONSULTANCY}`);
  await page.getByRole("navigation", { name: t("nav.primary") }).getByRole("link", { name: t("nav.engagements") }).click();
  await page.getByRole("link", { name: t("engagement.newConsultancy") }).click();
  await expect(page.getByRole("heading", { level: 1, name: t("engagement.form.titleConsultancy") })).toBeVisible();

  const code = creditCode("91340100MA8P2W4E7");
  // One wrong character breaks the check digit: refused in the browser and on the server, nothing sent.
  await page.getByLabel(t("engagement.form.factoryCreditCode")).fill(code.slice(0, -1) + (code.endsWith("0") ? "1" : "0"));
  await page.getByRole("button", { name: t("engagement.form.submitRequest") }).click();
  await expect(page.getByLabel(t("engagement.form.factoryCreditCode"))).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel(t("engagement.form.factoryCreditCode")).fill(code);
  await page.getByLabel(t("engagement.form.scope")).selectOption("VALIDATE");
  await page.getByLabel(t("engagement.form.message")).fill("区里免费诊断：申请核验贵司 2026 年度自评估。");
  await page.getByRole("button", { name: t("engagement.form.submitRequest") }).click();
  await expect(page.getByText(t("engagement.done.requested"))).toBeVisible();
  // Before the factory approves, the consultancy knows only the code it typed.
  await expect(page.getByText(code).first()).toBeVisible();
  await expect(page.getByText(FOOD_NAME)).toHaveCount(0);
});

test("the factory's owner approves; an e-mail told them", async () => {
  const [mail] = await queryE2eDatabase<{ subject: string }>(`SELECT subject FROM "OutboxEmail" WHERE "to" = $1 ORDER BY "createdAt" DESC LIMIT 1`, ["food@demo.future-factory.cn"]);
  expect(mail, "the factory's owner is e-mailed about the request").toBeDefined();
  const { page } = factory;
  await page.goto(`/o/${FOOD_FACTORY}`);
  await page.getByRole("navigation", { name: t("nav.primary") }).getByRole("link", { name: t("nav.engagements") }).click();
  const waiting = page.locator("section").filter({ has: page.getByRole("heading", { name: t("engagement.section.awaitingYou") }) });
  await expect(waiting.getByText("长三角智能制造咨询")).toBeVisible();
  await waiting.getByRole("button", { name: t("engagement.approve"), exact: true }).click();
  await expect(page.getByText(t("engagement.done.approve"))).toBeVisible();
});

test("the consultant finds the client in the portfolio and opens its submitted assessment", async () => {
  const { page } = consultant;
  await page.goto(`/o/${CONSULTANCY}`);
  await page.getByRole("navigation", { name: t("nav.primary") }).getByRole("link", { name: t("nav.clients") }).click();
  await expect(page.getByRole("heading", { level: 1, name: t("portfolio.title") })).toBeVisible();
  await expect(page.getByRole("link", { name: FOOD_NAME })).toBeVisible();
  await screenshot(page, "consultant-01-portfolio");
  await fitsPhone(page, "consultant-01-portfolio");

  await page.getByRole("link", { name: FOOD_NAME }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(FOOD_NAME);
  const row = page.getByRole("row").filter({ hasText: "2.0.0" });
  await row.getByRole("link", { name: t("portfolio.overview.validate") }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${FOOD_FACTORY}/assessments/${assessmentId}/validate$`));
});

test("the consultant changes three answers with comments, confirms the rest, writes in a thread and issues the validation", async () => {
  // Three saves, a thread, confirming 60-odd answers and issuing: ~20 s here, so room for a slower CI.
  test.setTimeout(180_000);
  const { page } = consultant;
  const reviews = page.locator("article.question-review");
  await expect(reviews.first()).toBeVisible();
  const count = await reviews.count();
  for (let i = 0; i < count && changed.length < 3; i++) {
    const review = reviews.nth(i);
    const answer = (await review.locator("dd strong").first().textContent()) ?? "";
    // Level questions only ("第 2 档：…"); a KPI reads "73.6%（第 2 档）".
    const band = /^第 (\d) 档：/.exec(answer.trim());
    if (!band || Number(band[1]) < 1) continue;
    const title = ((await review.getByRole("heading", { level: 3 }).textContent()) ?? "").trim();
    const comment = `现场核查第 ${changed.length + 1} 项：仅部分产线落地，按低一档认定。`;
    await review.getByLabel(t("validation.change")).check();
    await review.getByRole("radio", { name: new RegExp(`^${t("validation.bandValue", { band: Number(band[1]) - 1 })}`) }).check();
    await review.getByLabel(t("validation.reviewComment")).fill(comment);
    await review.getByLabel(t("validation.evidenceChecked")).check();
    await review.getByRole("button", { name: t("validation.save"), exact: true }).click();
    await expect(review.getByText(t("validation.saved"))).toBeVisible();
    changed.push({ title, comment });
  }
  expect(changed).toHaveLength(3);

  // A question for the factory in the first changed question's thread.
  const first = reviews.filter({ has: page.getByRole("heading", { level: 3, name: changed[0]!.title }) });
  await first.getByText(t("comments.start")).click();
  await first.getByLabel(t("comments.bodyLabel")).fill("其他产线的系统截图能否补充上传？");
  await first.getByRole("button", { name: t("comments.send"), exact: true }).click();
  await expect(first.getByText("其他产线的系统截图能否补充上传？")).toBeVisible();

  await page.getByRole("button", { name: new RegExp(t("validation.confirmAll", { count: 999 }).replace("999", "\\d+")) }).click();
  await expect(page.getByText(t("validation.confirmedAll"))).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, "consultant-02-validation-workspace.png") });
  await fitsPhone(page, "consultant-02-validation-workspace", { firstScreen: true });

  await page.getByRole("link", { name: t("validation.issue") }).click();
  await page.getByRole("button", { name: t("validation.issueConfirm") }).click();
  await expect(page.getByText(t("validation.issuedNow", { version: 1 }))).toBeVisible();
  await page.getByRole("link", { name: t("validation.readLink") }).click();
  await expect(page.getByText(/自评 L\d · \d\.\d\d/).first()).toBeVisible();
  await expect(page.getByText(/核验 L\d · \d\.\d\d/).first()).toBeVisible();
  await screenshot(page, "consultant-03-validation-result");
  await fitsPhone(page, "consultant-03-validation-result");
});

test("the consultant's diagnostic report carries the consultancy's name and both results", async () => {
  const { page } = consultant;
  await page.goto(`/o/${CONSULTANCY}/clients/${FOOD_FACTORY}/assessments/${assessmentId}/diagnostic`);
  await expect(page.getByRole("heading", { level: 1, name: t("diagnostic.reportTitle") })).toBeVisible();
  await expect(page.getByRole("main").getByText(t("diagnostic.preparedBy", { consultancy: "长三角智能制造咨询" })).first()).toBeVisible();
  await expect(page.getByRole("img", { name: t("diagnostic.logoAlt", { consultancy: "长三角智能制造咨询" }) })).toBeVisible();
  for (const { comment } of changed) await expect(page.getByText(comment)).toBeVisible();
  await screenshot(page, "consultant-04-diagnostic-report");
  await fitsPhone(page, "consultant-04-diagnostic-report");
});

test("the factory sees both results side by side, every difference with its reason, and the thread", async () => {
  const { page } = factory;
  await page.goto(`/o/${FOOD_FACTORY}/assessments/${assessmentId}/results`);
  // The header says there is something to read.
  await expect(page.getByRole("link", { name: t("comments.badge", { count: 1 }) })).toBeVisible();
  await page.getByRole("link", { name: t("validation.resultsLink") }).first().click();
  await expect(page.getByText(/自评 L\d · \d\.\d\d/).first()).toBeVisible();
  await expect(page.getByText(/核验 L\d · \d\.\d\d/).first()).toBeVisible();
  for (const { comment } of changed) await expect(page.getByText(comment).first()).toBeVisible();
  await expect(page.getByText("其他产线的系统截图能否补充上传？")).toBeVisible();
  await screenshot(page, "consultant-05-factory-validation");
  await fitsPhone(page, "consultant-05-factory-validation");
  // The factory's own copy of the diagnostic report, in the consultancy's name.
  await page.getByRole("link", { name: t("diagnostic.open"), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: t("diagnostic.reportTitle") })).toBeVisible();
  await expect(page.getByText(changed[0]!.comment)).toBeVisible();
});

test("the factory revokes; from the next request on the consultant gets 404 on the client's pages", async ({ consoleGuard }) => {
  consoleGuard.allow(/Failed to load resource: the server responded with a status of 404/);
  const { page } = factory;
  await page.goto(`/o/${FOOD_FACTORY}/engagements`);
  const active = page.locator("section").filter({ has: page.getByRole("heading", { name: t("engagement.section.active") }) });
  page.once("dialog", (dialog) => void dialog.accept());
  await active.getByRole("button", { name: t("engagement.revoke") }).click();
  await expect(page.getByText(t("engagement.done.revoke"))).toBeVisible();

  for (const path of ["", `/assessments/${assessmentId}`, `/assessments/${assessmentId}/validate`, `/assessments/${assessmentId}/diagnostic`]) {
    const response = await consultant.page.goto(`/o/${CONSULTANCY}/clients/${FOOD_FACTORY}${path}`);
    expect(response?.status(), path || "overview").toBe(404);
    await expect(consultant.page.getByText(FOOD_NAME)).toHaveCount(0);
  }
  // The factory's access log shows what the consultant did.
  await page.goto(`/o/${FOOD_FACTORY}/engagements/audit`);
  await expect(page.getByRole("heading", { level: 1, name: t("engagement.audit.title") })).toBeVisible();
  await expect(page.getByText(t("engagement.audit.action.validationIssue")).first()).toBeVisible();
});

test("in English, the portfolio and the demo's validated client read well on a phone too", async ({ browser }) => {
  const [validated] = await queryE2eDatabase<{ assessmentId: string; factoryId: string }>(
    `SELECT "assessmentId", "factoryId" FROM "Validation" WHERE "consultancyId" = $1 AND status = 'ISSUED' AND "factoryId" <> $2 LIMIT 1`,
    [CONSULTANCY, FOOD_FACTORY],
  );
  expect(validated, "the demo has a validated client").toBeDefined();
  const { page, context } = await person(browser, "consultant@demo.future-factory.cn");
  try {
    // The account speaks Chinese; the header's switch changes it (and is switched back below).
    await page.goto(`/o/${CONSULTANCY}/clients`);
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: en("portfolio.title") })).toBeVisible();
    await screenshot(page, "consultant-06-portfolio-en");
    await fitsPhone(page, "consultant-06-portfolio-en");
    const base = `/o/${CONSULTANCY}/clients/${validated!.factoryId}/assessments/${validated!.assessmentId}`;
    await page.goto(base);
    await expect(page.getByText(/Self-assessed L\d · \d\.\d\d/).first()).toBeVisible();
    await fitsPhone(page, "consultant-07-validation-en");
    await page.goto(`${base}/diagnostic`);
    await expect(page.getByRole("heading", { level: 1, name: en("diagnostic.reportTitle") })).toBeVisible();
    await screenshot(page, "consultant-08-diagnostic-report-en");
    await fitsPhone(page, "consultant-08-diagnostic-report-en");
    await page.getByRole("button", { name: "简体中文" }).click();
    await expect(page.getByRole("heading", { level: 1, name: t("diagnostic.reportTitle") })).toBeVisible();
  } finally {
    await context.close();
  }
});
