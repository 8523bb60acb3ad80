/**
 * Programme readiness (专项就绪度): the share of factories whose overall score meets Zhejiang's
 * thresholds (≥ 2.0 数字化车间/智能工厂, ≥ 3.0 未来工厂), for the jurisdiction and by industry,
 * region and size band. An indication for planning, never a list of eligible firms.
 */
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { PublishedTable, SectorFilterBar, SectorSubnav } from "~/components/sector/published-table";
import { requireSectorFilters } from "~/models/sector/common.server";
import { loadProgrammes } from "~/models/sector/programmes.server";
import { guard } from "~/utils/guard.server";
import { useT } from "~/utils/use-t";

export const loader = /* @__PURE__ */ guard({ jurisdiction: "sector:read" }, async ({ request, jurisdiction, t, locale, org, can }) => {
  const filters = requireSectorFilters(request, jurisdiction, t);
  const view = await loadProgrammes(jurisdiction, filters, t, locale);
  return { orgId: org.id, canExport: can("sector:export"), ...view };
});

export const ErrorBoundary = RouteErrorBoundary;

export default function SectorProgrammes() {
  const { orgId, canExport, meta, tables, headline } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="page-header">
        <h1>{t("sector.programmes.title")}</h1>
        <p>{t("sector.programmes.lead")}</p>
      </div>
      <SectorSubnav orgId={orgId} selected={meta.selected} />
      <SectorFilterBar selected={meta.selected} periods={meta.periods} fixedIndustry={meta.jurisdiction.industryName} />
      {meta.empty ? (
        <div className="card sector-empty" role="status">
          <p>{t("sector.dashboard.noData")}</p>
          <Link to={`/o/${orgId}/sector/programmes`}>{t("sector.filters.reset")}</Link>
        </div>
      ) : (
        <section className="card" aria-labelledby="programme-headline">
          <h2 id="programme-headline">
            {t("sector.programmes.headline")} · {meta.scope} · {meta.period}
          </h2>
          <dl className="sector-programme-headline">
            {headline.map((entry) => (
              <div key={entry.id}>
                <dt>{t(`sector.programmes.threshold.${entry.id}`)}</dt>
                <dd>{entry.share.status === "ok" ? `${entry.share.percent}%` : t("sector.common.suppressed", { k: meta.minGroup })}</dd>
              </div>
            ))}
          </dl>
          <h3>{t("sector.programmes.thresholdsTitle")}</h3>
          <ul className="small">
            <li>{t("sector.programmes.thresholdGe2")}</li>
            <li>{t("sector.programmes.thresholdGe3")}</li>
          </ul>
        </section>
      )}
      {meta.containsSynthetic ? <p className="alert alert-info">{t("sector.common.syntheticNotice")}</p> : null}
      {/* A district has no sub-regions: its by-region table would only repeat the total. */}
      {tables
        .filter((table) => table.rows.length > 0)
        .map((table) => (
          <PublishedTable key={table.id} table={table} orgId={orgId} selected={meta.selected} minGroup={meta.minGroup} canExport={canExport} />
        ))}
    </>
  );
}
