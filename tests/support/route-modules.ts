/**
 * The app's route modules, found the way Remix v2's flat routes find them (app/root plus every
 * entry of app/routes: a module file, or a folder holding `route.*` or `index.*` — other files in
 * the folder are not routes), and what each one exports as loader/action.
 *
 * Shared by route-guards.test.ts (every handler guarded and annotated, the list equals Remix's own
 * manifest) and route-matrix.test.ts (every handler × every actor).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
// minimatch is what Remix itself uses for `ignoredRouteFiles`, so both agree on what is ignored.
import { minimatch } from "minimatch";
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { GUARD } from "~/utils/guard.server";

export const PROJECT_DIR = path.resolve(import.meta.dirname, "../..");
export const APP_DIR = path.join(PROJECT_DIR, "app");

const ROUTE_MODULE_EXTS = [".js", ".jsx", ".ts", ".tsx", ".md", ".mdx"];
export const HANDLER_NAMES = ["loader", "action"] as const;
export type HandlerName = (typeof HANDLER_NAMES)[number];

export type RouteHandler = ((args: LoaderFunctionArgs) => Promise<unknown>) & { [GUARD]?: string };

export interface RouteModule {
  /** Remix route id, e.g. `routes/o.$orgId.profile` (`root` for app/root). */
  id: string;
  /** Absolute path of the module file. */
  file: string;
  /** URL pattern with `:param` and `*` segments, e.g. `/o/:orgId/profile`. */
  pattern: string;
}

function findModule(dir: string, basename: string): string | undefined {
  return ROUTE_MODULE_EXTS.map((ext) => path.join(dir, basename + ext)).find((file) => fs.existsSync(file));
}

/** Remix's flat-routes discovery (@remix-run/dev config/flat-routes.js), without nesting. */
export function listRouteModules(appDir = APP_DIR, ignoredRouteFiles: readonly string[] = []): RouteModule[] {
  const patterns = ["**/.*", ...ignoredRouteFiles];
  const ignored = (file: string) => patterns.some((pattern) => minimatch(path.relative(appDir, file), pattern));
  const routesDir = path.join(appDir, "routes");
  const root = findModule(appDir, "root");
  if (!root) throw new Error(`no root route module in ${appDir}`);
  const modules: RouteModule[] = [{ id: "root", file: root, pattern: "/" }];
  for (const entry of fs.readdirSync(routesDir, { withFileTypes: true })) {
    const entryPath = path.join(routesDir, entry.name);
    if (ignored(entryPath)) continue;
    if (entry.isDirectory()) {
      // A folder route: only route.* (or else index.*) is the module; helpers beside it are not routes.
      const file = findModule(entryPath, "route") ?? findModule(entryPath, "index");
      if (file) modules.push({ id: `routes/${entry.name}`, file, pattern: urlPattern(entry.name) });
    } else if (entry.isFile() && ROUTE_MODULE_EXTS.includes(path.extname(entry.name))) {
      const name = entry.name.slice(0, -path.extname(entry.name).length);
      modules.push({ id: `routes/${name}`, file: entryPath, pattern: urlPattern(name) });
    }
  }
  return modules.sort((a, b) => a.id.localeCompare(b.id));
}

/** `o.$orgId.export[.xlsx]` → `/o/:orgId/export.xlsx`; `_index`, `_layout` and `(optional)` handled. */
export function urlPattern(name: string): string {
  const segments: string[] = [];
  let segment = "";
  let escaped = false;
  for (const char of name) {
    if (char === "[") escaped = true;
    else if (char === "]") escaped = false;
    else if (char === "." && !escaped) {
      segments.push(segment);
      segment = "";
    } else segment += char;
  }
  segments.push(segment);
  const parts = segments
    .filter((s) => s !== "_index" && !/^_[^[]/.test(s) && s !== "")
    .map((s) => s.replace(/_$/, "").replace(/^\((.*)\)$/, "$1"))
    .map((s) => (s === "$" ? "*" : s.startsWith("$") ? `:${s.slice(1)}` : s));
  return "/" + parts.join("/");
}

/** Fills a URL pattern with parameter values. */
export function urlFor(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:(\w+)|\*/g, (match, name: string | undefined) => {
    const value = params[name ?? "*"];
    if (value === undefined) throw new Error(`no value for ${match} in ${pattern}`);
    return encodeURIComponent(value);
  });
}

/** What the module really exports (whatever the syntax), by importing it. */
export async function importHandlers(route: RouteModule): Promise<Partial<Record<HandlerName, RouteHandler>>> {
  const mod = (await import(route.file)) as Partial<Record<HandlerName, RouteHandler>>;
  return Object.fromEntries(HANDLER_NAMES.filter((name) => mod[name] !== undefined).map((name) => [name, mod[name]!]));
}

