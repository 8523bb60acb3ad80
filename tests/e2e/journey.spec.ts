/**
 * The factory journey as a manager walks it (issue 13): log in, dashboard, history, revise the latest
 * assessment into a draft (the fast way to a complete questionnaire), submit it, results, benchmark,
 * compare, report, profile and members — on a 1280 px desktop and a 390 px phone, in both languages.
 * On every page: the page never scrolls sideways, nothing is logged as a console error, and a
 * screenshot lands in tests/e2e/screenshots/journey-<viewport>-<locale>-<page>.png.
 */
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { translator, type AppLocale } from "../../app/utils/i18n";
import { DEMO_PASSWORD, expect, queryE2eDatabase, screenshot, SCREENSHOT_DIR, test } from "./fixtures";

// A demo factory no other spec signs in as (its language is set per run and put back at the end).
const EMAIL = "metal@demo.future-factory.cn";
const FACTORY = "0b9e3c1e-0000-4000-8000-00000000000a";

const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

async function latestSubmitted() {
  const [row] = await queryE2eDatabase<{ id: string }>(`SELECT id FROM "Assessment" WHERE "organizationId" = $1 AND status = 'SUBMITTED' ORDER BY "submittedAt" DESC LIMIT 1`, [FACTORY]);
  expect(row, "the demo seeds a submitted assessment for this factory").toBeDefined();
  return row!.id;
}

