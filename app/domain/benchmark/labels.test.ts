import { describe, expect, it } from "vitest";
import { findIndustry, findIndustryCategory } from "~/domain/reference/industries";
import { regionLabel } from "~/domain/reference/regions";
import type { PeerGroupSpec } from "./groups";
import { groupLabel, stepLabel, type GroupLabelTranslate } from "./labels";

// The labels' contract is which message keys and values they use; the copy itself lives in the
// locale files (the benchmark route's integration test checks the translated labels). This
// translator writes the key and its values out so every assertion names the key it expects.
const keys: GroupLabelTranslate = (key, vars) => (vars ? `${key}(${Object.values(vars).join(",")})` : key);

const pudongMedium: PeerGroupSpec = { industry: { kind: "division", code: "34" }, region: { kind: "district", code: "310115" }, size: { kind: "band", band: "MEDIUM" } };
const everyone: PeerGroupSpec = { industry: { kind: "all" }, region: { kind: "all" }, size: { kind: "all" } };

describe("groupLabel", () => {
  it("names a division with its code, the region in the user's language and the size band", () => {
    expect(groupLabel(pudongMedium, keys, "zh-CN")).toBe(`34 ${findIndustry("34")!.nameZh} · ${regionLabel("310115", "zh-CN")} · benchmark.group.sizeBand(sizeBand.MEDIUM)`);
    expect(groupLabel(pudongMedium, keys, "en")).toBe(`34 ${findIndustry("34")!.nameEn} · ${regionLabel("310115", "en")} · benchmark.group.sizeBand(sizeBand.MEDIUM)`);
  });

  it("says all industries, nationwide and any size for the widest group", () => {
    expect(groupLabel(everyone, keys, "en")).toBe("benchmark.filters.allIndustries · benchmark.group.nationwide · benchmark.group.allSizes");
  });

  it("names an industry category without a code", () => {
    const spec: PeerGroupSpec = { ...everyone, industry: { kind: "category", category: "equipment" }, region: { kind: "province", code: "32" } };
    expect(groupLabel(spec, keys, "zh-CN")).toBe(`${findIndustryCategory("equipment").nameZh} · ${regionLabel("32", "zh-CN")} · benchmark.group.allSizes`);
    expect(groupLabel(spec, keys, "en")).toBe(`${findIndustryCategory("equipment").nameEn} · ${regionLabel("32", "en")} · benchmark.group.allSizes`);
  });
});

describe("stepLabel", () => {
  it("names the wider region, or nationwide", () => {
    expect(stepLabel("region", { ...pudongMedium, region: { kind: "province", code: "31" } }, keys, "en")).toBe(`benchmark.group.step.region(${regionLabel("31", "en")})`);
    expect(stepLabel("region", { ...pudongMedium, region: { kind: "all" } }, keys, "zh-CN")).toBe("benchmark.group.step.region(benchmark.group.nationwide)");
  });

  it("names the industry category the group widened to", () => {
    const spec: PeerGroupSpec = { ...pudongMedium, industry: { kind: "category", category: "equipment" } };
    expect(stepLabel("industry-category", spec, keys, "zh-CN")).toBe(`benchmark.group.step.industry-category(${findIndustryCategory("equipment").nameZh})`);
  });

  it("uses the step's own message for the other steps", () => {
    expect(stepLabel("size", everyone, keys, "en")).toBe("benchmark.group.step.size");
    expect(stepLabel("all-manufacturing", everyone, keys, "en")).toBe("benchmark.group.step.all-manufacturing");
  });
});
