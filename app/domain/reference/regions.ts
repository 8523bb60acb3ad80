/**
 * Administrative regions of China (GB/T 2260 codes) used for factory profiles and regional
 * benchmarks. Pure and isomorphic: the data lives in ./data/regions.gbt2260.json.
 *
 * Codes are stored as given by the standard's levels: 2 digits for a province, 4 for a
 * prefecture-level city, 6 for a district. The file is a subset: every province, the Yangtze River
 * Delta cities and Shanghai's districts.
 *
 * Shanghai's districts point straight at the province (parentCode "31"): GB/T 2260 puts them
 * under 3101 市辖区, a statistical placeholder with no name of its own, so listing it would only
 * add an empty step to every label and ancestor chain.
 */
import type { Locale } from "~/domain/questionnaire/schema";

import data from "./data/regions.gbt2260.json";

export const REGION_LEVELS = ["province", "city", "district"] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export interface Region {
  /** 2 digits (province), 4 (city) or 6 (district). */
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly level: RegionLevel;
  /** null for provinces. */
  readonly parentCode: string | null;
}

export const REGION_DATA_VERSION: string = data.version;

function asRegionLevel(value: string, code: string): RegionLevel {
  const level = REGION_LEVELS.find((candidate) => candidate === value);
  if (level === undefined) throw new Error(`regions data: region ${code} has unknown level "${value}"`);
  return level;
}

export const REGIONS: readonly Region[] = Object.freeze(
  data.regions.map((entry) =>
    Object.freeze({
      code: entry.code,
      nameZh: entry.nameZh,
      nameEn: entry.nameEn,
      level: asRegionLevel(entry.level, entry.code),
      parentCode: entry.parentCode,
    }),
  ),
);

const regionsByCode = new Map(REGIONS.map((region) => [region.code, region]));

export function findRegion(code: string): Region | undefined {
  return regionsByCode.get(code);
}

/** For codes that should already be valid (stored or chosen from a list): unknown is a bug. */
function requireRegion(code: string): Region {
  const region = regionsByCode.get(code);
  if (region === undefined) throw new RangeError(`Unknown region code "${code}"`);
  return region;
}

export function regionName(code: string, locale: Locale): string {
  const region = requireRegion(code);
  return locale === "zh-CN" ? region.nameZh : region.nameEn;
}

/** Enclosing regions, outermost first (310115 → [上海市]; a province → []). Throws for unknown codes. */
export function regionAncestors(code: string): readonly Region[] {
  const ancestors: Region[] = [];
  let parentCode = requireRegion(code).parentCode;
  while (parentCode !== null) {
    const parent = requireRegion(parentCode);
    ancestors.unshift(parent);
    parentCode = parent.parentCode;
  }
  return ancestors;
}

/**
 * The province a code belongs to, read from its first two digits. Works for any GB/T 2260 code,
 * including ones outside this subset (e.g. the 440300 inside a Shenzhen credit code).
 */
export function provinceOf(code: string): Region | undefined {
  if (!/^\d{2}(\d{2}){0,2}$/.test(code)) return undefined;
  const province = regionsByCode.get(code.slice(0, 2));
  return province?.level === "province" ? province : undefined;
}

/**
 * Whether `code` lies inside `ancestorCode`; a region counts as within itself, so a filter for
 * "江苏省" also keeps a factory recorded at province level. Unknown codes are never within anything.
 */
export function isWithin(code: string, ancestorCode: string): boolean {
  let current = findRegion(code);
  while (current !== undefined) {
    if (current.code === ancestorCode) return true;
    current = current.parentCode === null ? undefined : findRegion(current.parentCode);
  }
  return false;
}

/**
 * Full display label: "江苏省 · 苏州市" / "Suzhou, Jiangsu". English puts the place first, as
 * addresses do; the province also tells apart 苏州/宿州 (both "Suzhou") and 泰州/台州 ("Taizhou").
 */
export function regionLabel(code: string, locale: Locale): string {
  const chain = [...regionAncestors(code), requireRegion(code)];
  return locale === "zh-CN"
    ? chain.map((region) => region.nameZh).join(" · ")
    : chain
        .reverse()
        .map((region) => region.nameEn)
        .join(", ");
}
