import { displayScore } from "~/domain/scoring";
import { levelRows } from "~/domain/benchmark/view";
import { formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";
import type { BenchmarkData as Data, BenchmarkGroup } from "./types";

export function LevelTable({ data, group }: { data: Data; group: BenchmarkGroup }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("benchmark.levels.level")}</th>
            <th scope="col">{t("benchmark.levels.count")}</th>
            <th scope="col">{t("benchmark.levels.share")}</th>
          </tr>
        </thead>
        <tbody>
          {levelRows(data.levels, group.levelCounts, group.n, data.level).map((row) => (
            <tr key={row.name} className={row.own ? "benchmark-own-row" : undefined}>
              <th scope="row">
                {row.fullName} {row.own ? <span className="badge badge-primary">{t("benchmark.levels.yours")}</span> : null}
              </th>
              <td>{formatNumber(locale, row.count)}</td>
              <td>{formatNumber(locale, row.share)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RadarTable({ dimensions }: { dimensions: Data["dimensions"] }) {
  const t = useT();
  const score = (value: number | null) => (value === null ? t("benchmark.table.tooFew") : displayScore(value, 2));
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("benchmark.table.item")}</th>
            <th scope="col">{t("benchmark.radar.own")}</th>
            <th scope="col">{t("benchmark.radar.median")}</th>
            <th scope="col">{t("benchmark.radar.topDecile")}</th>
          </tr>
        </thead>
        <tbody>
          {dimensions.map((d) => (
            <tr key={d.id}>
              <th scope="row">{d.name}</th>
              <td>{d.own === null ? "—" : displayScore(d.own, 2)}</td>
              <td>{score(d.stat.status === "ok" ? d.stat.p50 : null)}</td>
              <td>{score(d.stat.status === "ok" ? d.stat.p90 : null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
