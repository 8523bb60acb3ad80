/**
 * The one way a difference is shown (app/domain/assessment/difference.ts): a word for the direction,
 * the amount without a sign, an arrow and a colour that only repeat what the word says. The words
 * come from app/utils/difference-words.ts, which spreadsheets and sentences use too.
 */
import { difference, type Difference } from "~/domain/assessment/difference";
import { differenceWords, type DifferenceKind } from "~/utils/difference-words";
import { useLocale, useT } from "~/utils/use-t";

const CLASS = { better: "delta-up", worse: "delta-down", same: "delta-same" } as const;
const ARROW = { better: "▲", worse: "▼", same: "" } as const;

function Shown({ value, kind, decimals }: { value: Difference; kind: DifferenceKind; decimals: number }) {
  const t = useT();
  const locale = useLocale();
  return (
    <span className={`delta ${CLASS[value.direction]}`}>
      {ARROW[value.direction] ? (
        <span aria-hidden="true" className="delta-arrow">
          {ARROW[value.direction]}
        </span>
      ) : null}
      {differenceWords(t, locale, value, kind, decimals)}
    </span>
  );
}

/** Own score against the peer median: "领先 0.15" / "落后 0.42" / "与中位数持平". */
export function PeerGap({ value, decimals = 2 }: { value: Difference; decimals?: number }) {
  return <Shown value={value} kind="peer" decimals={decimals} />;
}

/** A later figure against an earlier one: "提高 0.12" / "下降 0.05" / "持平". */
export function Change({ later, earlier, decimals = 2 }: { later: number; earlier: number; decimals?: number }) {
  return <Shown value={difference(later, earlier, decimals)} kind="change" decimals={decimals} />;
}

/** A change already computed as one number (later − earlier), e.g. the clients table's "since the previous one". */
export function ChangeBy({ delta, decimals = 2 }: { delta: number; decimals?: number }) {
  return <Shown value={difference(delta, 0, decimals)} kind="change" decimals={decimals} />;
}