/** The route ids of Remix's own manifest (`remix routes --json`), flattened. */
export async function remixRouteIds(): Promise<string[]> {
  const bin = path.join(PROJECT_DIR, "node_modules/.bin/remix");
  const { stdout } = await promisify(execFile)(bin, ["routes", "--json"], { cwd: PROJECT_DIR });
  interface Node {
    id: string;
    children?: Node[];
  }
  const ids: string[] = [];
  const walk = (nodes: Node[]) => nodes.forEach((node) => (ids.push(node.id), walk(node.children ?? [])));
  walk(JSON.parse(stdout) as Node[]);
  return ids.sort((a, b) => a.localeCompare(b));
}

export interface ExportedHandler {
  name: HandlerName;
  /** How it is exported, for messages. */
  form: "const" | "function" | "export-list" | "re-export" | "star-re-export";
  /** Source file holding the definition, when it could be followed. */
  definedIn?: string;
  /** The definition is `/* @__PURE__ *\/ guard(…)`, so the client bundle can drop it. */
  annotated: boolean;
}

const PURE_GUARD = /^\/\*\s*@__PURE__\s*\*\/\s*guard\(/;

function resolveImport(fromFile: string, specifier: string): string | undefined {
  const base = specifier.startsWith("~/") ? path.join(APP_DIR, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(fromFile), specifier) : undefined;
  if (!base) return undefined;
  return [base, ...[".ts", ".tsx", ".js", ".jsx"].map((ext) => base + ext), ...[".ts", ".tsx"].map((ext) => path.join(base, "index" + ext))].find(
    (file) => fs.existsSync(file) && fs.statSync(file).isFile(),
  );
}

/** How `binding` is defined in `source`: annotated guard() call, other value, or not found. */
function definitionOf(source: string, binding: string): "annotated" | "other" | undefined {
  const escaped = binding.replace(/\$/g, "\\$");
  const constant = new RegExp(`(?:^|[^\\w$])(?:const|let|var)\\s+${escaped}\\s*(?::[^=]+)?=\\s*`, "m").exec(source);
  if (constant) return PURE_GUARD.test(source.slice(constant.index + constant[0].length)) ? "annotated" : "other";
  if (new RegExp(`(?:^|[^\\w$])function\\s*\\*?\\s*${escaped}\\s*\\(`, "m").test(source)) return "other";
  return undefined;
}

/**
 * Scans a module's source for its loader/action exports in every form TypeScript allows:
 * `export const`, `export (async) function`, `export { x as loader }`, `export { loader } from`,
 * `export * from` (followed one file deep each time). Only a `/* @__PURE__ *\/ guard(` definition
 * counts as annotated.
 */
export function scanExports(file: string, source = fs.readFileSync(file, "utf8"), depth = 0): ExportedHandler[] {
  const found = new Map<HandlerName, ExportedHandler>();
  const isHandler = (name: string): name is HandlerName => (HANDLER_NAMES as readonly string[]).includes(name);
  const add = (handler: ExportedHandler) => {
    if (!found.has(handler.name)) found.set(handler.name, handler);
  };
  for (const match of source.matchAll(/export\s+(?:const|let|var)\s+(loader|action)\b/g)) {
    const name = match[1] as HandlerName;
    add({ name, form: "const", definedIn: file, annotated: definitionOf(source, name) === "annotated" });
  }
  for (const match of source.matchAll(/export\s+(?:async\s+)?function\s*\*?\s*(loader|action)\s*\(/g)) {
    add({ name: match[1] as HandlerName, form: "function", definedIn: file, annotated: false });
  }
  for (const match of source.matchAll(/export\s*(type\s*)?\{([^}]*)\}\s*(?:from\s*["']([^"']+)["'])?/g)) {
    if (match[1]) continue; // `export type { … }` exports no value
    const from = match[3];
    const target = from ? resolveImport(file, from) : undefined;
    const targetSource = target ? fs.readFileSync(target, "utf8") : undefined;
    for (const item of match[2]!.split(",")) {
      if (/^\s*type\s/.test(item)) continue;
      const [local, exported = local] = item.trim().split(/\s+as\s+/).map((s) => s.trim());
      if (!local || !exported || !isHandler(exported)) continue;
      if (!from) {
        add({ name: exported, form: "export-list", definedIn: file, annotated: definitionOf(source, local) === "annotated" });
      } else if (target && targetSource && depth < 5) {
        // The other module may itself re-export it: follow the chain.
        const inner = scanExports(target, targetSource, depth + 1).find((h) => h.name === local);
        const annotated = inner ? inner.annotated : definitionOf(targetSource, local) === "annotated";
        add({ name: exported, form: "re-export", definedIn: inner?.definedIn ?? target, annotated });
      } else {
        add({ name: exported, form: "re-export", annotated: false });
      }
    }
  }
  for (const match of source.matchAll(/export\s*\*\s*from\s*["']([^"']+)["']/g)) {
    const target = resolveImport(file, match[1]!);
    if (!target || depth >= 5) continue;
    for (const inner of scanExports(target, fs.readFileSync(target, "utf8"), depth + 1)) add({ ...inner, form: "star-re-export" });
  }
  return HANDLER_NAMES.flatMap((name) => (found.has(name) ? [found.get(name)!] : []));
}
