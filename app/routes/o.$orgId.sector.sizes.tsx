/**
 * The authority's breakdown by size band (issue 12): stacked level bars, medians per dimension (a
 * heatmap), the weakest capabilities and the change from the previous year for large, medium, small
 * and micro enterprises. Only published values. Model: app/models/sector/breakdowns.server.ts.
 */
import { useLoaderData } from "@remix-run/react";
import { BreakdownTables } from "~/components/sector/breakdown-tables";
import { SectorErrorBoundary, SectorPage } from "~/components/sector/page";
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
  return (
    <SectorPage orgId={data.orgId} meta={meta} title={t("sector.sizes.title")} lead={t("sector.sizes.lead")}>
      <BreakdownTables tables={tables} by="size" orgId={data.orgId} meta={meta} canExport={data.canExport} barsCaption={t("sector.sizes.barsTitle")} />
    </SectorPage>
  );
}

export function ErrorBoundary() {
  return <SectorErrorBoundary />;
}
