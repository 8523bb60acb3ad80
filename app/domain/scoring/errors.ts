/**
 * Typed scoring errors. Callers (form actions, imports) switch on `code` and show `details`,
 * so every error names the question it is about; the message is for logs only.
 */

export type ScoringErrorCode =
  | "unknown-question"
  | "out-of-range"
  | "na-not-allowed"
  | "na-reason-missing"
  | "duplicate-answer"
  | "missing-answers"
  | "invalid-model"
  | "model-mismatch"
  | "profile-required";

export abstract class ScoringError<Details extends object = object> extends Error {
  abstract readonly code: ScoringErrorCode;

  constructor(
    message: string,
    readonly details: Details,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnknownQuestionError extends ScoringError<{ questionId: string }> {
  readonly code = "unknown-question";
  constructor(questionId: string) {
    super(`no question "${questionId}" in this questionnaire`, { questionId });
  }
}

/** `expected` says what would have been accepted: a level band or the KPI's input range. */
export type ExpectedRange = { kind: "level"; min: 0; max: 5 } | { kind: "kpi"; min: number; max: number };

export class AnswerOutOfRangeError extends ScoringError<{ questionId: string; value: unknown; expected: ExpectedRange }> {
  readonly code = "out-of-range";
  constructor(questionId: string, value: unknown, expected: ExpectedRange) {
    const wanted = expected.kind === "level" ? "an integer 0–5" : `a number in [${expected.min}, ${expected.max}]`;
    super(`answer to "${questionId}" is ${String(value)}, expected ${wanted}`, { questionId, value, expected });
  }
}

export class NaNotAllowedError extends ScoringError<{ questionId: string }> {
  readonly code = "na-not-allowed";
  constructor(questionId: string) {
    super(`question "${questionId}" cannot be answered N/A`, { questionId });
  }
}

export class NaReasonMissingError extends ScoringError<{ questionId: string }> {
  readonly code = "na-reason-missing";
  constructor(questionId: string) {
    super(`N/A answer to "${questionId}" needs a reason`, { questionId });
  }
}

export class DuplicateAnswerError extends ScoringError<{ questionId: string }> {
  readonly code = "duplicate-answer";
  constructor(questionId: string) {
    super(`question "${questionId}" is answered more than once`, { questionId });
  }
}

/** Lists every missing id at once so a form can flag all of them in one round trip. */
export class MissingAnswersError extends ScoringError<{ questionIds: string[] }> {
  readonly code = "missing-answers";
  constructor(questionIds: string[]) {
    super(`${questionIds.length} required answer(s) missing: ${questionIds.join(", ")}`, { questionIds });
  }
}

export class InvalidModelError extends ScoringError<{ reason: string }> {
  readonly code = "invalid-model";
  constructor(reason: string) {
    super(`invalid questionnaire: ${reason}`, { reason });
  }
}

/** A result explained or prioritised against a different questionnaire than it was scored with. */
export class ModelMismatchError extends ScoringError<{ expected: string; actual: string }> {
  readonly code = "model-mismatch";
  constructor(expected: string, actual: string) {
    super(`result was scored with ${actual}, not ${expected}`, { expected, actual });
  }
}

/** The questionnaire decides applicability by plant profile (2.0.0 on) and none was given. */
export class ProfileRequiredError extends ScoringError<{ questionnaire: string }> {
  readonly code = "profile-required";
  constructor(questionnaire: string) {
    super(`${questionnaire} is scored against a plant profile, and none was given`, { questionnaire });
  }
}
