/**
 * A consultancy's portfolio (客户组合): one row per client factory, what each row may show, and
 * the search, filters, sorting and pages of the clients table. Pure and isomorphic: the model
 * reads every row of the consultancy in one statement; this file decides what the page sees.
 *
 * Privacy rule: only a client with an ACTIVE engagement exposes its scores and its id (links).
 * A requested engagement that was never approved shows the credit code the consultancy typed; an
 * ended, revoked or expired one shows the name the factory was known under while it was active —
 * and nothing else.
 */
import { z } from "zod";
import { findIndustry } from "~/domain/reference/industries";
import { findRegion, isWithin } from "~/domain/reference/regions";
import { SIZE_BANDS, type SizeBand } from "~/domain/reference/size-band";

/** An engagement counts as "expires soon" this many days before its end. */
export const EXPIRES_SOON_DAYS = 30;
export const PAGE_SIZE = 25;
const DAY = 24 * 60 * 60 * 1000;

/** What the consultancy's engagement with the factory looks like right now. */
export type EngagementStatus = "requested" | "active" | "expires-soon" | "expired" | "ended";
/** Where the client's latest covered submission stands; "none" before the first submission. */
export type AssessmentState = "none" | "submitted" | "validated";

/** One client as the model reads it (server only: it still holds the factory id). */
export interface PortfolioRecord {
  engagementId: string;
  factoryId: string;
  /** The engagement's state in the database. */
  state: "REQUESTED" | "ACTIVE" | "ENDED" | "REVOKED";
  /** Who started it: a factory's invitation waits for this consultancy's answer. */
  initiatedBy: "CONSULTANCY" | "FACTORY";
  startsAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  /** The factory let this consultancy know its name (it invited it, or approved a request). */
  onceActive: boolean;
  name: string;
  creditCode: string | null;
  industryCode: string | null;
  regionCode: string | null;
  sizeBand: SizeBand | null;
  scope: "READ" | "VALIDATE" | "EDIT";
  /** The latest covered submission (null without one). */
  latest: { assessmentId: string; period: string; overall: number; level: number; submittedAt: Date } | null;
  /** The latest covered submission of an earlier period. */
  previousOverall: number | null;
  /** Dimension id → score (null = insufficient data) of the latest submission. */
  dimensions: Record<string, number | null>;
  /** The latest submission has an ISSUED validation by this consultancy: its result. */
  validated: { overall: number | null; level: number | null } | null;
  draftInProgress: boolean;
  lastActivity: Date | null;
}

/** One row of the clients table as the page gets it. No factory id unless the engagement is active. */
export type PortfolioRow =
  | {
      kind: "active";
      /** The factory's id: only here, because the consultancy may open the client. */
      clientId: string;
      key: string;
      status: "active" | "expires-soon";
      name: string;
      industryCode: string | null;
      regionCode: string | null;
      sizeBand: SizeBand | null;
      scope: "READ" | "VALIDATE" | "EDIT";
      expiresAt: string;
      latest: { assessmentId: string; period: string; overall: number; level: number } | null;
      dimensions: Record<string, number | null>;
      state: AssessmentState;
      validated: { overall: number | null; level: number | null } | null;
      draftInProgress: boolean;
      /** latest − previous period's overall, rounded to two decimals. */
      change: number | null;
      lastActivity: string | null;
    }
  | {
      kind: "inactive";
      /** The engagement id (the consultancy's own record), never the factory's. */
      key: string;
      status: "requested" | "expired" | "ended";
      /** Null for a request that was never approved: the consultancy only knows the credit code. */
      name: string | null;
      /** A factory's invitation waiting for this consultancy's answer (on the engagements page). */
      invited: boolean;
      creditCode: string | null;
      /** Requested: when it starts; expired/ended: when it stopped. */
      since: string;
    };

