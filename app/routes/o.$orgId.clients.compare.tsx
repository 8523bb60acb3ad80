/**
 * Chosen clients side by side (GET ?ids=<factory id>&ids=…, from the checkboxes of the clients
 * table): the latest submitted assessment's dimension scores as a grouped bar chart, with the same
 * numbers as a table. Every id must be a client whose engagement is active now, else 404 — the ids
 * only pick among the consultancy's own live clients (the model starts from the consultancy).
 * Each client shown gets an entry in its audit log.
 */
import { Link, useLoaderData } from "@remix-run/react";
import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from "recharts";
import { ChartFigure } from "~/components/charts";
import { compareChartData, parseCompareIds } from "~/domain/portfolio/compare";
import { displayScore } from "~/domain/scoring";
import { assessmentLabelsByIds } from "~/models/assessment.server";
import { activeClients, auditClients, portfolioDimensions, toCompareClient } from "~/models/portfolio.server";
import { guard } from "~/utils/guard.server";
import { httpError } from "~/utils/http.server";
import { isMessageKey } from "~/utils/i18n";
import { useT } from "~/utils/use-t";

/** Eight distinguishable colours (Okabe–Ito plus two), one per chosen client. */
const CLIENT_COLORS = ["#0b5cad", "#c2621a", "#0f8a6a", "#7a4cc2", "#b8336a", "#5b6b00", "#00838f", "#6d4c41"];

export const loader = /* @__PURE__ */ guard("clients:read", async ({ request, org, auth, locale, t }) => {
  if (org.kind !== "CONSULTANCY") httpError(404, t("errors.notFoundText"));
  const parsed = parseCompareIds(new URL(request.url).searchParams);
  if (!parsed.ok) httpError(400, isMessageKey(parsed.message) ? t(parsed.message) : t("portfolio.errors.compareIds"));
  const records = await activeClients(org.id, parsed.ids);
  // Not a live client of this consultancy (never, ended, expired, or another's): nothing to show.
  if (!records) httpError(404, t("errors.notFoundText"));
  await auditClients(records, { consultancyId: org.id, userId: auth.user.id, userName: auth.user.displayName, action: "portfolio.compare", target: `clients:compare GET /o/${org.id}/clients/compare` });
  // Each client's latest assessment by its edition label (ADR 0022), not the bare year.
  const labels = await assessmentLabelsByIds(records.flatMap((record) => (record.latest ? [record.latest.assessmentId] : [])), locale);
  const clients = records.map((record) => ({ ...toCompareClient(record), label: record.latest ? (labels.get(record.latest.assessmentId) ?? record.latest.period) : null }));
  return { orgId: org.id, clients, dimensions: await portfolioDimensions(locale) };
});

export default function CompareClients() {
  const { orgId, clients, dimensions } = useLoaderData<typeof loader>();
  const t = useT();
  const data = compareChartData(clients, dimensions);
  const width = Math.max(560, dimensions.length * (clients.length * 22 + 40) + 80);
  const score = (value: number | null | undefined) => (value === null || value === undefined ? "—" : displayScore(value, 2));
  const table = (
    <table className="compare-table">
      <thead>
        <tr>
          <th scope="col">{t("portfolio.columns.name")}</th>
          <th scope="col">{t("portfolio.compare.period")}</th>
          <th scope="col" className="num">
            {t("portfolio.compare.level")}
          </th>
          <th scope="col" className="num">
            {t("portfolio.compare.overall")}
          </th>
          {dimensions.map((dimension) => (
            <th key={dimension.id} scope="col" className="num">
              {dimension.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {clients.map((client, index) => (
          <tr key={client.clientId}>
            <th scope="row">
              <span className="dot" style={{ background: CLIENT_COLORS[index] }} aria-hidden="true" /> {client.name}
            </th>
            <td>{client.label ?? t("portfolio.compare.notSubmitted")}</td>
            <td className="num">{client.level === null ? "—" : `L${client.level}`}</td>
            <td className="num">{score(client.overall)}</td>
            {dimensions.map((dimension) => (
              <td key={dimension.id} className="num">
                {score(client.dimensions[dimension.id])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      <div className="page-header">
        <h1>{t("portfolio.compare.title")}</h1>
        <p>{t("portfolio.compare.lead")}</p>
        <p className="actions">
          <Link className="button button-ghost" to={`/o/${orgId}/clients`}>
            {t("portfolio.compare.back")}
          </Link>
        </p>
      </div>
      <section className="card" aria-labelledby="compare-chart-title">
        <h2 id="compare-chart-title">{t("portfolio.compare.chartTitle")}</h2>
        <div className="portfolio-compare-chart">
          <ChartFigure caption={t("portfolio.compare.chartCaption")} tableSummary={t("portfolio.compare.tableSummary")} width={width} height={360} table={<div className="table-wrap">{table}</div>}>
            <BarChart width={width} height={360} data={data} margin={{ left: 0, right: 16, top: 8, bottom: 8 }}>
              <CartesianGrid vertical={false} strokeDasharray="3 3" />
              <XAxis dataKey="dimension" interval={0} tick={{ fontSize: 12 }} />
              <YAxis domain={[0, 5]} tickCount={6} />
              <Legend />
              {clients.map((client, index) => (
                <Bar key={client.clientId} dataKey={`c${index}`} name={client.name} fill={CLIENT_COLORS[index]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ChartFigure>
        </div>
      </section>
      <section className="card" aria-labelledby="compare-table-title">
        <h2 id="compare-table-title">{t("portfolio.compare.tableTitle")}</h2>
        <div className="table-wrap">{table}</div>
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
