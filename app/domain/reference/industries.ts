/**
 * Manufacturing divisions (大类) of GB/T 4754-2017, section C 制造业, codes 13–43.
 * Pure and isomorphic: the data lives in ./data/industries.gbt4754-2017.json.
 *
 * Categories are our own grouping, used as a benchmarking fallback when a division has too few
 * peers: consumer goods 13–24, raw materials & process industries 25–32 (the process side of the
 * discrete/process split GB/T 39116 assessments make), equipment 33–40, other 41–43.
 */
import type { Locale } from "~/domain/questionnaire/schema";

import data from "./data/industries.gbt4754-2017.json";

export const INDUSTRY_CATEGORY_IDS = ["consumer", "materials", "equipment", "other"] as const;
export type IndustryCategoryId = (typeof INDUSTRY_CATEGORY_IDS)[number];

export interface IndustryCategory {
  readonly id: IndustryCategoryId;
  readonly nameZh: string;
  readonly nameEn: string;
}

export interface Industry {
  /** Two-digit division code, e.g. "39". */
  readonly code: string;
  /** Official name from the standard. */
  readonly nameZh: string;
  readonly nameEn: string;
  readonly category: IndustryCategoryId;
}

/** Stored with profiles so a later revision of the classification can be migrated. */
export const INDUSTRY_CLASSIFICATION_VERSION: string = data.version;

// JSON imports type string fields as plain `string`; check the ids once instead of casting.
function asCategoryId(value: string, where: string): IndustryCategoryId {
  const id = INDUSTRY_CATEGORY_IDS.find((candidate) => candidate === value);
  if (id === undefined) throw new Error(`industries data: ${where} has unknown category "${value}"`);
  return id;
}

export const INDUSTRY_CATEGORIES: readonly IndustryCategory[] = Object.freeze(
  data.categories.map((entry) =>
    Object.freeze({ id: asCategoryId(entry.id, "categories"), nameZh: entry.nameZh, nameEn: entry.nameEn }),
  ),
);

export const INDUSTRIES: readonly Industry[] = Object.freeze(
  data.industries.map((entry) =>
    Object.freeze({
      code: entry.code,
      nameZh: entry.nameZh,
      nameEn: entry.nameEn,
      category: asCategoryId(entry.category, `division ${entry.code}`),
    }),
  ),
);

const industriesByCode = new Map(INDUSTRIES.map((industry) => [industry.code, industry]));

export function findIndustry(code: string): Industry | undefined {
  return industriesByCode.get(code);
}

export function findIndustryCategory(id: IndustryCategoryId): IndustryCategory {
  const category = INDUSTRY_CATEGORIES.find((candidate) => candidate.id === id);
  if (category === undefined) throw new RangeError(`Unknown industry category "${id}"`);
  return category;
}

/** For codes that should already be valid (stored or chosen from a list): unknown is a bug. */
export function industryName(code: string, locale: Locale): string {
  const industry = industriesByCode.get(code);
  if (industry === undefined) throw new RangeError(`Unknown industry division "${code}"`);
  return locale === "zh-CN" ? industry.nameZh : industry.nameEn;
}
