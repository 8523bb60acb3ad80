/**
 * Programme readiness (专项就绪度): the share of factories whose overall score meets Zhejiang's
 * thresholds (≥ 2.0 数字化车间/智能工厂, ≥ 3.0 未来工厂), for the jurisdiction and by industry,
 * region and size band. An indication for planning, never a list of eligible firms.
 */
import { useLoaderData } from "@remix-run/react";
import { SectorErrorBoundary, SectorPage } from "~/components/sector/page";
import { SectorTableView } from "~/components/sector/table-view";
import { requireSectorFilters } from "~/models/sector/common.server";
import { loadProgrammes } from "~/models/sector/programmes.server";
import { guard } from "~/utils/guard.server";
import { useT } from "~/utils/use-t";

export const loader = /* @__PURE__ */ guard({ jurisdiction: "sector:read" }, async ({ request, jurisdiction, t, locale, org, can }) => {
  const filters = requireSectorFilters(request, jurisdiction, t);
  const view = await loadProgrammes(jurisdiction, filters, t, locale);
  return { orgId: org.id, canExport: can("sector:export"), ...view };
});

export default function SectorProgrammes() {
  const { orgId, canExport, meta, tables, headline } = useLoaderData<typeof loader>();
  const t = useT();
  const common = { orgId, meta, canExport };
  return (
    <SectorPage orgId={orgId} meta={meta} title={t("sector.programmes.title")} lead={t("sector.programmes.lead")}>
      <section className="card" aria-labelledby="programme-headline">
        <h2 id="programme-headline">
          {t("sector.programmes.headline")} · {meta.scope}
          {meta.period === null ? null : ` · ${t("sector.programmes.headlinePeriod", { period: meta.period })}`}
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
      {/* A district has no sub-regions: its by-region table would only repeat the total. */}
      {tables
        .filter((table) => table.rows.length > 0)
        .map((table) => (
          <SectorTableView key={table.id} table={table} {...common} />
        ))}
    </SectorPage>
  );
}

export function ErrorBoundary() {
  return <SectorErrorBoundary />;
}
