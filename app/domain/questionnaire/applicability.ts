/**
 * Which questions apply to a plant: the pure part of ./profile, without its zod schemas, so the
 * questionnaire page can import it without shipping zod to the browser (issue 14).
 */
import type { Applicability, PlantProfile, ProductionPath } from "./profile";

export function isApplicable(appliesTo: Applicability | undefined, profile: PlantProfile): boolean {
  if (!appliesTo) return true;
  if (appliesTo.productionType && !appliesTo.productionType.includes(profile.productionType)) return false;
  if (appliesTo.markets && !appliesTo.markets.some((market) => profile.markets.includes(market))) return false;
  if (appliesTo.productVariety && !appliesTo.productVariety.includes(profile.productVariety)) return false;
  if (appliesTo.sites && !appliesTo.sites.includes(profile.sites)) return false;
  return true;
}

export function productionPath(profile: PlantProfile): ProductionPath {
  return profile.productionType === "process" ? "process" : "discrete";
}
