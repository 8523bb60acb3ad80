/**
 * The authority's breakdown by size band (issue 12): stacked level bars, medians per dimension (a
 * heatmap), the weakest capabilities and the change from the previous year for large, medium, small
 * and micro enterprises. Only published values. Model: app/models/sector/breakdowns.server.ts.
 */
import { useLoaderData } from "@remix-run/react";
import { LevelBars } from "~/components/sector/level-bars";
import { SectorErrorBoundary, SectorPage } from "~/components/sector/page";
import { SectorTableView } from "~/components/sector/table-view";
import { levelBarRows } from "~/domain/sector/cells";
import { findTable } from "~/domain/sector/view";
import { loadBreakdown } from "~/models/sector/breakdowns.server";
import { requireSectorFilters } from "~/models/sector/common.server";
import { guard } from "~/utils/guard.server";
import { useT } from "~/utils/use-t";

export const loader = /* @__PURE__ */ guard({ jurisdiction: "sector:read" }, async ({ request, org, jurisdiction, t, locale, can }) => {
  const filters = requireSectorFilters(request, jurisdiction, t);
  const view = await loadBreakdown(jurisdiction, filters, t, locale, "size");
  return { orgId: org.id, canExport: can("sector:export"), ...view };
});

export default function SectorSizes() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { meta, tables } = data;
  const common = { orgId: data.orgId, meta, canExport: data.canExport };
  const levels = findTable(tables, "levels-by-size");
  const medians = findTable(tables, "medians-by-size");
  const weakest = findTable(tables, "weakest-by-size");
  const change = findTable(tables, "change-by-size");
  return (
    <SectorPage orgId={data.orgId} meta={meta} title={t("sector.sizes.title")} lead={t("sector.sizes.lead")}>
      {levels ? (
        <SectorTableView table={levels} {...common}>
          <LevelBars rows={levelBarRows(levels)} levelNames={meta.levelNames} caption={t("sector.sizes.barsTitle")} />
        </SectorTableView>
      ) : null}
      {medians ? <SectorTableView table={medians} variant="heatmap" {...common} /> : null}
      {weakest ? <SectorTableView table={weakest} {...common} /> : null}
      {change ? <SectorTableView table={change} {...common} /> : null}
    </SectorPage>
  );
}

export function ErrorBoundary() {
  return <SectorErrorBoundary />;
}
