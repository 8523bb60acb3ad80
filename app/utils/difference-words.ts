/**
 * The words of a difference (ADR 0022: "领先 0.15" / "落后 0.42" / "提高 0.12" / "下降 0.05" /
 * "持平"), for the shared component (app/components/difference.tsx) and for text without React:
 * spreadsheet cells and sentences. The rule is app/domain/assessment/difference.ts.
 */
import { difference, type Difference } from "~/domain/assessment/difference";
import { formatNumber, type AppLocale, type MessageKey, type Translate } from "~/utils/i18n";

/** "peer": own against the peer median; "change": a later figure against an earlier one. */
export type DifferenceKind = "peer" | "change";

const WORDS: Record<DifferenceKind, Record<Difference["direction"], MessageKey>> = {
  peer: { better: "assessment.difference.ahead", worse: "assessment.difference.behind", same: "assessment.difference.level" },
  change: { better: "assessment.difference.up", worse: "assessment.difference.down", same: "assessment.difference.same" },
};

export function differenceWords(t: Translate, locale: AppLocale, value: Difference, kind: DifferenceKind, decimals = 2): string {
  const amount = formatNumber(locale, value.amount, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return t(WORDS[kind][value.direction], { amount });
}

/** A change given as one number (later − earlier): "提高 0.12" / "下降 0.05" / "持平". */
export function changeWords(t: Translate, locale: AppLocale, delta: number, decimals = 2): string {
  return differenceWords(t, locale, difference(delta, 0, decimals), "change", decimals);
}
