/** contentHash: stable under formatting, changed by any content edit. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { contentHash } from "./files.server";
import { canonicalJson, loadQuestionnaire } from "./load";
import { mutate, REAL_FILE, realText } from "./test-support";

const hashOf = (text: string) => contentHash(loadQuestionnaire(text, REAL_FILE));
const original = hashOf(realText);

/** Rebuilds objects with their keys in reverse order, at every depth. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reverseKeys(item)]));
  }
  return value;
}

/** Paths of every bilingual string in the file, e.g. ["dimensions", 0, "name", "en"]. */
function textPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => textPaths(item, [...path, index]));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) =>
      (key === "en" || key === "zh-CN") && typeof item === "string" ? [[...path, key]] : textPaths(item, [...path, key]),
    );
  }
  return [];
}

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe('{"a":{"d":[2,{"e":0,"f":1}]},"b":1}');
  });

  it("is the same for any key order", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(reverseKeys(value))).toBe(canonicalJson(value));
      }),
    );
  });
});

describe("contentHash", () => {
  it("is a sha256 hex digest", () => {
    expect(original).toMatch(/^[0-9a-f]{64}$/);
  });

  it("ignores comments, indentation, quoting, line folding, key order and written-out defaults", () => {
    const data = parse(realText) as unknown;
    const variants = [
      realText.replace(/^#.*\n/gm, "").replace(/\n/g, "\n# a comment on every line\n"),
      stringify(data, { indent: 4, lineWidth: 40, minContentWidth: 10 }),
      stringify(reverseKeys(data), { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" }),
      JSON.stringify(data),
      realText.replace(/^(\s+)allowNa: false\n/gm, ""),
      realText.replace(/^(\s+weight: )1$/gm, "$11.0"),
      realText.replace(/^(\s+(?:- )?en: )(.+)$/m, "$1$2   "),
    ];
    for (const variant of variants) {
      expect(variant).not.toBe(realText);
      expect(hashOf(variant)).toBe(original);
    }
  });

  // Every bilingual string must reach the hash. Editing the validated questionnaire and hashing
  // it directly takes milliseconds; a few edits go through the whole file (YAML text → loader →
  // hash) to prove the loader keeps the text it is given. Re-parsing the file for every edit
  // took ~150 ms each and timed out on a slow CI machine.
  const loaded = loadQuestionnaire(realText, REAL_FILE);
  const loadedPaths = textPaths(loaded);

  it("hashes every string of the questionnaire", () => {
    expect(loadedPaths.length).toBeGreaterThan(1000);
    const canonical = canonicalJson(loaded);
    const missing = loadedPaths.filter((path) => {
      const text = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], loaded);
      return !canonical.includes(JSON.stringify(text));
    });
    expect(missing).toEqual([]);
  });

  it("changes when any text of the questionnaire changes", () => {
    fc.assert(
      fc.property(fc.constantFrom(...loadedPaths), (path) => {
        const edited = structuredClone(loaded);
        const parent = path
          .slice(0, -1)
          .reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, edited as never);
        const key = path[path.length - 1]!;
        parent[key] = `${String(parent[key])}${key === "en" ? " Revised." : "（修订）"}`;
        expect(contentHash(edited)).not.toBe(original);
      }),
      { numRuns: 100 },
    );
  });

  it("changes when text in the file changes", () => {
    // Units ("%") are the same in both languages; editing one alone is a (reported) problem.
    const paths = textPaths(parse(realText)).filter((path) => !path.includes("unit"));
    fc.assert(
      fc.property(fc.constantFrom(...paths), (path) => {
        const english = path[path.length - 1] === "en";
        const text = mutate((doc) => doc.setIn(path, `${String(doc.getIn(path))}${english ? " Revised." : "（修订）"}`));
        expect(hashOf(text)).not.toBe(original);
      }),
      { numRuns: 8 },
    );
  });

  it("changes when a number, a flag, the order of descriptors or the date changes", () => {
    const q = ["dimensions", 0, "capabilities", 0, "questions"];
    const edits = [
      mutate((doc) => doc.setIn([...q, 0, "weight"], 2)),
      mutate((doc) => doc.setIn([...q, 0, "thresholds", 4], 96)),
      mutate((doc) => doc.setIn([...q, 0, "max"], 1000)),
      mutate((doc) => doc.setIn([...q, 1, "allowNa"], true)),
      mutate((doc) => doc.setIn(["publishedAt"], "2027-01-01")),
      mutate((doc) => {
        const first = doc.getIn([...q, 1, "descriptors", 1]);
        doc.setIn([...q, 1, "descriptors", 1], doc.getIn([...q, 1, "descriptors", 2]));
        doc.setIn([...q, 1, "descriptors", 2], first);
      }),
    ];
    const hashes = edits.map(hashOf);
    for (const hash of hashes) expect(hash).not.toBe(original);
    expect(new Set(hashes).size).toBe(hashes.length);
  });
});
