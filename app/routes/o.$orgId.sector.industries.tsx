/**
 * The authority's breakdown by industry (issue 12): by GB/T 4754 division or by category (?by=category),
 * stacked level bars, the dimension × industry heatmap of medians, the weakest capabilities per
 * industry (where support should go) and the change of the median from the previous year. Only
 * published values; the tables are the ones the exports write. Model: app/models/sector/breakdowns.server.ts.
 */
import { Link, useLoaderData } from "@remix-run/react";
import { BreakdownTables } from "~/components/sector/breakdown-tables";
import { SectorErrorBoundary, SectorPage } from "~/components/sector/page";
import { filterQuery } from "~/domain/sector/cells";
import { loadBreakdown } from "~/models/sector/breakdowns.server";
import { requireSectorFilters } from "~/models/sector/common.server";
import { guard } from "~/utils/guard.server";
import { httpError } from "~/utils/http.server";
import { useT } from "~/utils/use-t";

export const loader = /* @__PURE__ */ guard({ jurisdiction: "sector:read" }, async ({ request, org, jurisdiction, t, locale, can }) => {
  const filters = requireSectorFilters(request, jurisdiction, t);
  const by = new URL(request.url).searchParams.get("by") ?? "division";
  if (by !== "division" && by !== "category") httpError(400, t("sector.errors.unknownBy", { code: by.slice(0, 20) }));
  const view = await loadBreakdown(jurisdiction, filters, t, locale, by);
  return { orgId: org.id, canExport: can("sector:export"), by, ...view };
});

export default function SectorIndustries() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { meta, tables, by } = data;
  const toggle = (
    <nav className="sector-toggle" aria-label={t("sector.industries.toggle")}>
      {(["division", "category"] as const).map((option) => (
        <Link
          key={option}
          to={filterQuery(meta.selected, option === "category" ? { by: option } : {})}
          aria-current={option === by ? "page" : undefined}
          className={option === by ? "button button-primary button-small" : "button button-ghost button-small"}
        >
          {t(option === "division" ? "sector.industries.byDivision" : "sector.industries.byCategory")}
        </Link>
      ))}
    </nav>
  );
  return (
    <SectorPage orgId={data.orgId} meta={meta} title={t("sector.industries.title")} lead={t("sector.industries.lead")} hidden={by === "category" ? { by } : {}} toolbar={toggle}>
      <BreakdownTables tables={tables} by={by} orgId={data.orgId} meta={meta} canExport={data.canExport} barsCaption={t("sector.industries.barsTitle")} />
    </SectorPage>
  );
}

export function ErrorBoundary() {
  return <SectorErrorBoundary />;
}