for (const locale of ["zh-CN", "en"] as const satisfies readonly AppLocale[]) {
  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    test.describe(`${viewportName} · ${locale}`, () => {
      test.use({ viewport, locale: locale === "en" ? "en-GB" : "zh-CN" });

      test(`the factory journey fits a ${viewport.width} px screen in ${locale}`, async ({ page }) => {
        // ~12 pages with a submission and the benchmark on a loaded machine: well over the default.
        test.setTimeout(360_000);
        const t = translator(locale);
        const consoleErrors: string[] = [];
        page.on("console", (message) => {
          if (message.type() === "error") consoleErrors.push(`${message.text()} (${page.url()})`);
        });
        await queryE2eDatabase(`UPDATE "User" SET locale = $2 WHERE email = $1`, [EMAIL, locale === "en" ? "en" : "zh_CN"]);

        /** The checks every page of the journey gets. */
        const check = async (name: string) => {
          // Hydration runs after load: give React its turn before reading the console.
          const started = Date.now();
          await page.waitForLoadState("networkidle");
          await expect(page.locator("html")).toHaveAttribute("lang", locale);
          const width = await page.evaluate(() => {
            const client = document.documentElement.clientWidth;
            // What sticks out, innermost first, to name in a failure.
            const wide = [...document.querySelectorAll("body *")]
              .filter((element) => element.getBoundingClientRect().right > client + 1 && ![...element.children].some((child) => child.getBoundingClientRect().right > client + 1))
              .slice(0, 5)
              .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} (${Math.round(element.getBoundingClientRect().right)} px) in ${element.parentElement?.closest("[class]")?.className ?? "?"}`);
            return { scroll: document.documentElement.scrollWidth, client, wide };
          });
          await screenshot(page, `journey-${viewportName}-${locale}-${name}`);
          expect.soft(width.scroll, `${name}: the page scrolls sideways: ${width.wide.join("; ")}`).toBeLessThanOrEqual(width.client);
          expect(consoleErrors, `${name}: console errors`).toEqual([]);
          console.log(`${viewportName} ${locale} ${name}: checked in ${Date.now() - started} ms, at ${new Date().toISOString()}`);
        };
        /** Follows a link or submits a form in the page: done once the next page's heading replaced this one's. */
        const follow = async (target: Locator) => {
          const heading = page.locator("main h1").first();
          const before = await heading.innerText();
          await target.click();
          await expect(heading).not.toHaveText(before, { timeout: 30_000 });
        };
        /** Main navigation: behind the menu button on a phone. */
        const openNav = async () => {
          const toggle = page.getByRole("banner").getByRole("button", { name: t("siteMenu.toggle") });
          if (viewportName === "phone") {
            await expect(toggle).toHaveAttribute("aria-expanded", "false");
            await toggle.click();
            await expect(toggle).toHaveAttribute("aria-expanded", "true");
            await screenshot(page, `journey-${viewportName}-${locale}-menu`);
          } else {
            await expect(toggle).toBeHidden();
          }
          return page.getByRole("navigation", { name: t("nav.primary") });
        };

        await page.goto("/login");
        await check("login");
        await page.getByLabel(t("auth.email")).fill(EMAIL);
        await page.getByLabel(t("auth.password")).fill(DEMO_PASSWORD);
        await page.getByRole("button", { name: t("auth.submitLogin") }).click();
        // Checking the password is deliberately slow (scrypt): give a loaded machine time.
        await expect(page).toHaveURL(new RegExp(`/o/${FACTORY}$`), { timeout: 30_000 });
        await check("dashboard");
        // Every page links the icon, and /favicon.ico itself answers (browsers ask for it anyway).
        const icon = await page.request.get("/favicon.ico");
        expect(icon.status(), `/favicon.ico ${icon.url()} ${(await icon.text()).slice(0, 300)}`).toBe(200);
        expect(icon.headers()["content-type"]).toMatch(/^image\//);
        await expect(page.locator('link[rel="icon"][href="/favicon.ico"]')).toHaveCount(1);
        if (viewportName === "desktop") {
          // Brand, navigation and tools share one header row, in English too.
          const brand = await page.getByRole("banner").getByRole("link", { name: t("app.shortName") }).boundingBox();
          const nav = await page.getByRole("navigation", { name: t("nav.primary") }).boundingBox();
          const logout = await page.getByRole("banner").getByRole("button", { name: t("nav.logout") }).boundingBox();
          expect(nav!.y, "the navigation wraps under the brand").toBeLessThan(brand!.y + brand!.height);
          expect(logout!.y, "the tools wrap under the brand").toBeLessThan(brand!.y + brand!.height);
        }

        await follow((await openNav()).getByRole("link", { name: t("nav.assessments") }));
        await expect(page).toHaveURL(new RegExp(`/o/${FACTORY}/assessments$`));
        await check("assessments");

        // Revise the latest submission: a draft with every answer already given.
        const base = `/o/${FACTORY}/assessments`;
        await page.goto(`${base}/${await latestSubmitted()}/results`);
        await follow(page.getByRole("button", { name: t("assessment.revise") }));
        await expect(page).toHaveURL(new RegExp(`${base}/[0-9a-f-]{36}/d/[a-z]+$`));
        const draft = /\/assessments\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
        await check("questionnaire");
        await checkSaveBarClearsQuestions(page, `journey-${viewportName}-${locale}-questionnaire-scrolled`);

        await page.goto(`${base}/${draft}/submit`);
        await check("submit");
        await follow(page.getByRole("button", { name: t("assessment.submit") }));
        await expect(page).toHaveURL(new RegExp(`${base}/${draft}/results\\?submitted=1$`));
        await check("results");

        await follow(page.getByRole("link", { name: t("assessment.results.benchmarkLink") }));
        await expect(page).toHaveURL(new RegExp(`${base}/${draft}/benchmark$`));
        await check("benchmark");

        // The history's compare form picks the two latest submissions by default.
        await page.goto(base);
        await follow(page.getByRole("button", { name: t("assessment.compare") }));
        await expect(page).toHaveURL(new RegExp(`${base}/compare\\?`));
        await check("compare");

        await page.goto(`${base}/${draft}/report`);
        await check("report");

        await follow((await openNav()).getByRole("link", { name: t("nav.profile") }));
        await expect(page).toHaveURL(new RegExp(`/o/${FACTORY}/profile$`));
        await check("profile");

        await follow((await openNav()).getByRole("link", { name: t("nav.members") }));
        await expect(page).toHaveURL(new RegExp(`/o/${FACTORY}/members$`));
        await check("members");

        await queryE2eDatabase(`UPDATE "User" SET locale = 'zh_CN' WHERE email = $1`, [EMAIL]);
      });
    });
  }
}

/**
 * The save-status bar never lies over a question: scrolled so that a question's title sits at the top
 * of the screen (as when reading down the page), the bar and the title do not overlap.
 */
async function checkSaveBarClearsQuestions(page: Page, name: string) {
  const legend = page.locator(".question").nth(2).locator("legend");
  await legend.evaluate((element) => {
    element.scrollIntoView({ block: "start" });
    window.scrollBy(0, -8);
  });
  const [bar, title] = await Promise.all([
    page.getByRole("status").filter({ has: page.locator(".save-state") }).evaluate((element) => element.getBoundingClientRect().toJSON() as DOMRect),
    legend.evaluate((element) => element.getBoundingClientRect().toJSON() as DOMRect),
  ]);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
  const overlaps = bar.left < title.right && title.left < bar.right && bar.top < title.bottom && title.top < bar.bottom;
  expect(overlaps, `the save bar (${JSON.stringify(bar)}) lies over the question's title (${JSON.stringify(title)})`).toBe(false);
}
