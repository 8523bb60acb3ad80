import { ChartFigure, DimensionRadar } from "~/components/charts";
import { displayPercent } from "~/domain/benchmark/statistics";
import { displayScore } from "~/domain/scoring";
import { formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";
import { DimensionRanges, LEVELS_HEIGHT, LEVELS_WIDTH, LevelDistribution, MEDIUM_COLOR, OWN_COLOR, P90_COLOR, RANGE_HEIGHT, RANGE_WIDTH } from "./charts";
import { StatTable } from "./stat-table";
import { LevelTable, RadarTable } from "./tables";
import type { BenchmarkData as Data, BenchmarkGroup } from "./types";

export function BenchmarkBody({ data, group }: { data: Data; group: BenchmarkGroup }) {
  const t = useT();
  const locale = useLocale();
  const overall = data.overallStat;
  const score = (value: number | null) => (value === null ? "—" : displayScore(value, 2));
  const levelName = (level: number) => `L${level} ${data.levels.find((entry) => entry.level === level)?.name ?? ""}`;
  return (
    <>
      <section className="card" aria-labelledby="summary-title">
        <h2 id="summary-title">{t("benchmark.summary.title")}</h2>
        {overall.status === "ok" && overall.rank !== null ? (
          <>
            <p className="benchmark-headline">{t("benchmark.summary.ahead", { percent: displayPercent(overall.rank) })}</p>
            <p className="muted">{t("benchmark.summary.aheadLong", { score: score(data.overall), percent: displayPercent(overall.rank) })}</p>
          </>
        ) : null}
        <dl className="dl">
          <dt>{t("benchmark.summary.yourLevel")}</dt>
          <dd>{levelName(data.level)}</dd>
          <dt>{t("benchmark.summary.median")}</dt>
          <dd>{overall.status === "ok" ? score(overall.p50) : t("benchmark.table.tooFew")}</dd>
          <dt>{t("benchmark.summary.groupSize")}</dt>
          <dd>
            <strong className="benchmark-n">n = {formatNumber(locale, group.n)}</strong>
          </dd>
        </dl>
      </section>

      <div className="grid charts-grid">
        <section className="card" aria-labelledby="dimensions-title">
          <h2 id="dimensions-title">{t("benchmark.dimensions.title")}</h2>
          <ChartFigure caption={t("benchmark.dimensions.caption")} tableSummary={t("benchmark.dimensions.tableSummary")} width={RANGE_WIDTH} height={RANGE_HEIGHT} table={<StatTable rows={data.dimensions} compact />}>
            <DimensionRanges dimensions={data.dimensions} />
          </ChartFigure>
        </section>
        <section className="card" aria-labelledby="radar-title">
          <h2 id="radar-title">{t("benchmark.radar.title")}</h2>
          <ChartFigure caption={t("benchmark.radar.caption")} tableSummary={t("benchmark.radar.tableSummary")} width={420} height={340} table={<RadarTable dimensions={data.dimensions} />}>
            <DimensionRadar
              axes={data.dimensions}
              series={[
                { key: "own", name: t("benchmark.radar.own"), color: OWN_COLOR, values: Object.fromEntries(data.dimensions.map((d) => [d.id, d.own])) },
                { key: "median", name: t("benchmark.radar.median"), color: MEDIUM_COLOR, values: Object.fromEntries(data.dimensions.map((d) => [d.id, d.stat.status === "ok" ? d.stat.p50 : null])) },
                { key: "p90", name: t("benchmark.radar.topDecile"), color: P90_COLOR, values: Object.fromEntries(data.dimensions.map((d) => [d.id, d.stat.status === "ok" ? d.stat.p90 : null])) },
              ]}
            />
          </ChartFigure>
        </section>
      </div>

      <section className="card" aria-labelledby="levels-title">
        <h2 id="levels-title">{t("benchmark.levels.title")}</h2>
        <ChartFigure caption={t("benchmark.levels.caption")} tableSummary={t("benchmark.levels.tableSummary")} width={LEVELS_WIDTH} height={LEVELS_HEIGHT} table={<LevelTable data={data} group={group} />}>
          <LevelDistribution data={data} group={group} />
        </ChartFigure>
      </section>

      <section className="card" aria-labelledby="capabilities-title">
        <h2 id="capabilities-title">{t("benchmark.capabilities.title")}</h2>
        <p className="muted">{t("benchmark.capabilities.lead")}</p>
        <StatTable rows={[{ id: "overall", name: t("benchmark.table.overall"), own: data.overall, stat: overall }, ...data.dimensions]} nested />
      </section>
    </>
  );
}
