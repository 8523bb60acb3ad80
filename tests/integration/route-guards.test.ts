/**
 * Every route module must declare its access rule through guard(): this test lists the route
 * modules the way Remix does (tests/support/route-modules.ts, route folders included), checks the
 * list against Remix's own manifest, imports each module and fails for any exported loader or
 * action that is not guarded or not annotated as pure. It then calls every non-public handler
 * anonymously and expects the way to the login page. (Who else gets in: route-matrix.test.ts.)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import remixConfig from "../../remix.config.js";
import { GUARD } from "~/utils/guard.server";
import { HANDLER_NAMES, importHandlers, listRouteModules, remixRouteIds, scanExports, urlFor, urlPattern } from "../support/route-modules";
import { call } from "../support/routes";

const routes = listRouteModules(undefined, remixConfig.ignoredRouteFiles);
const routeIds = routes.map((route) => route.id);

describe("route enumeration", () => {
  let manifestIds: string[];
  beforeAll(async () => {
    manifestIds = await remixRouteIds();
  }, 60_000);

  it("finds exactly the routes of Remix's manifest (`remix routes --json`)", () => {
    expect(routeIds).toEqual(manifestIds);
  });

  describe("on a scratch app directory", () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-routes-"));
      const files = {
        "root.tsx": "",
        "routes/_index.tsx": "",
        "routes/a.$id.tsx": "",
        "routes/a.$id.test.ts": "",
        "routes/.hidden.tsx": "",
        "routes/notes.txt": "",
        "routes/folder.$slug/route.tsx": "",
        "routes/folder.$slug/helper.ts": "",
        "routes/folder.$slug/form.tsx": "",
        "routes/with-index/index.ts": "",
        "routes/empty-folder/readme.md.txt": "",
        "routes/file[.json].ts": "",
        "routes/_auth.login.tsx": "",
        "routes/$.tsx": "",
      };
      for (const [file, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), content);
      }
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("takes route.* or index.* of a folder as the module and ignores files beside it", () => {
      const found = listRouteModules(dir, ["**/*.test.{ts,tsx}"]);
      expect(found.map((route) => [route.id, path.relative(dir, route.file), route.pattern])).toEqual([
        ["root", "root.tsx", "/"],
        ["routes/_auth.login", "routes/_auth.login.tsx", "/login"],
        ["routes/_index", "routes/_index.tsx", "/"],
        ["routes/$", "routes/$.tsx", "/*"],
        ["routes/a.$id", "routes/a.$id.tsx", "/a/:id"],
        ["routes/file[.json]", "routes/file[.json].ts", "/file.json"],
        ["routes/folder.$slug", "routes/folder.$slug/route.tsx", "/folder/:slug"],
        ["routes/with-index", "routes/with-index/index.ts", "/with-index"],
      ]);
      expect(urlFor("/folder/:slug/*", { slug: "a b", "*": "x" })).toBe("/folder/a%20b/x");
      expect(urlPattern("o.$orgId.assessments.$assessmentId._index")).toBe("/o/:orgId/assessments/:assessmentId");
    });
  });
});

describe("export forms the source scan recognises", () => {
  const file = path.join(os.tmpdir(), "scan-fixture.tsx");
  const scan = (source: string) => scanExports(file, source).map(({ name, form, annotated }) => ({ name, form, annotated }));

  it.each([
    ["export const, annotated", `export const loader = /* @__PURE__ */ guard("public", async () => null);`, [{ name: "loader", form: "const", annotated: true }]],
    ["export const, unannotated", `export const action = guard("public", async () => null);`, [{ name: "action", form: "const", annotated: false }]],
    ["export async function", `export async function loader() { return null; }`, [{ name: "loader", form: "function", annotated: false }]],
    ["export function", `export function action() { return null; }`, [{ name: "action", form: "function", annotated: false }]],
    [
      "export { x as loader }",
      `const read = /* @__PURE__ */ guard("public", async () => null);\nconst write = guard("public", async () => null);\nexport { read as loader, write as action };`,
      [
        { name: "loader", form: "export-list", annotated: true },
        { name: "action", form: "export-list", annotated: false },
      ],
    ],
    ["export type { … } is no handler", `type loader = string;\nexport type { loader };`, []],
  ])("%s", (_label, source, expected) => {
    expect(scan(source)).toEqual(expected);
  });

  it("follows re-exports into the module that defines the handler", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-scan-"));
    try {
      fs.writeFileSync(path.join(dir, "impl.ts"), `export const loader = /* @__PURE__ */ guard("public", async () => null);\nexport const action = guard("public", async () => null);`);
      fs.writeFileSync(path.join(dir, "named.tsx"), `export { loader, action as action } from "./impl";`);
      fs.writeFileSync(path.join(dir, "star.tsx"), `export * from "./impl";`);
      const named = scanExports(path.join(dir, "named.tsx")).map(({ name, form, annotated }) => ({ name, form, annotated }));
      expect(named).toEqual([
        { name: "loader", form: "re-export", annotated: true },
        { name: "action", form: "re-export", annotated: false },
      ]);
      const star = scanExports(path.join(dir, "star.tsx")).map(({ name, form, annotated }) => ({ name, form, annotated }));
      expect(star).toEqual([
        { name: "loader", form: "star-re-export", annotated: true },
        { name: "action", form: "star-re-export", annotated: false },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("route guards", () => {
  it.each(routeIds)("%s guards every loader and action", async (id) => {
    const handlers = await importHandlers(routes.find((route) => route.id === id)!);
    for (const [name, handler] of Object.entries(handlers)) {
      expect(handler[GUARD], `${id} ${name} must be wrapped in guard()`).toBeTypeOf("string");
    }
  });

  // The client bundle drops loader/action exports, but only if creating them has no side effects:
  // an unannotated guard(...) call would stay in the browser bundle, where guard is not defined.
  it.each(routeIds)("%s marks its guard() calls as pure for the client bundle", async (id) => {
    const route = routes.find((r) => r.id === id)!;
    const scanned = scanExports(route.file);
    const imported = Object.keys(await importHandlers(route));
    // The scan must see every handler the module really exports, or it could miss one.
    expect(scanned.map((handler) => handler.name), `${id}: exports the source scan cannot see`).toEqual(HANDLER_NAMES.filter((name) => imported.includes(name)));
    for (const handler of scanned) {
      expect(handler.annotated, `${id} ${handler.name} (${handler.form}) must be \`/* @__PURE__ */ guard(…)\``).toBe(true);
    }
  });

  it.each(routeIds)("%s lets no anonymous request through a non-public rule", async (id) => {
    const route = routes.find((r) => r.id === id)!;
    const handlers = await importHandlers(route);
    const params = { orgId: "00000000-0000-4000-8000-000000000000", assessmentId: "00000000-0000-4000-8000-000000000001", clientId: "00000000-0000-4000-8000-000000000002", dimensionId: "x", token: "x".repeat(43), "*": "x" };
    for (const [name, handler] of Object.entries(handlers)) {
      if (handler[GUARD] === "public") continue;
      const result = await call(handler, { path: urlFor(route.pattern, params), params, form: name === "action" ? {} : undefined });
      expect(result.status, `${id} ${name}`).toBe(302);
      expect(result.headers.get("Location"), `${id} ${name}`).toMatch(/^\/login\?redirectTo=/);
    }
  });
});
