/**
 * The authority overview (issue 12): participation by year, level distribution, dimension medians and
 * the trend across years of the factories inside the jurisdiction, filtered by industry, region, size
 * and year. Only published values (app/domain/disclosure) reach this page; the tables are the ones
 * the CSV/XLSX exports write. Model: app/models/sector/overview.server.ts.
 */
import { useLoaderData } from "@remix-run/react";
import { CartesianGrid, Line, LineChart, XAxis, YAxis } from "recharts";
import { DIMENSION_COLORS } from "~/components/charts";
import { ChartLegend, LevelDistribution } from "~/components/sector/level-bars";
import { SectorErrorBoundary, SectorPage } from "~/components/sector/page";
import { SectorTableView } from "~/components/sector/table-view";
import { cellScore, formatScore, SUPPRESSED_MARK } from "~/domain/sector/cells";
import type { SectorHeadline } from "~/domain/sector/build";
import type { SectorTable } from "~/domain/sector/table";
import { findTable } from "~/domain/sector/view";
import { requireSectorFilters } from "~/models/sector/common.server";
import { loadOverview } from "~/models/sector/overview.server";
import { guard } from "~/utils/guard.server";
import { formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

export const loader = /* @__PURE__ */ guard(
  { jurisdiction: "sector:read" },
  async ({ request, org, jurisdiction, t, locale, can }) => {
    const filters = requireSectorFilters(request, jurisdiction, t);
    const view = await loadOverview(jurisdiction, filters, t, locale);
    return { orgId: org.id, canExport: can("sector:export"), ...view };
  }
);

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

const TREND_WIDTH = 720;
const TREND_HEIGHT = 300;

function Figure({
  label,
  value,
  n,
}: {
  label: string;
  value: string | null;
  n: string | null;
}) {
  const t = useT();
  return (
    <div className="sector-figure">
      <dt>{label}</dt>
      <dd>
        <span className="sector-figure-value">{value ?? SUPPRESSED_MARK}</span>
        {value === null ? (
          <span className="visually-hidden">
            {t("sector.common.notListed")}
          </span>
        ) : null}
        {n !== null ? (
          <span className="sector-figure-n">
            {t("sector.overview.nOf", { n })}
          </span>
        ) : null}
      </dd>
    </div>
  );
}

function Headline({ headline }: { headline: SectorHeadline }) {
  const t = useT();
  const locale = useLocale();
  const count = (value: SectorHeadline["participating"]) =>
    value.status === "ok" ? formatNumber(locale, value.value) : null;
  const median = headline.overallMedian;
  const medianText =
    median.status === "ok"
      ? formatScore(median.p50)
      : median.status === "band"
      ? t("sector.overview.bandValue", {
          from: formatScore(median.medianFrom),
          to: formatScore(median.medianTo),
        })
      : null;
  return (
    <section className="card" aria-labelledby="sector-headline-title">
      <h2 id="sector-headline-title">{t("sector.overview.headlineTitle")}</h2>
      <dl className="sector-headline">
        <Figure
          label={t("sector.overview.participating")}
          value={count(headline.participating)}
          n={null}
        />
        <Figure
          label={t("sector.overview.registered")}
          value={count(headline.registered)}
          n={null}
        />
        <Figure
          label={t("sector.overview.participationShare")}
          value={
            headline.participationShare.status === "ok"
              ? `${headline.participationShare.percent}%`
              : null
          }
          n={count(headline.registered)}
        />
        <Figure
          label={t("sector.overview.overallMedian")}
          value={medianText}
          n={count(headline.participating)}
        />
      </dl>
    </section>
  );
}

/** The level shares of the whole filtered group, from the levels table (null where suppressed). */
function levelShares(table: SectorTable): (number | null)[] {
  return table.rows.map((row) => {
    const cell = row[2];
    return cell?.kind === "share" && cell.value.status === "ok"
      ? cell.value.percent
      : null;
  });
}

/** Medians per year as lines; the table below the chart holds the same values. */
function Trend({ table, data }: { table: SectorTable; data: Data }) {
  const t = useT();
  const scoreColumns = table.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.key.startsWith("median_"));
  const points = table.rows.map((row) => {
    const [period] = row;
    const point: Record<string, string | number | null> = {
      period: period?.kind === "label" ? period.label : "",
    };
    for (const { column, index } of scoreColumns)
      point[column.key] = cellScore(row[index]);
    return point;
  });
  const lines = scoreColumns.map(({ column }) =>
    column.key === "median_overall"
      ? { key: column.key, name: t("sector.common.overall"), color: "#1b2430" }
      : {
          key: column.key,
          name: column.label,
          color:
            DIMENSION_COLORS[column.key.replace(/^median_/, "")] ?? "#566275",
        }
  );
  return (
    <SectorTableView
      table={table}
      orgId={data.orgId}
      meta={data.meta}
      canExport={data.canExport}
    >
      {points.length > 1 ? (
        <figure className="chart">
          <ChartLegend entries={lines} />
          <div
            className="chart-canvas"
            style={{
              maxWidth: TREND_WIDTH,
              aspectRatio: `${TREND_WIDTH} / ${TREND_HEIGHT}`,
            }}
            aria-hidden="true"
          >
            <LineChart
              width={TREND_WIDTH}
              height={TREND_HEIGHT}
              data={points}
              margin={{ left: 0, right: 24, top: 8, bottom: 8 }}
            >
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="period" />
              <YAxis domain={[0, 5]} tickCount={6} />
              {lines.map((line) => (
                <Line
                  key={line.key}
                  type="monotone"
                  dataKey={line.key}
                  name={line.name}
                  stroke={line.color}
                  strokeWidth={line.key === "median_overall" ? 3 : 2}
                  dot
                  isAnimationActive={false}
                  connectNulls
                />
              ))}
            </LineChart>
          </div>
          <figcaption>{t("sector.overview.trendChart")}</figcaption>
        </figure>
      ) : null}
    </SectorTableView>
  );
}

export default function SectorOverview() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { meta, tables } = data;
  const levels = findTable(tables, "levels");
  const view = (id: string) => {
    const table = findTable(tables, id);
    return table ? (
      <SectorTableView
        key={id}
        table={table}
        orgId={data.orgId}
        meta={meta}
        canExport={data.canExport}
      />
    ) : null;
  };
  const trend = findTable(tables, "trend");
  return (
    <SectorPage
      orgId={data.orgId}
      meta={meta}
      title={t("sector.overview.title")}
      lead={t("sector.overview.lead", {
        jurisdiction: meta.jurisdiction.industryName
          ? `${meta.jurisdiction.regionName} · ${meta.jurisdiction.industryName}`
          : meta.jurisdiction.regionName,
        k: meta.minGroup,
      })}
    >
      <Headline headline={data.headline} />
      {levels ? (
        <SectorTableView
          table={levels}
          orgId={data.orgId}
          meta={meta}
          canExport={data.canExport}
        >
          <LevelDistribution
            shares={levelShares(levels)}
            levelNames={meta.levelNames}
            caption={t("sector.overview.levelsChart")}
          />
        </SectorTableView>
      ) : null}
      {view("dimension-medians")}
      {trend ? <Trend table={trend} data={data} /> : null}
      {view("participation")}
    </SectorPage>
  );
}

export function ErrorBoundary() {
  return <SectorErrorBoundary />;
}
