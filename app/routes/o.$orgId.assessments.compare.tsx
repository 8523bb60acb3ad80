/**
 * Two submitted assessments of this organisation side by side (GET ?a=<id>&b=<id>, from the form
 * on the assessments list): overall score, level, every dimension and capability with the change
 * B − A. Items are matched by id, so assessments on different questionnaire versions still compare;
 * an item missing from one version shows "—".
 */
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { ChartFigure, DimensionRadar } from "~/components/charts";
import { Change } from "~/components/difference";
import { displayScore } from "~/domain/scoring";
import { compareQuerySchema } from "~/forms/assessment";
import { assessmentReport, type AssessmentReport } from "~/models/assessment-report.server";
import { guard } from "~/utils/guard.server";
import { httpError } from "~/utils/http.server";
import { formatDateTime, isMessageKey } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

/** A score as shown (cut down to two decimals), "insufficient" when not scored, "missing" when the version has no such item. */
export type CompareScore = number | "insufficient" | "missing";

export interface CompareRow {
  id: string;
  name: string;
  dimensionId: string;
  a: CompareScore;
  b: CompareScore;
  /** B − A of the shown scores; null when either side has no score. */
  delta: number | null;
}

const shown = (score: number | null): number | "insufficient" => (score === null ? "insufficient" : Number(displayScore(score, 2)));

function difference(a: CompareScore, b: CompareScore): number | null {
  return typeof a === "number" && typeof b === "number" ? Math.round((b - a) * 100) / 100 : null;
}

/** Rows in A's order, then the items only B has. */
function compareRows<T extends { id: string; name: string; score: number | null }>(a: T[], b: T[], dimensionOf: (item: T) => string): CompareRow[] {
  const byIdB = new Map(b.map((item) => [item.id, item]));
  const idsA = new Set(a.map((item) => item.id));
  const rows: CompareRow[] = a.map((itemA) => {
    const itemB = byIdB.get(itemA.id);
    const scoreA = shown(itemA.score);
    const scoreB: CompareScore = itemB ? shown(itemB.score) : "missing";
    return { id: itemA.id, name: itemB?.name ?? itemA.name, dimensionId: dimensionOf(itemA), a: scoreA, b: scoreB, delta: difference(scoreA, scoreB) };
  });
  for (const itemB of b) {
    if (idsA.has(itemB.id)) continue;
    rows.push({ id: itemB.id, name: itemB.name, dimensionId: dimensionOf(itemB), a: "missing", b: shown(itemB.score), delta: null });
  }
  return rows;
}

function side(report: AssessmentReport) {
  return { id: report.id, period: report.period, label: report.label, short: report.shortLabel, version: report.version, submittedAt: report.submittedAt, level: report.level, levelName: report.levelName };
}

export const loader = /* @__PURE__ */ guard("assessment:read", async ({ request, org, locale, t }) => {
  const url = new URL(request.url);
  const query = compareQuerySchema.safeParse({ a: url.searchParams.get("a") ?? undefined, b: url.searchParams.get("b") ?? undefined });
  if (!query.success) {
    const message = query.error.issues[0]?.message;
    httpError(400, message && isMessageKey(message) ? t(message) : t("assessment.errors.compareInvalid"));
  }
  const [outcomeA, outcomeB] = await Promise.all([assessmentReport(org.id, query.data.a, locale), assessmentReport(org.id, query.data.b, locale)]);
  if (outcomeA.status === "not-found" || outcomeB.status === "not-found") httpError(404, t("errors.notFoundText"));
  if (outcomeA.status === "not-submitted" || outcomeB.status === "not-submitted") httpError(409, t("assessment.errors.compareDraft"));
  const a = outcomeA.report;
  const b = outcomeB.report;

  const overallA = Number(displayScore(a.overall, 2));
  const overallB = Number(displayScore(b.overall, 2));
  // B's names win (the newer wording when the versions differ).
  const dimensionNames = new Map([...a.dimensions, ...b.dimensions].map((d) => [d.id, d.name] as const));
  return {
    orgId: org.id,
    a: side(a),
    b: side(b),
    overall: { a: overallA, b: overallB, delta: difference(overallA, overallB) },
    level: { a: a.level, b: b.level, delta: b.level - a.level },
    dimensions: compareRows(a.dimensions, b.dimensions, (d) => d.id),
    capabilities: compareRows(a.capabilities, b.capabilities, (c) => c.dimensionId),
    dimensionNames: Object.fromEntries(dimensionNames),
  };
});

