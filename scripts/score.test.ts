/**
 * `npm run score` as a child process, as consultants run it: a success and typed one-line errors.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadQuestionnaire } from "~/domain/questionnaire/load";
import { REPO_ROOT } from "~/domain/questionnaire/test-support";
import { compileModel, kpiThresholds, type AssessmentResult } from "~/domain/scoring";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "score-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const model = compileModel(loadQuestionnaire(fs.readFileSync(path.join(REPO_ROOT, "questionnaires/future-factory/2.0.0.yaml"), "utf8"), "2.0.0.yaml"));
const profile = { productionType: "process", markets: ["b2b"], productVariety: "low", sites: "single" };
/** Every question at band 3, in the stored format (KPIs at the process threshold that opens band 3). */
const answers = Object.fromEntries(
  model.questions.map((q) => [q.id, { value: q.type === "level" ? 3 : kpiThresholds(q, "process")[2]! }]),
);

function file(name: string, content: unknown): string {
  const full = path.join(dir, name);
  fs.writeFileSync(full, typeof content === "string" ? content : JSON.stringify(content));
  return full;
}

function score(...args: string[]) {
  const run = spawnSync(path.join(REPO_ROOT, "node_modules/.bin/tsx"), ["scripts/score.ts", ...args], { cwd: REPO_ROOT, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const TIMEOUT = 90_000; // each run starts tsx (~1–2 s here, more on a busy machine)

describe("npm run score", () => {
  it(
    "prints the engine's full result as JSON for a process plant",
    () => {
      const run = score("--questionnaire", "future-factory@2.0.0", "--answers", file("answers.json", answers), "--profile", file("profile.json", profile));
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const result = JSON.parse(run.stdout) as AssessmentResult;
      expect(result).toMatchObject({ questionnaire: { key: "future-factory", version: "2.0.0" }, levelRule: "requirements", profile, overall: 3, level: 3 });
      expect(result.levelScores).toHaveLength(5);
      expect(result.crosswalks?.cmmm.level).toBe(3);
    },
    TIMEOUT,
  );

  it(
    "fails with exit code 1 and one line naming the question for an out-of-range answer",
    () => {
      const [first] = model.questions.filter((q) => q.type === "level");
      const bad = { ...answers, [first!.id]: { value: 7 } };
      const run = score("--questionnaire", "future-factory@2.0.0", "--answers", file("bad.json", bad), "--profile", file("profile.json", profile));
      expect(run.status).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(`score: out-of-range: answer to "${first!.id}" is 7, expected an integer 0–5\n`);
    },
    TIMEOUT,
  );

  it(
    "fails with exit code 1 and one line each for a missing profile, bad JSON and an unknown questionnaire",
    () => {
      const answersFile = file("answers.json", answers);
      const noProfile = score("--questionnaire", "future-factory@2.0.0", "--answers", answersFile);
      expect([noProfile.status, noProfile.stderr]).toEqual([1, expect.stringMatching(/^score: profile-required: .*--profile.*\n$/)]);
      const badJson = score("--questionnaire", "future-factory@2.0.0", "--answers", file("broken.json", "{ not json"), "--profile", file("profile.json", profile));
      expect([badJson.status, badJson.stderr]).toEqual([1, expect.stringMatching(/^score: bad-json: the answers file .*broken\.json is not valid JSON: [^\n]*\n$/)]);
      const unknown = score("--questionnaire", "future-factory@9.9.9", "--answers", answersFile);
      expect([unknown.status, unknown.stderr]).toEqual([1, "score: unknown-questionnaire: no questionnaire future-factory@9.9.9 (questionnaires/future-factory/9.9.9.yaml does not exist)\n"]);
    },
    TIMEOUT,
  );
});
