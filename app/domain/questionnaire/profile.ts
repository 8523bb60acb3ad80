/**
 * The plant profile (工厂概况) a factory states before answering a questionnaire that uses one
 * (2.0.0 on). It decides which questions apply: a process plant is not asked about CNC machining,
 * a B2B-only supplier not about new retail. Nobody picks N/A per question any more, so N/A can no
 * longer be used to drop weak answers (issue 10); the profile itself is visible to consultants.
 * Pure and isomorphic: shared by the profile form (client and server) and the scoring engine.
 */
import { z } from "zod";

/** 离散型 / 流程型 / 混合型 — mixed plants answer both paths' questions. */
export const PRODUCTION_TYPES = ["discrete", "process", "mixed"] as const;
export type ProductionType = (typeof PRODUCTION_TYPES)[number];

/** Who buys the products: other businesses (B2B) and/or consumers (B2C). */
export const MARKETS = ["b2b", "b2c"] as const;
export type Market = (typeof MARKETS)[number];

/** 少品种大批量 / 多品种小批量 / 按订单设计·单件定制. */
export const PRODUCT_VARIETIES = ["low", "high", "custom"] as const;
export type ProductVariety = (typeof PRODUCT_VARIETIES)[number];

/** One production site, or several run by the same company. */
export const SITE_COUNTS = ["single", "multiple"] as const;
export type SiteCount = (typeof SITE_COUNTS)[number];

/** The production path whose KPI thresholds apply: mixed plants use the discrete thresholds. */
export type ProductionPath = "discrete" | "process";

export const plantProfileSchema = z
  .object({
    productionType: z.enum(PRODUCTION_TYPES, { message: "profile.errors.productionType" }),
    markets: z
      .array(z.enum(MARKETS, { message: "profile.errors.markets" }))
      .min(1, "profile.errors.markets")
      .refine((markets) => new Set(markets).size === markets.length, "profile.errors.markets"),
    productVariety: z.enum(PRODUCT_VARIETIES, { message: "profile.errors.productVariety" }),
    sites: z.enum(SITE_COUNTS, { message: "profile.errors.sites" }),
  })
  .strict();

export type PlantProfile = z.infer<typeof plantProfileSchema>;

/**
 * Conditions under which a question applies (questionnaire file: `appliesTo`). Every listed
 * condition must hold; `markets` holds when the plant sells to ANY of the listed markets.
 */
export const applicabilitySchema = z
  .object({
    productionType: z.array(z.enum(PRODUCTION_TYPES)).min(1).optional(),
    markets: z.array(z.enum(MARKETS)).min(1).optional(),
    productVariety: z.array(z.enum(PRODUCT_VARIETIES)).min(1).optional(),
    sites: z.array(z.enum(SITE_COUNTS)).min(1).optional(),
  })
  .strict()
  .refine((conditions) => Object.values(conditions).some((value) => value !== undefined), "appliesTo needs at least one condition");

export type Applicability = z.infer<typeof applicabilitySchema>;

// Pure and without zod, for the browser: see ./applicability.
export { isApplicable, productionPath } from "./applicability";

/** Every distinct profile (3 × 3 markets sets × 3 × 2 = 54): small enough to check exhaustively. */
export function allPlantProfiles(): PlantProfile[] {
  const marketSets: Market[][] = [["b2b"], ["b2c"], ["b2b", "b2c"]];
  const profiles: PlantProfile[] = [];
  for (const productionType of PRODUCTION_TYPES)
    for (const markets of marketSets)
      for (const productVariety of PRODUCT_VARIETIES)
        for (const sites of SITE_COUNTS) profiles.push({ productionType, markets, productVariety, sites });
  return profiles;
}
