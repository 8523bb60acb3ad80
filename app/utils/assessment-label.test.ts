import { describe, expect, it } from "vitest";
import { editionNumbers } from "~/domain/assessment/label";
import { assessmentLabel, assessmentLabels } from "./assessment-label";
import { translator } from "./i18n";

const zh = translator("zh-CN");
const en = translator("en");

describe("editionNumbers", () => {
  it("numbers each period's assessments by start time, drafts included, whatever the list order", () => {
    const editions = editionNumbers([
      { id: "c", period: "2026", createdAt: "2026-11-29T08:00:00Z" },
      { id: "x", period: "2025", createdAt: "2025-06-01T08:00:00Z" },
      { id: "a", period: "2026", createdAt: "2026-03-01T08:00:00Z" },
      { id: "b", period: "2026", createdAt: new Date("2026-07-01T08:00:00Z") },
    ]);
    expect(Object.fromEntries(editions)).toEqual({ a: 1, b: 2, c: 3, x: 1 });
  });

  it("breaks a tie in start time by id, so the numbers never depend on query order", () => {
    const at = "2026-01-01T00:00:00Z";
    const one = editionNumbers([{ id: "b", period: "2026", createdAt: at }, { id: "a", period: "2026", createdAt: at }]);
    const two = editionNumbers([{ id: "a", period: "2026", createdAt: at }, { id: "b", period: "2026", createdAt: at }]);
    expect(Object.fromEntries(one)).toEqual({ a: 1, b: 2 });
    expect(Object.fromEntries(two)).toEqual(Object.fromEntries(one));
  });
});

describe("assessmentLabel", () => {
  const submitted = { period: "2026", edition: 2, status: "SUBMITTED" as const, submittedAt: "2026-11-29T03:00:00Z" };

  it("names a submission by year, revision and day in both languages", () => {
    expect(assessmentLabel(zh, "zh-CN", submitted)).toBe("2026 · 第 2 版 · 11月29日");
    expect(assessmentLabel(en, "en", submitted)).toBe("2026 · revision 2 · Nov 29");
  });

  it("dates the day in China time (23:30 UTC is already the next day in Shanghai)", () => {
    expect(assessmentLabel(zh, "zh-CN", { ...submitted, submittedAt: "2026-11-28T23:30:00Z" })).toBe("2026 · 第 2 版 · 11月29日");
  });

  it("adds the year when the submission fell outside the reporting year", () => {
    expect(assessmentLabel(zh, "zh-CN", { ...submitted, period: "2025", edition: 1, submittedAt: "2026-01-15T03:00:00Z" })).toBe("2025 · 第 1 版 · 2026年1月15日");
    expect(assessmentLabel(en, "en", { ...submitted, period: "2025", edition: 1, submittedAt: "2026-01-15T03:00:00Z" })).toBe("2025 · revision 1 · Jan 15, 2026");
  });

  it("says a draft is a draft instead of a date", () => {
    expect(assessmentLabel(zh, "zh-CN", { period: "2026", edition: 3, status: "DRAFT", submittedAt: null })).toBe("2026 · 第 3 版 · 草稿");
    expect(assessmentLabel(en, "en", { period: "2026", edition: 3, status: "DRAFT", submittedAt: null })).toBe("2026 · revision 3 · draft");
  });

  it("has a short form for chart axes", () => {
    expect(assessmentLabel(zh, "zh-CN", submitted, "short")).toBe("2026 第2版");
    expect(assessmentLabel(en, "en", submitted, "short")).toBe("2026 rev. 2");
  });
});

describe("assessmentLabels", () => {
  it("tells three assessments of one year apart", () => {
    const labels = assessmentLabels(zh, "zh-CN", [
      { id: "3", period: "2026", status: "DRAFT", createdAt: "2026-11-29T06:00:00Z", submittedAt: null },
      { id: "2", period: "2026", status: "SUBMITTED", createdAt: "2026-11-29T04:00:00Z", submittedAt: "2026-11-29T05:00:00Z" },
      { id: "1", period: "2026", status: "SUBMITTED", createdAt: "2026-03-02T01:00:00Z", submittedAt: "2026-03-10T01:00:00Z" },
    ]);
    expect([...labels.values()]).toEqual(["2026 · 第 3 版 · 草稿", "2026 · 第 2 版 · 11月29日", "2026 · 第 1 版 · 3月10日"]);
    expect(new Set(labels.values()).size).toBe(3);
  });
});
