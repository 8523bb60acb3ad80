import type { Page } from "@playwright/test";
import { copyPattern, en, zh } from "./copy";
import { DEMO_PASSWORD, expect, logIn, queryE2eDatabase, screenshot, test } from "./fixtures";

const MACHINE_BUILDER = "0b9e3c1e-0000-4000-8000-000000000001";
const COUNT = /[\d,]+/;

/** The live notice that names the peer group used (the text before the group name tells it apart from the fallback notice). */
const groupNotice = (page: Page, t = zh) => page.getByRole("status").filter({ hasText: t("benchmark.group.summary").split("{group}")[0]! });
const fallbackNotice = (page: Page) => page.getByRole("status").filter({ hasText: zh("benchmark.group.fallbackTitle") });
/** n of the group, as shown in the summary ("n = 1,234"). */
async function groupSize(page: Page) {
  const n = page.getByRole("region", { name: zh("benchmark.summary.title") }).getByText(/^n = [\d,]+$/);
  return Number((await n.innerText()).replace(/\D/g, ""));
}
/** Group labels: industry and region names are reference data, the rest comes from the locale. */
const label = (...parts: string[]) => parts.join(" · ");
const sizeBand = (band: "LARGE" | "MEDIUM") => zh("benchmark.group.sizeBand", { band: zh(`sizeBand.${band}`) });

