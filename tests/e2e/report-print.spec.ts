/**
 * The printed report (issue 13, point 6) in Chinese and English: Chromium prints it to A4 PDF as the
 * browser's "Save as PDF" would, and the print layout is checked where the DOM can tell — the peer
 * comparison is there with published figures, table headers repeat on every page, table sections
 * that must not split are marked so, and the page count is sane. The PDFs and a print-media
 * screenshot go to tests/e2e/screenshots (look at them: the page breaks themselves are only visible there).
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { translator, type AppLocale } from "../../app/utils/i18n";
import { DEMO_PASSWORD, expect, logIn, queryE2eDatabase, SCREENSHOT_DIR, test } from "./fixtures";

// The language is remembered per user: a demo account no other spec logs in with, switched back at the end.
const EMAIL = "equipment@demo.future-factory.cn";

/** Pages in a PDF as Chromium writes it (one uncompressed "/Type /Page" dictionary per page). */
function pageCount(pdf: Buffer) {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
}

async function switchLanguage(page: Page, name: string, lang: string) {
  await page.getByRole("banner").getByRole("button", { name }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
}

test("the report prints as an A4 document with the peer comparison, in Chinese and in English", async ({ page }) => {
  // Two PDFs of ~20 pages each (~70 s on a loaded machine): generous for a slow CI machine.
  test.setTimeout(360_000);
  const [assessment] = await queryE2eDatabase<{ id: string; organizationId: string }>(
    `SELECT a.id, a."organizationId" FROM "Assessment" a JOIN "Membership" m ON m."organizationId" = a."organizationId" JOIN "User" u ON u.id = m."userId"
     WHERE u.email = $1 AND a.status = 'SUBMITTED' ORDER BY a."submittedAt" DESC LIMIT 1`,
    [EMAIL],
  );
  expect(assessment, "the demo seeds a submitted assessment for the equipment factory").toBeDefined();
  const report = `/o/${assessment!.organizationId}/assessments/${assessment!.id}/report`;
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  await logIn(page, EMAIL, DEMO_PASSWORD);
  await expect(page).toHaveURL(new RegExp(`/o/${assessment!.organizationId}`));

  for (const locale of ["zh-CN", "en"] as const satisfies readonly AppLocale[]) {
    const t = translator(locale);
    if (locale === "en") await switchLanguage(page, "English", "en");
    await page.goto(report);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("assessment.report.title"));
    await page.waitForLoadState("networkidle");

    // The peer comparison: the default group's published figures, in words and tables.
    const section = page.getByRole("region", { name: t("benchmark.report.title") });
    await expect(section).toBeVisible();
    await expect(section.getByRole("table", { name: t("benchmark.report.itemsTitle") })).toBeVisible();
    await expect(section.getByRole("rowheader", { name: t("benchmark.table.overall"), exact: true })).toBeVisible();
    await expect(section.getByRole("table", { name: t("benchmark.report.levelsTitle") })).toBeVisible();
    await expect(section.getByText(t("benchmark.levels.yours"))).toBeVisible();

    await page.emulateMedia({ media: "print" });
    const layout = await page.evaluate(() => {
      const tables = Array.from(document.querySelectorAll<HTMLTableElement>(".report table"));
      const keep = Array.from(document.querySelectorAll<HTMLElement>(".report tbody.report-keep-rows"));
      const roadmap = document.querySelector(".report-roadmap tbody");
      return {
        tables: tables.length,
        headerNotRepeated: tables.filter((table) => table.tHead && getComputedStyle(table.tHead).display !== "table-header-group").length,
        withoutHeader: tables.filter((table) => !table.tHead).length,
        keptSections: keep.length,
        splittable: keep.filter((tbody) => getComputedStyle(tbody).breakInside !== "avoid").length,
        roadmapFirstRows: roadmap?.querySelectorAll("tr").length ?? 0,
        roadmapRows: document.querySelectorAll(".report-roadmap tbody tr").length,
        headingsBreakAfter: Array.from(document.querySelectorAll(".report h2")).map((h) => getComputedStyle(h).breakAfter),
        toolbarShown: getComputedStyle(document.querySelector(".report-toolbar")!).display !== "none",
      };
    });
    expect(layout.tables).toBeGreaterThan(5);
    expect(layout.withoutHeader, "every report table has a header row").toBe(0);
    expect(layout.headerNotRepeated, "header rows repeat on every printed page").toBe(0);
    expect(layout.keptSections).toBeGreaterThan(10);
    expect(layout.splittable, "kept table sections never split across pages").toBe(0);
    // report/row-groups.ts: a roadmap of up to six rows is kept whole, a longer one keeps its first three.
    expect(layout.roadmapFirstRows, "the roadmap's first rows are kept with its heading").toBe(layout.roadmapRows <= 6 ? layout.roadmapRows : 3);
    expect(new Set(layout.headingsBreakAfter)).toEqual(new Set(["avoid"]));
    expect(layout.toolbarShown, "the print button and hint are not printed").toBe(false);

    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `report-print-${locale}.png`), fullPage: true });
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    fs.writeFileSync(path.join(SCREENSHOT_DIR, `report-print-${locale}.pdf`), pdf);
    // Cover, summary, charts, explanation, roadmap, peers and the appendix of every question: a
    // document of some pages, not one page per table or a runaway layout.
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(8);
    expect(pages).toBeLessThanOrEqual(40);
    await page.emulateMedia({ media: "screen" });
    expect(consoleErrors, `console errors on the ${locale} report`).toEqual([]);
  }
  // Back to Chinese from an ordinary page (after page.pdf() the report's header is not reliably clickable).
  await page.goto(`/o/${assessment!.organizationId}`);
  await switchLanguage(page, "简体中文", "zh-CN");
});
