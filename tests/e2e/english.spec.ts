/**
 * The English pages hydrate cleanly: Recharts wrapped axis labels by measuring text in the DOM, so
 * the browser drew other lines than the server and React reported ~60 hydration errors per load.
 */
import { DEMO_PASSWORD, expect, logIn, queryE2eDatabase, test } from "./fixtures";

const MACHINE_BUILDER = "0b9e3c1e-0000-4000-8000-000000000001";

test("results, report and benchmark render in English without console or hydration errors", async ({ page }) => {
  const [assessment] = await queryE2eDatabase<{ id: string }>(`SELECT id FROM "Assessment" WHERE "organizationId" = $1 AND status = 'SUBMITTED' LIMIT 1`, [MACHINE_BUILDER]);
  const base = `/o/${MACHINE_BUILDER}/assessments/${assessment!.id}`;
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await logIn(page, "factory@demo.future-factory.cn", DEMO_PASSWORD);
  await expect(page).toHaveURL(new RegExp(`/o/${MACHINE_BUILDER}`));
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
});
