/**
 * The demo authority's journey (issue 12): the Shanghai 经信委 logs in → its dashboard summarises the
 * jurisdiction → the overview → the industries breakdown, drilled down to one industry → the regions
 * page (tile map of the 16 districts, a district below k hatched and withheld), drilled down to one
 * district (its overview and programme readiness) → the sizes breakdown → downloads a table as CSV and
 * as XLSX and opens both (no count below k, nothing beyond two decimals) → gets 404 on a factory's
 * assessment URL. The published total matches Shanghai's own factories, not the whole population.
 * Every sector page at 390 px and in English, without console errors. Screenshots authority-NN-*.png.
 */
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "@playwright/test";
import { translator } from "../../app/utils/i18n";
import {
  DEMO_PASSWORD,
  expect,
  logIn,
  queryE2eDatabase,
  screenshot,
  SCREENSHOT_DIR,
  test,
} from "./fixtures";

test.describe.configure({ mode: "serial" });

const t = translator("zh-CN");
const en = translator("en");
const AUTHORITY = "0b9e3c1e-0000-4000-8000-000000000006";
const EMAIL = "authority@demo.future-factory.cn";
const K = 5;

let page: Page;

async function fitsPhone(name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  // Names the widest offenders, so a failure says what to fix.
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter(
        (element) =>
          element.getBoundingClientRect().right > 391 &&
          !element.closest(".table-wrap")
      )
      .slice(0, 5)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${element.className} ${Math.round(
            element.getBoundingClientRect().right
          )}`
      )
  );
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `${name} at 390 px: ${wide.join(", ")}`
  ).toBeLessThanOrEqual(390);
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

function csvRows(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)], "UTF-8 byte-order mark").toEqual([
    0xef, 0xbb, 0xbf,
  ]);
  const text = bytes.subarray(3).toString("utf8");
  // The demo's names hold no commas or quotes; split plainly.
  return text
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(","));
}

/** No count below k, counts whole, scores at two decimals, a withheld value empty with flag c. */
function expectPublishable(
  header: readonly string[],
  rows: readonly (readonly string[])[]
) {
  for (const row of rows) {
    header.forEach((key, index) => {
      const value = row[index] ?? "";
      if (key.endsWith("_flag")) {
        if (value === "c") expect(row[index - 1]).toBe("");
        return;
      }
      if (!header.includes(`${key}_flag`) || value === "") return;
      if (key === "factories") expect(Number(value)).toBeGreaterThanOrEqual(K);
      if (key.startsWith("median"))
        expect(value).toMatch(/^-?\d\.\d{2}(-\d\.\d{2})?$/);
    });
  }
}

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({
    baseURL: process.env.E2E_BASE_URL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    acceptDownloads: true,
  });
  page = await context.newPage();
  await logIn(page, EMAIL, DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
});

test.afterAll(async () => {
  await page.context().close();
});

test("the dashboard summarises the jurisdiction, with the nav link to it", async () => {
  await page.goto(`/o/${AUTHORITY}`);
  await expect(
    page.getByRole("heading", { name: t("sector.dashboard.title") })
  ).toBeVisible();
  await expect(page.getByText(t("org.authorityNext"))).toHaveCount(0);
  await expect(
    page
      .getByRole("navigation", { name: t("nav.primary") })
      .getByRole("link", { name: t("sector.nav.label") })
  ).toBeVisible();
  const registered = page.locator(".sector-summary-figures dd").first();
  await expect(registered).toHaveText(/^\d[\d,]*$/);
  await screenshot(page, "authority-01-dashboard");
  await fitsPhone("authority-01-dashboard");
});

test("the overview: headline figures and level mix of the whole jurisdiction", async () => {
  await page
    .getByRole("link", { name: t("sector.dashboard.open") })
    .first()
    .click();
  await expect(
    page.getByRole("heading", { level: 1, name: t("sector.overview.title") })
  ).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: t("sector.nav.label") })
  ).toBeVisible();
  await expect(page.locator(".sector-figure-value").first()).toHaveText(/\d/);
  await screenshot(page, "authority-02-overview");
  await fitsPhone("authority-02-overview");
});

test("the industries breakdown, drilled down to one industry", async () => {
  await page
    .getByRole("navigation", { name: t("sector.nav.label") })
    .getByRole("link", { name: t("sector.nav.industries") })
    .click();
  await expect(
    page.getByRole("heading", { level: 1, name: t("sector.industries.title") })
  ).toBeVisible();
  await expect(page.locator(".sector-heatmap")).toBeVisible();
  await screenshot(page, "authority-03-industries");
  await fitsPhone("authority-03-industries");

  // The division's name as the filter lists it ("34 通用设备制造业"), without its code.
  const division = (
    await page.locator('#sector-industry option[value="34"]').innerText()
  )
    .replace(/^\s*34\s*/, "")
    .trim();
  await page
    .getByLabel(t("sector.filters.industry"), { exact: true })
    .selectOption("34");
  await page.getByRole("button", { name: t("sector.filters.apply") }).click();
  await expect(page).toHaveURL(/industry=34/);
  await expect(
    page
      .locator(
        "section[aria-labelledby='sector-table-levels-by-division'] .sector-table-scroll tbody th"
      )
      .filter({ hasText: division })
      .first()
  ).toBeVisible();
  await screenshot(page, "authority-04-industries-34");
});

test("the regions map shows Shanghai's districts; a district below k is hatched and withheld in the table too", async () => {
  await page.goto(`/o/${AUTHORITY}/sector`);
  await page
    .getByRole("navigation", { name: t("sector.nav.label") })
    .getByRole("link", { name: t("sector.nav.regions") })
    .click();
  await expect(
    page.getByRole("heading", { level: 1, name: t("sector.regions.title") })
  ).toBeVisible();
  const tiles = page.locator(".sector-tile[data-region]");
  await expect(tiles).toHaveCount(16);
  const suppressed = page.locator('.sector-tile[data-status="suppressed"]');
  expect(
    await suppressed.count(),
    "the demo has districts below k"
  ).toBeGreaterThan(0);
  const code = await suppressed.first().getAttribute("data-region");
  const name = await suppressed.first().getAttribute("title");
  expect(name).toContain(String(K));
  // The same district in the table beside the map: its median is "—" with the accessible reason.
  const table = page.getByRole("region", {
    name: new RegExp(
      t("sector.regions.mediansTitle", { kind: "区", period: "\\d{4}" })
    ),
  });
  const row = table.locator("tbody tr").filter({
    has: page.locator("th", { hasText: (name ?? "").split("：")[0]! }),
  });
  await expect(row.locator(".sector-suppressed").first()).toContainText(
    t("sector.common.suppressed", { k: K })
  );
  expect(code).toMatch(/^31\d{4}$/);
  // Pudong has enough factories for an exact median.
  await expect(
    page.locator('.sector-tile[data-region="310115"]')
  ).toHaveAttribute("data-status", "exact");
  await screenshot(page, "authority-05-regions");
  await fitsPhone("authority-05-regions");
});

test("a factory outside the jurisdiction is not counted: the published total is Shanghai's own, within the perturbation", async () => {
  const published = Number(
    (
      await page
        .locator(
          "section[aria-labelledby='sector-table-medians-by-region'] tfoot td"
        )
        .first()
        .innerText()
    ).replace(/[^\d]/g, "")
  );
  const period =
    new URL(page.url()).searchParams.get("period") ??
    (await page
      .locator("select[name=period] option")
      .nth(1)
      .getAttribute("value"))!;
  const count = async (province: string | null) => {
    const [row] = await queryE2eDatabase<{ n: number }>(
      `SELECT count(DISTINCT s."organizationId")::int AS n FROM "AssessmentScore" s JOIN "QuestionnaireVersion" v ON v.id = s."questionnaireVersionId"
       WHERE s.period = $1 AND ($2::text IS NULL OR s."provinceCode" = $2)
         AND v.version = (SELECT max(version) FROM "QuestionnaireVersion")`,
      [period, province]
    );
    return row!.n;
  };
  const shanghai = await count("31");
  const everywhere = await count(null);
  expect(everywhere).toBeGreaterThan(shanghai + 10);
  expect(
    Math.abs(published - shanghai),
    `published ${published}, Shanghai ${shanghai}`
  ).toBeLessThanOrEqual(2);
});

test("drills down to one district: its overview, programme readiness and the sizes breakdown", async () => {
  await page
    .getByLabel(t("sector.filters.region"), { exact: true })
    .selectOption("310115");
  await page.getByRole("button", { name: t("sector.filters.apply") }).click();
  await expect(page).toHaveURL(/region=310115/);
  // A district has no sub-districts: no map, one row for the district as a whole.
  await expect(page.locator(".sector-tile[data-region]")).toHaveCount(0);
  await expect(page.getByText(t("sector.regions.noLayout"))).toBeVisible();
  await screenshot(page, "authority-06-regions-pudong");

  const nav = page.getByRole("navigation", { name: t("sector.nav.label") });
  await nav.getByRole("link", { name: t("sector.nav.overview") }).click();
  await expect(page).toHaveURL(/sector\?.*region=310115/);
  await expect(
    page.getByRole("heading", { level: 1, name: t("sector.overview.title") })
  ).toBeVisible();
  await screenshot(page, "authority-07-overview-pudong");

  await nav.getByRole("link", { name: t("sector.nav.programmes") }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: t("sector.programmes.title") })
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: /浦东新区/ })).toBeVisible();
  await expect(
    page.locator(".sector-programme-headline dd").first()
  ).toHaveText(/^\d{1,2}%$/);
  await screenshot(page, "authority-08-programmes-pudong");
  await fitsPhone("authority-08-programmes-pudong");

  await page.goto(`/o/${AUTHORITY}/sector/sizes`);
  await expect(
    page.getByRole("heading", { level: 1, name: t("sector.sizes.title") })
  ).toBeVisible();
  await screenshot(page, "authority-09-sizes");
  await fitsPhone("authority-09-sizes");
});

test("downloads a table as CSV and as XLSX: no count below k, values at the page's precision", async () => {
  await page.goto(`/o/${AUTHORITY}/sector/regions`);
  const title = await page
    .locator("#sector-table-medians-by-region")
    .innerText();
  const [csv] = await Promise.all([
    page.waitForEvent("download"),
    page
      .getByRole("link", {
        name: t("sector.common.downloadCsvLabel", { table: title }),
      })
      .click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const rows = csvRows(fs.readFileSync((await csv.path())!));
  const [header, ...data] = rows;
  expect(header!.slice(0, 4)).toEqual([
    "region_code",
    "region",
    "factories",
    "factories_flag",
  ]);
  expect(data.length).toBe(17);
  expectPublishable(header!, data);
  expect(
    data.some((row) => row[header!.indexOf("median_overall_flag")] === "c"),
    "a district withheld in the file too"
  ).toBe(true);
  // The page's Pudong median is the file's.
  const pudong = data.find((row) => row[0] === "310115")!;
  await expect(
    page.locator('.sector-tile[data-region="310115"] .sector-tile-value')
  ).toHaveText(pudong[header!.indexOf("median_overall")]!);

  const [xlsx] = await Promise.all([
    page.waitForEvent("download"),
    page
      .getByRole("link", {
        name: t("sector.common.downloadXlsxLabel", { table: title }),
      })
      .click(),
  ]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await xlsx.path())!);
  const sheet = workbook.getWorksheet(t("sector.export.sheetData"))!;
  const values: string[][] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    values.push(
      header!.map((_, index) => {
        const cell = row.getCell(index + 1);
        if (cell.value === null || cell.value === undefined) return "";
        return typeof cell.value === "number" && cell.numFmt === "0.00"
          ? cell.value.toFixed(2)
          : String(cell.value);
      })
    );
  });
  expect(values).toEqual(data);
  fs.copyFileSync(
    (await xlsx.path())!,
    path.join(SCREENSHOT_DIR, "authority-10-medians-by-region.xlsx")
  );
});

test("gets 404 on a factory's assessment URL, under the factory's id and under its own", async ({ consoleGuard }) => {
  consoleGuard.allow(/Failed to load resource: the server responded with a status of 404/);
  const [assessment] = await queryE2eDatabase<{
    id: string;
    organizationId: string;
  }>(
    `SELECT a.id, a."organizationId" FROM "Assessment" a JOIN "FactoryProfile" f ON f."organizationId" = a."organizationId"
     WHERE f."regionCode" LIKE '31%' AND a.status = 'SUBMITTED' AND a."organizationId"::text LIKE '0b9e3c1e-%' LIMIT 1`
  );
  expect(
    assessment,
    "a demo factory in Shanghai with a submitted assessment"
  ).toBeDefined();
  for (const orgId of [assessment!.organizationId, AUTHORITY]) {
    const response = await page.goto(
      `/o/${orgId}/assessments/${assessment!.id}/results`
    );
    expect(response?.status()).toBe(404);
  }
  await screenshot(page, "authority-11-factory-404");
});

test("reads in English too, without console errors", async () => {
  await page.goto(`/o/${AUTHORITY}`);
  await page
    .getByRole("banner")
    .getByRole("button", { name: "English" })
    .click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  for (const [pathName, heading] of [
    ["", en("sector.dashboard.title")],
    ["/sector", en("sector.overview.title")],
    ["/sector/industries", en("sector.industries.title")],
    ["/sector/regions", en("sector.regions.title")],
    ["/sector/sizes", en("sector.sizes.title")],
    ["/sector/programmes", en("sector.programmes.title")],
  ] as const) {
    await page.goto(`/o/${AUTHORITY}${pathName}`);
    await expect(
      page.getByRole("heading", { name: heading }).first()
    ).toBeVisible();
    await page.waitForLoadState("networkidle");
    await fitsPhone(
      `authority-12-en${pathName.replaceAll("/", "-") || "-dashboard"}`
    );
  }
  await page
    .getByRole("banner")
    .getByRole("button", { name: "简体中文" })
    .click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});