export function engagementStatus(record: Pick<PortfolioRecord, "state" | "startsAt" | "expiresAt">, now: Date): EngagementStatus {
  if (record.state === "REQUESTED") return "requested";
  if (record.state === "ENDED" || record.state === "REVOKED") return "ended";
  if (record.expiresAt.getTime() <= now.getTime()) return "expired";
  // Approved but not started yet: nothing is open to the consultancy, like a request.
  if (record.startsAt.getTime() > now.getTime()) return "requested";
  return record.expiresAt.getTime() - now.getTime() <= EXPIRES_SOON_DAYS * DAY ? "expires-soon" : "active";
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** What the page may see of one record. */
export function toRow(record: PortfolioRecord, now: Date): PortfolioRow {
  const status = engagementStatus(record, now);
  if (status === "active" || status === "expires-soon") {
    return {
      kind: "active",
      clientId: record.factoryId,
      key: record.factoryId,
      status,
      name: record.name,
      industryCode: record.industryCode,
      regionCode: record.regionCode,
      sizeBand: record.sizeBand,
      scope: record.scope,
      expiresAt: record.expiresAt.toISOString(),
      latest: record.latest ? { assessmentId: record.latest.assessmentId, period: record.latest.period, overall: record.latest.overall, level: record.latest.level } : null,
      dimensions: record.latest ? record.dimensions : {},
      state: record.latest === null ? "none" : record.validated ? "validated" : "submitted",
      validated: record.validated,
      draftInProgress: record.draftInProgress,
      change: record.latest && record.previousOverall !== null ? round2(record.latest.overall - record.previousOverall) : null,
      lastActivity: record.lastActivity?.toISOString() ?? null,
    };
  }
  const since = status === "requested" ? record.startsAt : status === "expired" ? record.expiresAt : (record.endedAt ?? record.expiresAt);
  return {
    kind: "inactive",
    key: record.engagementId,
    status,
    name: record.onceActive ? record.name : null,
    invited: status === "requested" && record.state === "REQUESTED" && record.initiatedBy === "FACTORY",
    creditCode: record.creditCode,
    since: since.toISOString(),
  };
}

// --- the query string -------------------------------------------------------------------------

export const SORT_KEYS = ["name", "industry", "region", "size", "level", "overall", "change", "activity", "state"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const STATE_FILTERS = ["draft", "submitted", "validated", "none", "requested", "expires-soon", "inactive"] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

/** An empty parameter (a GET form's "all") means no filter. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

/**
 * ?q=&industry=&region=&size=&state=&level=&sort=&dir=&page=. Every invalid value is a 400 with a
 * message naming the parameter (unknown sort keys too: a link that sorts wrongly without a word is
 * worse than one that says it is broken). Messages are locale keys.
 */
export const portfolioQuerySchema = z.object({
  q: optional(z.string().trim().max(100, "portfolio.errors.queryTooLong")),
  industry: optional(z.string().refine((code) => findIndustry(code) !== undefined, "portfolio.errors.industry")),
  region: optional(z.string().refine((code) => findRegion(code) !== undefined, "portfolio.errors.region")),
  size: optional(z.enum(SIZE_BANDS, "portfolio.errors.size")),
  state: optional(z.enum(STATE_FILTERS, "portfolio.errors.state")),
  level: optional(z.coerce.number("portfolio.errors.level").int("portfolio.errors.level").min(0, "portfolio.errors.level").max(5, "portfolio.errors.level")),
  sort: z.preprocess((value) => (value === "" || value === undefined ? "activity" : value), z.enum(SORT_KEYS, "portfolio.errors.sort")),
  dir: optional(z.enum(["asc", "desc"], "portfolio.errors.dir")),
  page: z.preprocess(
    (value) => (value === "" || value === undefined ? 1 : value),
    z.coerce.number("portfolio.errors.page").int("portfolio.errors.page").min(1, "portfolio.errors.page").max(10_000, "portfolio.errors.page"),
  ),
});
export type PortfolioQuery = z.output<typeof portfolioQuerySchema>;

const QUERY_KEYS = ["q", "industry", "region", "size", "state", "level", "sort", "dir", "page"] as const;

export type QueryParseResult = { ok: true; query: PortfolioQuery } | { ok: false; message: string };

/** Reads the query; a repeated parameter counts as invalid (a form never sends one twice). */
export function parsePortfolioQuery(searchParams: URLSearchParams): QueryParseResult {
  const raw: Record<string, string> = {};
  for (const key of QUERY_KEYS) {
    const values = searchParams.getAll(key);
    if (values.length > 1) return { ok: false, message: "portfolio.errors.repeated" };
    if (values.length === 1) raw[key] = values[0]!;
  }
  const parsed = portfolioQuerySchema.safeParse(raw);
  if (parsed.success) return { ok: true, query: parsed.data };
  return { ok: false, message: parsed.error.issues[0]?.message ?? "portfolio.errors.invalid" };
}

/** Ascending by default for text columns, descending for numbers and dates (best / newest first). */
export function defaultDirection(sort: SortKey): "asc" | "desc" {
  return sort === "name" || sort === "industry" || sort === "region" || sort === "size" ? "asc" : "desc";
}

// --- filtering, sorting, pages ------------------------------------------------------------------

function matchesState(row: PortfolioRow, state: StateFilter): boolean {
  if (state === "requested") return row.status === "requested";
  if (state === "inactive") return row.status === "expired" || row.status === "ended";
  if (row.kind !== "active") return false;
  if (state === "expires-soon") return row.status === "expires-soon";
  if (state === "draft") return row.draftInProgress;
  return row.state === state;
}

function matches(row: PortfolioRow, query: PortfolioQuery): boolean {
  if (query.state && !matchesState(row, query.state)) return false;
  if (query.q) {
    const needle = query.q.toLocaleLowerCase();
    const haystack = [row.name ?? "", row.kind === "inactive" ? (row.creditCode ?? "") : ""].join(" ").toLocaleLowerCase();
    if (!haystack.includes(needle)) return false;
  }
  // The profile filters and the level only apply to what the consultancy may see: active clients.
  if (query.industry || query.region || query.size || query.level !== undefined) {
    if (row.kind !== "active") return false;
    if (query.industry && row.industryCode !== query.industry) return false;
    if (query.region && (row.regionCode === null || !isWithin(row.regionCode, query.region))) return false;
    if (query.size && row.sizeBand !== query.size) return false;
    if (query.level !== undefined && row.latest?.level !== query.level) return false;
  }
  return true;
}

const STATUS_ORDER: Record<EngagementStatus, number> = { active: 0, "expires-soon": 1, requested: 2, expired: 3, ended: 4 };
const STATE_ORDER: Record<AssessmentState, number> = { validated: 3, submitted: 2, none: 1 };
const SIZE_ORDER: Record<SizeBand, number> = { LARGE: 4, MEDIUM: 3, SMALL: 2, MICRO: 1 };

type SortValue = string | number | null;

function sortValue(row: PortfolioRow, key: SortKey): SortValue {
  if (key === "name") return row.name ?? (row.kind === "inactive" ? row.creditCode : null);
  if (row.kind !== "active") return null;
  switch (key) {
    case "industry":
      return row.industryCode;
    case "region":
      return row.regionCode;
    case "size":
      return row.sizeBand ? SIZE_ORDER[row.sizeBand] : null;
    case "level":
      return row.latest ? row.latest.level + row.latest.overall / 10 : null;
    case "overall":
      return row.latest?.overall ?? null;
    case "change":
      return row.change;
    case "activity":
      return row.lastActivity;
    case "state":
      return STATE_ORDER[row.state] + (row.draftInProgress ? 0.5 : 0);
  }
}

const collator = new Intl.Collator("zh-CN", { numeric: true });

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * Rows without a value (inactive clients, no submission yet) come last in either direction; ties
 * keep a stable order by engagement status, then name, then key.
 */
export function sortRows(rows: readonly PortfolioRow[], key: SortKey, dir: "asc" | "desc"): PortfolioRow[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    if (va !== null && vb !== null) {
      const order = compareValues(va, vb);
      if (order !== 0) return sign * order;
    }
    return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || collator.compare(a.name ?? "", b.name ?? "") || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  });
}

