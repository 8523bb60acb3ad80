import { PeerGap } from "~/components/difference";
import { differenceFromGap } from "~/domain/assessment/difference";
import { levelRows, peerGap, type Stat } from "~/domain/benchmark/view";
import { displayScore } from "~/domain/scoring";
import { formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";
import { useShown } from "../o.$orgId.assessments.$assessmentId.benchmark/published";
import { headAndTail, runsBy } from "./row-groups";
import type { ReportBenchmark } from "./types";

/**
 * The peer comparison: the default peer group's published figures (app/models/benchmark-view.server.ts,
 * the same data the benchmark page shows without filters), as tables — print has no hover or zoom.
 */
export function BenchmarkSection({ benchmark }: { benchmark: ReportBenchmark }) {
  const t = useT();
  const group = benchmark.group;
  return (
    <section className="report-section report-benchmark" aria-labelledby="benchmark-title">
      <div className="report-keep">
        <h2 id="benchmark-title">{t("benchmark.report.title")}</h2>
        <p className="muted">{t("benchmark.report.lead")}</p>
        {group ? <GroupText benchmark={benchmark} group={group} /> : null}
      </div>
      {group ? (
        <>
          <ItemsTable benchmark={benchmark} />
          <p className="muted small">
            {t("benchmark.report.gapLead")} {t("benchmark.table.bandNote", { min: benchmark.quantileMinN })}
          </p>
          <LevelsTable benchmark={benchmark} levels={group.levels} />
          <p className="muted small">
            {t("benchmark.report.protection", {
              min: benchmark.quantileMinN,
              k: benchmark.minGroup,
            })}{" "}
            {t("benchmark.report.otherGroups")}
          </p>
        </>
      ) : (
        <p role="note">
          <strong>{t("benchmark.group.noneTitle")}</strong> {t("benchmark.group.none", { k: benchmark.minGroup })}
        </p>
      )}
    </section>
  );
}

type Group = NonNullable<ReportBenchmark["group"]>;

function GroupText({ benchmark, group }: { benchmark: ReportBenchmark; group: Group }) {
  const t = useT();
  const shown = useShown(benchmark.minGroup);
  const n = shown.count(group.n);
  const overall = benchmark.overallStat;
  const score = displayScore(benchmark.overall, 2);
  const rank = overall.rank;
  const median = shown.median(overall.quantiles);
  return (
    <>
      {group.widened ? (
        <p>
          {t("benchmark.group.fallback", {
            requested: benchmark.requestedLabel,
            k: benchmark.minGroup,
            used: group.label,
            n,
          })}
        </p>
      ) : null}
      <p>
        {t("benchmark.group.summary", { group: group.label, n })}
        {group.containsSynthetic ? ` ${t("benchmark.group.synthetic")}` : null}
      </p>
      <p className="report-benchmark-headline">
        {rank.status === "exact" ? (
          <>
            <strong>{t("benchmark.summary.ahead", { percent: rank.percent })}</strong> {t("benchmark.summary.aheadLong", { score, percent: rank.percent })}
          </>
        ) : rank.status === "band" ? (
          <>
            <strong>
              {t("benchmark.summary.aheadBand", {
                from: rank.from,
                to: rank.to,
              })}
            </strong>{" "}
            {t("benchmark.summary.aheadBandLong", {
              score,
              from: rank.from,
              to: rank.to,
              exactMin: benchmark.exactRankMinN,
            })}
          </>
        ) : (
          t("benchmark.summary.rankHidden", { min: benchmark.quantileMinN })
        )}{" "}
        {t("benchmark.report.median", { median: median ?? t("benchmark.table.tooFew", { k: benchmark.minGroup }) })}
      </p>
    </>
  );
}

interface ItemRow {
  id: string;
  name: string;
  own: number | null;
  stat: Stat;
  kind: "overall" | "dimension" | "capability";
  dimension: string;
}

/** Overall, each dimension and its capabilities; one <tbody> per dimension, kept on one page. */
function ItemsTable({ benchmark }: { benchmark: ReportBenchmark }) {
  const t = useT();
  const rows: ItemRow[] = [
    {
      id: "overall",
      name: t("benchmark.table.overall"),
      own: benchmark.overall,
      stat: benchmark.overallStat,
      kind: "overall",
      dimension: benchmark.dimensions[0]?.id ?? "",
    },
    ...benchmark.dimensions.flatMap((d) => [
      {
        id: d.id,
        name: d.name,
        own: d.own,
        stat: d.stat,
        kind: "dimension" as const,
        dimension: d.id,
      },
      ...d.capabilities.map((c) => ({
        id: c.id,
        name: c.name,
        own: c.own,
        stat: c.stat,
        kind: "capability" as const,
        dimension: d.id,
      })),
    ]),
  ];
  return (
    <table className="report-table report-benchmark-items">
      <caption>{t("benchmark.report.itemsTitle")}</caption>
      <colgroup>
        <col className="col-item" />
        <col span={5} className="col-score" />
        <col className="col-rank" />
        <col className="col-gap" />
        <col className="col-n" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{t("benchmark.table.item")}</th>
          <th scope="col" className="num">
            {t("benchmark.table.own")}
          </th>
          <th scope="col" className="num">
            {t("benchmark.table.p25")}
          </th>
          <th scope="col" className="num">
            {t("benchmark.table.median")}
          </th>
          <th scope="col" className="num">
            {t("benchmark.table.p75")}
          </th>
          <th scope="col" className="num">
            {t("benchmark.table.p90")}
          </th>
          <th scope="col">{t("benchmark.table.rank")}</th>
          <th scope="col" className="num">
            {t("benchmark.report.gap")}
          </th>
          <th scope="col" className="num">
            {t("benchmark.table.n")}
          </th>
        </tr>
      </thead>
      {/* Printed, each dimension's first and last rows stay together (report/row-groups.ts). */}
      {runsBy(rows, (row) => row.dimension).flatMap((dimension) =>
        headAndTail(dimension.rows).map((group) => (
          <tbody key={group.rows[0]!.id} className={group.keep ? "report-keep-rows" : undefined}>
            {group.rows.map((row) => (
              <ItemLine key={row.id} row={row} minGroup={benchmark.minGroup} />
            ))}
          </tbody>
        ))
      )}
    </table>
  );
}

function ItemLine({ row, minGroup }: { row: ItemRow; minGroup: number }) {
  const t = useT();
  const shown = useShown(minGroup);
  const score = (value: number | null) => (value === null ? "—" : displayScore(value, 2));
  const q = row.stat.quantiles;
  // The page's "ahead of 68 % of peers", shortened to fit a column of an A4 table.
  const rank = (published: Stat["rank"]) =>
    published.status === "exact"
      ? t("benchmark.report.rank", { percent: published.percent })
      : published.status === "band"
      ? t("benchmark.report.rankBand", { from: published.from, to: published.to })
      : "—";
  return (
    <tr className={row.kind === "capability" ? undefined : "report-benchmark-head"}>
      <th scope="row" className={row.kind === "capability" ? "report-indent" : undefined}>
        {row.kind === "dimension" ? <span className={`dot dim-${row.id}`} aria-hidden="true" /> : null} {row.name}
      </th>
      <td className="num">{score(row.own)}</td>
      {q.status === "suppressed" ? (
        <td colSpan={7} className="muted">
          {t("benchmark.table.tooFew", { k: minGroup })}
        </td>
      ) : (
        <>
          <td className="num">{q.status === "ok" ? score(q.p25) : "—"}</td>
          <td className="num">{shown.median(q)}</td>
          <td className="num">{q.status === "ok" ? score(q.p75) : "—"}</td>
          <td className="num">{q.status === "ok" ? score(q.p90) : "—"}</td>
          <td>{rank(row.stat.rank)}</td>
          <td className="num">
            <Gap gap={peerGap(q, row.own)} />
          </td>
          <td className="num">{shown.count(row.stat.n)}</td>
        </>
      )}
    </tr>
  );
}

/** Own score against the published median in words ("领先 0.15" / "落后 0.42"), the results page's convention. */
function Gap({ gap }: { gap: number | null }) {
  return gap === null ? <>—</> : <PeerGap value={differenceFromGap(gap)} />;
}

function LevelsTable({ benchmark, levels }: { benchmark: ReportBenchmark; levels: Group["levels"] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <table className="report-table report-benchmark-levels">
      <caption>{t("benchmark.report.levelsTitle")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("benchmark.levels.level")}</th>
          <th scope="col" className="num">
            {t("benchmark.levels.count")}
          </th>
          <th scope="col" className="num">
            {t("benchmark.levels.share")}
          </th>
        </tr>
      </thead>
      <tbody className="report-keep-rows">
        {levelRows(benchmark.levels, levels, benchmark.level).map((row) => (
          <tr key={row.name} className={row.own ? "report-own-row" : undefined}>
            <th scope="row">
              {row.fullName}
              {row.own ? <span className="report-own-mark"> · {t("benchmark.levels.yours")}</span> : null}
            </th>
            <td className={row.count === null ? "num muted" : "num"}>{row.count === null ? t("benchmark.table.fewerThan", { k: benchmark.minGroup }) : formatNumber(locale, row.count)}</td>
            <td className="num">{row.share === null ? "—" : `${formatNumber(locale, row.share)}%`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
