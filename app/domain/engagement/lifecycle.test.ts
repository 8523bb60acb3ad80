import { describe, expect, it } from "vitest";
import { addMonths, allowedActions, approvedTerms, consultancySeesFactory, readableTarget, shownState } from "./lifecycle";

const DAY = 86_400_000;
const now = new Date("2026-11-29T10:00:00Z");

describe("shownState", () => {
  it("shows an ACTIVE engagement past its expiry as expired, and one closed at its expiry too", () => {
    expect(shownState({ state: "ACTIVE", expiresAt: new Date(now.getTime() + DAY) }, now)).toBe("ACTIVE");
    expect(shownState({ state: "ACTIVE", expiresAt: new Date(now.getTime() - 1) }, now)).toBe("EXPIRED");
    const expiresAt = new Date(now.getTime() - DAY);
    expect(shownState({ state: "ENDED", expiresAt, endedAt: expiresAt, endedById: null }, now)).toBe("EXPIRED");
    expect(shownState({ state: "ENDED", expiresAt, endedAt: expiresAt, endedById: "someone" }, now)).toBe("ENDED");
  });
});

describe("addMonths", () => {
  it("adds calendar months and clamps to the month's last day", () => {
    expect(addMonths(new Date("2026-01-31T08:00:00Z"), 1).toISOString()).toBe("2026-02-28T08:00:00.000Z");
    expect(addMonths(new Date("2026-11-29T10:00:00Z"), 12).toISOString()).toBe("2027-11-29T10:00:00.000Z");
    expect(addMonths(new Date("2026-11-29T10:00:00Z"), 36).toISOString()).toBe("2029-11-29T10:00:00.000Z");
  });
});

describe("approvedTerms", () => {
  const requested = { scope: "VALIDATE" as const, allAssessments: true, assessmentIds: [], startsAt: new Date(now.getTime() - 5 * DAY), expiresAt: addMonths(new Date(now.getTime() - 5 * DAY), 12) };

  it("keeps the requested terms, counting the duration from the approval", () => {
    const terms = approvedTerms(requested, {}, now);
    expect(terms).toMatchObject({ ok: true, scope: "VALIDATE", allAssessments: true, startsAt: now });
    if (terms.ok) expect(terms.expiresAt.getTime() - now.getTime()).toBe(requested.expiresAt.getTime() - requested.startsAt.getTime());
  });

  it("lets the approving side narrow scope, expiry and assessments, never widen them", () => {
    expect(approvedTerms(requested, { scope: "READ", months: 6, assessmentIds: ["a", "a"] }, now)).toMatchObject({ ok: true, scope: "READ", allAssessments: false, assessmentIds: ["a"], expiresAt: addMonths(now, 6) });
    expect(approvedTerms({ ...requested, scope: "READ" }, { scope: "VALIDATE" }, now)).toEqual({ ok: false, field: "scope" });
    expect(approvedTerms(requested, { months: 24 }, now)).toEqual({ ok: false, field: "months" });
    expect(approvedTerms({ ...requested, allAssessments: false, assessmentIds: ["a"] }, { assessmentIds: ["b"] }, now)).toEqual({ ok: false, field: "assessmentIds" });
  });
});

describe("allowedActions", () => {
  const future = new Date(now.getTime() + DAY);
  it("lets only the side that did not start a request decide it; each side closes in its own way", () => {
    const request = { state: "REQUESTED" as const, initiatedBy: "CONSULTANCY" as const, expiresAt: future };
    expect(allowedActions(request, "FACTORY", now)).toEqual({ approve: true, decline: true, revoke: false, end: false });
    expect(allowedActions(request, "CONSULTANCY", now)).toEqual({ approve: false, decline: false, revoke: false, end: true });
    const active = { state: "ACTIVE" as const, initiatedBy: "FACTORY" as const, expiresAt: future };
    expect(allowedActions(active, "FACTORY", now)).toEqual({ approve: false, decline: false, revoke: true, end: false });
    expect(allowedActions({ ...active, expiresAt: new Date(now.getTime() - 1) }, "CONSULTANCY", now)).toEqual({ approve: false, decline: false, revoke: false, end: false });
  });
});

describe("consultancySeesFactory", () => {
  it("hides the factory's name from a consultancy until the factory invited it or approved", () => {
    expect(consultancySeesFactory({ initiatedBy: "CONSULTANCY", decidedAt: null, state: "REQUESTED" })).toBe(false);
    expect(consultancySeesFactory({ initiatedBy: "CONSULTANCY", decidedAt: now, state: "DECLINED" })).toBe(false);
    expect(consultancySeesFactory({ initiatedBy: "CONSULTANCY", decidedAt: now, state: "REVOKED" })).toBe(true);
    expect(consultancySeesFactory({ initiatedBy: "FACTORY", decidedAt: null, state: "REQUESTED" })).toBe(true);
    expect(consultancySeesFactory({ initiatedBy: "CONSULTANCY", decidedAt: null, state: "ENDED" })).toBe(false);
    expect(consultancySeesFactory({ initiatedBy: "CONSULTANCY", decidedAt: now, state: "ENDED" })).toBe(true);
  });
});

describe("readableTarget", () => {
  const c = "11111111-1111-4111-8111-111111111111";
  const f = "22222222-2222-4222-8222-222222222222";
  const a = "33333333-3333-4333-8333-333333333333";
  it("names the page and the assessment of a guard target", () => {
    expect(readableTarget(`assessment:read GET /o/${c}/clients/${f}`)).toEqual({ permission: "assessment:read", method: "GET", page: "client", assessmentId: null });
    expect(readableTarget(`assessment:read GET /o/${c}/clients/${f}/assessments/${a}`)).toMatchObject({ page: "assessment", assessmentId: a });
    expect(readableTarget(`assessment:validate POST /o/${c}/clients/${f}/assessments/${a}/validate`)).toMatchObject({ page: "validate", method: "POST" });
    expect(readableTarget(`assessment:read GET /o/${c}/clients/${f}/assessments/${a}/diagnostic`)).toMatchObject({ page: "diagnostic" });
    expect(readableTarget(`assessment:read GET /o/${c}/clients/${f}/assessments/${a}/diagnostic.xlsx`)).toMatchObject({ page: "export" });
    expect(readableTarget(`assessment ${a} v2`)).toEqual({ permission: null, method: null, page: "other", assessmentId: a });
  });
});
