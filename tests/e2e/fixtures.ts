import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import pg from "pg";

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "screenshots");
fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });

export const test = base.extend<{ failOnPageErrors: void }>({
  // The server's port is only known after global setup. (`use` is Playwright's fixture callback, not a React hook.)
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, provide) => {
    await provide(process.env.E2E_BASE_URL);
  },
  // A script error (e.g. a hydration failure) or a CSP violation must fail the test even if the page still "works" without JS.
  failOnPageErrors: [
    async ({ context }, provide) => {
      const errors: string[] = [];
      context.on("weberror", (error) => errors.push(error.error().message));
      // A script or style the CSP blocked breaks the page silently: Chromium only says so in the console.
      context.on("console", (message) => {
        if (message.text().includes("Content Security Policy")) errors.push(message.text());
      });
      await provide();
      expect(errors, "errors thrown in the page").toEqual([]);
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
