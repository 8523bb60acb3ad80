import { levelRows } from "~/domain/benchmark/view";
import { displayScore } from "~/domain/scoring";
import { formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";
import { useShown } from "./published";
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
          {levelRows(data.levels, group.levels, data.level).map((row) => (
            <tr key={row.name} className={row.own ? "benchmark-own-row" : undefined}>
              <th scope="row">
                {row.fullName} {row.own ? <span className="badge badge-primary">{t("benchmark.levels.yours")}</span> : null}
              </th>
              <td className={row.count === null ? "muted" : undefined}>{row.count === null ? t("benchmark.table.fewerThan", { k: data.minGroup }) : formatNumber(locale, row.count)}</td>
              <td>{row.share === null ? "—" : `${formatNumber(locale, row.share)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RadarTable({ dimensions, minGroup }: { dimensions: Data["dimensions"]; minGroup: number }) {
  const t = useT();
  const shown = useShown(minGroup);
  const tooFew = t("benchmark.table.tooFew", { k: minGroup });
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
              <td>{shown.median(d.stat.quantiles) ?? tooFew}</td>
              <td>{d.stat.quantiles.status === "ok" ? displayScore(d.stat.quantiles.p90, 2) : d.stat.quantiles.status === "band" ? "—" : tooFew}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
