import { displayPercent } from "~/domain/benchmark/statistics";
import type { Stat } from "~/domain/benchmark/view";
import { displayScore } from "~/domain/scoring";
import { formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

interface StatRow {
  id: string;
  name: string;
  own: number | null;
  stat: Stat;
  capabilities?: { id: string; name: string; own: number | null; stat: Stat }[];
}

/** Own score, quartiles, P90, position, peer gap and n per item; `compact` (under a chart) keeps own score, quartiles, P90 and n. */
export function StatTable({ rows, nested = false, compact = false }: { rows: StatRow[]; nested?: boolean; compact?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const score = (value: number | null) => (value === null ? "—" : displayScore(value, 2));
  const line = (row: Omit<StatRow, "capabilities">, level: "head" | "item") => {
    const s = row.stat;
    const gap = s.status === "ok" && row.own !== null ? s.p50 - row.own : null;
    // The sign follows what is shown: a gap that displays as 0.00 is "±0.00", not a red "+0.00".
    const gapShown = gap === null ? null : displayScore(Math.abs(gap), 2);
    const gapSign = gap === null || gapShown === displayScore(0, 2) ? "±" : gap > 0 ? "+" : "−";
    return (
      <tr key={row.id} className={level === "head" && nested ? "benchmark-dimension-row" : undefined}>
        <th scope="row" className={level === "item" ? "benchmark-indent" : undefined}>
          {row.name}
        </th>
        <td>{score(row.own)}</td>
        {s.status === "ok" ? (
          <>
            <td>{score(s.p25)}</td>
            <td>{score(s.p50)}</td>
            <td>{score(s.p75)}</td>
            <td>{score(s.p90)}</td>
            {compact ? null : (
              <>
                <td>{s.rank === null ? "—" : t("benchmark.summary.ahead", { percent: displayPercent(s.rank) })}</td>
                <td className={gapSign === "+" ? "benchmark-behind" : undefined}>{gapShown === null ? "—" : `${gapSign}${gapShown}`}</td>
              </>
            )}
            <td>{formatNumber(locale, s.n)}</td>
          </>
        ) : (
          <td colSpan={compact ? 5 : 7} className="muted">
            {t("benchmark.table.tooFew")}
          </td>
        )}
      </tr>
    );
  };
  return (
    <div className="table-wrap">
      <table className="benchmark-table">
        <thead>
          <tr>
            <th scope="col">{t("benchmark.table.item")}</th>
            <th scope="col">{t("benchmark.table.own")}</th>
            <th scope="col">{t("benchmark.table.p25")}</th>
            <th scope="col">{t("benchmark.table.median")}</th>
            <th scope="col">{t("benchmark.table.p75")}</th>
            <th scope="col">{t("benchmark.table.p90")}</th>
            {compact ? null : (
              <>
                <th scope="col">{t("benchmark.table.rank")}</th>
                <th scope="col">{t("benchmark.table.gap")}</th>
              </>
            )}
            <th scope="col">{t("benchmark.table.n")}</th>
          </tr>
        </thead>
        <tbody>{rows.flatMap((row) => [line(row, "head"), ...(nested ? (row.capabilities ?? []).map((capability) => line(capability, "item")) : [])])}</tbody>
      </table>
    </div>
  );
}
