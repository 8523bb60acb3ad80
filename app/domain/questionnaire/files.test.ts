/**
 * Files on disk and the lock of published versions, in temporary directories. (Named
 * files.test.ts, not files.server.test.ts, so it runs with the unit tests: no database needed.)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import {
  checkQuestionnaires,
  compareVersions,
  compareWithLock,
  contentHash,
  LOCK_FILE,
  loadQuestionnaireFiles,
  readPublishedLock,
  scanQuestionnaireFiles,
  writePublishedLock,
} from "./files.server";
import { QuestionnaireFileError } from "./load";
import { mutate, realText } from "./test-support";

let dir: string;
const write = (relative: string, text: string) => {
  const file = path.join(dir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};
const lockPath = () => path.join(dir, LOCK_FILE);
const asVersion = (version: string, text: string = realText) => mutate((doc) => doc.setIn(["version"], version), text);
const editedDescriptor = mutate((doc) =>
  doc.setIn(["dimensions", 0, "capabilities", 0, "questions", 1, "descriptors", 3, "en"], "Edited after publication."),
);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-questionnaires-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("loadQuestionnaireFiles", () => {
  it("loads <key>/<version>.yaml files sorted by key and numeric version, with their hashes", () => {
    write("future-factory/1.0.0.yaml", realText);
    write("future-factory/1.10.0.yaml", asVersion("1.10.0"));
    write("future-factory/1.2.0.yaml", asVersion("1.2.0"));
    write("README.md", "notes");
    const files = loadQuestionnaireFiles(dir);
    expect(files.map((file) => file.version)).toEqual(["1.0.0", "1.2.0", "1.10.0"]);
    expect(files[0]).toMatchObject({ file: `${dir}/future-factory/1.0.0.yaml`, key: "future-factory", version: "1.0.0" });
    expect(files[0]!.contentHash).toBe(contentHash(files[0]!.questionnaire));
    expect(files[1]!.contentHash).not.toBe(files[0]!.contentHash);
  });

  it("shows paths relative to the directory it was given", () => {
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      write("questionnaires/future-factory/1.0.0.yaml", realText);
      expect(loadQuestionnaireFiles().map((file) => file.file)).toEqual(["questionnaires/future-factory/1.0.0.yaml"]);
    } finally {
      process.chdir(cwd);
    }
  });

  it("throws one QuestionnaireFileError listing every problem of every file", () => {
    write("future-factory/1.0.0.yaml", mutate((doc) => doc.setIn(["dimensions", 0, "weight"], 0)));
    write("future-factory/1.1.0.yaml", realText); // says version 1.0.0
    write("future-factory/draft.yaml", realText);
    write("other/2.0.0.yaml", asVersion("2.0.0"));
    write("stray.yaml", realText);
    let thrown: unknown;
    try {
      loadQuestionnaireFiles(dir);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(QuestionnaireFileError);
    expect((thrown as Error).message.split("\n").slice(1)).toEqual([
      `${dir}/future-factory/1.0.0.yaml: dimensions.0.weight: weights must be positive`,
      `${dir}/future-factory/1.1.0.yaml: version: version "1.0.0" does not match the file name "1.1.0.yaml"`,
      `${dir}/future-factory/draft.yaml: unexpected entry: questionnaire files are named <key>/<version>.yaml, e.g. future-factory/1.0.0.yaml`,
      `${dir}/other/2.0.0.yaml: key: key "future-factory" does not match the directory "other" (files are <key>/<version>.yaml)`,
      `${dir}/stray.yaml: unexpected file: questionnaires are stored as <key>/<version>.yaml`,
    ]);
  });

  it("reports a missing directory", () => {
    expect(() => loadQuestionnaireFiles(path.join(dir, "nope"))).toThrow(/questionnaire directory not found/);
  });
});

describe("compareWithLock", () => {
  const [file] = (() => {
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-compare-"));
    fs.mkdirSync(path.join(temp, "future-factory"));
    fs.writeFileSync(path.join(temp, "future-factory", "1.0.0.yaml"), realText);
    const files = loadQuestionnaireFiles(temp);
    fs.rmSync(temp, { recursive: true });
    return files;
  })();

  it("accepts a file whose hash matches, lists new versions, and rejects a changed one", () => {
    expect(compareWithLock([file!], { "future-factory@1.0.0": file!.contentHash })).toEqual({
      errors: [],
      unpublished: [],
      published: [file],
    });
    expect(compareWithLock([file!], {}).unpublished).toEqual([file]);
    const [error] = compareWithLock([file!], { "future-factory@1.0.0": "0".repeat(64) }).errors;
    expect(error).toMatch(/^future-factory@1\.0\.0 was changed after it was published; publish a new version instead/);
  });

  it("rejects a published version whose file is gone, unless it exists but is invalid", () => {
    const lock = { "future-factory@1.0.0": file!.contentHash, "future-factory@0.9.0": "a".repeat(64) };
    expect(compareWithLock([file!], lock).errors).toEqual([
      "future-factory@0.9.0 is published (listed in published.lock.json) but its file is missing; published versions must never be deleted",
    ]);
    expect(compareWithLock([file!], lock, new Set(["future-factory@1.0.0", "future-factory@0.9.0"])).errors).toEqual([]);
  });
});

describe("checkQuestionnaires (npm run questionnaire:check)", () => {
  it("reports a new version without publishing it, then locks it with publish", () => {
    write("future-factory/1.0.0.yaml", realText);
    const first = checkQuestionnaires({ dir });
    expect(first.ok).toBe(true);
    expect(first.notices).toEqual([
      `future-factory@1.0.0 is not published yet (run \`npm run questionnaire:check -- --publish\` to lock ${dir}/future-factory/1.0.0.yaml)`,
    ]);
    expect(fs.existsSync(lockPath())).toBe(false);

    const second = checkQuestionnaires({ dir, publish: true });
    expect(second).toMatchObject({ ok: true, newlyPublished: ["future-factory@1.0.0"] });
    expect(readPublishedLock(dir)).toEqual({ "future-factory@1.0.0": second.files[0]!.contentHash });

    const third = checkQuestionnaires({ dir });
    expect(third).toMatchObject({ ok: true, notices: [], newlyPublished: [] });
    expect(third.summary).toEqual({ files: 1, dimensions: 4, capabilities: 21, questions: 53, kpiQuestions: 11 });
  });

  it("rejects a published file that was changed, but not one that was only reformatted", () => {
    write("future-factory/1.0.0.yaml", realText);
    checkQuestionnaires({ dir, publish: true });

    write("future-factory/1.0.0.yaml", stringify(parse(realText), { indent: 4 }));
    expect(checkQuestionnaires({ dir }).ok).toBe(true);

    write("future-factory/1.0.0.yaml", editedDescriptor);
    const report = checkQuestionnaires({ dir });
    expect(report.ok).toBe(false);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatch(/^future-factory@1\.0\.0 was changed after it was published; publish a new version instead/);
  });

  it("publishes nothing while any error remains", () => {
    write("future-factory/1.0.0.yaml", realText);
    checkQuestionnaires({ dir, publish: true });
    const lockBefore = fs.readFileSync(lockPath(), "utf8");
    write("future-factory/1.0.0.yaml", editedDescriptor);
    write("future-factory/1.1.0.yaml", asVersion("1.1.0", editedDescriptor));

    const report = checkQuestionnaires({ dir, publish: true });
    expect(report.ok).toBe(false);
    expect(report.newlyPublished).toEqual([]);
    expect(report.notices).toEqual(["future-factory@1.1.0 was not published: fix the errors first"]);
    expect(fs.readFileSync(lockPath(), "utf8")).toBe(lockBefore);

    // The fix: restore 1.0.0; the edit lives on as 1.1.0.
    write("future-factory/1.0.0.yaml", realText);
    expect(checkQuestionnaires({ dir, publish: true })).toMatchObject({ ok: true, newlyPublished: ["future-factory@1.1.0"] });
    expect(Object.keys(readPublishedLock(dir))).toEqual(["future-factory@1.0.0", "future-factory@1.1.0"]);
  });

  it("fails on invalid files, a deleted published file, a broken lock, or no files at all", () => {
    expect(checkQuestionnaires({ dir }).errors).toEqual([`${dir}: no questionnaire files found`]);

    write("future-factory/1.0.0.yaml", mutate((doc) => doc.deleteIn(["title", "en"])));
    writePublishedLock({ "future-factory@1.0.0": "b".repeat(64), "future-factory@0.1.0": "c".repeat(64) }, dir);
    expect(checkQuestionnaires({ dir }).errors).toEqual([
      `${dir}/future-factory/1.0.0.yaml: title.en: English text is missing`,
      "future-factory@0.1.0 is published (listed in published.lock.json) but its file is missing; published versions must never be deleted",
    ]);

    fs.writeFileSync(lockPath(), '{ "future-factory@1.0.0": "not-a-hash" }');
    expect(checkQuestionnaires({ dir }).errors).toContain(
      `${dir}/published.lock.json: future-factory@1.0.0: hashes are sha256 in lower-case hex`,
    );
    fs.writeFileSync(lockPath(), "{");
    expect(checkQuestionnaires({ dir }).errors.at(-1)).toMatch(/published\.lock\.json: not valid JSON/);
  });

  it("writes the lock with sorted keys and a trailing newline", () => {
    writePublishedLock({ "b@1.0.0": "1".repeat(64), "a@1.0.0": "2".repeat(64) }, dir);
    expect(fs.readFileSync(lockPath(), "utf8")).toBe(`{\n  "a@1.0.0": "${"2".repeat(64)}",\n  "b@1.0.0": "${"1".repeat(64)}"\n}\n`);
  });
});

describe("the repository's own questionnaires", () => {
  it("pass the check as committed", () => {
    const report = checkQuestionnaires({ dir: path.resolve(import.meta.dirname, "../../../questionnaires") });
    expect(report.errors).toEqual([]);
    expect(report.notices).toEqual([]);
  });

  it("have nothing unexpected in the directory", () => {
    expect(scanQuestionnaireFiles(path.resolve(import.meta.dirname, "../../../questionnaires")).problems).toEqual([]);
  });
});

describe("compareVersions", () => {
  it("orders numerically", () => {
    expect(["1.10.0", "1.2.0", "0.9.9", "1.2.10", "1.2.9"].sort(compareVersions)).toEqual([
      "0.9.9",
      "1.2.0",
      "1.2.9",
      "1.2.10",
      "1.10.0",
    ]);
  });
});
