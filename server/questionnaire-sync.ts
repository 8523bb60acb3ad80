/**
 * Published questionnaire files → QuestionnaireVersion rows. A version is immutable: if a row
 * for key@version exists with another content hash, start-up fails instead of silently
 * re-scoring assessments that were answered on the old text.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compareWithLock, loadQuestionnaireFiles, readPublishedLock } from "../app/domain/questionnaire/files.server";
import type { Prisma, PrismaClient } from "../app/generated/prisma/client";

export const QUESTIONNAIRES_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../questionnaires");

export class PublishedQuestionnaireChangedError extends Error {}

export async function syncQuestionnaires(prisma: PrismaClient, dir = QUESTIONNAIRES_PATH) {
  const files = loadQuestionnaireFiles(dir);
  const lock = compareWithLock(files, readPublishedLock(dir));
  if (lock.errors.length > 0) throw new PublishedQuestionnaireChangedError(lock.errors.join("\n"));
  // Only locked (published) versions are served; drafts stay in the repo until `--publish`.
  const published = lock.published;
  const existing = await prisma.questionnaireVersion.findMany({ select: { key: true, version: true, contentHash: true } });
  const created: string[] = [];
  for (const file of published) {
    const row = existing.find((candidate) => candidate.key === file.key && candidate.version === file.version);
    if (row && row.contentHash !== file.contentHash) {
      throw new PublishedQuestionnaireChangedError(`${file.key}@${file.version} differs from the version stored in the database; publish a new version instead.`);
    }
    if (!row) {
      await prisma.questionnaireVersion.create({
        data: { key: file.key, version: file.version, contentHash: file.contentHash, content: file.questionnaire as unknown as Prisma.InputJsonValue },
      });
      created.push(`${file.key}@${file.version}`);
    }
  }
  return created;
}