export default function Compare() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const label = (s: typeof data.a) => t("assessment.compareView.assessmentLabel", { label: s.short, date: formatDateTime(locale, s.submittedAt) });
  const columnA = t("assessment.compareView.columnA", { label: data.a.short });
  const columnB = t("assessment.compareView.columnB", { label: data.b.short });
  const radarAxes = data.dimensions.map((d) => ({ id: d.id, name: d.name }));
  const radarValues = (key: "a" | "b") => Object.fromEntries(data.dimensions.map((d) => [d.id, typeof d[key] === "number" ? d[key] : null]));

  return (
    <>
      <div className="page-header">
        <h1>{t("assessment.compareView.title", { a: data.a.label, b: data.b.label })}</h1>
        <p>{t("assessment.compareView.lead", { a: label(data.a), b: label(data.b) })}</p>
        <p className="actions">
          <Link className="button button-ghost" to={`/o/${data.orgId}/assessments`}>
            {t("assessment.compareView.backToList")}
          </Link>
          <Link className="button" to={`/o/${data.orgId}/assessments/${data.a.id}/results`}>
            {columnA}
          </Link>
          <Link className="button" to={`/o/${data.orgId}/assessments/${data.b.id}/results`}>
            {columnB}
          </Link>
        </p>
      </div>

      {data.a.version !== data.b.version ? (
        <div className="alert alert-info" role="note">
          {t("assessment.compareView.versionsDiffer", { a: data.a.version, b: data.b.version })}
        </div>
      ) : null}

      <section className="card" aria-labelledby="compare-summary-title">
        <h2 id="compare-summary-title">{t("assessment.compareView.summaryTitle")}</h2>
        <div className="table-wrap">
          <table className="compare-table">
            <CompareHead first={t("assessment.compareView.item")} columnA={columnA} columnB={columnB} />
            <tbody>
              <tr>
                <th scope="row">{t("assessment.results.overall")}</th>
                <td className="num">{data.overall.a.toFixed(2)}</td>
                <td className="num">{data.overall.b.toFixed(2)}</td>
                <td className="num">
                  <Delta delta={data.overall.delta} />
                </td>
              </tr>
              <tr>
                <th scope="row">{t("assessment.results.level")}</th>
                <td className="num">
                  L{data.level.a} {data.a.levelName}
                </td>
                <td className="num">
                  L{data.level.b} {data.b.levelName}
                </td>
                <td className="num">
                  <Delta delta={data.level.delta} decimals={0} />
                </td>
              </tr>
              <tr>
                <th scope="row">{t("assessment.columns.version")}</th>
                <td className="num">{data.a.version}</td>
                <td className="num">{data.b.version}</td>
                <td className="num" />
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <div className="grid charts-grid">
        <section className="card" aria-labelledby="compare-dimensions-title">
          <h2 id="compare-dimensions-title">{t("assessment.results.dimensionsTitle")}</h2>
          <div className="table-wrap">
            <CompareTable rows={data.dimensions} header={t("assessment.results.dimension")} columnA={columnA} columnB={columnB} />
          </div>
        </section>
        <section className="card" aria-labelledby="compare-radar-title">
          <h2 id="compare-radar-title">{t("assessment.compareView.radarTitle")}</h2>
          <ChartFigure
            caption={t("assessment.compareView.radarCaption")}
            tableSummary={t("assessment.results.tableSummary")}
            width={560}
            height={320}
            table={<CompareTable rows={data.dimensions} header={t("assessment.results.dimension")} columnA={columnA} columnB={columnB} />}
          >
            {/* Wider than tall: room for the long English axis labels left and right. */}
            <DimensionRadar
              width={560}
              height={320}
              axes={radarAxes}
              series={[
                { key: "a", name: columnA, color: "#c2621a", values: radarValues("a") },
                { key: "b", name: columnB, color: "#0b5cad", values: radarValues("b") },
              ]}
            />
          </ChartFigure>
        </section>
      </div>

      <section className="card" aria-labelledby="compare-capabilities-title">
        <h2 id="compare-capabilities-title">{t("assessment.results.capabilitiesTitle")}</h2>
        <div className="table-wrap">
          <CompareTable rows={data.capabilities} header={t("assessment.results.capability")} columnA={columnA} columnB={columnB} groups={data.dimensionNames} />
        </div>
      </section>
    </>
  );
}

function CompareHead({ first, columnA, columnB }: { first: string; columnA: string; columnB: string }) {
  const t = useT();
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col" className="num">
          {columnA}
        </th>
        <th scope="col" className="num">
          {columnB}
        </th>
        <th scope="col" className="num">
          {t("assessment.compareView.change")}
        </th>
      </tr>
    </thead>
  );
}

function CompareTable({ rows, header, columnA, columnB, groups }: { rows: CompareRow[]; header: string; columnA: string; columnB: string; groups?: Record<string, string> }) {
  return (
    <table className="compare-table">
      <CompareHead first={header} columnA={columnA} columnB={columnB} />
      <tbody>
        {rows.map((row, index) => (
          <Fragment key={row.id}>
            {groups && (index === 0 || rows[index - 1]!.dimensionId !== row.dimensionId) ? (
              <tr className="compare-group">
                <th scope="colgroup" colSpan={4}>
                  <span className={`dot dim-${row.dimensionId}`} aria-hidden="true" /> {groups[row.dimensionId] ?? row.dimensionId}
                </th>
              </tr>
            ) : null}
            <tr>
              <th scope="row">
                {groups ? null : <span className={`dot dim-${row.dimensionId}`} aria-hidden="true" />} {row.name}
              </th>
              <td className="num">
                <Score value={row.a} />
              </td>
              <td className="num">
                <Score value={row.b} />
              </td>
              <td className="num">
                <Delta delta={row.delta} />
              </td>
            </tr>
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

function Score({ value }: { value: CompareScore }) {
  const t = useT();
  if (value === "missing") {
    return (
      <span title={t("assessment.compareView.notInVersion")}>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{t("assessment.compareView.notInVersion")}</span>
      </span>
    );
  }
  if (value === "insufficient") return <span className="muted">{t("assessment.results.insufficient")}</span>;
  return <>{value.toFixed(2)}</>;
}

/** B − A in words and colour, the convention of every difference (components/difference.tsx). */
function Delta({ delta, decimals = 2 }: { delta: number | null; decimals?: number }) {
  if (delta === null) return <span className="muted">—</span>;
  return <Change later={delta} earlier={0} decimals={decimals} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
