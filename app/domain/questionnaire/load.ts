/**
 * Questionnaire file text → validated `Questionnaire`. Pure and isomorphic (no fs, no crypto), so
 * the same rules run in `npm run questionnaire:check`, the start-up sync, tests and the browser.
 *
 * Every problem is reported at once, each with its path inside the file
 * (`dimensions.0.capabilities.2.questions.1.descriptors: …`), in document order:
 *  1. YAML syntax errors and warnings (duplicate keys, unknown tags, several documents);
 *  2. the zod schema (`questionnaireSchema`);
 *  3. the schema's cross-field rules once more on the raw data, because zod skips a
 *     `superRefine` when an earlier issue is fatal (e.g. a missing field) — an author who
 *     forgot an English string still learns about the duplicate id further down;
 *  4. authoring rules the schema does not state: ids nest (`device` → `device.connectivity` →
 *     `device.connectivity.equipment-networked`), English text has no Chinese characters,
 *     Chinese text has some, and no descriptor or advice step repeats another.
 */
import { LineCounter, parseDocument, type Document } from "yaml";
import { questionnaireSchema, type Questionnaire } from "./schema";

export type ProblemPath = (string | number)[];

export interface QuestionnaireProblem {
  /** Path inside the file, e.g. ["dimensions", 0, "capabilities", 2, "questions", 1, "descriptors"]. */
  path: ProblemPath;
  message: string;
  /** 1-based line of the value (or of its nearest existing parent), when known. */
  line?: number;
}

export type ParseResult =
  | { ok: true; questionnaire: Questionnaire; problems: [] }
  | { ok: false; questionnaire?: undefined; problems: QuestionnaireProblem[] };

/** One problem of one file, as listed in a `QuestionnaireFileError`. */
export interface FileProblem extends QuestionnaireProblem {
  file: string;
}

export function formatProblem(problem: FileProblem): string {
  const where = problem.path.length > 0 ? `${problem.path.join(".")}: ` : "";
  return `${problem.file}: ${where}${problem.message}`;
}

/** Thrown when questionnaire files are invalid; the message lists every problem, one a line. */
export class QuestionnaireFileError extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(
      problems.length === 1
        ? formatProblem(problems[0]!)
        : `${problems.length} problems in questionnaire files:\n${problems.map(formatProblem).join("\n")}`,
    );
    this.name = "QuestionnaireFileError";
  }
}

