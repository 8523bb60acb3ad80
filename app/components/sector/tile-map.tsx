import { MEDIAN_STEPS } from "~/domain/sector/regions";
import type { SectorMeta } from "~/domain/sector/view";
import type { RegionsView } from "~/models/sector/regions.server";
import { useT } from "~/utils/use-t";

type TileMapData = NonNullable<RegionsView["map"]>;

/**
 * The tile-grid map of a jurisdiction's districts or cities, coloured by the published median overall
 * score (bands dashed, suppressed tiles hatched). Not a boundary map: an official map of China needs
 * an approval number. The figures are the medians table's, which keyboard and screen-reader users read.
 */
export function SectorTileMap({ map, childKind, meta }: { map: TileMapData; childKind: string; meta: Pick<SectorMeta, "minGroup" | "quantileMinN"> }) {
  const t = useT();
  return (
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
              {/* A band prints as "1.5–2.0": one decimal is its real precision and fits a tile. */}
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
  );
}
