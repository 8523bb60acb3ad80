/**
 * Questionnaire files on disk: `questionnaires/<key>/<version>.yaml`, plus the lock of published
 * versions (`questionnaires/published.lock.json`). Used by `npm run questionnaire:check` and the
 * start-up sync. Parsing and validation rules live in `./load` (pure).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { canonicalJson, formatProblem, parseQuestionnaire, QuestionnaireFileError, type FileProblem } from "./load";
import type { Questionnaire } from "./schema";

export const QUESTIONNAIRES_DIR = "questionnaires";
export const LOCK_FILE = "published.lock.json";

const VERSION_FILE = /^(\d+\.\d+\.\d+)\.yaml$/;
const KEY = /^[a-z][a-z0-9-]*$/;
/** Files allowed next to the questionnaire directories. */
const TOP_LEVEL_FILES = new Set([LOCK_FILE, "README.md"]);

export interface QuestionnaireFile {
  /** Path as shown in messages, e.g. "questionnaires/future-factory/1.0.0.yaml". */
  file: string;
  key: string;
  version: string;
  questionnaire: Questionnaire;
  contentHash: string;
}

/**
 * sha256 (hex) of the canonical JSON of the validated content: stable under YAML reformatting,
 * comments, key order, quoting and defaults written out (`allowNa: false`), changed by any edit
 * of content.
 */
export function contentHash(questionnaire: Questionnaire): string {
  return createHash("sha256").update(canonicalJson(questionnaire), "utf8").digest("hex");
}

/** "future-factory@1.0.0" — the key of a version in the lock and in messages. */
export function versionRef(key: string, version: string): string {
  return `${key}@${version}`;
}

export interface ScanResult {
  files: QuestionnaireFile[];
  problems: FileProblem[];
  /** key@version of every correctly named file, valid or not (so a broken file is not "missing"). */
  refs: Set<string>;
}

/** Reads every questionnaire file under `dir`; never throws for content problems. */
export function scanQuestionnaireFiles(dir: string = QUESTIONNAIRES_DIR): ScanResult {
  const files: QuestionnaireFile[] = [];
  const problems: FileProblem[] = [];
  const refs = new Set<string>();
  const show = (...parts: string[]) => path.join(dir, ...parts).split(path.sep).join("/");
  const problem = (file: string, message: string, problemPath: (string | number)[] = []) =>
    problems.push({ file, path: problemPath, message });

  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    problem(show(), "questionnaire directory not found");
    return { files, problems, refs };
  }
  for (const entry of sortedEntries(dir)) {
    if (entry.name.startsWith(".")) continue;
    if (!entry.isDirectory()) {
      if (!TOP_LEVEL_FILES.has(entry.name)) {
        problem(show(entry.name), "unexpected file: questionnaires are stored as <key>/<version>.yaml");
      }
      continue;
    }
    const key = entry.name;
    if (!KEY.test(key)) {
      problem(show(key), "directory names are questionnaire keys: lower-case words joined by '-'");
      continue;
    }
    for (const child of sortedEntries(path.join(dir, key))) {
      if (child.name.startsWith(".")) continue;
      const file = show(key, child.name);
      const match = VERSION_FILE.exec(child.name);
      if (!child.isFile() || !match) {
        problem(file, "unexpected entry: questionnaire files are named <key>/<version>.yaml, e.g. future-factory/1.0.0.yaml");
        continue;
      }
      const version = match[1]!;
      refs.add(versionRef(key, version));
      const result = parseQuestionnaire(fs.readFileSync(path.join(dir, key, child.name), "utf8"));
      if (!result.ok) {
        for (const found of result.problems) problems.push({ file, ...found });
        continue;
      }
      const { questionnaire } = result;
      let named = true;
      if (questionnaire.key !== key) {
        problem(file, `key "${questionnaire.key}" does not match the directory "${key}" (files are <key>/<version>.yaml)`, ["key"]);
        named = false;
      }
      if (questionnaire.version !== version) {
        problem(file, `version "${questionnaire.version}" does not match the file name "${child.name}"`, ["version"]);
        named = false;
      }
      if (named) files.push({ file, key, version, questionnaire, contentHash: contentHash(questionnaire) });
    }
  }
  files.sort((a, b) => a.key.localeCompare(b.key) || compareVersions(a.version, b.version));
  return { files, problems, refs };
}

/**
 * Loads and validates every `<key>/<version>.yaml` under `dir`, sorted by key and version.
 * Throws a `QuestionnaireFileError` listing every problem of every file.
 */
export function loadQuestionnaireFiles(dir: string = QUESTIONNAIRES_DIR): QuestionnaireFile[] {
  const { files, problems } = scanQuestionnaireFiles(dir);
  if (problems.length > 0) throw new QuestionnaireFileError(problems);
  return files;
}

// ── the lock of published versions ───────────────────────────────────────────────────────

const lockSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9-]*@\d+\.\d+\.\d+$/, 'entries are "<key>@<version>"'),
  z.string().regex(/^[0-9a-f]{64}$/, "hashes are sha256 in lower-case hex"),
);
export type PublishedLock = Record<string, string>;

