/**
 * The English pages hydrate cleanly: Recharts wrapped axis labels by measuring text in the DOM, so
 * the browser drew other lines than the server and React reported ~60 hydration errors per load.
 */
import { DEMO_PASSWORD, expect, logIn, queryE2eDatabase, test } from "./fixtures";

// The language is remembered per user: this spec uses a demo account no other spec logs in with,
// and switches it back at the end.
const EMAIL = "electronics@demo.future-factory.cn";

test("results, report and benchmark render in English without console or hydration errors", async ({ page }) => {
  const [assessment] = await queryE2eDatabase<{ id: string; organizationId: string }>(
    `SELECT a.id, a."organizationId" FROM "Assessment" a JOIN "Membership" m ON m."organizationId" = a."organizationId" JOIN "User" u ON u.id = m."userId"
     WHERE u.email = $1 AND a.status = 'SUBMITTED' ORDER BY a."submittedAt" DESC LIMIT 1`,
    [EMAIL],
  );
  expect(assessment, "the demo seeds a submitted assessment for the electronics factory").toBeDefined();
  const base = `/o/${assessment!.organizationId}/assessments/${assessment!.id}`;
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await logIn(page, EMAIL, DEMO_PASSWORD);
  await expect(page).toHaveURL(new RegExp(`/o/${assessment!.organizationId}`));
  await page.getByRole("banner").getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  for (const [path, heading] of [
    ["results", /results/i],
    ["report", /report/i],
    ["benchmark", /benchmark/i],
  ] as const) {
    await page.goto(`${base}/${path}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(heading);
    // Hydration runs after load; give React its turn before reading the console.
    await page.waitForLoadState("networkidle");
    expect(errors, `console errors on ${path}`).toEqual([]);
  }
  await page.getByRole("banner").getByRole("button", { name: "简体中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});
