/**
 * The app's stylesheet as text, for inlining into the page's <head> (ADR 0026): on a first visit
 * over a slow mobile link the separate stylesheet request (a new connection, then the file) was
 * on the first paint's critical path; inlined, the first paint needs only the HTML.
 *
 * The build writes the stylesheet to public/build/_assets/ and the route module knows its URL; the
 * server build runs from build/index.js, so public/ is one folder up from it (and under the working
 * directory for `npm start`). Read once per process: the file is fingerprinted and never changes.
 * null when it cannot be found (no client build yet): the page then links the file as before.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const texts = new Map<string, string | null>();

export function stylesheetText(url: string): string | null {
  let text = texts.get(url);
  if (text === undefined) {
    text = readStylesheet(url);
    texts.set(url, text);
  }
  return text;
}

function readStylesheet(url: string): string | null {
  if (!url.startsWith("/build/")) return null;
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const root of [path.resolve(here, ".."), process.cwd()]) {
    const file = path.join(root, "public", url);
    if (!fs.existsSync(file)) continue;
    const css = fs.readFileSync(file, "utf8");
    // Text inside <style> ends at the first "</style": never inline something that could close it.
    return /<\/style/i.test(css) ? null : css;
  }
  return null;
}
