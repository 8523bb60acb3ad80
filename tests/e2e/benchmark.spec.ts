import { DEMO_PASSWORD, expect, logIn, queryE2eDatabase, screenshot, test } from "./fixtures";

const MACHINE_BUILDER = "0b9e3c1e-0000-4000-8000-000000000001";

test("a demo factory opens its peer benchmark, changes the filters, sees n and the fallback notice", async ({ page }) => {
  const [assessment] = await queryE2eDatabase<{ id: string }>(`SELECT id FROM "Assessment" WHERE "organizationId" = $1 AND status = 'SUBMITTED'`, [MACHINE_BUILDER]);
  expect(assessment, "the demo seeds a submitted assessment for the machine builder").toBeDefined();
  const base = `/o/${MACHINE_BUILDER}/assessments/${assessment!.id}`;

  await logIn(page, "factory@demo.future-factory.cn", DEMO_PASSWORD);
  await expect(page).toHaveURL(new RegExp(`/o/${MACHINE_BUILDER}`));
  // From the results page, as a user would.
  await page.goto(`${base}/results`);
  await page.getByRole("link", { name: "同行对标" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/benchmark$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("同行对标");

  // Default group: own division and size band, all of China — with n, and no fallback.
  const groupNotice = page.locator(".benchmark-group");
  await expect(groupNotice).toContainText("当前对标组为“34 通用设备制造业 · 全国 · 中型企业”");
  const defaultN = Number((await page.locator(".benchmark-n").innerText()).replace(/\D/g, ""));
  expect(defaultN).toBeGreaterThanOrEqual(5);
  await expect(groupNotice).toContainText(`共 ${defaultN.toLocaleString("en")} 家企业`);
  await expect(page.locator(".benchmark-fallback")).toHaveCount(0);
  await expect(page.locator(".benchmark-headline")).toHaveText(/^领先 \d{1,3}% 的同行$/);
  await expect(page.locator("text=演示数据").first()).toBeVisible();
  // Charts are rendered on the server as SVG, with a data table alternative.
  await expect(page.locator("figure.chart .recharts-wrapper > svg")).toHaveCount(3);
  await page.getByText("查看各主线数据表").click();
  await expect(page.locator("figure.chart").first().locator("tbody tr")).toHaveCount(4);
  await screenshot(page, "benchmark-01-default");

  // A group far too small: tobacco, 崇明区, large enterprises → widened step by step, and it says so.
  await page.getByLabel("行业").selectOption("16");
  await page.getByLabel("地区").selectOption("310151");
  await page.getByLabel("企业规模").selectOption("LARGE");
  await page.getByRole("button", { name: "查看对标" }).click();
  await expect(page).toHaveURL(/industry=16&region=310151&size=LARGE/);
  const fallback = page.locator(".benchmark-fallback");
  await expect(fallback).toContainText("对标组已自动放宽");
  await expect(fallback).toContainText("您选择的“16 烟草制品业 · 上海市 · 崇明区 · 大型企业”中可比企业不足 5 家");
  await expect(fallback).toContainText("放宽顺序： 不限规模 → 扩大到上海市 → 扩大到全国");
  const widenedN = Number((await page.locator(".benchmark-n").innerText()).replace(/\D/g, ""));
  expect(widenedN).toBeGreaterThanOrEqual(5);
  // The selects still show what was asked for.
  await expect(page.getByLabel("地区")).toHaveValue("310151");
  await screenshot(page, "benchmark-02-fallback");

  // All manufacturing in Jiangsu, any size: a wider group, no notice.
  await page.getByLabel("行业").selectOption("all");
  await page.getByLabel("地区").selectOption("32");
  await page.getByLabel("企业规模").selectOption("all");
  await page.getByRole("button", { name: "查看对标" }).click();
  await expect(groupNotice).toContainText("当前对标组为“全部制造业 · 江苏省 · 不限规模”");
  await expect(page.locator(".benchmark-fallback")).toHaveCount(0);

  // An unknown code in the URL: a clear 400, and a way back.
  const response = await page.goto(`${base}/benchmark?industry=99`);
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("alert")).toHaveText("未知的行业代码“99”，请从列表中选择行业。");
  await page.getByRole("link", { name: "恢复默认对标组" }).click();
  await expect(groupNotice).toContainText("34 通用设备制造业 · 全国 · 中型企业");

  // English.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Peer benchmark");
  await expect(groupNotice).toContainText(`${defaultN.toLocaleString("en")} factories`);
  await page.getByRole("button", { name: "简体中文" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("同行对标");
});

test("another factory's benchmark is a 404, a draft's is a 409", async ({ page }) => {
  const [other] = await queryE2eDatabase<{ id: string; organizationId: string }>(
    `SELECT id, "organizationId" FROM "Assessment" WHERE "organizationId" <> $1 AND "organizationId"::text LIKE '0b9e3c1e-%' AND status = 'SUBMITTED' LIMIT 1`,
    [MACHINE_BUILDER],
  );
  await logIn(page, "factory@demo.future-factory.cn", DEMO_PASSWORD);
  await expect(page).toHaveURL(new RegExp(`/o/${MACHINE_BUILDER}`));
  expect((await page.goto(`/o/${other!.organizationId}/assessments/${other!.id}/benchmark`))?.status()).toBe(404);
  expect((await page.goto(`/o/${MACHINE_BUILDER}/assessments/${other!.id}/benchmark`))?.status()).toBe(404);

  const [draft] = await queryE2eDatabase<{ id: string }>(
    `INSERT INTO "Assessment" (id, "organizationId", "questionnaireVersionId", period, "updatedAt")
     SELECT gen_random_uuid(), $1, id, 'E2E-' || floor(random() * 1e9)::text, now() FROM "QuestionnaireVersion" LIMIT 1 RETURNING id`,
    [MACHINE_BUILDER],
  );
  const response = await page.goto(`/o/${MACHINE_BUILDER}/assessments/${draft!.id}/benchmark`);
  expect(response?.status()).toBe(409);
  await expect(page.getByRole("alert")).toHaveText("这份评估尚未提交。提交后才能与同行对标。");
  await queryE2eDatabase(`DELETE FROM "Assessment" WHERE id = $1`, [draft!.id]);
});
