/**
 * Cached page data of submitted assessments (issue 14, ADR 0024): the results page, the printable
 * report and the peer benchmark are built once per (organisation, role, assessment, locale, version
 * stamp[, filters]) in each web process, instead of from scratch on every request.
 *
 * Why this is safe:
 * - A submitted assessment never changes (ADR 0007; a revision is a new assessment). What its views
 *   also show is the organisation's profile (name, legal name, industry, region, size band): the stamp
 *   read by `frozenStamp` on every request carries the submission time and both rows' `updatedAt`, so
 *   a profile saved through any process changes the key of the next request everywhere.
 * - The key starts with the organisation and role the guard verified, and the stamp statement is
 *   scoped by that organisation: another organisation's id is "not found" before any cache is read.
 * - Peer statistics (the roadmap's peer gaps, the benchmark page) depend on other factories'
 *   submissions; those entries live at most PEER_TTL_MS (docs/performance.md, "Issue 14").
 * - Things that do change about a submitted assessment (whether a validation exists, the viewer's
 *   permissions) are read outside the cache by the routes.
 */
import type { Role } from "~/utils/permissions";
import { hotSql } from "~/utils/db.server";
import type { AppLocale } from "~/utils/i18n";
import { immutable } from "~/utils/render-cache.server";
import { ViewCache, viewCacheKey } from "~/utils/view-cache.server";
import { assessmentOfPage } from "./assessment.server";
import { assessmentReport, type AssessmentReport } from "./assessment-report.server";
import { loadPeerGaps } from "./benchmark.server";

/** How long a view that shows peer statistics may be served from the cache. */
export const PEER_TTL_MS = 60_000;
/** Per cache and web process; a results page's data is ~100 kB, so a few tens of MB at most. */
const MAX_ENTRIES = 300;

export type FrozenStamp = { status: "ok"; stamp: string } | { status: "not-found" } | { status: "not-submitted" };

/**
 * One indexed statement per request: is this a submitted assessment of this organisation, and the
 * version of everything its frozen views show besides itself. On the plain pg pool (ADR 0030).
 */
export async function frozenStamp(organizationId: string, assessmentId: string): Promise<FrozenStamp> {
  const [row] = await hotSql<{ status: string; submittedAt: Date | null; orgUpdatedAt: Date; profileUpdatedAt: Date | null }>`
    SELECT a.status::text AS status, a."submittedAt", o."updatedAt" AS "orgUpdatedAt", f."updatedAt" AS "profileUpdatedAt"
    FROM "Assessment" a
    JOIN "Organization" o ON o.id = a."organizationId"
    LEFT JOIN "FactoryProfile" f ON f."organizationId" = a."organizationId"
    WHERE a.id = ${assessmentId}::uuid AND a."organizationId" = ${organizationId}::uuid`;
  return row ? stampFrom(row.status, row.submittedAt, row.orgUpdatedAt, row.profileUpdatedAt) : { status: "not-found" };
}

/**
 * The stamp of a page request: from the assessment layout's read of this request, which carries the
 * same columns (one statement per page instead of one more per frozen view, ADR 0033).
 */
async function stampOf(viewer: Viewer, assessmentId: string): Promise<FrozenStamp> {
  if (!viewer.request) return frozenStamp(viewer.organizationId, assessmentId);
  const assessment = await assessmentOfPage(viewer.request, viewer.organizationId, assessmentId);
  if (!assessment?.page?.orgUpdatedAt) return { status: "not-found" };
  return stampFrom(assessment.status, assessment.submittedAt, assessment.page.orgUpdatedAt, assessment.page.profileUpdatedAt);
}

/** Both reads give the same stamp for the same rows: it is part of every frozen view's cache key. */
function stampFrom(status: string, submittedAt: Date | null, orgUpdatedAt: Date, profileUpdatedAt: Date | null): FrozenStamp {
  if (status !== "SUBMITTED" || !submittedAt) return { status: "not-submitted" };
  return { status: "ok", stamp: `${submittedAt.getTime()}.${orgUpdatedAt.getTime()}.${profileUpdatedAt?.getTime() ?? 0}` };
}

/** What the guard decided: part of every key, so no one is served a page built for someone else. */
export interface Viewer {
  organizationId: string;
  role: Role;
  locale: AppLocale;
  /** A page request: its stamp comes from the layout's read of the assessment (not part of the key). */
  request?: Request;
}

