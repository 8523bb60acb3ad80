import type { ScoringError } from "~/domain/scoring";
import type { Translate } from "~/utils/i18n";

/** A scoring engine error as a sentence in the user's language. */
export function scoringErrorMessage(error: ScoringError, t: Translate): string {
  const question = (error.details as { questionId?: string }).questionId ?? "";
  switch (error.code) {
    case "unknown-question":
      return t("assessment.errors.unknownQuestion", { question });
    case "out-of-range":
      return t("assessment.errors.outOfRange", { question });
    case "na-not-allowed":
      return t("assessment.errors.naNotAllowed", { question });
    case "na-reason-missing":
      return t("assessment.errors.naReasonMissing", { question });
    case "duplicate-answer":
      return t("assessment.errors.duplicate", { question });
    case "profile-required":
      return t("assessment.errors.profileRequired");
    default:
      return t("assessment.errors.badPayload");
  }
}