/** Reads `<dir>/published.lock.json`; a missing file is an empty lock. */
export function readPublishedLock(dir: string = QUESTIONNAIRES_DIR): PublishedLock {
  const file = path.join(dir, LOCK_FILE);
  if (!fs.existsSync(file)) return {};
  const shown = file.split(path.sep).join("/");
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new QuestionnaireFileError([{ file: shown, path: [], message: `not valid JSON: ${(error as Error).message}` }]);
  }
  const result = lockSchema.safeParse(json);
  if (!result.success) {
    throw new QuestionnaireFileError(
      result.error.issues.map((issue) => ({
        file: shown,
        path: issue.path.filter((part): part is string | number => typeof part !== "symbol"),
        message: issue.message,
      })),
    );
  }
  return result.data;
}

/** Writes the lock with sorted keys, so diffs stay small. */
export function writePublishedLock(lock: PublishedLock, dir: string = QUESTIONNAIRES_DIR): void {
  const sorted = Object.fromEntries(Object.entries(lock).sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(path.join(dir, LOCK_FILE), `${JSON.stringify(sorted, null, 2)}\n`);
}

export interface LockComparison {
  /** Published versions whose content changed, or whose file disappeared. */
  errors: string[];
  /** Valid versions not in the lock yet. */
  unpublished: QuestionnaireFile[];
  /** Versions whose hash matches the lock. */
  published: QuestionnaireFile[];
}

/**
 * Compares valid files with the lock. Pure. `presentRefs` are the key@version of files that exist
 * but may be invalid (their problems are reported elsewhere, so they are not called missing).
 */
export function compareWithLock(
  files: readonly QuestionnaireFile[],
  lock: PublishedLock,
  presentRefs: ReadonlySet<string> = new Set(files.map((file) => versionRef(file.key, file.version))),
): LockComparison {
  const errors: string[] = [];
  const unpublished: QuestionnaireFile[] = [];
  const published: QuestionnaireFile[] = [];
  for (const file of files) {
    const ref = versionRef(file.key, file.version);
    const locked = lock[ref];
    if (locked === undefined) unpublished.push(file);
    else if (locked !== file.contentHash) {
      errors.push(
        `${ref} was changed after it was published; publish a new version instead ` +
          `(${file.file}: locked sha256 ${locked.slice(0, 12)}…, now ${file.contentHash.slice(0, 12)}…)`,
      );
    } else published.push(file);
  }
  for (const ref of Object.keys(lock).sort()) {
    if (!presentRefs.has(ref)) {
      errors.push(`${ref} is published (listed in ${LOCK_FILE}) but its file is missing; published versions must never be deleted`);
    }
  }
  return { errors, unpublished, published };
}

// ── the whole check, as run by `npm run questionnaire:check` ─────────────────────────────

export interface CheckReport {
  ok: boolean;
  /** One line per problem; empty when ok. */
  errors: string[];
  /** Information: versions not yet published, versions published by this run. */
  notices: string[];
  files: QuestionnaireFile[];
  /** Versions added to the lock by this run (only with `publish` and no errors). */
  newlyPublished: string[];
  summary: { files: number; dimensions: number; capabilities: number; questions: number; kpiQuestions: number };
}

/**
 * Validates every file under `dir` and compares it with the lock. With `publish`, adds valid
 * versions missing from the lock and writes it — but only when there is no error at all.
 */
export function checkQuestionnaires(options: { dir?: string; publish?: boolean } = {}): CheckReport {
  const dir = options.dir ?? QUESTIONNAIRES_DIR;
  const errors: string[] = [];
  const notices: string[] = [];
  const { files, problems, refs } = scanQuestionnaireFiles(dir);
  errors.push(...problems.map(formatProblem));
  if (files.length === 0 && problems.length === 0) errors.push(`${dir}: no questionnaire files found`);

  let lock: PublishedLock | undefined;
  try {
    lock = readPublishedLock(dir);
  } catch (error) {
    if (!(error instanceof QuestionnaireFileError)) throw error;
    errors.push(...error.problems.map(formatProblem));
  }

  const newlyPublished: string[] = [];
  if (lock) {
    const comparison = compareWithLock(files, lock, refs);
    errors.push(...comparison.errors);
    const publishNow = options.publish === true && errors.length === 0;
    for (const file of comparison.unpublished) {
      const ref = versionRef(file.key, file.version);
      if (publishNow) {
        lock[ref] = file.contentHash;
        newlyPublished.push(ref);
        notices.push(`published ${ref} (sha256 ${file.contentHash})`);
      } else if (options.publish) {
        notices.push(`${ref} was not published: fix the errors first`);
      } else {
        notices.push(`${ref} is not published yet (run \`npm run questionnaire:check -- --publish\` to lock ${file.file})`);
      }
    }
    if (newlyPublished.length > 0) writePublishedLock(lock, dir);
  }

  const summary = { files: files.length, dimensions: 0, capabilities: 0, questions: 0, kpiQuestions: 0 };
  for (const { questionnaire } of files) {
    summary.dimensions += questionnaire.dimensions.length;
    for (const dimension of questionnaire.dimensions) {
      summary.capabilities += dimension.capabilities.length;
      for (const capability of dimension.capabilities) {
        summary.questions += capability.questions.length;
        summary.kpiQuestions += capability.questions.filter((question) => question.type === "kpi").length;
      }
    }
  }
  return { ok: errors.length === 0, errors, notices, files, newlyPublished, summary };
}

function sortedEntries(dir: string): fs.Dirent[] {
  return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
}

/** Numeric comparison of "major.minor.patch". */
export function compareVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
