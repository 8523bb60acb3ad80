/**
 * Peer benchmark of a submitted assessment: percentile ranks, peer quartiles, P90 and the level
 * distribution over a peer group chosen with GET filters (industry, region, size), widened along
 * the documented fallback hierarchy when the group has fewer than k factories. See docs/benchmarking.md.
 */
import { Form, isRouteErrorResponse, Link, useLoaderData, useLocation, useRouteError } from "@remix-run/react";
import { Bar, BarChart, CartesianGrid, Cell, ComposedChart, LabelList, Legend, Scatter, XAxis, YAxis } from "recharts";
import { ChartFigure, DimensionRadar } from "~/components/charts";
import { IndustryOptions, RegionOptions } from "~/components/reference-options";
import { parseBenchmarkFilters, requestedGroup } from "~/domain/benchmark/filters";
import { ALL, industryParam, regionParam, sizeParam, type FallbackStep, type PeerGroupSpec } from "~/domain/benchmark/groups";
import { displayPercent, type ItemBenchmark } from "~/domain/benchmark/statistics";
import { questionnaireView } from "~/domain/questionnaire/view";
import { findIndustry, findIndustryCategory, INDUSTRY_CATEGORIES } from "~/domain/reference/industries";
import { regionLabel } from "~/domain/reference/regions";
import { SIZE_BANDS } from "~/domain/reference/size-band";
import { displayScore } from "~/domain/scoring";
import { loadQuestionnaireVersion } from "~/models/assessment.server";
import { loadBenchmark } from "~/models/benchmark.server";
import { guard } from "~/utils/guard.server";
import { httpError, uuidParam } from "~/utils/http.server";
import { formatDate, formatNumber, type AppLocale, type Translate } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

type Stat = { status: "ok"; n: number; p25: number; p50: number; p75: number; p90: number; rank: number | null } | { status: "too-few-peers" };

function stat(item: ItemBenchmark | undefined): Stat {
  if (!item || item.status !== "ok") return { status: "too-few-peers" };
  return { status: "ok", n: item.n, p25: item.p25, p50: item.p50, p75: item.p75, p90: item.p90, rank: item.percentileRank };
}

function groupLabel(spec: PeerGroupSpec, t: Translate, locale: AppLocale): string {
  const name = (entry: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? entry.nameZh : entry.nameEn);
  const industry =
    spec.industry.kind === "all"
      ? t("benchmark.filters.allIndustries")
      : spec.industry.kind === "category"
        ? name(findIndustryCategory(spec.industry.category))
        : `${spec.industry.code} ${name(findIndustry(spec.industry.code)!)}`;
  const region = spec.region.kind === "all" ? t("benchmark.group.nationwide") : regionLabel(spec.region.code, locale);
  const size = spec.size.kind === "all" ? t("benchmark.group.allSizes") : t("benchmark.group.sizeBand", { band: t(`sizeBand.${spec.size.band}`) });
  return [industry, region, size].join(" · ");
}

function stepLabel(step: FallbackStep, spec: PeerGroupSpec, t: Translate, locale: AppLocale): string {
  if (step === "region") return t("benchmark.group.step.region", { region: spec.region.kind === "all" ? t("benchmark.group.nationwide") : regionLabel(spec.region.code, locale) });
  if (step === "industry-category" && spec.industry.kind === "category") {
    const category = findIndustryCategory(spec.industry.category);
    return t("benchmark.group.step.industry-category", { category: locale === "zh-CN" ? category.nameZh : category.nameEn });
  }
  return t(`benchmark.group.step.${step}`);
}