type ViewOutcome<V> = { status: "ok"; view: V } | { status: "not-found" } | { status: "not-submitted" };

const resultsCache = new ViewCache<unknown>({ maxEntries: MAX_ENTRIES, ttlMs: PEER_TTL_MS });
const reportCache = new ViewCache<unknown>({ maxEntries: MAX_ENTRIES });

/**
 * A page's data made from the report once per key: the page passes `shape` (what its markup shows,
 * e.g. the results page leaves out the answers appendix), so every hit returns the same immutable
 * object — hashed once by the render memo — and the browser gets only what the page shows.
 */
async function cachedReport<V>(cache: ViewCache<unknown>, kind: string, viewer: Viewer, assessmentId: string, withPeerGaps: boolean, shape: (report: AssessmentReport) => V): Promise<ViewOutcome<V>> {
  const stamped = await stampOf(viewer, assessmentId);
  if (stamped.status !== "ok") return stamped;
  const key = viewCacheKey(kind, viewer.organizationId, viewer.role, assessmentId, viewer.locale, stamped.stamp);
  const view = await cache.getOrBuild(key, async () => {
    const peerGap = withPeerGaps ? await loadPeerGaps(viewer.organizationId, assessmentId) : undefined;
    const outcome = await assessmentReport(viewer.organizationId, assessmentId, viewer.locale, { peerGap });
    // Checked by the stamp a moment ago; a row deleted in between is simply not cached.
    if (outcome.status !== "ok") throw new FrozenViewGone(outcome.status);
    // Shared by every request that hits: frozen, and hashed once for the render memo (ADR 0030).
    return immutable(shape(outcome.report));
  });
  // One page (one `shape`) per cache: what was stored is what this page's `shape` made.
  return { status: "ok", view: view as V };
}

class FrozenViewGone extends Error {
  constructor(readonly status: "not-found" | "not-submitted") {
    super(status);
  }
}

async function settle<V>(promise: Promise<ViewOutcome<V>>): Promise<ViewOutcome<V>> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof FrozenViewGone) return { status: error.status };
    throw error;
  }
}

/** The results page's data, with the roadmap's peer gaps (default group): cached, peers for PEER_TTL_MS. */
export function cachedResultsView<V>(viewer: Viewer, assessmentId: string, shape: (report: AssessmentReport) => V): Promise<ViewOutcome<V>> {
  return settle(cachedReport(resultsCache, "results", viewer, assessmentId, true, shape));
}

/** The printable report's data (no peer data): cached until the stamp changes. */
export function cachedPrintView<V>(viewer: Viewer, assessmentId: string, shape: (report: AssessmentReport) => V): Promise<ViewOutcome<V>> {
  return settle(cachedReport(reportCache, "report", viewer, assessmentId, false, shape));
}

const benchmarkCache = new ViewCache<unknown>({ maxEntries: MAX_ENTRIES, ttlMs: PEER_TTL_MS });

/**
 * The benchmark page's data for one peer-group choice (`variant`: the normalised filters), built by
 * `build` on a miss. Peer statistics: cached for PEER_TTL_MS at most.
 */
export async function cachedBenchmarkView<V>(viewer: Viewer, assessmentId: string, variant: string, build: () => Promise<V>): Promise<{ status: "ok"; view: V } | { status: "not-found" } | { status: "not-submitted" }> {
  const stamped = await stampOf(viewer, assessmentId);
  if (stamped.status !== "ok") return stamped;
  const key = viewCacheKey("benchmark", viewer.organizationId, viewer.role, assessmentId, viewer.locale, stamped.stamp, variant);
  return { status: "ok", view: (await benchmarkCache.getOrBuild(key, async () => immutable(await build()))) as V };
}

/** For tests: hit and miss counts, and emptying every cache of this process. */
export const frozenViewCaches = {
  stats: () => ({ results: statsOf(resultsCache), report: statsOf(reportCache), benchmark: statsOf(benchmarkCache) }),
  clear: () => [resultsCache, reportCache, benchmarkCache].forEach((cache) => cache.clear()),
};
function statsOf(cache: ViewCache<unknown>) {
  return { hits: cache.hits, misses: cache.misses, size: cache.size };
}
