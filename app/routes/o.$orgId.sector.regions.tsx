/**
 * Regions (区域地图): a tile-grid map of the jurisdiction's districts or cities coloured by the
 * published median overall score (bands dashed, suppressed tiles hatched), the same figures as the
 * table beside it (keyboard and screen readers use the table), and the level shares per region.
 */
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { PublishedTable, SectorFilterBar, SectorSubnav } from "~/components/sector/published-table";
import { MEDIAN_STEPS } from "~/domain/sector/regions";
import { requireSectorFilters } from "~/models/sector/common.server";
import { loadRegions } from "~/models/sector/regions.server";
import { guard } from "~/utils/guard.server";
import { useT } from "~/utils/use-t";

export const loader = /* @__PURE__ */ guard({ jurisdiction: "sector:read" }, async ({ request, jurisdiction, t, locale, org, can }) => {
  const filters = requireSectorFilters(request, jurisdiction, t);
  const view = await loadRegions(jurisdiction, filters, t, locale);
  return { orgId: org.id, canExport: can("sector:export"), ...view };
});

export const ErrorBoundary = RouteErrorBoundary;

export default function SectorRegions() {
  const { orgId, canExport, meta, tables, map, childKind } = useLoaderData<typeof loader>();
  const t = useT();
  const [medians, levels] = tables;
  return (
    <>
      <div className="page-header">
        <h1>{t("sector.regions.title")}</h1>
        <p>{t("sector.regions.lead", { kind: childKind })}</p>
      </div>
      <SectorSubnav orgId={orgId} selected={meta.selected} />
      <SectorFilterBar selected={meta.selected} periods={meta.periods} fixedIndustry={meta.jurisdiction.industryName} />
      {meta.empty ? (
        <div className="card sector-empty" role="status">
          <p>{t("sector.dashboard.noData")}</p>
          <Link to={`/o/${orgId}/sector/regions`}>{t("sector.filters.reset")}</Link>
        </div>
      ) : null}
      {meta.containsSynthetic ? <p className="alert alert-info">{t("sector.common.syntheticNotice")}</p> : null}
      {medians ? (
        <PublishedTable table={medians} orgId={orgId} selected={meta.selected} minGroup={meta.minGroup} canExport={canExport}>
          {map ? (
            <figure className="sector-map">
              <div
                className="sector-tilemap"
                role="img"
                aria-label={t("sector.regions.mapLabel", { kind: childKind })}
                style={{ gridTemplateColumns: `repeat(${map.columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${map.rows}, auto)` }}
              >
                {map.tiles.map((tile) => {
                  const label =
                    tile.status === "exact"
                      ? t("sector.regions.tileValue", { name: tile.name, value: tile.value ?? "" })
                      : tile.status === "band"
                        ? t("sector.regions.tileBand", { name: tile.name, value: tile.value ?? "", n: meta.quantileMinN })
                        : t("sector.regions.tileSuppressed", { name: tile.name, k: meta.minGroup });
                  const className = tile.status === "suppressed" ? "sector-tile sector-tile-suppressed" : `sector-tile sector-step-${tile.step}${tile.status === "band" ? " sector-tile-band" : ""}`;
                  return (
                    <div key={tile.code} className={className} style={{ gridColumn: tile.col + 1, gridRow: tile.row + 1 }} title={label} data-region={tile.code} data-status={tile.status}>
                      <span className="sector-tile-name">{tile.short}</span>
                      <span className="sector-tile-value">{tile.status === "exact" ? tile.value : tile.status === "band" ? (tile.value ?? "").replace(/(\d\.\d)0/g, "$1") : "—"}</span>
                    </div>
                  );
                })}
              </div>
              <figcaption>
                <ul className="sector-map-legend">
                  {MEDIAN_STEPS.map((from, step) => (
                    <li key={from}>
                      <span className={`sector-swatch sector-tile sector-step-${step}`} aria-hidden="true" />
                      {t("sector.regions.legendStep", { from: from.toFixed(1) })}
                    </li>
                  ))}
                  <li>
                    <span className="sector-swatch sector-legend-band" aria-hidden="true" />
                    {t("sector.regions.legendBand", { n: meta.quantileMinN })}
                  </li>
                  <li>
                    <span className="sector-swatch sector-legend-suppressed" aria-hidden="true" />
                    {t("sector.regions.legendSuppressed", { k: meta.minGroup })}
                  </li>
                </ul>
                <p className="sector-map-caption">{t("sector.regions.mapCaption", { kind: childKind })}</p>
              </figcaption>
            </figure>
          ) : (
            <p className="muted">{t("sector.regions.noLayout")}</p>
          )}
        </PublishedTable>
      ) : null}
      {levels ? <PublishedTable table={levels} orgId={orgId} selected={meta.selected} minGroup={meta.minGroup} canExport={canExport} /> : null}
    </>
  );
}