export const loader = /* @__PURE__ */ guard("assessment:read", async ({ request, params, org, t, locale }) => {
  const assessmentId = uuidParam(params, "assessmentId", t);
  const parsed = parseBenchmarkFilters(new URL(request.url).searchParams);
  if (!parsed.ok) httpError(400, t(`benchmark.errors.${parsed.field}`, { code: parsed.code }));
  const outcome = await loadBenchmark(org.id, assessmentId, (own) => requestedGroup(parsed.filters, own));
  if (outcome.status === "not-found") httpError(404, t("errors.notFoundText"));
  if (outcome.status === "not-submitted") httpError(409, t("benchmark.errors.notSubmitted"));
  const { subject, requested, group, items, minGroup } = outcome.benchmark;
  const { questionnaire } = await loadQuestionnaireVersion(subject.questionnaireVersionId);
  const view = questionnaireView(questionnaire, locale);
  const byId = new Map(items.map((item) => [`${item.itemType}/${item.itemId}`, item]));
  const ownItem = new Map(subject.items.map((item) => [item.itemId, item.score]));
  const used = group.used;
  return {
    orgId: org.id,
    assessmentId,
    period: subject.period,
    submittedAt: subject.submittedAt.toISOString(),
    level: subject.level,
    overall: subject.overall,
    minGroup,
    /** The factory's own codes, to mark "(yours)" in the filter lists. */
    own: { industry: subject.snapshot.industryCode, region: subject.snapshot.regionCode, size: subject.snapshot.sizeBand },
    selected: { industry: industryParam(requested.industry), region: regionParam(requested.region), size: sizeParam(requested.size) },
    requestedLabel: groupLabel(requested, t, locale),
    group: used
      ? {
          label: groupLabel(used.spec, t, locale),
          n: used.n,
          levelCounts: used.levelCounts,
          synthetic: used.synthetic,
          widened: used.step !== null,
          steps: [...group.skipped.slice(1), used].map((candidate) => (candidate.step ? stepLabel(candidate.step, candidate.spec, t, locale) : "")).filter(Boolean),
        }
      : null,
    levels: [{ level: 0, name: view.belowFirstLevel }, ...view.levels.map((level) => ({ level: level.level, name: level.name }))],
    overallStat: stat(byId.get("OVERALL/overall")),
    dimensions: view.dimensions.map((dimension) => ({
      id: dimension.id,
      name: dimension.name,
      own: ownItem.get(dimension.id) ?? null,
      stat: stat(byId.get(`DIMENSION/${dimension.id}`)),
      capabilities: dimension.capabilities.map((capability) => ({
        id: capability.id,
        name: capability.name,
        own: ownItem.get(capability.id) ?? null,
        stat: stat(byId.get(`CAPABILITY/${capability.id}`)),
      })),
    })),
  };
});

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function Benchmark() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/o/${data.orgId}/assessments/${data.assessmentId}`;
  return (
    <>
      <div className="page-header results-header">
        <div>
          <h1>{t("benchmark.title")}</h1>
          <p>{t("benchmark.lead", { period: data.period, date: formatDate(locale, data.submittedAt) })}</p>
        </div>
        <div className="actions">
          <Link className="button button-ghost" to={`${base}/results`}>
            {t("benchmark.backToResults")}
          </Link>
        </div>
      </div>
      <Filters data={data} />
      <GroupNotice data={data} />
      {data.group ? <BenchmarkBody data={data} group={data.group} /> : null}
      <section className="card" aria-labelledby="method-title">
        <h2 id="method-title">{t("benchmark.method.title")}</h2>
        <ul className="small">
          <li>{t("benchmark.method.rank")}</li>
          <li>{t("benchmark.method.quantiles")}</li>
          <li>{t("benchmark.method.privacy", { k: data.minGroup })}</li>
        </ul>
      </section>
    </>
  );
}

function Filters({ data }: { data: Data }) {
  const t = useT();
  const locale = useLocale();
  const own = t("benchmark.filters.own");
  const name = (entry: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? entry.nameZh : entry.nameEn);
  // key: a new search remounts the form, so the selects show what the page shows.
  const key = `${data.selected.industry}/${data.selected.region}/${data.selected.size}`;
  return (
    <section className="card" aria-labelledby="filters-title">
      <h2 id="filters-title">{t("benchmark.filters.title")}</h2>
      <Form method="get" key={key} className="benchmark-filters">
        <div className="form-grid">
          <div className="field">
            <label htmlFor="benchmark-industry">{t("benchmark.filters.industry")}</label>
            <select id="benchmark-industry" name="industry" defaultValue={data.selected.industry}>
              <option value={ALL}>{t("benchmark.filters.allIndustries")}</option>
              <optgroup label={t("benchmark.filters.categories")}>
                {INDUSTRY_CATEGORIES.map((category) => (
                  <option key={category.id} value={category.id}>
                    {name(category)}
                  </option>
                ))}
              </optgroup>
              <IndustryOptions locale={locale} />
            </select>
            <p className="field-hint">{t("benchmark.filters.ownValue", { value: `${data.own.industry} ${name(findIndustry(data.own.industry)!)}` })}</p>
          </div>
          <div className="field">
            <label htmlFor="benchmark-region">{t("benchmark.filters.region")}</label>
            <select id="benchmark-region" name="region" defaultValue={data.selected.region}>
              <option value={ALL}>{t("benchmark.filters.allRegions")}</option>
              <RegionOptions locale={locale} />
            </select>
            <p className="field-hint">{t("benchmark.filters.ownValue", { value: regionLabel(data.own.region, locale) })}</p>
          </div>
          <div className="field">
            <label htmlFor="benchmark-size">{t("benchmark.filters.size")}</label>
            <select id="benchmark-size" name="size" defaultValue={data.selected.size}>
              <option value={ALL}>{t("benchmark.filters.allSizes")}</option>
              {SIZE_BANDS.map((band) => (
                <option key={band} value={band}>
                  {t(`sizeBand.${band}`)}
                  {band === data.own.size ? own : ""}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="muted small">{t("benchmark.filters.defaultHint")}</p>
        <div className="actions">
          <button type="submit" className="button button-primary">
            {t("benchmark.filters.apply")}
          </button>
          <Link to="." className="button button-ghost">
            {t("benchmark.filters.reset")}
          </Link>
        </div>
      </Form>
    </section>
  );
}

function GroupNotice({ data }: { data: Data }) {
  const t = useT();
  const locale = useLocale();
  const group = data.group;
  if (!group) {
    return (
      <div className="alert alert-warning" role="status">
        <strong>{t("benchmark.group.noneTitle")}</strong> {t("benchmark.group.none", { k: data.minGroup })}
      </div>
    );
  }
  const n = formatNumber(locale, group.n);
  return (
    <>
      {group.widened ? (
        <div className="alert alert-warning benchmark-fallback" role="status">
          <p>
            <strong>{t("benchmark.group.fallbackTitle")}</strong>
          </p>
          <p>{t("benchmark.group.fallback", { requested: data.requestedLabel, k: data.minGroup, used: group.label, n })}</p>
          <p className="small">
            {t("benchmark.group.fallbackSteps")} {group.steps.join(" → ")}
          </p>
        </div>
      ) : null}
      <div className="alert alert-info benchmark-group" role="status">
        {t("benchmark.group.summary", { group: group.label, n })}
        {group.synthetic > 0 ? (
          <>
            {" "}
            <span className="badge">{t("benchmark.group.synthetic", { count: formatNumber(locale, group.synthetic) })}</span>
          </>
        ) : null}
      </div>
    </>
  );
}

const OWN_COLOR = "#b42318";
const MEDIUM_COLOR = "#1b2430";
const P90_COLOR = "#0f8a6a";
const BOX_COLOR = "#b5d0ee";

function BenchmarkBody({ data, group }: { data: Data; group: NonNullable<Data["group"]> }) {
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

const RANGE_WIDTH = 520;
const RANGE_HEIGHT = 320;

function DimensionRanges({ dimensions }: { dimensions: Data["dimensions"] }) {
  const t = useT();
  const rows = dimensions.map((d) => ({
    name: d.name,
    base: d.stat.status === "ok" ? d.stat.p25 : null,
    box: d.stat.status === "ok" ? d.stat.p75 - d.stat.p25 : null,
    median: d.stat.status === "ok" ? d.stat.p50 : null,
    p90: d.stat.status === "ok" ? d.stat.p90 : null,
    own: d.own,
  }));
  return (
    <ComposedChart width={RANGE_WIDTH} height={RANGE_HEIGHT} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
      <YAxis domain={[0, 5]} tickCount={6} />
      <Bar dataKey="base" stackId="range" fill="transparent" legendType="none" isAnimationActive={false} />
      <Bar dataKey="box" stackId="range" name="P25–P75" fill={BOX_COLOR} barSize={36} isAnimationActive={false} />
      <Scatter dataKey="median" name={t("benchmark.table.median")} fill={MEDIUM_COLOR} shape="square" isAnimationActive={false} />
      <Scatter dataKey="p90" name="P90" fill={P90_COLOR} shape="triangle" isAnimationActive={false} />
      <Scatter dataKey="own" name={t("benchmark.radar.own")} fill={OWN_COLOR} shape="diamond" isAnimationActive={false} />
      <Legend />
    </ComposedChart>
  );
}

const LEVELS_WIDTH = 640;
const LEVELS_HEIGHT = 280;

function levelRows(data: Data, group: NonNullable<Data["group"]>) {
  return data.levels.map((level) => ({
    name: `L${level.level}`,
    fullName: `L${level.level} ${level.name}`,
    count: group.levelCounts[level.level] ?? 0,
    share: Math.round((1000 * (group.levelCounts[level.level] ?? 0)) / group.n) / 10,
    own: level.level === data.level,
  }));
}

function LevelDistribution({ data, group }: { data: Data; group: NonNullable<Data["group"]> }) {
  const rows = levelRows(data, group);
  return (
    <BarChart width={LEVELS_WIDTH} height={LEVELS_HEIGHT} data={rows} margin={{ top: 24, right: 16, bottom: 8, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="fullName" interval={0} tick={{ fontSize: 12 }} />
      <YAxis unit="%" domain={[0, 100]} tickCount={6} />
      <Bar dataKey="share" isAnimationActive={false}>
        {rows.map((row) => (
          <Cell key={row.name} fill={row.own ? OWN_COLOR : "#9aa8b9"} />
        ))}
        <LabelList dataKey="share" position="top" formatter={(value: number) => `${value}%`} />
      </Bar>
    </BarChart>
  );
}

function LevelTable({ data, group }: { data: Data; group: NonNullable<Data["group"]> }) {
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
          {levelRows(data, group).map((row) => (
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

function RadarTable({ dimensions }: { dimensions: Data["dimensions"] }) {
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

interface StatRow {
  id: string;
  name: string;
  own: number | null;
  stat: Stat;
  capabilities?: { id: string; name: string; own: number | null; stat: Stat }[];
}

/** Own score, quartiles, P90, position, peer gap and n per item; `compact` (under a chart) keeps own score, quartiles, P90 and n. */
function StatTable({ rows, nested = false, compact = false }: { rows: StatRow[]; nested?: boolean; compact?: boolean }) {
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

/** 400 (unknown filter code), 404 and 409 (not submitted) keep the page chrome and offer a way on. */
export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const location = useLocation();
  if (!isRouteErrorResponse(error) || error.status >= 500) {
    if (!isRouteErrorResponse(error)) console.error(error);
    return (
      <section className="error-panel" aria-labelledby="error-title">
        <p className="error-status">500</p>
        <h1 id="error-title">{t("errors.serverTitle")}</h1>
        <p>{t("errors.serverText")}</p>
      </section>
    );
  }
  const payload: unknown = error.data;
  const message = typeof payload === "object" && payload !== null && "message" in payload ? String((payload as { message: unknown }).message) : t("errors.title");
  const title = error.status === 404 ? t("errors.notFoundTitle") : error.status === 400 ? t("errors.badRequestTitle") : error.status === 403 ? t("errors.forbiddenTitle") : t("benchmark.title");
  const assessmentPath = location.pathname.replace(/\/benchmark\/?$/, "");
  return (
    <section className="error-panel" aria-labelledby="error-title">
      <p className="error-status">{error.status}</p>
      <h1 id="error-title">{title}</h1>
      <p role="alert">{message}</p>
      <p className="actions">
        {error.status === 400 ? (
          <Link to={location.pathname} className="button button-primary">
            {t("benchmark.errors.resetFilters")}
          </Link>
        ) : error.status === 409 ? (
          <Link to={assessmentPath} className="button button-primary">
            {t("benchmark.errors.backToAssessment")}
          </Link>
        ) : (
          <Link to="/" className="button button-primary">
            {t("errors.goHome")}
          </Link>
        )}
      </p>
    </section>
  );
}
