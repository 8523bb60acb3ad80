/**
 * Bias view (自评偏差): over this consultancy's latest issued validation of each assessment (live
 * clients only), which dimensions and questions factories rate higher than validated, and by how
 * much. Statistics in app/domain/portfolio/bias.ts; one query in the model.
 */
import { Link, useLoaderData } from "@remix-run/react";
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, XAxis, YAxis } from "recharts";
import { ChartFigure, DIMENSION_COLORS } from "~/components/charts";
import { loadBiasView } from "~/models/portfolio.server";
import { guard } from "~/utils/guard.server";
import { httpError } from "~/utils/http.server";
import { formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

/** The question table lists the largest differences; the rest are rarely actionable. */
const QUESTION_ROWS = 30;

export const loader = /* @__PURE__ */ guard("clients:read", async ({ org, locale, t }) => {
  if (org.kind !== "CONSULTANCY") httpError(404, t("errors.notFoundText"));
  const view = await loadBiasView(org.id, locale);
  return {
    orgId: org.id,
    validations: view.validations,
    dimensions: view.dimensions.map((d) => ({ ...d, name: view.dimensionNames[d.dimensionId] ?? d.dimensionId })),
    questions: view.questions.slice(0, QUESTION_ROWS).map((q) => ({ ...q, label: view.questionLabels[q.questionId] ?? null })),
  };
});

export default function Bias() {
  const { orgId, validations, dimensions, questions } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const signed = (value: number) => formatNumber(locale, value, { signDisplay: "exceptZero", minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const percent = (value: number) => formatNumber(locale, value, { style: "percent", maximumFractionDigits: 0 });
  const dimensionTable = (
    <table className="portfolio-bias">
      <thead>
        <tr>
          <th scope="col">{t("portfolio.bias.dimension")}</th>
          <th scope="col" className="num">
            {t("portfolio.bias.meanDifference")}
          </th>
          <th scope="col" className="num">
            {t("portfolio.bias.n")}
          </th>
        </tr>
      </thead>
      <tbody>
        {dimensions.map((d) => (
          <tr key={d.dimensionId}>
            <th scope="row">
              <span className={`dot dim-${d.dimensionId}`} aria-hidden="true" /> {d.name}
            </th>
            <td className="num">{signed(d.meanDifference)}</td>
            <td className="num">{d.n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      <div className="page-header">
        <h1>{t("portfolio.bias.title")}</h1>
        <p>{t("portfolio.bias.lead")}</p>
        <p className="actions">
          <Link className="button button-ghost" to={`/o/${orgId}/clients`}>
            {t("portfolio.bias.back")}
          </Link>
        </p>
      </div>
      {validations === 0 ? (
        <section className="card">
          <p>{t("portfolio.bias.empty")}</p>
        </section>
      ) : (
        <>
          <p className="muted">{t("portfolio.bias.basis", { count: validations })}</p>
          <section className="card" aria-labelledby="bias-dimensions-title">
            <h2 id="bias-dimensions-title">{t("portfolio.bias.dimensionsTitle")}</h2>
            <ChartFigure caption={t("portfolio.bias.chartCaption")} tableSummary={t("portfolio.bias.tableSummary")} width={560} height={240} table={dimensionTable}>
              <BarChart width={560} height={240} data={dimensions.map((d) => ({ name: d.name, id: d.dimensionId, value: d.meanDifference }))} margin={{ left: 0, right: 16, top: 8, bottom: 8 }}>
                <CartesianGrid vertical={false} strokeDasharray="3 3" />
                <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
                <YAxis tickCount={5} />
                <ReferenceLine y={0} stroke="#3d4756" />
                <Bar dataKey="value" isAnimationActive={false}>
                  {dimensions.map((d) => (
                    <Cell key={d.dimensionId} fill={DIMENSION_COLORS[d.dimensionId] ?? "#566275"} />
                  ))}
                </Bar>
              </BarChart>
            </ChartFigure>
            <div className="table-wrap">{dimensionTable}</div>
          </section>
          <section className="card" aria-labelledby="bias-questions-title">
            <h2 id="bias-questions-title">{t("portfolio.bias.questionsTitle")}</h2>
            <div className="table-wrap">
              <table className="portfolio-bias">
                <thead>
                  <tr>
                    <th scope="col">{t("portfolio.bias.question")}</th>
                    <th scope="col">{t("portfolio.bias.capability")}</th>
                    <th scope="col" className="num">
                      {t("portfolio.bias.meanDifference")}
                    </th>
                    <th scope="col" className="num">
                      {t("portfolio.bias.higherShare")}
                    </th>
                    <th scope="col" className="num">
                      {t("portfolio.bias.lowerShare")}
                    </th>
                    <th scope="col" className="num">
                      {t("portfolio.bias.n")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {questions.map((q) => (
                    <tr key={q.questionId}>
                      <th scope="row">
                        {q.label ? (
                          <>
                            <span className={`dot dim-${q.label.dimensionId}`} aria-hidden="true" /> {q.label.number}. {q.label.title}
                          </>
                        ) : (
                          q.questionId
                        )}
                      </th>
                      <td>{q.label?.capability ?? ""}</td>
                      <td className="num">{signed(q.meanDifference)}</td>
                      <td className="num">{percent(q.higherShare)}</td>
                      <td className="num">{percent(q.lowerShare)}</td>
                      <td className="num">{q.n}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
