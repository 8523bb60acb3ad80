/**
 * `npm run score -- --questionnaire future-factory@2.0.0 --answers answers.json [--profile profile.json]`
 *
 * Scores one answer set with the engine and prints its full result as JSON (level, index,
 * dimension and capability scores, requirement scores, vetoes, crosswalk estimates, plausibility
 * flags): for consultants scoring in bulk and for anyone checking the model independently.
 * Answers are in the stored format, `{ "<questionId>": { "value": 3 } }`; the profile is a plant
 * profile `{ "productionType": "process", "markets": ["b2b"], "productVariety": "low", "sites": "single" }`.
 *
 * Every failure is a `ScoreCliError` with a code (`bad-json`, `unknown-question`, `out-of-range`,
 * `missing-answers`, `profile-required`, `unknown-questionnaire`, …) and a one-line message on
 * stderr that names the question or file; the exit code is then 1.
 */
import fs from "node:fs";
import path from "node:path";
import { parseStoredAnswers, StoredDataError } from "~/domain/assessment/stored";
import { toEngineAnswers } from "~/domain/assessment/answers";
import { loadQuestionnaire, QuestionnaireFileError } from "~/domain/questionnaire/load";
import { plantProfileSchema, type PlantProfile } from "~/domain/questionnaire/profile";
import { compileModel, scoreAssessment, ScoringError } from "~/domain/scoring";

const USAGE = "usage: npm run score -- --questionnaire <key>@<version> --answers <answers.json> [--profile <profile.json>]";
const REPO_ROOT = path.resolve(import.meta.dirname, "..");
/** npm runs scripts from the package root; relative paths are meant from where the user typed the command. */
const USER_CWD = process.env.INIT_CWD ?? process.cwd();

export class ScoreCliError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ScoreCliError";
  }
}

function parseArgs(argv: readonly string[]): { questionnaire: string; answers: string; profile: string | undefined } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (!["--questionnaire", "--answers", "--profile"].includes(flag) || value === undefined) throw new ScoreCliError("usage", `unexpected argument "${flag}"; ${USAGE}`);
    values.set(flag, value);
  }
  const questionnaire = values.get("--questionnaire");
  const answers = values.get("--answers");
  if (!questionnaire || !answers) throw new ScoreCliError("usage", USAGE);
  return { questionnaire, answers, profile: values.get("--profile") };
}

function readJson(file: string, what: string): unknown {
  const full = path.resolve(USER_CWD, file);
  let text: string;
  try {
    text = fs.readFileSync(full, "utf8");
  } catch {
    throw new ScoreCliError("file-not-found", `cannot read the ${what} file ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ScoreCliError("bad-json", `the ${what} file ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function loadRef(ref: string) {
  const match = /^([a-z][a-z0-9-]*)@(\d+\.\d+\.\d+)$/.exec(ref);
  if (!match) throw new ScoreCliError("unknown-questionnaire", `"${ref}" is not <key>@<version> (e.g. future-factory@2.0.0)`);
  const file = path.join("questionnaires", match[1]!, `${match[2]}.yaml`);
  let text: string;
  try {
    text = fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
  } catch {
    throw new ScoreCliError("unknown-questionnaire", `no questionnaire ${ref} (${file} does not exist)`);
  }
  try {
    return loadQuestionnaire(text, file);
  } catch (error) {
    if (error instanceof QuestionnaireFileError) throw new ScoreCliError("invalid-questionnaire", `${ref} is invalid: ${error.problems.length} problem(s), first: ${error.message.split("\n")[0]}`);
    throw error;
  }
}

function firstIssue(error: StoredDataError): string {
  return error.issues[0] ?? "invalid";
}

export function scoreCommand(argv: readonly string[]) {
  const args = parseArgs(argv);
  const questionnaire = loadRef(args.questionnaire);
  let stored;
  try {
    stored = parseStoredAnswers(readJson(args.answers, "answers"));
  } catch (error) {
    if (error instanceof StoredDataError) throw new ScoreCliError("bad-answers", `answers are not in the stored format { "<questionId>": { "value": 3 } }: ${firstIssue(error)}`);
    throw error;
  }
  let profile: PlantProfile | undefined;
  if (args.profile !== undefined) {
    const parsed = plantProfileSchema.safeParse(readJson(args.profile, "profile"));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ScoreCliError("bad-profile", `the profile is invalid at ${issue.path.join(".") || "(root)"}: expected productionType discrete|process|mixed, markets [b2b|b2c], productVariety low|high|custom, sites single|multiple`);
    }
    profile = parsed.data;
  }
  try {
    return scoreAssessment(compileModel(questionnaire), toEngineAnswers(stored), { mode: "submission", profile });
  } catch (error) {
    if (error instanceof ScoringError) throw new ScoreCliError(error.code, error.code === "profile-required" ? `${error.message} (pass --profile profile.json)` : error.message);
    throw error;
  }
}

try {
  process.stdout.write(`${JSON.stringify(scoreCommand(process.argv.slice(2)), null, 2)}\n`);
} catch (error) {
  if (!(error instanceof ScoreCliError)) throw error;
  process.stderr.write(`score: ${error.code}: ${error.message.replace(/\s*\n\s*/g, " ")}\n`);
  process.exitCode = 1;
}
