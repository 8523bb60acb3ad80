/**
 * The benchmark page's filters as URL search parameters (a GET form), validated with zod on the
 * server: ?industry=34|equipment|all&region=310115|all&size=MEDIUM|all. A missing or empty
 * parameter means the default for it (own division, all of China, own size band).
 */
import { z } from "zod";
import {
  defaultGroup,
  parseIndustryParam,
  parseRegionParam,
  parseSizeParam,
  type IndustryScope,
  type PeerGroupSpec,
  type ProfileSnapshot,
  type RegionScope,
  type SizeScope,
} from "./groups";

export const FILTER_NAMES = ["industry", "region", "size"] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

function scope<T>(parse: (value: string) => T | null) {
  return z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((value, context) => {
      if (value === undefined || value === "") return undefined;
      const parsed = parse(value);
      if (parsed === null) {
        context.addIssue({ code: "custom", message: "unknown code", input: value });
        return z.NEVER;
      }
      return parsed;
    });
}

export const benchmarkFilterSchema = z.object({
  industry: scope<IndustryScope>(parseIndustryParam),
  region: scope<RegionScope>(parseRegionParam),
  size: scope<SizeScope>(parseSizeParam),
});

export type BenchmarkFilters = z.output<typeof benchmarkFilterSchema>;

export type FilterParseResult = { ok: true; filters: BenchmarkFilters } | { ok: false; field: FilterName; code: string };

/** Reads the three filters; the first unknown code is reported with its field (other parameters are ignored). */
export function parseBenchmarkFilters(searchParams: URLSearchParams): FilterParseResult {
  const raw = Object.fromEntries(FILTER_NAMES.filter((name) => searchParams.has(name)).map((name) => [name, searchParams.get(name) ?? ""]));
  const parsed = benchmarkFilterSchema.safeParse(raw);
  if (parsed.success) return { ok: true, filters: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = FILTER_NAMES.find((name) => name === issue.path[0]) ?? "industry";
  // Shown back to the user (escaped by React); long junk is cut so the message stays readable.
  const code = String(raw[field] ?? "").trim();
  return { ok: false, field, code: code.length > 20 ? `${code.slice(0, 20)}…` : code };
}

/** The requested group: each filter given, else the default for it. */
export function requestedGroup(filters: BenchmarkFilters, own: Pick<ProfileSnapshot, "industryCode" | "sizeBand">): PeerGroupSpec {
  const fallback = defaultGroup(own);
  return { industry: filters.industry ?? fallback.industry, region: filters.region ?? fallback.region, size: filters.size ?? fallback.size };
}
