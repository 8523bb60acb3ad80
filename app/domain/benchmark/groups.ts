/**
 * Peer groups: which factories a submitted assessment is compared with, and how the group is
 * widened when it is too small. Pure and isomorphic; the SQL in app/models/benchmark.server.ts
 * and the reference implementation in ./reference.ts both follow `inGroup`. See docs/benchmarking.md.
 *
 *   industry  all | category (consumer, materials, equipment, other) | GB/T 4754 division
 *   region    all | province | city | district (GB/T 2260 codes of app/domain/reference)
 *   size      all | LARGE | MEDIUM | SMALL | MICRO
 *
 * Default group: the factory's own division and size band, nationwide.
 * Fallback when a group has fewer than k peers: drop the size band → widen the region one level
 * at a time (district → city → province → nationwide) → the division's category → all manufacturing.
 */
import { findIndustry, INDUSTRY_CATEGORY_IDS, type IndustryCategoryId } from "~/domain/reference/industries";
import { findRegion } from "~/domain/reference/regions";
import { SIZE_BANDS, type SizeBand } from "~/domain/reference/size-band";

/** k: no statistic is ever computed over fewer peers than this. */
export const DEFAULT_MIN_GROUP = 5;
/** The smallest k an operator may configure: never compare with a group of two. */
export const MIN_GROUP_FLOOR = 3;
export const MIN_GROUP_CEILING = 1000;
/** Peers are the latest submissions of the last 24 months. */
export const PEER_WINDOW_MONTHS = 24;

export type IndustryScope = { kind: "all" } | { kind: "category"; category: IndustryCategoryId } | { kind: "division"; code: string };
export type RegionScope = { kind: "all" } | { kind: "province" | "city" | "district"; code: string };
export type SizeScope = { kind: "all" } | { kind: "band"; band: SizeBand };

export interface PeerGroupSpec {
  industry: IndustryScope;
  region: RegionScope;
  size: SizeScope;
}

/** The profile snapshot stored with a submitted assessment (AssessmentScore). */
export interface ProfileSnapshot {
  industryCode: string;
  industryCategory: string;
  regionCode: string;
  provinceCode: string;
  cityCode: string | null;
  sizeBand: SizeBand;
}

export function defaultGroup(own: Pick<ProfileSnapshot, "industryCode" | "sizeBand">): PeerGroupSpec {
  return { industry: { kind: "division", code: own.industryCode }, region: { kind: "all" }, size: { kind: "band", band: own.sizeBand } };
}

/** Whether a peer's snapshot belongs to the group: the same rule as the SQL WHERE clause. */
export function inGroup(row: ProfileSnapshot, spec: PeerGroupSpec): boolean {
  const { industry, region, size } = spec;
  if (industry.kind === "division" && row.industryCode !== industry.code) return false;
  if (industry.kind === "category" && row.industryCategory !== industry.category) return false;
  if (size.kind === "band" && row.sizeBand !== size.band) return false;
  if (region.kind === "province" && row.provinceCode !== region.code) return false;
  if (region.kind === "city" && row.cityCode !== region.code) return false;
  if (region.kind === "district" && row.regionCode !== region.code) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// URL parameters: industry=34|equipment|all, region=310115|all, size=MEDIUM|all

export const ALL = "all";

export function industryParam(scope: IndustryScope): string {
  return scope.kind === "all" ? ALL : scope.kind === "category" ? scope.category : scope.code;
}
export function regionParam(scope: RegionScope): string {
  return scope.kind === "all" ? ALL : scope.code;
}
export function sizeParam(scope: SizeScope): string {
  return scope.kind === "all" ? ALL : scope.band;
}

/** null for an unknown code. */
export function parseIndustryParam(value: string): IndustryScope | null {
  if (value === ALL) return { kind: "all" };
  const category = INDUSTRY_CATEGORY_IDS.find((id) => id === value);
  if (category) return { kind: "category", category };
  return findIndustry(value) ? { kind: "division", code: value } : null;
}

export function parseRegionParam(value: string): RegionScope | null {
  if (value === ALL) return { kind: "all" };
  const region = findRegion(value);
  return region ? { kind: region.level, code: region.code } : null;
}

export function parseSizeParam(value: string): SizeScope | null {
  if (value === ALL) return { kind: "all" };
  const band = SIZE_BANDS.find((candidate) => candidate === value);
  return band ? { kind: "band", band } : null;
}

// ---------------------------------------------------------------------------------------------
// Fallback hierarchy

/** How a candidate differs from the one before it in the chain. */
export type FallbackStep = "size" | "region" | "industry-category" | "all-manufacturing";

export interface GroupCandidate {
  spec: PeerGroupSpec;
  /** null for the requested group itself. */
  step: FallbackStep | null;
}

/** One level up: district → its city (or province for a municipality's district) → province → nationwide. */
export function widenRegion(scope: RegionScope): RegionScope {
  if (scope.kind === "all" || scope.kind === "province") return { kind: "all" };
  const parentCode = findRegion(scope.code)?.parentCode ?? null;
  const parent = parentCode === null ? undefined : findRegion(parentCode);
  if (parent) return { kind: parent.level, code: parent.code };
  // Codes outside the reference subset: fall back on the code's own structure.
  if (scope.kind === "district") return { kind: "city", code: scope.code.slice(0, 4) };
  return { kind: "province", code: scope.code.slice(0, 2) };
}

/**
 * The requested group followed by every wider group, in the order they are tried. The last
 * candidate is always all manufacturing, nationwide, every size band.
 */
export function fallbackChain(requested: PeerGroupSpec): GroupCandidate[] {
  const chain: GroupCandidate[] = [{ spec: requested, step: null }];
  let current = requested;
  if (current.size.kind !== "all") {
    current = { ...current, size: { kind: "all" } };
    chain.push({ spec: current, step: "size" });
  }
  while (current.region.kind !== "all") {
    current = { ...current, region: widenRegion(current.region) };
    chain.push({ spec: current, step: "region" });
  }
  if (current.industry.kind === "division") {
    const category = findIndustry(current.industry.code)?.category;
    current = { ...current, industry: category ? { kind: "category", category } : { kind: "all" } };
    chain.push({ spec: current, step: category ? "industry-category" : "all-manufacturing" });
  }
  if (current.industry.kind === "category") {
    current = { ...current, industry: { kind: "all" } };
    chain.push({ spec: current, step: "all-manufacturing" });
  }
  return chain;
}

export function sameGroup(a: PeerGroupSpec, b: PeerGroupSpec): boolean {
  return industryParam(a.industry) === industryParam(b.industry) && regionParam(a.region) === regionParam(b.region) && sizeParam(a.size) === sizeParam(b.size);
}

// ---------------------------------------------------------------------------------------------
// k from the environment

export class InvalidMinGroupError extends Error {}

/**
 * BENCHMARK_MIN_GROUP: unset or empty → 5; otherwise an integer 3…1000. Anything else is a
 * configuration error (thrown, so start-up stops) rather than a silently weaker privacy rule.
 */
export function parseMinGroup(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_MIN_GROUP;
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < MIN_GROUP_FLOOR || value > MIN_GROUP_CEILING) {
    throw new InvalidMinGroupError(
      `BENCHMARK_MIN_GROUP must be a whole number from ${MIN_GROUP_FLOOR} to ${MIN_GROUP_CEILING} (got "${raw}"); it is the smallest peer group a statistic may be computed over.`,
    );
  }
  return value;
}
