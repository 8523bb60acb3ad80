import { describe, expect, it } from "vitest";
import { defaultDirection, engagementStatus, parsePortfolioQuery, portfolioPage, sortRows, toRow, type PortfolioQuery, type PortfolioRecord } from "./rows";

const NOW = new Date("2026-06-01T00:00:00Z");
const DAY = 86_400_000;

let counter = 0;
function record(overrides: Partial<PortfolioRecord> = {}): PortfolioRecord {
  counter += 1;
  return {
    engagementId: `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`,
    factoryId: `11111111-0000-4000-8000-${String(counter).padStart(12, "0")}`,
    state: "ACTIVE",
    initiatedBy: "CONSULTANCY",
    startsAt: new Date(NOW.getTime() - 10 * DAY),
    expiresAt: new Date(NOW.getTime() + 100 * DAY),
    endedAt: null,
    onceActive: true,
    name: `工厂${counter}`,
    creditCode: "91310115MA1K4AB12X",
    industryCode: "34",
    regionCode: "310115",
    sizeBand: "MEDIUM",
    scope: "VALIDATE",
    latest: { assessmentId: "a", period: "2025", overall: 2.5, level: 2, submittedAt: NOW },
    previousOverall: 2.1,
    dimensions: { device: 2.4 },
    validated: null,
    draftInProgress: false,
    lastActivity: NOW,
    ...overrides,
  };
}

const query = (overrides: Partial<PortfolioQuery> = {}): PortfolioQuery => ({ sort: "activity", page: 1, ...overrides }) as PortfolioQuery;

describe("engagementStatus", () => {
  it("tells requested, active, expiring, expired and ended apart", () => {
    expect(engagementStatus(record({ state: "REQUESTED" }), NOW)).toBe("requested");
    expect(engagementStatus(record(), NOW)).toBe("active");
    expect(engagementStatus(record({ expiresAt: new Date(NOW.getTime() + 5 * DAY) }), NOW)).toBe("expires-soon");
    expect(engagementStatus(record({ expiresAt: new Date(NOW.getTime() - DAY) }), NOW)).toBe("expired");
    expect(engagementStatus(record({ state: "REVOKED" }), NOW)).toBe("ended");
    expect(engagementStatus(record({ state: "ENDED" }), NOW)).toBe("ended");
    expect(engagementStatus(record({ startsAt: new Date(NOW.getTime() + DAY) }), NOW)).toBe("requested");
  });
});

describe("toRow", () => {
  it("gives active clients their id, scores and the change since the previous period", () => {
    const row = toRow(record({ validated: { overall: 2.2, level: 2 } }), NOW);
    expect(row.kind).toBe("active");
    if (row.kind !== "active") return;
    expect(row.clientId).toMatch(/^11111111/);
    expect(row.change).toBe(0.4);
    expect(row.state).toBe("validated");
  });

  it("never puts a factory id or scores into an inactive row; a never-approved request shows only the credit code", () => {
    const requested = record({ state: "REQUESTED", onceActive: false });
    const row = toRow(requested, NOW);
    expect(row).toEqual({ kind: "inactive", key: requested.engagementId, status: "requested", name: null, invited: false, creditCode: requested.creditCode, since: requested.startsAt.toISOString() });
    expect(JSON.stringify(row)).not.toContain(requested.factoryId);
    const ended = toRow(record({ state: "REVOKED", endedAt: NOW }), NOW);
    expect(ended).toMatchObject({ kind: "inactive", status: "ended", name: expect.stringMatching(/^工厂/) });
    expect(JSON.stringify(ended)).not.toContain("2.5");
  });

  it("names a factory that invited the consultancy, and says the invitation waits for its answer", () => {
    const invitation = record({ state: "REQUESTED", initiatedBy: "FACTORY", onceActive: true });
    const row = toRow(invitation, NOW);
    expect(row).toMatchObject({ kind: "inactive", status: "requested", name: invitation.name, invited: true });
    expect(JSON.stringify(row)).not.toContain(invitation.factoryId);
  });
});

