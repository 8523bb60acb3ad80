/**
 * Files in public/ through the real HTTP stack (server/app.ts): only paths with an extension are
 * looked up on disk (ADR 0030), so the favicons must still be served with their caching, and pages
 * and unknown files must still reach Remix.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFactoryOwner } from "../support/assessments";
import { startRemixApp, type RunningApp } from "../support/remix-app";

let app: RunningApp;
beforeAll(async () => {
  app = await startRemixApp((id) => id === "routes/o.$orgId.whoami");
});
afterAll(() => app.close());

describe("public files", () => {
  it("favicons are served from public/ with an hour's caching", async () => {
    for (const [file, type] of [
      ["/favicon.svg", "image/svg+xml"],
      ["/favicon.ico", "image/x-icon"],
    ] as const) {
      const response = await fetch(app.origin + file);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toContain(type);
      expect(response.headers.get("Cache-Control")).toBe("public, max-age=3600");
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it("pages, and files that do not exist, are answered by Remix", async () => {
    const factory = await createFactoryOwner("静态文件厂");
    const page = await fetch(`${app.origin}/o/${factory.organization.id}/whoami`, { headers: { Cookie: factory.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("静态文件厂");
    const missing = await fetch(`${app.origin}/no-such-file.txt`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("Content-Type")).toContain("text/html");
  });
});
