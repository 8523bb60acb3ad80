/**
 * The regions view: the filtered group broken down by the child regions of its region (Shanghai's
 * districts, a province's cities), as two published tables and the tile-grid map drawn from the
 * medians table. One readGroups call (children + the total), through C's sector setup.
 */
import type { PeerGroupSpec } from "~/domain/benchmark/groups";
import { OVERALL_ITEM_ID } from "~/domain/benchmark/statistics";
import { regionName } from "~/domain/reference/regions";
import type { JurisdictionScope, SectorFilters } from "~/domain/sector/filters";
import { levelsByRegionTable, mapTiles, mediansByRegionTable, type MapTile, type RegionText } from "~/domain/sector/regions";
import type { SectorTable } from "~/domain/sector/table";
import { childRegions, tileLayout, tileName } from "~/domain/sector/tiles";
import type { AppLocale, Translate } from "~/utils/i18n";
import { readPeriodGroups, sectorMeta, sectorSetup, type SectorView } from "./common.server";

export const REGION_TABLE_IDS = ["medians-by-region", "levels-by-region"] as const;

export type RegionMapTile = MapTile & { name: string; short: string };

export interface RegionsView extends SectorView {
  /** "区" / "市": what the children are. */
  childKind: string;
  /** null when the region has no tile layout (a city, a district, a province without listed cities). */
  map: { columns: number; rows: number; tiles: RegionMapTile[] } | null;
}

export async function loadRegions(jurisdiction: JurisdictionScope, filters: SectorFilters, t: Translate, locale: AppLocale): Promise<RegionsView> {
  const setup = await sectorSetup(jurisdiction, filters, t, locale);
  const { context, base } = setup;
  const regionCode = base.region.kind === "all" ? jurisdiction.regionCode : base.region.code;
  const children = childRegions(regionCode);
  const childKind = t(children[0]?.level === "city" ? "sector.regions.city" : "sector.regions.district");
  const specs: PeerGroupSpec[] = [...children.map((child): PeerGroupSpec => ({ ...base, region: { kind: child.level, code: child.code } })), base];
  const itemIds = [OVERALL_ITEM_ID, ...context.names.dimensions.map((dimension) => dimension.id)];
  const groups = await readPeriodGroups(setup, jurisdiction, setup.period, specs, itemIds);
  const text: RegionText = t;
  const input = {
    rows: children.map((child, index) => ({ code: child.code, label: regionName(child.code, locale), group: groups[index]! })),
    total: groups[groups.length - 1]!,
    rules: context.rules,
    text,
    levelNames: context.names.levels.map((name, level) => `L${level} ${name}`),
    dimensions: context.names.dimensions,
    period: context.period,
    version: context.version,
    scope: context.scope,
    childKind,
  };
  const medians = mediansByRegionTable(input);
  const levels = levelsByRegionTable(input);
  const layout = tileLayout(regionCode);
  const map = layout
    ? {
        columns: layout.columns,
        rows: layout.rows,
        tiles: mapTiles(layout, medians).map((tile) => ({ ...tile, name: regionName(tile.code, locale), short: tileName(children.find((child) => child.code === tile.code)!, locale) })),
      }
    : null;
  const containsSynthetic = input.total.synthetic > 0 && input.total.n >= context.rules.minGroup;
  return { meta: sectorMeta(setup, filters, jurisdiction, locale, containsSynthetic), tables: [medians, levels], childKind, map };
}

/** medians-by-region, levels-by-region (page and exports). */
export async function regionTables(jurisdiction: JurisdictionScope, filters: SectorFilters, t: Translate, locale: AppLocale): Promise<SectorTable[]> {
  return (await loadRegions(jurisdiction, filters, t, locale)).tables;
}