/** Parses and validates one questionnaire file; never throws. */
export function parseQuestionnaire(text: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: false });
  const syntax = [...doc.errors, ...doc.warnings].map((error): QuestionnaireProblem => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { path: [], message: `YAML syntax at line ${line}, column ${col}: ${error.message.split("\n")[0]}`, line };
  });
  if (doc.errors.length > 0) return { ok: false, problems: syntax };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return { ok: false, problems: [...syntax, { path: [], message: `YAML: ${(error as Error).message}` }] };
  }
  const result = questionnaireSchema.safeParse(raw);
  const problems: QuestionnaireProblem[] = [...syntax];
  const seen = new Set<string>();
  const add = (problem: QuestionnaireProblem) => {
    const key = `${problem.path.join(".")}\u0000${problem.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ ...problem, line: lineOf(doc, lineCounter, problem.path) });
  };
  if (!result.success) {
    for (const issue of result.error.issues) {
      for (const problem of describeIssue(issue, raw)) add(problem);
    }
  }
  for (const problem of crossFieldProblems(raw)) add(problem);
  for (const problem of authoringProblems(raw)) add(problem);

  if (result.success && problems.length === 0) return { ok: true, questionnaire: result.data, problems: [] };
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { ok: false, problems };
}

/** Parses and validates one file; throws a `QuestionnaireFileError` naming `file`. */
export function loadQuestionnaire(text: string, file: string): Questionnaire {
  const result = parseQuestionnaire(text);
  if (!result.ok) throw new QuestionnaireFileError(result.problems.map((problem) => ({ file, ...problem })));
  return result.questionnaire;
}

/**
 * JSON with object keys sorted at every depth: the input of the content hash, so that YAML
 * formatting, comments, key order and quoting never change it, but any change of content does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`cannot serialise ${typeof value} canonically`);
    return json;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
}

// ── zod issues → problems ─────────────────────────────────────────────────────────────────

interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  keys?: string[];
}

function describeIssue(issue: IssueLike, raw: unknown): QuestionnaireProblem[] {
  const path = issue.path.filter((part): part is string | number => typeof part !== "symbol");
  if (issue.code === "unrecognized_keys" && issue.keys) {
    return issue.keys.map((key) => ({ path: [...path, key], message: `unknown field "${key}"` }));
  }
  if (issue.code === "invalid_type" && valueAt(raw, path) === undefined) {
    const last = path[path.length - 1];
    if (last === "en") return [{ path, message: "English text is missing" }];
    if (last === "zh-CN") return [{ path, message: "Chinese text is missing" }];
    return [{ path, message: `required field is missing (expected ${issue.expected ?? "a value"})` }];
  }
  return [{ path, message: issue.message }];
}

function valueAt(root: unknown, path: ProblemPath): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

function lineOf(doc: Document, lineCounter: LineCounter, path: ProblemPath): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lineCounter.linePos(range[0]).line;
  }
  return undefined;
}

// ── rules on raw (possibly invalid) data ─────────────────────────────────────────────────

type Raw = Record<string, unknown>;

const records = (value: unknown): [Raw, number][] =>
  Array.isArray(value)
    ? value.flatMap((item, index): [Raw, number][] =>
        item !== null && typeof item === "object" && !Array.isArray(item) ? [[item as Raw, index]] : [],
      )
    : [];

const finite = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

interface RawQuestion {
  question: Raw;
  path: ProblemPath;
  capability: Raw;
}

function walk(raw: unknown) {
  const root: Raw = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Raw) : {};
  const dimensions = records(root.dimensions).map(([dimension, d]) => ({ dimension, path: ["dimensions", d] as ProblemPath }));
  const capabilities = dimensions.flatMap(({ dimension, path }) =>
    records(dimension.capabilities).map(([capability, c]) => ({
      capability,
      dimension,
      path: [...path, "capabilities", c] as ProblemPath,
    })),
  );
  const questions: RawQuestion[] = capabilities.flatMap(({ capability, path }) =>
    records(capability.questions).map(([question, q]) => ({ question, capability, path: [...path, "questions", q] })),
  );
  return { root, dimensions, capabilities, questions };
}

/** The cross-field rules of `questionnaireSchema`'s superRefine, with the same messages. */
function crossFieldProblems(raw: unknown): QuestionnaireProblem[] {
  const problems: QuestionnaireProblem[] = [];
  const { root, dimensions, capabilities, questions } = walk(raw);
  records(root.levels).forEach(([level, index]) => {
    if (level.level !== index + 1) problems.push({ path: ["levels", index, "level"], message: `expected level ${index + 1}` });
  });
  const seen = new Map<string, string>();
  const claim = (value: unknown, path: ProblemPath) => {
    if (typeof value !== "string") return;
    const previous = seen.get(value);
    if (previous) problems.push({ path, message: `duplicate id "${value}" (also at ${previous})` });
    else seen.set(value, path.join("."));
  };
  // Claim in document order, as the schema does.
  for (const { dimension, path } of dimensions) {
    claim(dimension.id, [...path, "id"]);
    for (const c of capabilities.filter((entry) => entry.dimension === dimension)) {
      claim(c.capability.id, [...c.path, "id"]);
      for (const q of questions.filter((entry) => entry.capability === c.capability)) claim(q.question.id, [...q.path, "id"]);
    }
  }
  for (const { question, path } of questions) {
    if (question.type !== "kpi") continue;
    const { min, max } = question;
    if (finite(min) && finite(max) && min >= max) problems.push({ path: [...path, "max"], message: "max must be greater than min" });
    if (!Array.isArray(question.thresholds)) continue;
    const thresholds: unknown[] = question.thresholds;
    thresholds.forEach((threshold, t) => {
      if (!finite(threshold)) return;
      const previous = thresholds[t - 1];
      if (finite(previous) && threshold <= previous) {
        problems.push({ path: [...path, "thresholds", t], message: `thresholds must increase strictly (${threshold} ≤ ${previous})` });
      }
      if (finite(min) && finite(max) && (threshold < min || threshold > max)) {
        problems.push({ path: [...path, "thresholds", t], message: `threshold ${threshold} lies outside [${min}, ${max}]` });
      }
    });
  }
  if (questions.length < 48) {
    problems.push({ path: ["dimensions"], message: `at least 48 questions are required (found ${questions.length})` });
  }
  return problems;
}

const CHINESE = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Rules of good authoring that the file format does not state. */
function authoringProblems(raw: unknown): QuestionnaireProblem[] {
  const problems: QuestionnaireProblem[] = [];
  const { dimensions, capabilities, questions } = walk(raw);

  const nests = (child: Raw, parent: Raw, path: ProblemPath, what: string) => {
    if (typeof child.id !== "string" || typeof parent.id !== "string") return;
    if (!child.id.startsWith(`${parent.id}.`) || child.id.slice(parent.id.length + 1).includes(".")) {
      problems.push({ path: [...path, "id"], message: `${what} id "${child.id}" must be "${parent.id}.<name>"` });
    }
  };
  for (const { dimension, path } of dimensions) {
    if (typeof dimension.id === "string" && dimension.id.includes(".")) {
      problems.push({ path: [...path, "id"], message: `dimension id "${dimension.id}" must be a single word (no ".")` });
    }
  }
  for (const { capability, dimension, path } of capabilities) nests(capability, dimension, path, "capability");
  for (const { question, capability, path } of questions) nests(question, capability, path, "question");

  const distinct = (list: unknown, path: ProblemPath, what: string) => {
    const seen = new Map<string, number>();
    records(list).forEach(([text, index]) => {
      for (const locale of ["zh-CN", "en"]) {
        const value = text[locale];
        if (typeof value !== "string" || !value.trim()) continue;
        const key = `${locale}\u0000${value.trim()}`;
        const first = seen.get(key);
        if (first !== undefined) problems.push({ path: [...path, index, locale], message: `${what} ${index} repeats ${what} ${first}` });
        else seen.set(key, index);
      }
    });
  };
  for (const { capability, path } of capabilities) distinct(capability.advice, [...path, "advice"], "step");
  for (const { question, path } of questions) {
    if (question.type === "level") distinct(question.descriptors, [...path, "descriptors"], "descriptor");
  }

  visitTexts(raw, [], (text, path) => {
    const zh = text["zh-CN"];
    const en = text.en;
    if (typeof en === "string" && CHINESE.test(en)) {
      problems.push({ path: [...path, "en"], message: "English text contains Chinese characters" });
    }
    if (typeof zh === "string" && zh.trim() && zh.trim() !== (typeof en === "string" ? en.trim() : undefined) && !CHINESE.test(zh)) {
      problems.push({ path: [...path, "zh-CN"], message: "Chinese text contains no Chinese characters" });
    }
  });
  return problems;
}

/** Calls `visit` for every object that looks like a bilingual text (has a "zh-CN" or "en" key). */
function visitTexts(value: unknown, path: ProblemPath, visit: (text: Raw, path: ProblemPath) => void) {
  if (Array.isArray(value)) {
    value.forEach((item, index) => visitTexts(item, [...path, index], visit));
  } else if (value !== null && typeof value === "object") {
    const object = value as Raw;
    if ("zh-CN" in object || "en" in object) visit(object, path);
    else for (const [key, item] of Object.entries(object)) visitTexts(item, [...path, key], visit);
  }
}