describe("parsePortfolioQuery", () => {
  it("accepts an empty query with defaults", () => {
    expect(parsePortfolioQuery(new URLSearchParams(""))).toEqual({ ok: true, query: { sort: "activity", page: 1 } });
    expect(parsePortfolioQuery(new URLSearchParams("q=&industry=&level=&sort=&page="))).toMatchObject({ ok: true, query: { sort: "activity", page: 1 } });
  });

  it("reads every filter", () => {
    const parsed = parsePortfolioQuery(new URLSearchParams("q=机床&industry=34&region=31&size=LARGE&state=validated&level=0&sort=overall&dir=asc&page=3"));
    expect(parsed).toEqual({ ok: true, query: { q: "机床", industry: "34", region: "31", size: "LARGE", state: "validated", level: 0, sort: "overall", dir: "asc", page: 3 } });
  });

  it.each([
    ["industry=99", "portfolio.errors.industry"],
    ["region=999999", "portfolio.errors.region"],
    ["size=HUGE", "portfolio.errors.size"],
    ["state=deleted", "portfolio.errors.state"],
    ["level=6", "portfolio.errors.level"],
    ["level=1.5", "portfolio.errors.level"],
    ["sort=password", "portfolio.errors.sort"],
    ["dir=up", "portfolio.errors.dir"],
    ["page=0", "portfolio.errors.page"],
    ["page=abc", "portfolio.errors.page"],
    [`q=${"x".repeat(101)}`, "portfolio.errors.queryTooLong"],
    ["page=1&page=2", "portfolio.errors.repeated"],
  ])("refuses %s", (search, message) => {
    expect(parsePortfolioQuery(new URLSearchParams(search))).toEqual({ ok: false, message });
  });
});

describe("portfolioPage", () => {
  const records = [
    record({ name: "甲", latest: { assessmentId: "a", period: "2025", overall: 3.1, level: 3, submittedAt: NOW }, regionCode: "11", industryCode: "26" }),
    record({ name: "乙", draftInProgress: true, sizeBand: "LARGE" }),
    record({ name: "丙", latest: null, previousOverall: null, dimensions: {} }),
    record({ name: "丁", state: "REQUESTED", onceActive: false }),
    record({ name: "戊", expiresAt: new Date(NOW.getTime() - DAY) }),
  ];

  it("counts every state and pages the rows", () => {
    const page = portfolioPage(records, query(), NOW, 2);
    expect(page.counts).toMatchObject({ active: 3, requested: 1, expired: 1, draft: 1 });
    expect(page.total).toBe(5);
    expect(page.pages).toBe(3);
    expect(page.rows).toHaveLength(2);
    expect(portfolioPage(records, query({ page: 99 }), NOW, 2).page).toBe(3);
    expect(page.facets.regions).toEqual(["11", "31"]);
  });

  it("filters by state, profile, level and text", () => {
    const names = (q: Partial<PortfolioQuery>) => portfolioPage(records, query(q), NOW).rows.map((row) => row.name);
    expect(names({ state: "draft" })).toEqual(["乙"]);
    expect(names({ state: "none" })).toEqual(["丙"]);
    expect(names({ state: "requested" })).toEqual([null]);
    expect(names({ state: "inactive" })).toEqual(["戊"]);
    expect(names({ region: "11" })).toEqual(["甲"]);
    expect(names({ industry: "26" })).toEqual(["甲"]);
    expect(names({ size: "LARGE" })).toEqual(["乙"]);
    expect(names({ level: 3 })).toEqual(["甲"]);
    expect(names({ q: "丙" })).toEqual(["丙"]);
    // The credit code finds a request whose name the consultancy does not know.
    expect(portfolioPage(records, query({ q: "91310115ma1k" }), NOW).rows.some((row) => row.kind === "inactive" && row.status === "requested")).toBe(true);
  });

  it.each(["name", "industry", "region", "size", "level", "overall", "change", "activity", "state"] as const)("sorts by %s with inactive rows last", (key) => {
    const rows = records.map((r) => toRow(r, NOW));
    for (const dir of ["asc", "desc"] as const) {
      const sorted = sortRows(rows, key, dir);
      expect(sorted).toHaveLength(rows.length);
      const firstInactive = sorted.findIndex((row) => row.kind === "inactive");
      if (key !== "name") expect(sorted.slice(firstInactive).every((row) => row.kind === "inactive")).toBe(true);
    }
    expect(defaultDirection(key)).toBe(["name", "industry", "region", "size"].includes(key) ? "asc" : "desc");
  });

  it("puts a validated client with a draft above one without, by state", () => {
    const rows = [toRow(record({ name: "A", validated: { overall: 2, level: 2 } }), NOW), toRow(record({ name: "B", validated: { overall: 2, level: 2 }, draftInProgress: true }), NOW), toRow(record({ name: "C" }), NOW)];
    expect(sortRows(rows, "state", "desc").map((row) => row.name)).toEqual(["B", "A", "C"]);
  });

  it("sorts both ways and keeps rows without a value last", () => {
    const rows = records.map((r) => toRow(r, NOW));
    const desc = sortRows(rows, "overall", "desc").map((row) => row.name);
    expect(desc.slice(0, 2)).toEqual(["甲", "乙"]);
    const asc = sortRows(rows, "overall", "asc").map((row) => row.name);
    expect(asc.slice(0, 2)).toEqual(["乙", "甲"]);
    expect(asc.slice(2)).toEqual(desc.slice(2));
  });
});