export interface PortfolioPage {
  rows: PortfolioRow[];
  total: number;
  page: number;
  pages: number;
  sort: SortKey;
  dir: "asc" | "desc";
  /** Counts over all rows, before filters: the summary above the table and the dashboard. */
  counts: Record<EngagementStatus, number> & { validated: number; draft: number };
  /** Filter options that occur among the active clients. */
  facets: { industries: string[]; regions: string[] };
}

export function portfolioPage(records: readonly PortfolioRecord[], query: PortfolioQuery, now: Date, pageSize = PAGE_SIZE): PortfolioPage {
  const all = records.map((record) => toRow(record, now));
  const dir = query.dir ?? defaultDirection(query.sort);
  const filtered = sortRows(
    all.filter((row) => matches(row, query)),
    query.sort,
    dir,
  );
  const pages = Math.max(1, Math.ceil(filtered.length / pageSize));
  // A page past the end (the list shrank since the link was made) shows the last page.
  const page = Math.min(query.page, pages);
  const counts = { active: 0, "expires-soon": 0, requested: 0, expired: 0, ended: 0, validated: 0, draft: 0 };
  const industries = new Set<string>();
  const regions = new Set<string>();
  for (const row of all) {
    counts[row.status] += 1;
    if (row.kind !== "active") continue;
    if (row.state === "validated") counts.validated += 1;
    if (row.draftInProgress) counts.draft += 1;
    if (row.industryCode) industries.add(row.industryCode);
    if (row.regionCode) regions.add(row.regionCode.slice(0, 2));
  }
  return {
    rows: filtered.slice((page - 1) * pageSize, page * pageSize),
    total: filtered.length,
    page,
    pages,
    sort: query.sort,
    dir,
    counts,
    facets: { industries: [...industries].sort(), regions: [...regions].sort() },
  };
}
