/**
 * An authority's filters as URL search parameters (GET forms, links, exports), checked with zod on
 * the server: ?industry=34|equipment|all&region=310115|all&size=MEDIUM|all&period=2026. Pure.
 *
 * Everything is scoped by the jurisdiction: "all" regions means the whole jurisdiction; a region
 * outside it, or an industry other than the jurisdiction's own division when it has one, is refused
 * (outside-jurisdiction → 403), an unknown code too (unknown-code → 400). Nothing is widened silently.
 */
import { z } from "zod";
import { findIndustry } from "~/domain/reference/industries";
import { findRegion } from "~/domain/reference/regions";
import { parseIndustryParam, parseRegionParam, parseSizeParam, type IndustryScope, type PeerGroupSpec, type RegionScope, type SizeScope } from "~/domain/benchmark/groups";

export const SECTOR_FILTER_NAMES = ["industry", "region", "size", "period"] as const;
export type SectorFilterName = (typeof SECTOR_FILTER_NAMES)[number];

export interface JurisdictionScope {
  regionCode: string;
  industryCode: string | null;
}

export interface SectorFilters {
  industry: IndustryScope;
  /** Never "all": the jurisdiction's own region when no narrower one is asked for. */
  region: Exclude<RegionScope, { kind: "all" }>;
  size: SizeScope;
  /** A period label ("2026"), or null for the latest period with data. */
  period: string | null;
}

export type SectorFilterResult =
  | { ok: true; filters: SectorFilters }
  | { ok: false; reason: "unknown-code" | "outside-jurisdiction"; field: SectorFilterName; code: string };

const param = z.string().trim().max(40).optional();
const rawSchema = z.object({ industry: param, region: param, size: param, period: param });

/** The jurisdiction itself as a region scope (its code is a province, city or district). */
export function jurisdictionRegion(jurisdiction: JurisdictionScope): Exclude<RegionScope, { kind: "all" }> {
  const region = findRegion(jurisdiction.regionCode);
  if (!region) throw new RangeError(`jurisdiction region ${jurisdiction.regionCode} is not in the reference data`);
  return { kind: region.level, code: region.code };
}

/** The whole jurisdiction as a group. */
export function jurisdictionSpec(jurisdiction: JurisdictionScope): PeerGroupSpec {
  return {
    industry: jurisdiction.industryCode ? { kind: "division", code: jurisdiction.industryCode } : { kind: "all" },
    region: jurisdictionRegion(jurisdiction),
    size: { kind: "all" },
  };
}

/** Whether every factory of the group lies inside the jurisdiction. */
export function specWithinJurisdiction(spec: PeerGroupSpec, jurisdiction: JurisdictionScope): boolean {
  if (spec.region.kind === "all" || !spec.region.code.startsWith(jurisdiction.regionCode)) return false;
  if (jurisdiction.industryCode === null) return true;
  return spec.industry.kind === "division" && spec.industry.code === jurisdiction.industryCode;
}

function shorten(code: string): string {
  return code.length > 20 ? `${code.slice(0, 20)}…` : code;
}

/** Reads the filters; the first bad one is reported with its field (other parameters are ignored). */
export function parseSectorFilters(searchParams: URLSearchParams, jurisdiction: JurisdictionScope): SectorFilterResult {
  const raw = rawSchema.parse(Object.fromEntries(SECTOR_FILTER_NAMES.filter((name) => searchParams.has(name)).map((name) => [name, searchParams.get(name) ?? ""])));
  const own = jurisdictionSpec(jurisdiction);

  let industry: IndustryScope = own.industry;
  if (raw.industry) {
    const parsed = parseIndustryParam(raw.industry);
    if (!parsed) return { ok: false, reason: "unknown-code", field: "industry", code: shorten(raw.industry) };
    if (jurisdiction.industryCode !== null && parsed.kind !== "all" && !(parsed.kind === "division" && parsed.code === jurisdiction.industryCode)) {
      return { ok: false, reason: "outside-jurisdiction", field: "industry", code: shorten(raw.industry) };
    }
    if (jurisdiction.industryCode === null) industry = parsed;
  }

  let region = jurisdictionRegion(jurisdiction);
  if (raw.region && raw.region !== "all") {
    const parsed = parseRegionParam(raw.region);
    if (!parsed || parsed.kind === "all") return { ok: false, reason: "unknown-code", field: "region", code: shorten(raw.region) };
    if (!parsed.code.startsWith(jurisdiction.regionCode)) return { ok: false, reason: "outside-jurisdiction", field: "region", code: shorten(raw.region) };
    region = parsed;
  }

  let size: SizeScope = { kind: "all" };
  if (raw.size) {
    const parsed = parseSizeParam(raw.size);
    if (!parsed) return { ok: false, reason: "unknown-code", field: "size", code: shorten(raw.size) };
    size = parsed;
  }

  let period: string | null = null;
  if (raw.period) {
    if (!/^\d{4}$/.test(raw.period)) return { ok: false, reason: "unknown-code", field: "period", code: shorten(raw.period) };
    period = raw.period;
  }
  return { ok: true, filters: { industry, region, size, period } };
}

/** For labels: whether a division code exists (the views list divisions of the reference data). */
export function knownDivision(code: string): boolean {
  return findIndustry(code) !== undefined;
}
