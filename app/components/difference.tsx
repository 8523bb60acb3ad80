/**
 * The one way a difference is shown (app/domain/assessment/difference.ts): a word for the direction,
 * the amount without a sign, an arrow and a colour that only repeat what the word says.
 */
import { difference, type Difference } from "~/domain/assessment/difference";
import { formatNumber, type MessageKey } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

const CLASS = { better: "delta-up", worse: "delta-down", same: "delta-same" } as const;
const ARROW = { better: "▲", worse: "▼", same: "" } as const;

const PEER: Record<Difference["direction"], MessageKey> = {
  better: "assessment.difference.ahead",
  worse: "assessment.difference.behind",
  same: "assessment.difference.level",
};
const CHANGE: Record<Difference["direction"], MessageKey> = {
  better: "assessment.difference.up",
  worse: "assessment.difference.down",
  same: "assessment.difference.same",
};

function Shown({ value, words, decimals }: { value: Difference; words: Record<Difference["direction"], MessageKey>; decimals: number }) {
  const t = useT();
  const locale = useLocale();
  const amount = formatNumber(locale, value.amount, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return (
    <span className={`delta ${CLASS[value.direction]}`}>
      {ARROW[value.direction] ? (
        <span aria-hidden="true" className="delta-arrow">
          {ARROW[value.direction]}
        </span>
      ) : null}
      {t(words[value.direction], { amount })}
    </span>
  );
}

/** Own score against the peer median: "领先 0.15" / "落后 0.42" / "与中位数持平". */
export function PeerGap({ value, decimals = 2 }: { value: Difference; decimals?: number }) {
  return <Shown value={value} words={PEER} decimals={decimals} />;
}

/** A later figure against an earlier one: "提高 0.12" / "下降 0.05" / "持平". */
export function Change({ later, earlier, decimals = 2 }: { later: number; earlier: number; decimals?: number }) {
  return <Shown value={difference(later, earlier, decimals)} words={CHANGE} decimals={decimals} />;
}
