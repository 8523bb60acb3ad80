/**
 * The four tables of a breakdown page (industries, sizes): stacked level bars over the level table,
 * the medians as a heatmap, the weakest capabilities and the change from the previous year. The
 * tables are the published ones the exports write; a table the model did not build is left out.
 */
import { LevelBars } from "~/components/sector/level-bars";
import { SectorTableView } from "~/components/sector/table-view";
import { levelBarRows } from "~/domain/sector/cells";
import type { SectorTable } from "~/domain/sector/table";
import { findTable, type SectorMeta } from "~/domain/sector/view";

export function BreakdownTables({
  tables,
  by,
  orgId,
  meta,
  canExport,
  barsCaption,
}: {
  tables: readonly SectorTable[];
  /** The breakdown's table-id suffix: "division", "category", "size". */
  by: string;
  orgId: string;
  meta: Pick<SectorMeta, "minGroup" | "selected" | "levelNames">;
  canExport: boolean;
  barsCaption: string;
}) {
  const common = { orgId, meta, canExport };
  const levels = findTable(tables, `levels-by-${by}`);
  const medians = findTable(tables, `medians-by-${by}`);
  const weakest = findTable(tables, `weakest-by-${by}`);
  const change = findTable(tables, `change-by-${by}`);
  return (
    <>
      {levels ? (
        <SectorTableView table={levels} {...common}>
          <LevelBars rows={levelBarRows(levels)} levelNames={meta.levelNames} caption={barsCaption} />
        </SectorTableView>
      ) : null}
      {medians ? <SectorTableView table={medians} variant="heatmap" {...common} /> : null}
      {weakest ? <SectorTableView table={weakest} {...common} /> : null}
      {change ? <SectorTableView table={change} {...common} /> : null}
    </>
  );
}
