/**
 * The denormalised rows a submitted assessment leaves for benchmarking: one AssessmentScore with
 * the factory's profile at submission time, and one AssessmentItemScore per dimension and capability.
 */
import { findIndustry } from "~/domain/reference/industries";
import type { SizeBand } from "~/domain/reference/size-band";
import type { AssessmentResult } from "~/domain/scoring";

/** 北京、天津、上海、重庆: the province is the city, districts sit directly below it. */
export const MUNICIPALITIES = new Set(["11", "12", "31", "50"]);

export interface FactorySnapshot {
  industryCode: string;
  regionCode: string;
  sizeBand: SizeBand;
}

export interface ScoreRow {
  industryCode: string;
  industryCategory: string;
  regionCode: string;
  provinceCode: string;
  cityCode: string | null;
  sizeBand: SizeBand;
  overall: number;
  level: number;
}

export interface ItemScoreRow {
  itemType: "DIMENSION" | "CAPABILITY";
  itemId: string;
  score: number | null;
}

export function regionParts(regionCode: string) {
  const provinceCode = regionCode.slice(0, 2);
  const cityCode = regionCode.length >= 4 && !MUNICIPALITIES.has(provinceCode) ? regionCode.slice(0, 4) : null;
  return { provinceCode, cityCode };
}

export function buildScoreRows(result: AssessmentResult, factory: FactorySnapshot): { score: ScoreRow; items: ItemScoreRow[] } {
  if (result.overall === null) throw new Error("a submitted assessment always has an overall score");
  const industry = findIndustry(factory.industryCode);
  if (!industry) throw new Error(`unknown industry ${factory.industryCode}`);
  return {
    score: {
      industryCode: factory.industryCode,
      industryCategory: industry.category,
      regionCode: factory.regionCode,
      ...regionParts(factory.regionCode),
      sizeBand: factory.sizeBand,
      overall: result.overall,
      level: result.level,
    },
    items: [
      ...result.dimensions.map((d): ItemScoreRow => ({ itemType: "DIMENSION", itemId: d.dimensionId, score: d.status === "scored" ? d.score : null })),
      ...result.capabilities.map((c): ItemScoreRow => ({ itemType: "CAPABILITY", itemId: c.capabilityId, score: c.status === "scored" ? c.score : null })),
    ],
  };
}
