import { describe, expect, it } from "vitest";
import { findRegion, REGIONS } from "~/domain/reference/regions";
import { childRegions, TILE_LAYOUTS, tileLayout, tileName } from "./tiles";

describe("tile-grid layouts", () => {
  it("exist for every region of the reference data that has children", () => {
    const parents = [
      ...new Set(
        REGIONS.map((region) => region.parentCode).filter(
          (code): code is string => code !== null
        )
      ),
    ].sort();
    expect(Object.keys(TILE_LAYOUTS).sort()).toEqual(parents);
  });

  for (const [parentCode, layout] of Object.entries(TILE_LAYOUTS)) {
    describe(`${parentCode} ${findRegion(parentCode)?.nameZh}`, () => {
      it("gives every child region exactly one tile, and nothing else a tile", () => {
        const codes = layout.tiles.map((tile) => tile.code);
        expect(new Set(codes).size).toBe(codes.length);
        expect([...codes].sort()).toEqual(
          childRegions(parentCode)
            .map((region) => region.code)
            .sort()
        );
      });

      it("puts no two tiles in the same cell, and every tile inside the grid", () => {
        const cells = layout.tiles.map((tile) => `${tile.col},${tile.row}`);
        expect(new Set(cells).size).toBe(cells.length);
        for (const tile of layout.tiles) {
          expect(tile.col).toBeGreaterThanOrEqual(0);
          expect(tile.row).toBeGreaterThanOrEqual(0);
          expect(tile.col).toBeLessThan(layout.columns);
          expect(tile.row).toBeLessThan(layout.rows);
        }
      });
    });
  }

  it("has no layout below a city or for a province without listed cities", () => {
    expect(tileLayout("3205")).toBeNull();
    expect(tileLayout("310115")).toBeNull();
    expect(tileLayout("44")).toBeNull();
    expect(tileLayout("31")?.tiles).toHaveLength(16);
  });

  it("keeps places where they are: Chongming north of Baoshan, Pudong east of Huangpu, Jinshan south of Songjiang", () => {
    const at = (code: string) =>
      TILE_LAYOUTS["31"]!.tiles.find((tile) => tile.code === code)!;
    expect(at("310151").row).toBeLessThan(at("310113").row);
    expect(at("310115").col).toBeGreaterThan(at("310101").col);
    expect(at("310116").row).toBeGreaterThan(at("310117").row);
  });

  it("shortens names to fit a tile", () => {
    expect(tileName(findRegion("310115")!, "zh-CN")).toBe("浦东");
    expect(tileName(findRegion("310115")!, "en")).toBe("Pudong");
    expect(tileName(findRegion("3205")!, "zh-CN")).toBe("苏州");
    expect(tileName(findRegion("310106")!, "en")).toBe("Jing'an");
  });
});
