import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import pg from "pg";

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "screenshots");
fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });

/**
 * What a page said that no test should see: uncaught errors (React's hydration errors #418/#423/#425
 * arrive this way and as console errors), console errors (failed requests, CSP violations) and React
 * warnings. Collected from every browser context of the worker, also those a spec opens itself in
 * beforeAll, and charged to the test that is running.
 */
class PageProblems {
  private readonly watched = new WeakSet<BrowserContext>();
  private problems: string[] = [];

  watch(context: BrowserContext) {
    if (this.watched.has(context)) return;
    this.watched.add(context);
    context.on("weberror", (error) => this.problems.push(`uncaught: ${error.error().message}`));
    context.on("console", (message) => {
      const text = message.text();
      if (message.type() === "error" || (message.type() === "warning" && REACT_WARNING.test(text))) {
        this.problems.push(`console.${message.type()}: ${text} (${message.page()?.url() ?? "no page"})`);
      }
    });
  }

  /** Everything collected since the last call, except what matches `allowed`. */
  take(allowed: readonly RegExp[]): string[] {
    const taken = this.problems.filter((text) => !allowed.some((pattern) => pattern.test(text)));
    this.problems = [];
    return taken;
  }
}
const REACT_WARNING = /hydrat|did not match|server rendered|Warning: /i;

export interface ConsoleGuard {
  /**
   * Declares a console error this test provokes on purpose, as narrowly as possible, e.g. the
   * browser's `Failed to load resource: … status of 404` for a page that must answer 404.
   */
  allow(pattern: RegExp): void;
}

export const test = base.extend<{ consoleGuard: ConsoleGuard }, { pageProblems: PageProblems }>({
  // The server's port is only known after global setup. (`use` is Playwright's fixture callback, not a React hook.)
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, provide) => {
    await provide(process.env.E2E_BASE_URL);
  },
  // Every context the worker's browser opens is watched, the test's own and a spec's shared one.
  pageProblems: [
    async ({ browser }, provide) => {
      const problems = new PageProblems();
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const context = await newContext(options);
        problems.watch(context);
        return context;
      };
      await provide(problems);
    },
    { scope: "worker", auto: true },
  ],
  // A hydration failure, a failed request or a CSP violation fails the test even if the page still "works" without JS.
  consoleGuard: [
    async ({ pageProblems }, provide) => {
      // What a beforeAll's page said is charged to the first test.
      const allowed: RegExp[] = [];
      await provide({ allow: (pattern) => void allowed.push(pattern) });
      expect(pageProblems.take(allowed), "console errors, hydration warnings or uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Reads the test server's database directly, e.g. the e-mail outbox. */
export async function queryE2eDatabase<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

export const DEMO_PASSWORD = "demo-password-2026";

export async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/**
 * Until React has hydrated the document (React marks each element it owns with a `__reactFiber$…`
 * key; `<html>` is the last one before the root commits). A key pressed while React 18 is still
 * hydrating in a transition makes it hydrate synchronously, and on a fast server that race once
 * ended in React's own "Root did not complete" (#345) — a React bug, not the page's; tests of
 * keyboard use wait for the page to be interactive, as a person would see it.
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => Object.keys(document.documentElement).some((key) => key.startsWith("__reactFiber$")));
}
