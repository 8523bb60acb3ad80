/**
 * Every route module must declare its access rule through guard(): this test lists the files in
 * app/routes, imports each, and fails for any exported loader or action that is not guarded.
 * It then calls every non-public handler anonymously and expects the way to the login page.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GUARD } from "~/utils/guard.server";
import { call } from "../support/routes";

const routesDir = path.resolve(import.meta.dirname, "../../app/routes");
const routeFiles = fs
  .readdirSync(routesDir)
  .filter((file) => /\.(ts|tsx)$/.test(file) && !file.includes(".test."))
  .sort();

type Handler = Parameters<typeof call>[0] & { [GUARD]?: string };

describe("route guards", () => {
  it("finds the route modules", () => {
    expect(routeFiles.length).toBeGreaterThanOrEqual(14);
    expect(routeFiles).toContain("o.$orgId.profile.tsx");
  });

  it.each(routeFiles)("%s guards every loader and action", async (file) => {
    const mod = (await import(path.join(routesDir, file))) as { loader?: Handler; action?: Handler };
    const handlers = (["loader", "action"] as const).filter((name) => mod[name] !== undefined);
    for (const name of handlers) {
      expect(mod[name]![GUARD], `${file} ${name} must be wrapped in guard()`).toBeTypeOf("string");
    }
  });

  // The client bundle drops loader/action exports, but only if creating them has no side effects:
  // an unannotated guard(...) call would stay in the browser bundle, where guard is not defined.
  it.each(routeFiles)("%s marks its guard() calls as pure for the client bundle", (file) => {
    const source = fs.readFileSync(path.join(routesDir, file), "utf8");
    const unannotated = source.match(/export const (loader|action) = (?!\/\* @__PURE__ \*\/ guard\()/g);
    expect(unannotated, file).toBeNull();
  });

  it.each(routeFiles)("%s lets no anonymous request through a non-public rule", async (file) => {
    const mod = (await import(path.join(routesDir, file))) as { loader?: Handler; action?: Handler };
    const params = { orgId: "00000000-0000-4000-8000-000000000000", token: "x".repeat(43), "*": "x" };
    for (const name of ["loader", "action"] as const) {
      const handler = mod[name];
      if (!handler || handler[GUARD] === "public") continue;
      const result = await call(handler, { path: "/some/where", params, form: name === "action" ? {} : undefined });
      expect(result.status, `${file} ${name}`).toBe(302);
      expect(result.headers.get("Location"), `${file} ${name}`).toMatch(/^\/login\?redirectTo=/);
    }
  });
});