test("a demo factory opens its peer benchmark, changes the filters, sees n and the fallback notice", async ({ page, consoleGuard }) => {
  consoleGuard.allow(/Failed to load resource: the server responded with a status of 400/);
  const [assessment] = await queryE2eDatabase<{ id: string }>(`SELECT id FROM "Assessment" WHERE "organizationId" = $1 AND status = 'SUBMITTED' ORDER BY "submittedAt" DESC LIMIT 1`, [MACHINE_BUILDER]);
  expect(assessment, "the demo seeds a submitted assessment for the machine builder").toBeDefined();
  const base = `/o/${MACHINE_BUILDER}/assessments/${assessment!.id}`;

  await logIn(page, "factory@demo.future-factory.cn", DEMO_PASSWORD);
  await expect(page).toHaveURL(new RegExp(`/o/${MACHINE_BUILDER}`));
  // From the results page, as a user would.
  await page.goto(`${base}/results`);
  await page.getByRole("link", { name: zh("assessment.results.benchmarkLink") }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/benchmark$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh("benchmark.title"));

  // Default group: own division and size band, all of China — with n, and no fallback.
  const defaultN = await groupSize(page);
  expect(defaultN).toBeGreaterThanOrEqual(5);
  const defaultLabel = label("34 通用设备制造业", zh("benchmark.group.nationwide"), sizeBand("MEDIUM"));
  await expect(groupNotice(page)).toContainText(zh("benchmark.group.summary", { group: defaultLabel, n: defaultN.toLocaleString("en") }));
  await expect(fallbackNotice(page)).toHaveCount(0);
  // The position: a whole percent from 100 peers, a 10-point band below (docs/privacy.md).
  const exact = copyPattern("zh-CN", "benchmark.summary.ahead", { percent: /\d{1,3}/ });
  const band = copyPattern("zh-CN", "benchmark.summary.aheadBand", { from: /\d{1,2}0/, to: /\d{1,2}0/ });
  await expect(page.getByRole("region", { name: zh("benchmark.summary.title") }).locator(".benchmark-headline")).toHaveText(new RegExp(`^(?:${exact.source}|${band.source})$`));
  // Synthetic peers are flagged, never counted.
  await expect(groupNotice(page)).toContainText(zh("benchmark.group.synthetic"));
  // Charts are rendered on the server as SVG, with a data table alternative. The SVG is hidden from
  // assistive technology (the table stands in for it), so Recharts' class is the only handle on it.
  await expect(page.getByRole("figure").locator(".recharts-wrapper > svg")).toHaveCount(3);
  await page.getByText(zh("benchmark.dimensions.tableSummary")).click();
  const firstTable = page.getByRole("figure").first().getByRole("table");
  await expect(firstTable.getByRole("row").filter({ has: page.getByRole("cell") })).toHaveCount(4);
  await screenshot(page, "benchmark-01-default");
  // The help text behind "how the figures are protected" is one link away, on the page itself.
  await page.getByRole("link", { name: zh("benchmark.method.protectionLink") }).click();
  await expect(page.getByRole("heading", { name: zh("benchmark.protection.title") })).toBeVisible();
  // A phone: nothing wider than 390 px (the tables scroll inside their frames).
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), "benchmark at 390 px").toBeLessThanOrEqual(390);
  await screenshot(page, "benchmark-01-default-390");
  await page.setViewportSize({ width: 1280, height: 900 });

  // A group far too small: tobacco, 崇明区, large enterprises → widened step by step, and it says so.
  await page.getByLabel(zh("benchmark.filters.industry")).selectOption("16");
  await page.getByLabel(zh("benchmark.filters.region")).selectOption("310151");
  await page.getByLabel(zh("benchmark.filters.size")).selectOption("LARGE");
  await page.getByRole("button", { name: zh("benchmark.filters.apply") }).click();
  await expect(page).toHaveURL(/industry=16&region=310151&size=LARGE/);
  const fallback = fallbackNotice(page);
  await expect(fallback).toBeVisible();
  const requested = label("16 烟草制品业", "上海市", "崇明区", sizeBand("LARGE"));
  await expect(fallback).toContainText(copyPattern("zh-CN", "benchmark.group.fallback", { requested, k: 5, used: /.+/, n: COUNT }));
  const steps = [zh("benchmark.group.step.size"), zh("benchmark.group.step.region", { region: "上海市" }), zh("benchmark.group.step.region", { region: zh("benchmark.group.nationwide") })];
  await expect(fallback).toContainText(`${zh("benchmark.group.fallbackSteps")} ${steps.join(" → ")}`);
  expect(await groupSize(page)).toBeGreaterThanOrEqual(5);
  // The selects still show what was asked for.
  await expect(page.getByLabel(zh("benchmark.filters.region"))).toHaveValue("310151");
  await screenshot(page, "benchmark-02-fallback");

  // All manufacturing in Jiangsu, any size: a wider group, no notice.
  await page.getByLabel(zh("benchmark.filters.industry")).selectOption("all");
  await page.getByLabel(zh("benchmark.filters.region")).selectOption("32");
  await page.getByLabel(zh("benchmark.filters.size")).selectOption("all");
  await page.getByRole("button", { name: zh("benchmark.filters.apply") }).click();
  const jiangsu = label(zh("benchmark.filters.allIndustries"), "江苏省", zh("benchmark.group.allSizes"));
  await expect(groupNotice(page)).toContainText(copyPattern("zh-CN", "benchmark.group.summary", { group: jiangsu, n: COUNT }));
  await expect(fallbackNotice(page)).toHaveCount(0);

  // An unknown code in the URL: a clear 400, and a way back.
  const response = await page.goto(`${base}/benchmark?industry=99`);
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("alert")).toHaveText(zh("benchmark.errors.industry", { code: "99" }));
  await page.getByRole("link", { name: zh("benchmark.errors.resetFilters") }).click();
  await expect(groupNotice(page)).toContainText(defaultLabel);

  // English.
  await page.getByRole("button", { name: zh("locale.en") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en("benchmark.title"));
  await expect(groupNotice(page, en)).toContainText(en("benchmark.group.size", { n: defaultN.toLocaleString("en") }));
  await page.getByRole("button", { name: en("locale.zh-CN") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh("benchmark.title"));
});

test("another factory's benchmark is a 404, a draft's is a 409", async ({ page, consoleGuard }) => {
  consoleGuard.allow(/Failed to load resource: the server responded with a status of 40[49]/);
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
  await expect(page.getByRole("alert")).toHaveText(zh("benchmark.errors.notSubmitted"));
  await queryE2eDatabase(`DELETE FROM "Assessment" WHERE id = $1`, [draft!.id]);
});
