import { describe, expect, it } from "vitest";
import {
  DEFAULT_MIN_GROUP,
  defaultGroup,
  fallbackChain,
  inGroup,
  InvalidMinGroupError,
  parseIndustryParam,
  parseMinGroup,
  parseRegionParam,
  parseSizeParam,
  sameGroup,
  widenRegion,
  type PeerGroupSpec,
  type ProfileSnapshot,
} from "./groups";

const pudongMachine: ProfileSnapshot = {
  industryCode: "34",
  industryCategory: "equipment",
  regionCode: "310115",
  provinceCode: "31",
  cityCode: null,
  sizeBand: "MEDIUM",
};

describe("URL parameters", () => {
  it("reads divisions, categories, regions at every level and size bands; unknown codes are null", () => {
    expect(parseIndustryParam("34")).toEqual({ kind: "division", code: "34" });
    expect(parseIndustryParam("equipment")).toEqual({ kind: "category", category: "equipment" });
    expect(parseIndustryParam("all")).toEqual({ kind: "all" });
    expect(parseIndustryParam("99")).toBeNull();
    expect(parseIndustryParam("12")).toBeNull(); // 12 is not a manufacturing division
    expect(parseRegionParam("31")).toEqual({ kind: "province", code: "31" });
    expect(parseRegionParam("3205")).toEqual({ kind: "city", code: "3205" });
    expect(parseRegionParam("310115")).toEqual({ kind: "district", code: "310115" });
    expect(parseRegionParam("999999")).toBeNull();
    expect(parseRegionParam("all")).toEqual({ kind: "all" });
    expect(parseSizeParam("MICRO")).toEqual({ kind: "band", band: "MICRO" });
    expect(parseSizeParam("micro")).toBeNull();
    expect(parseSizeParam("all")).toEqual({ kind: "all" });
  });
});

describe("default group and membership", () => {
  it("defaults to the own division and size band, all of China", () => {
    expect(defaultGroup(pudongMachine)).toEqual({ industry: { kind: "division", code: "34" }, region: { kind: "all" }, size: { kind: "band", band: "MEDIUM" } });
  });

  it("matches each filter against the snapshot columns", () => {
    const suzhouElectronics: ProfileSnapshot = { industryCode: "39", industryCategory: "equipment", regionCode: "3205", provinceCode: "32", cityCode: "3205", sizeBand: "LARGE" };
    const spec = (partial: Partial<PeerGroupSpec>): PeerGroupSpec => ({ industry: { kind: "all" }, region: { kind: "all" }, size: { kind: "all" }, ...partial });
    expect(inGroup(suzhouElectronics, spec({}))).toBe(true);
    expect(inGroup(suzhouElectronics, spec({ industry: { kind: "category", category: "equipment" } }))).toBe(true);
    expect(inGroup(suzhouElectronics, spec({ industry: { kind: "division", code: "34" } }))).toBe(false);
    expect(inGroup(suzhouElectronics, spec({ region: { kind: "province", code: "32" } }))).toBe(true);
    expect(inGroup(suzhouElectronics, spec({ region: { kind: "city", code: "3205" } }))).toBe(true);
    expect(inGroup(suzhouElectronics, spec({ region: { kind: "city", code: "3202" } }))).toBe(false);
    expect(inGroup(pudongMachine, spec({ region: { kind: "district", code: "310115" } }))).toBe(true);
    expect(inGroup(pudongMachine, spec({ region: { kind: "city", code: "3101" } }))).toBe(false); // no city level in Shanghai
    expect(inGroup(suzhouElectronics, spec({ size: { kind: "band", band: "MEDIUM" } }))).toBe(false);
  });
});

describe("fallback hierarchy", () => {
  const describeChain = (chain: ReturnType<typeof fallbackChain>) =>
    chain.map(({ spec, step }) => [step, spec.industry.kind === "division" ? spec.industry.code : spec.industry.kind === "category" ? spec.industry.category : "all", spec.region.kind === "all" ? "all" : spec.region.code, spec.size.kind === "all" ? "all" : spec.size.band]);

  it("drops the size, widens the region step by step, then the industry category, then all manufacturing", () => {
    const requested: PeerGroupSpec = { industry: { kind: "division", code: "34" }, region: { kind: "district", code: "310115" }, size: { kind: "band", band: "MEDIUM" } };
    expect(describeChain(fallbackChain(requested))).toEqual([
      [null, "34", "310115", "MEDIUM"],
      ["size", "34", "310115", "all"],
      ["region", "34", "31", "all"], // a Shanghai district sits directly under the municipality
      ["region", "34", "all", "all"],
      ["industry-category", "equipment", "all", "all"],
      ["all-manufacturing", "all", "all", "all"],
    ]);
  });

  it("goes city → province → all of China", () => {
    const requested: PeerGroupSpec = { industry: { kind: "category", category: "consumer" }, region: { kind: "city", code: "3401" }, size: { kind: "all" } };
    expect(describeChain(fallbackChain(requested))).toEqual([
      [null, "consumer", "3401", "all"],
      ["region", "consumer", "34", "all"],
      ["region", "consumer", "all", "all"],
      ["all-manufacturing", "all", "all", "all"],
    ]);
  });

  it("has nowhere to go from all manufacturing, and always ends there", () => {
    const everything: PeerGroupSpec = { industry: { kind: "all" }, region: { kind: "all" }, size: { kind: "all" } };
    expect(fallbackChain(everything)).toEqual([{ spec: everything, step: null }]);
    const last = fallbackChain(defaultGroup(pudongMachine)).at(-1)!;
    expect(sameGroup(last.spec, everything)).toBe(true);
  });

  it("widens codes outside the reference subset by their structure", () => {
    expect(widenRegion({ kind: "district", code: "320505" })).toEqual({ kind: "city", code: "3205" });
    expect(widenRegion({ kind: "city", code: "4403" })).toEqual({ kind: "province", code: "44" });
    expect(widenRegion({ kind: "province", code: "44" })).toEqual({ kind: "all" });
  });
});

describe("BENCHMARK_MIN_GROUP", () => {
  it("defaults to 5 and accepts whole numbers from 3 to 1000", () => {
    expect(parseMinGroup(undefined)).toBe(DEFAULT_MIN_GROUP);
    expect(parseMinGroup("")).toBe(5);
    expect(parseMinGroup(" 10 ")).toBe(10);
    expect(parseMinGroup("3")).toBe(3);
    expect(parseMinGroup("1000")).toBe(1000);
  });

  it.each(["2", "0", "-5", "5.5", "abc", "1e3", "1001", "5 peers"])("refuses %j (never a group of two, never a silent default)", (raw) => {
    expect(() => parseMinGroup(raw)).toThrow(InvalidMinGroupError);
  });
});
