import { ChartFigure, DimensionRadar } from "~/components/charts";
import { displayScore } from "~/domain/scoring";
import { useT } from "~/utils/use-t";
import { levelRows } from "~/domain/benchmark/view";
import { DimensionRanges, LevelsFigure, MEDIUM_COLOR, OWN_COLOR, P90_COLOR, RANGE_HEIGHT, RANGE_WIDTH } from "./charts";
import { useShown } from "./published";
import { StatTable } from "./stat-table";
import { LevelTable, RadarTable } from "./tables";
import type { BenchmarkData as Data, BenchmarkGroup } from "./types";

export function BenchmarkBody({ data, group }: { data: Data; group: BenchmarkGroup }) {
  const t = useT();
  const shown = useShown(data.minGroup);
  const overall = data.overallStat;
  const rank = overall.rank;
  const score = displayScore(data.overall, 2);
  const levelName = (level: number) => `L${level} ${data.levels.find((entry) => entry.level === level)?.name ?? ""}`;
  const exact = (pick: "p50" | "p90") => (d: Data["dimensions"][number]) => (d.stat.quantiles.status === "ok" ? d.stat.quantiles[pick] : null);
  return (
    <>
      <section className="card" aria-labelledby="summary-title">
        <h2 id="summary-title">{t("benchmark.summary.title")}</h2>
        {rank.status === "exact" ? (
          <>
            <p className="benchmark-headline">{t("benchmark.summary.ahead", { percent: rank.percent })}</p>
            <p className="muted">{t("benchmark.summary.aheadLong", { score, percent: rank.percent })}</p>
          </>
        ) : rank.status === "band" ? (
          <>
            <p className="benchmark-headline">{t("benchmark.summary.aheadBand", { from: rank.from, to: rank.to })}</p>
            <p className="muted">{t("benchmark.summary.aheadBandLong", { score, from: rank.from, to: rank.to, exactMin: data.exactRankMinN })}</p>
          </>
        ) : (
          <p className="muted">{t("benchmark.summary.rankHidden", { min: data.quantileMinN })}</p>
        )}
        <dl className="dl">
          <dt>{t("benchmark.summary.yourLevel")}</dt>
          <dd>{levelName(data.level)}</dd>
          <dt>{t("benchmark.summary.median")}</dt>
          <dd>{shown.median(overall.quantiles) ?? t("benchmark.table.tooFew", { k: data.minGroup })}</dd>
          <dt>{t("benchmark.summary.groupSize")}</dt>
          <dd>
            <strong className="benchmark-n">n = {shown.count(group.n)}</strong>
          </dd>
        </dl>
      </section>

      <div className="grid charts-grid benchmark-charts">
        <section className="card" aria-labelledby="dimensions-title">
          <h2 id="dimensions-title">{t("benchmark.dimensions.title")}</h2>
          <ChartFigure
            caption={t("benchmark.dimensions.caption", { min: data.quantileMinN })}
            tableSummary={t("benchmark.dimensions.tableSummary")}
            width={RANGE_WIDTH}
            height={RANGE_HEIGHT}
            table={<StatTable rows={data.dimensions} minGroup={data.minGroup} compact />}
          >
            <DimensionRanges dimensions={data.dimensions} />
          </ChartFigure>
        </section>
        <section className="card" aria-labelledby="radar-title">
          <h2 id="radar-title">{t("benchmark.radar.title")}</h2>
          <ChartFigure caption={t("benchmark.radar.caption")} tableSummary={t("benchmark.radar.tableSummary")} width={420} height={340} table={<RadarTable dimensions={data.dimensions} minGroup={data.minGroup} />}>
            <DimensionRadar
              axes={data.dimensions}
              series={[
                { key: "own", name: t("benchmark.radar.own"), color: OWN_COLOR, values: Object.fromEntries(data.dimensions.map((d) => [d.id, d.own])) },
                { key: "median", name: t("benchmark.radar.median"), color: MEDIUM_COLOR, values: Object.fromEntries(data.dimensions.map((d) => [d.id, exact("p50")(d)])) },
                { key: "p90", name: t("benchmark.radar.topDecile"), color: P90_COLOR, values: Object.fromEntries(data.dimensions.map((d) => [d.id, exact("p90")(d)])) },
              ]}
            />
          </ChartFigure>
        </section>
      </div>

      <section className="card" aria-labelledby="levels-title">
        <h2 id="levels-title">{t("benchmark.levels.title")}</h2>
        <LevelsFigure rows={levelRows(data.levels, group.levels, data.level)} minGroup={data.minGroup} table={<LevelTable data={data} group={group} />} />
        <p className="muted small">{t("benchmark.levels.suppressedNote", { k: data.minGroup })}</p>
      </section>

      <section className="card" aria-labelledby="capabilities-title">
        <h2 id="capabilities-title">{t("benchmark.capabilities.title")}</h2>
        <p className="muted">{t("benchmark.capabilities.lead")}</p>
        <StatTable rows={[{ id: "overall", name: t("benchmark.table.overall"), own: data.overall, stat: overall }, ...data.dimensions]} minGroup={data.minGroup} nested />
        <p className="muted small">{t("benchmark.table.bandNote", { min: data.quantileMinN })}</p>
      </section>
    </>
  );
}
