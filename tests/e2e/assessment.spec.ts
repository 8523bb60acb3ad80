import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "@playwright/test";
import { expect, screenshot, SCREENSHOT_DIR, test } from "./fixtures";

const unique = Date.now().toString(36);
const email = `assess-${unique}@example.com`;
const password = "assessment-owner-pass";

test.describe.configure({ mode: "serial" });

/** Answers every question on the current dimension page; returns how many were answered. */
async function answerDimension(page: Page) {
  const questions = page.locator(".question");
  const count = await questions.count();
  for (let i = 0; i < count; i++) {
    const question = questions.nth(i);
    const descriptors = question.locator(".descriptor");
    if ((await descriptors.count()) > 0) await descriptors.nth(2 + (i % 3)).click();
    else await question.getByLabel("填报数值").fill("65");
  }
  await expect(page.locator(".save-state.saved")).toBeVisible();
  return count;
}

test("a factory answers everything with autosave, survives a reload and a second tab, submits and gets results, Excel and a print report", async ({ page, context }) => {
  test.setTimeout(180_000);
  // Sign up and complete the profile.
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

  // Start the 2026 assessment.
  await page.getByRole("link", { name: "成熟度评估", exact: true }).click();
  await expect(page.getByText("还没有评估。选择年度，开始第一次评估吧。")).toBeVisible();
  await page.getByLabel("评估年度").selectOption(String(new Date().getFullYear()));
  await page.getByRole("button", { name: "开始评估" }).click();
  await expect(page).toHaveURL(/\/d\/device$/);

  // Answer every dimension; each page autosaves.
  let answered = 0;
  for (const dimension of ["device", "process", "knowledge", "business"]) {
    if (!page.url().endsWith(`/d/${dimension}`)) await page.locator(".dimension-steps").getByRole("link", { name: new RegExp(`^${dimensionName(dimension)}`) }).click();
    await expect(page).toHaveURL(new RegExp(`/d/${dimension}$`));
    // Remix renders in a transition: the URL can change before the new page is on screen.
    await expect(page.getByRole("heading", { level: 1, name: dimensionName(dimension) })).toBeVisible();
    answered += await answerDimension(page);
    if (dimension === "device") await screenshot(page, "20-questionnaire");
  }
  expect(answered).toBe(53);
  await expect(page.getByText("已完成 53/53 题")).toBeVisible();

  // Reload: everything is still there.
  await page.reload();
  await expect(page.getByText("已完成 53/53 题")).toBeVisible();
  await page.locator(".dimension-steps").getByRole("link", { name: /^设备数字化/ }).click();
  await expect(page).toHaveURL(/\/d\/device$/);
  await expect(page.locator(".question").first().getByLabel("填报数值")).toHaveValue("65");
  await expect(page.locator(".question").nth(1).locator(".descriptor input").nth(3)).toBeChecked();

  // Two tabs on the same draft: the stale one gets a conflict, never a silent overwrite.
  const other = await context.newPage();
  await other.goto(page.url());
  await page.locator(".question").nth(1).locator(".descriptor").nth(5).click();
  await expect(page.locator(".save-state.saved")).toBeVisible();
  await other.locator(".question").nth(2).locator(".descriptor").nth(0).click();
  await expect(other.getByRole("alert").filter({ hasText: "这份草稿已在别处更新" })).toBeVisible();
  await screenshot(other, "21-conflict");
  await other.getByRole("button", { name: /载入最新答案/ }).click();
  await expect(other.locator(".question").nth(1).locator(".descriptor input").nth(5)).toBeChecked();
  await expect(other.locator(".question").nth(2).locator(".descriptor input").nth(0)).not.toBeChecked();
  await other.close();

  // Submit.
  await page.reload();
  await page.getByRole("link", { name: "检查并提交" }).first().click();
  await expect(page.getByRole("heading", { name: "所有题目都已作答" })).toBeVisible();
  await page.getByRole("button", { name: "提交评估" }).click();
  await expect(page).toHaveURL(/\/results\?submitted=1$/);
  await expect(page.getByText("评估已提交。")).toBeVisible();
  await expect(page.locator(".level-code")).toHaveText(/^L[0-5]$/);
  await expect(page.locator(".recharts-surface")).toHaveCount(2);
  await expect(page.locator(".recharts-polar-angle-axis-tick")).toHaveCount(4);
  await expect(page.getByRole("heading", { name: "改进路线图" })).toBeVisible();
  await screenshot(page, "22-results");

  // Excel export, opened and checked.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 Excel" }).click()]);
  const file = path.join(SCREENSHOT_DIR, "assessment-export.xlsx");
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  expect(workbook.worksheets.length).toBeGreaterThanOrEqual(2);
  const answersSheet = workbook.worksheets[1]!;
  expect(answersSheet.rowCount).toBe(54);
  expect(JSON.stringify(workbook.worksheets[0]!.getSheetValues())).toContain("上海长江智造股份有限公司");

  // Print view.
  await page.getByRole("link", { name: "打印报告" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("未来工厂成熟度评估报告");
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
