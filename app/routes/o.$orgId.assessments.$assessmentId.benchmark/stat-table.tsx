import { PeerGap } from "~/components/difference";
import { differenceFromGap } from "~/domain/assessment/difference";
import { peerGap, type Stat } from "~/domain/benchmark/view";
import { displayScore } from "~/domain/scoring";
import { useT } from "~/utils/use-t";
import { useShown } from "./published";

interface StatRow {
  id: string;
  name: string;
  own: number | null;
  stat: Stat;
  capabilities?: { id: string; name: string; own: number | null; stat: Stat }[];
}

/**
 * Own score, quartiles (or the median band), P90, position, peer gap and n per item, all as
 * published; `compact` (under a chart) keeps own score, quartiles, P90 and n.
 */
export function StatTable({ rows, minGroup, nested = false, compact = false }: { rows: StatRow[]; minGroup: number; nested?: boolean; compact?: boolean }) {
  const t = useT();
  const shown = useShown(minGroup);
  const score = (value: number | null) => (value === null ? "—" : displayScore(value, 2));
  const line = (row: Omit<StatRow, "capabilities">, level: "head" | "item") => {
    const q = row.stat.quantiles;
    const gap = peerGap(q, row.own);
    return (
      <tr key={row.id} className={level === "head" && nested ? "benchmark-dimension-row" : undefined}>
        <th scope="row" className={level === "item" ? "benchmark-indent" : undefined}>
          {row.name}
        </th>
        <td>{score(row.own)}</td>
        {q.status === "suppressed" ? (
          <td colSpan={compact ? 5 : 7} className="muted">
            {t("benchmark.table.tooFew", { k: minGroup })}
          </td>
        ) : (
          <>
            <td>{q.status === "ok" ? score(q.p25) : "—"}</td>
            <td className={q.status === "band" ? "benchmark-band" : undefined}>{shown.median(q)}</td>
            <td>{q.status === "ok" ? score(q.p75) : "—"}</td>
            <td>{q.status === "ok" ? score(q.p90) : "—"}</td>
            {compact ? null : (
              <>
                <td>{shown.rank(row.stat.rank) ?? "—"}</td>
                <td>{gap === null ? "—" : <PeerGap value={differenceFromGap(gap)} />}</td>
              </>
            )}
            <td>{shown.count(row.stat.n)}</td>
          </>
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
