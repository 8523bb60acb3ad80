/**
 * Regions (区域地图): a tile-grid map of the jurisdiction's districts or cities coloured by the
 * published median overall score (bands dashed, suppressed tiles hatched), the same figures as the
 * table beside it (keyboard and screen readers use the table), and the level shares per region.
 */
import { useLoaderData } from "@remix-run/react";
import { LevelBars } from "~/components/sector/level-bars";
import { SectorErrorBoundary, SectorPage } from "~/components/sector/page";
import { SectorTableView } from "~/components/sector/table-view";
import { SectorTileMap } from "~/components/sector/tile-map";
import { levelBarRows } from "~/domain/sector/cells";
import { requireSectorFilters } from "~/models/sector/common.server";
import { loadRegions } from "~/models/sector/regions.server";
import { guard } from "~/utils/guard.server";
import { useT } from "~/utils/use-t";

export const loader = /* @__PURE__ */ guard({ jurisdiction: "sector:read" }, async ({ request, jurisdiction, t, locale, org, can }) => {
  const filters = requireSectorFilters(request, jurisdiction, t);
  const view = await loadRegions(jurisdiction, filters, t, locale);
  return { orgId: org.id, canExport: can("sector:export"), ...view };
});

export default function SectorRegions() {
  const { orgId, canExport, meta, tables, map, childKind } = useLoaderData<typeof loader>();
  const t = useT();
  const [medians, levels] = tables;
  const common = { orgId, meta, canExport };
  return (
    <SectorPage orgId={orgId} meta={meta} title={t("sector.regions.title")} lead={t("sector.regions.lead", { kind: childKind })}>
      {medians ? (
        <SectorTableView table={medians} {...common}>
          {map ? <SectorTileMap map={map} childKind={childKind} meta={meta} /> : <p className="muted">{t("sector.regions.noLayout")}</p>}
        </SectorTableView>
      ) : null}
      {levels ? (
        <SectorTableView table={levels} {...common}>
          {/* The same stacked bars as the industries and sizes pages: the pages read alike. */}
          <LevelBars rows={levelBarRows(levels)} levelNames={meta.levelNames} caption={levels.title} />
        </SectorTableView>
      ) : null}
    </SectorPage>
  );
}

export function ErrorBoundary() {
  return <SectorErrorBoundary />;
}
