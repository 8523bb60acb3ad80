import { describe, expect, it } from "vitest";
import { renderInPage } from "../../../tests/support/render-in-page";
import type { ValidationComparison } from "~/domain/validation/compare";
import { translator } from "~/utils/i18n";
import { ValidationComparisonView } from "./comparison";

const comparison: ValidationComparison = {
  self: { overall: 2.384, level: 2 },
  validated: { overall: 2.1, level: 2 },
  overall: { self: 2.384, validated: 2.1, delta: -0.284 },
  levelChange: 0,
  dimensions: [{ dimensionId: "device", self: 2.5, validated: 2, delta: -0.5 }],
  capabilities: [{ capabilityId: "device.connectivity", dimensionId: "device", self: 3, validated: 1, delta: -2 }],
  differences: [
    {
      questionId: "device.connectivity.data-acquisition",
      capabilityId: "device.connectivity",
      dimensionId: "device",
      selfValue: 3,
      validatedValue: 1,
      selfScore: 3,
      validatedScore: 1,
      comment: "现场只有纸质点检表",
      capability: { self: 3, validated: 1, delta: -2 },
      overallEffect: -0.284,
      levelEffect: 0,
    },
  ],
  counts: { reviewable: 40, reviewed: 40, confirmed: 39, changed: 1, evidenceChecked: 12 },
};
const labels = {
  levels: { 0: "未达级", 2: "规范级" },
  dimensions: { device: "设备" },
  capabilities: { "device.connectivity": "设备联网" },
  questions: { "device.connectivity.data-acquisition": { number: 7, title: "数据采集", type: "level" as const } },
};

describe("<ValidationComparisonView>", () => {
  it("shows both results as “自评 L2 · 2.38 / 核验 L2 · 2.10”, the dimension difference, and each change with its comment and effect", async () => {
    const t = translator("zh-CN");
    const html = await renderInPage("zh-CN", <ValidationComparisonView comparison={comparison} labels={labels} signature={{ version: 1, consultancyName: "远见咨询", issuedByName: "钱顾问", issuedAt: "2026-11-29T10:00:00.000Z" }} />);
    expect(html).toContain(t("validation.summarySelf", { level: 2, score: "2.38" }));
    expect(html).toContain(t("validation.summaryValidated", { level: 2, score: "2.10" }));
    // Validated against self in words (ADR 0022), never a bare sign.
    expect(html).toContain(t("assessment.difference.down", { amount: "0.50" }));
    expect(html).not.toContain("−0.50");
    expect(html).toContain("现场只有纸质点检表");
    expect(html).toContain(t("validation.capabilityEffect", { capability: "设备联网", from: "3.00", to: "1.00" }));
    expect(html).toContain(t("validation.overallEffect", { effect: t("assessment.difference.down", { amount: "0.28" }) }));
    expect(html).toContain("远见咨询");
  });

  it("reads in English too", async () => {
    const t = translator("en");
    const html = await renderInPage("en", <ValidationComparisonView comparison={{ ...comparison, differences: [] }} labels={labels} signature={null} />);
    expect(html).toContain(t("validation.summarySelf", { level: 2, score: "2.38" }));
    expect(html).toContain(t("validation.noDifferences"));
  });
});
