/** Shared by the questionnaire tests: the real file and ways to mutate it. Not used by the app. */
import fs from "node:fs";
import path from "node:path";
import { parseDocument, type Document } from "yaml";
import { formatProblem, loadQuestionnaire, QuestionnaireFileError } from "./load";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../../..");
export const QUESTIONNAIRES = path.join(REPO_ROOT, "questionnaires");
export const REAL_FILE = "questionnaires/future-factory/1.0.0.yaml";
export const realText = fs.readFileSync(path.join(REPO_ROOT, REAL_FILE), "utf8");

/** The real file's text after `edit` on its YAML document (comments and layout preserved). */
export function mutate(edit: (doc: Document) => void, text: string = realText): string {
  const doc = parseDocument(text);
  edit(doc);
  return doc.toString({ lineWidth: 0 });
}

/** The lines of the QuestionnaireFileError thrown for `text` (empty when it loads). */
export function problemLines(text: string, file: string = REAL_FILE): string[] {
  try {
    loadQuestionnaire(text, file);
    return [];
  } catch (error) {
    if (!(error instanceof QuestionnaireFileError)) throw error;
    return error.problems.map(formatProblem);
  }
}
