/**
 * Carrying answers forward when a revision moves to a newer questionnaire version (1.0.0 → 2.0.0):
 * the target version declares, per older version, which of its questions takes which old
 * question's answer (`carryForward` in the questionnaire file). Pure; the revision stores the
 * result as its starting answers and the factory reviews them.
 */
import type { Question, Questionnaire } from "~/domain/questionnaire/schema";
import { MAX_SCORE } from "~/domain/questionnaire/schema";
import type { StoredAnswer, StoredAnswers } from "./answers";

function inRange(question: Question, value: number): boolean {
  if (question.type === "level") return Number.isInteger(value) && value >= 0 && value <= MAX_SCORE;
  return value >= question.min && value <= question.max;
}

/**
 * The answers of an assessment on `fromVersion` as answers to `target`. Copies value, note,
 * evidence and the KPI counts; drops N/A answers (from 2.0.0 the plant profile decides what
 * applies) and values outside the target question's range (the note and evidence stay). A version
 * the target declares no mapping for carries nothing; the same version carries everything it knows.
 */
export function carryForwardAnswers(target: Questionnaire, fromVersion: string, answers: StoredAnswers): StoredAnswers {
  const questions = new Map(target.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions.map((q) => [q.id, q] as const))));
  const mapping =
    fromVersion === target.version
      ? Object.fromEntries([...questions.keys()].map((id) => [id, id]))
      : (target.carryForward?.find((carry) => carry.from === fromVersion)?.answers ?? {});
  const carried: StoredAnswers = {};
  for (const [targetId, sourceId] of Object.entries(mapping)) {
    const question = questions.get(targetId);
    const source = Object.hasOwn(answers, sourceId) ? answers[sourceId] : undefined;
    if (!question || !source || source.na) continue;
    const answer: StoredAnswer = {};
    if (source.value !== undefined && inRange(question, source.value)) {
      answer.value = source.value;
      if (source.numerator !== undefined && source.denominator !== undefined) {
        answer.numerator = source.numerator;
        answer.denominator = source.denominator;
      }
    }
    if (source.note) answer.note = source.note;
    if (source.evidence?.length) answer.evidence = [...source.evidence];
    if (Object.keys(answer).length > 0) carried[targetId] = answer;
  }
  return carried;
}
