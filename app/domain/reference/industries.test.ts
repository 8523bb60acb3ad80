import { describe, expect, it } from "vitest";

import {
  INDUSTRIES,
  INDUSTRY_CATEGORIES,
  INDUSTRY_CATEGORY_IDS,
  INDUSTRY_CLASSIFICATION_VERSION,
  findIndustry,
  findIndustryCategory,
  industryName,
} from "./industries";

const CJK = /[\u3400-\u9fff]/;

/** Official division names, copied from GB/T 4754-2017 section C. */
const OFFICIAL_NAMES: Record<string, string> = {
  "13": "农副食品加工业",
  "14": "食品制造业",
  "15": "酒、饮料和精制茶制造业",
  "16": "烟草制品业",
  "17": "纺织业",
  "18": "纺织服装、服饰业",
  "19": "皮革、毛皮、羽毛及其制品和制鞋业",
  "20": "木材加工和木、竹、藤、棕、草制品业",
  "21": "家具制造业",
  "22": "造纸和纸制品业",
  "23": "印刷和记录媒介复制业",
  "24": "文教、工美、体育和娱乐用品制造业",
  "25": "石油、煤炭及其他燃料加工业",
  "26": "化学原料和化学制品制造业",
  "27": "医药制造业",
  "28": "化学纤维制造业",
  "29": "橡胶和塑料制品业",
  "30": "非金属矿物制品业",
  "31": "黑色金属冶炼和压延加工业",
  "32": "有色金属冶炼和压延加工业",
  "33": "金属制品业",
  "34": "通用设备制造业",
  "35": "专用设备制造业",
  "36": "汽车制造业",
  "37": "铁路、船舶、航空航天和其他运输设备制造业",
  "38": "电气机械和器材制造业",
  "39": "计算机、通信和其他电子设备制造业",
  "40": "仪器仪表制造业",
  "41": "其他制造业",
  "42": "废弃资源综合利用业",
  "43": "金属制品、机械和设备修理业",
};

describe("INDUSTRIES", () => {
  it("is versioned by the standard it encodes", () => {
    expect(INDUSTRY_CLASSIFICATION_VERSION).toBe("GB/T 4754-2017");
  });

  it("lists the 31 manufacturing divisions 13–43 in order, without gaps or duplicates", () => {
    expect(INDUSTRIES).toHaveLength(31);
    expect(INDUSTRIES.map((industry) => industry.code)).toEqual(
      Array.from({ length: 31 }, (_, index) => String(13 + index)),
    );
    for (const industry of INDUSTRIES) expect(industry.code).toMatch(/^\d{2}$/);
  });

  it("uses the official Chinese names", () => {
    expect(Object.fromEntries(INDUSTRIES.map((industry) => [industry.code, industry.nameZh]))).toEqual(OFFICIAL_NAMES);
  });

  it("has an English name for every division, in Latin script and unique", () => {
    for (const industry of INDUSTRIES) {
      expect(industry.nameEn.trim()).not.toBe("");
      expect(industry.nameEn).toBe(industry.nameEn.trim());
      expect(industry.nameEn, industry.code).not.toMatch(CJK);
      expect(industry.nameZh, industry.code).toMatch(CJK);
    }
    expect(new Set(INDUSTRIES.map((industry) => industry.nameEn)).size).toBe(31);
  });

  it.each([
    ["consumer", 13, 24],
    ["materials", 25, 32],
    ["equipment", 33, 40],
    ["other", 41, 43],
  ] as const)("puts divisions %s in %i–%i", (category, first, last) => {
    const expected = Array.from({ length: last - first + 1 }, (_, index) => String(first + index));
    expect(INDUSTRIES.filter((industry) => industry.category === category).map((industry) => industry.code)).toEqual(
      expected,
    );
  });

  it("is frozen so no caller can edit the shared list", () => {
    expect(Object.isFrozen(INDUSTRIES)).toBe(true);
    expect(Object.isFrozen(INDUSTRIES[0])).toBe(true);
  });
});

describe("INDUSTRY_CATEGORIES", () => {
  it("has one entry per category id, in order, with both names", () => {
    expect(INDUSTRY_CATEGORIES).toEqual([
      { id: "consumer", nameZh: "消费品制造", nameEn: "Consumer goods" },
      { id: "materials", nameZh: "原材料与流程制造", nameEn: "Raw materials & process" },
      { id: "equipment", nameZh: "装备制造", nameEn: "Equipment manufacturing" },
      { id: "other", nameZh: "其他制造", nameEn: "Other manufacturing" },
    ]);
    expect(INDUSTRY_CATEGORIES.map((category) => category.id)).toEqual([...INDUSTRY_CATEGORY_IDS]);
  });

  it("finds a category by id", () => {
    expect(findIndustryCategory("equipment").nameZh).toBe("装备制造");
  });
});

describe("findIndustry", () => {
  it("finds a division by its code", () => {
    expect(findIndustry("36")).toEqual({
      code: "36",
      nameZh: "汽车制造业",
      nameEn: "Manufacture of motor vehicles",
      category: "equipment",
    });
  });

  it.each(["12", "44", "C", "3", "039", " 39", ""])("returns undefined for %j", (code) => {
    expect(findIndustry(code)).toBeUndefined();
  });
});

describe("industryName", () => {
  it("names a division in either locale", () => {
    expect(industryName("39", "zh-CN")).toBe("计算机、通信和其他电子设备制造业");
    expect(industryName("39", "en")).toBe("Manufacture of computers, communication and other electronic equipment");
  });

  it("throws for a code that is not a manufacturing division", () => {
    expect(() => industryName("44", "en")).toThrow(RangeError);
  });
});
