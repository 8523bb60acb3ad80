/**
 * `npm run bench:bundle`: client JavaScript per route, as a browser loading that page first downloads it.
 *
 * Reads the Remix build manifest the server build points at (`build/index.js` → `public/build/
 * manifest-<hash>.js`). A page's JS is the entry (module + its imports) plus, for every route in its
 * match chain (root → layouts → the route), the route module and its imports, each file counted once.
 * Every file is gzipped on its own (level 9, as a static server would pre-compress it) and the sizes
 * added: that is what goes over the wire on a first visit with an empty cache. The questionnaire page
 * must stay under 250 kB (issue 14); the script exits 1 when it does not.
 *
 * Options: --all (every route, not only pages that render: layouts and resource routes too).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";

interface ManifestEntry {
  module: string;
  imports?: string[];
}
interface ManifestRoute extends ManifestEntry {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  hasLoader: boolean;
  hasAction: boolean;
}
interface Manifest {
  entry: ManifestEntry;
  routes: Record<string, ManifestRoute>;
}

const QUESTIONNAIRE_ROUTE = "routes/o.$orgId.assessments.$assessmentId.d.$dimensionId";
const QUESTIONNAIRE_LIMIT_KB = 250;

const { values } = parseArgs({ options: { all: { type: "boolean", default: false } } });
const root = path.resolve(import.meta.dirname, "..");
const serverBuild = path.join(root, "build", "index.js");
if (!fs.existsSync(serverBuild)) {
  console.error("No build: run `npx remix build` first (npm run bench:bundle does).");
  process.exit(2);
}
const manifestName = /manifest-[A-Z0-9]+\.js/.exec(fs.readFileSync(serverBuild, "utf8"))?.[0];
if (!manifestName) throw new Error(`no manifest file named in ${serverBuild}`);
const manifestSource = fs.readFileSync(path.join(root, "public", "build", manifestName), "utf8");
const manifest = JSON.parse(manifestSource.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as Manifest;

const sizes = new Map<string, { raw: number; gzip: number }>();
function fileSize(url: string) {
  let size = sizes.get(url);
  if (!size) {
    const content = fs.readFileSync(path.join(root, "public", url));
    size = { raw: content.length, gzip: zlib.gzipSync(content, { level: 9 }).length };
    sizes.set(url, size);
  }
  return size;
}

function chain(route: ManifestRoute): ManifestRoute[] {
  const routes: ManifestRoute[] = [];
  for (let at: ManifestRoute | undefined = route; at; at = at.parentId ? manifest.routes[at.parentId] : undefined) routes.unshift(at);
  return routes;
}

// A route is a page when it has a component module that is not a layout of another route; resource
// routes (exports, /answers) still have a module in the manifest, so --all lists them too.
// Each language's messages are a chunk of their own, loaded before hydration (ADR 0026): every page
// also fetches one of them, counted here as the larger (zh-CN, the default).
const languageChunks = fs
  .readdirSync(path.join(root, "public", "build", "_shared"))
  .filter((file) => /^(zh-CN|en)-[A-Z0-9]+\.js$/.test(file))
  .map((file) => `/build/_shared/${file}`);
if (languageChunks.length !== 2) throw new Error(`expected one chunk per language in public/build/_shared, found ${languageChunks.length}`);
const language = languageChunks.map(fileSize).sort((a, b) => b.gzip - a.gzip)[0]!;
const parents = new Set(Object.values(manifest.routes).map((r) => r.parentId));
const rows = Object.values(manifest.routes)
  .filter((route) => values.all || !parents.has(route.id))
  .map((route) => {
    const files = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
    for (const step of chain(route)) for (const file of [step.module, ...(step.imports ?? [])]) files.add(file);
    let raw = language.raw;
    let gzip = language.gzip;
    for (const file of files) {
      const size = fileSize(file);
      raw += size.raw;
      gzip += size.gzip;
    }
    return { id: route.id, files: files.size + 1, raw, gzip };
  })
  .sort((a, b) => b.gzip - a.gzip);

const kb = (bytes: number) => (bytes / 1000).toFixed(1);
console.log(`Client JS per route — npm run bench:bundle (${manifestName}; kB = 1,000 bytes; each file gzip -9 on its own)`);
console.log("| route | files | JS kB | gzip kB |");
console.log("|---|---|---|---|");
for (const row of rows) console.log(`| ${row.id} | ${row.files} | ${kb(row.raw)} | ${kb(row.gzip)} |`);
const entry = [manifest.entry.module, ...(manifest.entry.imports ?? [])].reduce((sum, file) => sum + fileSize(file).gzip, 0);
console.log(`entry (React, Remix runtime), part of every row: ${kb(entry)} kB gzip; the page's language, part of every row: ${languageChunks.map((file) => `${path.basename(file)} ${kb(fileSize(file).gzip)} kB`).join(", ")} gzip`);
const questionnaire = rows.find((row) => row.id === QUESTIONNAIRE_ROUTE);
if (!questionnaire) throw new Error(`${QUESTIONNAIRE_ROUTE} is not in the manifest`);
const met = questionnaire.gzip < QUESTIONNAIRE_LIMIT_KB * 1000;
console.log(`questionnaire page: ${kb(questionnaire.gzip)} kB gzip, aim < ${QUESTIONNAIRE_LIMIT_KB} kB: ${met ? "met" : "NOT met"}`);
process.exit(met ? 0 : 1);
