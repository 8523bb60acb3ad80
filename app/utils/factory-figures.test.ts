import { describe, expect, it } from "vitest";
import { formatEmployees, formatRevenueWan } from "./factory-figures";
import { translator } from "./i18n";

const zh = translator("zh-CN");
const en = translator("en");

describe("factory figures with units", () => {
  it("reads revenue stored in 万元 as 亿元 from 10,000 万元 on, in Chinese", () => {
    expect(formatRevenueWan(zh, "zh-CN", 52_000)).toBe("营业收入 5.2 亿元");
    expect(formatRevenueWan(zh, "zh-CN", 3_500)).toBe("营业收入 3,500 万元");
  });

  it("reads the same revenue in yuan in English", () => {
    expect(formatRevenueWan(en, "en", 52_000)).toBe("revenue CNY 520 million");
    expect(formatRevenueWan(en, "en", 250_000)).toBe("revenue CNY 2.5 billion");
    expect(formatRevenueWan(en, "en", 50)).toBe("revenue CNY 500,000");
  });

  it("counts employees as people", () => {
    expect(formatEmployees(zh, "zh-CN", 450)).toBe("450 人");
    expect(formatEmployees(en, "en", 1200)).toBe("1,200 employees");
  });
});
