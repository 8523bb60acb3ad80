/**
 * Tile-grid maps of an authority's child regions: one equal square per district or city, placed on
 * a small grid roughly where it lies (north up). Not a boundary map: an official map of China needs
 * an approval number (审图号), and equal tiles also keep a small district as visible as a large one.
 * Layouts exist for every region of the reference data that has children (Shanghai's 16 districts,
 * the cities of Jiangsu, Zhejiang and Anhui); a jurisdiction without one shows its table only. Pure.
 */
import { REGIONS, type Region } from "~/domain/reference/regions";
import type { Locale } from "~/domain/questionnaire/schema";

export interface Tile {
  code: string;
  /** Column from the west, row from the north, both from 0. */
  col: number;
  row: number;
}

export interface TileLayout {
  /** The region whose children the tiles are. */
  parentCode: string;
  columns: number;
  rows: number;
  tiles: readonly Tile[];
}

function layout(
  parentCode: string,
  cells: Record<string, readonly [col: number, row: number]>
): TileLayout {
  const tiles = Object.entries(cells).map(([code, [col, row]]) => ({
    code,
    col,
    row,
  }));
  return {
    parentCode,
    columns: Math.max(...tiles.map((tile) => tile.col)) + 1,
    rows: Math.max(...tiles.map((tile) => tile.row)) + 1,
    tiles,
  };
}

export const TILE_LAYOUTS: Readonly<Record<string, TileLayout>> = {
  // 上海: Chongming in the estuary, the centre (黄浦 静安 徐汇 长宁 普陀 虹口 杨浦) ringed by the suburbs, Pudong east of the river.
  "31": layout("31", {
    "310151": [3, 0],
    "310114": [1, 1],
    "310113": [2, 1],
    "310118": [0, 2],
    "310107": [1, 2],
    "310106": [2, 2],
    "310109": [3, 2],
    "310110": [4, 2],
    "310117": [0, 3],
    "310105": [1, 3],
    "310104": [2, 3],
    "310101": [3, 3],
    "310115": [4, 3],
    "310116": [0, 4],
    "310112": [2, 4],
    "310120": [3, 4],
  }),
  // 江苏: Xuzhou and Lianyungang in the north, the Yangtze cities (南京 镇江 常州 无锡 苏州) in the south.
  "32": layout("32", {
    "3203": [0, 0],
    "3207": [2, 0],
    "3213": [1, 1],
    "3208": [2, 1],
    "3209": [3, 1],
    "3210": [2, 2],
    "3212": [3, 2],
    "3206": [4, 2],
    "3201": [1, 3],
    "3211": [2, 3],
    "3204": [3, 3],
    "3202": [3, 4],
    "3205": [4, 4],
  }),
  // 浙江: Huzhou and Jiaxing on Lake Tai, Zhoushan offshore, Wenzhou in the south-east.
  "33": layout("33", {
    "3305": [1, 0],
    "3304": [2, 0],
    "3301": [1, 1],
    "3306": [2, 1],
    "3302": [3, 1],
    "3309": [4, 1],
    "3308": [0, 2],
    "3307": [1, 2],
    "3310": [3, 2],
    "3311": [1, 3],
    "3303": [2, 3],
  }),
  // 安徽: the Huaibei plain in the north, Hefei in the middle, the Yangtze cities and Huangshan in the south.
  "34": layout("34", {
    "3416": [0, 0],
    "3406": [1, 0],
    "3413": [2, 0],
    "3412": [0, 1],
    "3404": [1, 1],
    "3403": [2, 1],
    "3415": [0, 2],
    "3401": [1, 2],
    "3411": [2, 2],
    "3405": [3, 2],
    "3408": [0, 3],
    "3407": [1, 3],
    "3402": [2, 3],
    "3417": [1, 4],
    "3418": [2, 4],
    "3410": [1, 5],
  }),
};

/** The regions of the reference data directly below `code` (a province's cities or districts). */
export function childRegions(code: string): readonly Region[] {
  return REGIONS.filter((region) => region.parentCode === code);
}

/** The tile layout of a jurisdiction's children, or null when it has none (a city, a district, a province without listed cities). */
export function tileLayout(regionCode: string): TileLayout | null {
  return TILE_LAYOUTS[regionCode] ?? null;
}

/** A short name that fits a tile: 浦东 for 浦东新区, 苏州 for 苏州市, Pudong for Pudong New Area. */
export function tileName(
  region: Pick<Region, "nameZh" | "nameEn">,
  locale: Locale
): string {
  return locale === "zh-CN"
    ? region.nameZh.replace(/(新区|区|市)$/, "")
    : region.nameEn.replace(/ (District|New Area)$/, "");
}
