/**
 * The English pages hydrate cleanly: Recharts wrapped axis labels by measuring text in the DOM, so
 * the browser drew other lines than the server and React reported ~60 hydration errors per load.
 * The console guard in fixtures.ts fails the test on any console error or hydration warning.
 */
import { DEMO_PASSWORD, expect, logIn, queryE2eDatabase, test } from "./fixtures";

// The language is remembered per user: this spec uses a demo account no other spec logs in with,
// and switches it back at the end.
const EMAIL = "electronics@demo.future-factory.cn";

for (const width of [1280, 390]) {
  test(`every page with a chart renders in English at ${width} px without console or hydration errors`, async ({ page }) => {
    // Five page loads with charts: a loaded machine needs more than the default minute.
    test.setTimeout(240_000);
    const assessments = await queryE2eDatabase<{ id: string; organizationId: string }>(
      `SELECT a.id, a."organizationId" FROM "Assessment" a JOIN "Membership" m ON m."organizationId" = a."organizationId" JOIN "User" u ON u.id = m."userId"
       WHERE u.email = $1 AND a.status = 'SUBMITTED' ORDER BY a."submittedAt" DESC LIMIT 2`,
      [EMAIL],
    );
    expect(assessments, "the demo seeds two submitted assessments for the electronics factory").toHaveLength(2);
    const [latest, earlier] = assessments as [{ id: string; organizationId: string }, { id: string; organizationId: string }];
    const org = `/o/${latest.organizationId}`;
    const base = `${org}/assessments/${latest.id}`;
    await logIn(page, EMAIL, DEMO_PASSWORD);
    await expect(page).toHaveURL(new RegExp(`/o/${latest.organizationId}`));
    await page.getByRole("banner").getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.setViewportSize({ width, height: 900 });
    for (const [path, heading] of [
      [`${base}/results`, /results/i],
      [`${base}/report`, /report/i],
      [`${base}/benchmark`, /benchmark/i],
      [`${org}/assessments`, /assess/i],
      [`${org}/assessments/compare?a=${earlier.id}&b=${latest.id}`, /compar/i],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(heading);
      await expect(page.locator("figure").first(), `${path} draws a chart`).toBeVisible();
      // Hydration runs after load; give React its turn before the guard reads the console.
      await page.waitForLoadState("networkidle");
    }
    // The header's switch is in reach at 1280 px on every layout.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("banner").getByRole("button", { name: "简体中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  });
}
