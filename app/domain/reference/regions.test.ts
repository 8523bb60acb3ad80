import { describe, expect, it } from "vitest";

import {
  REGIONS,
  REGION_DATA_VERSION,
  type Region,
  findRegion,
  isWithin,
  provinceOf,
  regionAncestors,
  regionLabel,
  regionName,
} from "./regions";

const CJK = /[\u3400-\u9fff]/;
const codes = (regions: readonly Region[]) => regions.map((region) => region.code);
const byLevel = (level: Region["level"]) => REGIONS.filter((region) => region.level === level);
const childrenOf = (parentCode: string) => REGIONS.filter((region) => region.parentCode === parentCode);

const PROVINCES: Record<string, string> = {
  "11": "北京市",
  "12": "天津市",
  "13": "河北省",
  "14": "山西省",
  "15": "内蒙古自治区",
  "21": "辽宁省",
  "22": "吉林省",
  "23": "黑龙江省",
  "31": "上海市",
  "32": "江苏省",
  "33": "浙江省",
  "34": "安徽省",
  "35": "福建省",
  "36": "江西省",
  "37": "山东省",
  "41": "河南省",
  "42": "湖北省",
  "43": "湖南省",
  "44": "广东省",
  "45": "广西壮族自治区",
  "46": "海南省",
  "50": "重庆市",
  "51": "四川省",
  "52": "贵州省",
  "53": "云南省",
  "54": "西藏自治区",
  "61": "陕西省",
  "62": "甘肃省",
  "63": "青海省",
  "64": "宁夏回族自治区",
  "65": "新疆维吾尔自治区",
};

/** Yangtze River Delta cities per province, in code order, as listed in the reference notes. */
const DELTA_CITIES: Record<string, [string, string][]> = {
  "32": [
    ["3201", "南京市"], ["3202", "无锡市"], ["3203", "徐州市"], ["3204", "常州市"], ["3205", "苏州市"],
    ["3206", "南通市"], ["3207", "连云港市"], ["3208", "淮安市"], ["3209", "盐城市"], ["3210", "扬州市"],
    ["3211", "镇江市"], ["3212", "泰州市"], ["3213", "宿迁市"],
  ],
  "33": [
    ["3301", "杭州市"], ["3302", "宁波市"], ["3303", "温州市"], ["3304", "嘉兴市"], ["3305", "湖州市"],
    ["3306", "绍兴市"], ["3307", "金华市"], ["3308", "衢州市"], ["3309", "舟山市"], ["3310", "台州市"],
    ["3311", "丽水市"],
  ],
  // Gaps are real: there is no 3409 today, and 3414 (巢湖市) was abolished in 2011.
  "34": [
    ["3401", "合肥市"], ["3402", "芜湖市"], ["3403", "蚌埠市"], ["3404", "淮南市"], ["3405", "马鞍山市"],
    ["3406", "淮北市"], ["3407", "铜陵市"], ["3408", "安庆市"], ["3410", "黄山市"], ["3411", "滁州市"],
    ["3412", "阜阳市"], ["3413", "宿州市"], ["3415", "六安市"], ["3416", "亳州市"], ["3417", "池州市"],
    ["3418", "宣城市"],
  ],
};

const SHANGHAI_DISTRICTS: Record<string, string> = {
  "310101": "黄浦区",
  "310104": "徐汇区",
  "310105": "长宁区",
  "310106": "静安区",
  "310107": "普陀区",
  "310109": "虹口区",
  "310110": "杨浦区",
  "310112": "闵行区",
  "310113": "宝山区",
  "310114": "嘉定区",
  "310115": "浦东新区",
  "310116": "金山区",
  "310117": "松江区",
  "310118": "青浦区",
  "310120": "奉贤区",
  "310151": "崇明区",
};

describe("REGIONS data", () => {
  it("names the standard it encodes", () => {
    expect(REGION_DATA_VERSION).toMatch(/^GB\/T 2260/);
  });

  it("has all 31 provinces with their full official names", () => {
    expect(byLevel("province")).toHaveLength(31);
    expect(Object.fromEntries(byLevel("province").map((region) => [region.code, region.nameZh]))).toEqual(PROVINCES);
  });

  it.each([
    ["32", 13],
    ["33", 11],
    ["34", 16],
  ] as const)("lists the delta cities of province %s (%i of them)", (provinceCode, count) => {
    const cities = childrenOf(provinceCode);
    expect(cities).toHaveLength(count);
    expect(cities.map((city) => [city.code, city.nameZh])).toEqual(DELTA_CITIES[provinceCode]);
    for (const city of cities) expect(city.level).toBe("city");
  });

  it("has no other cities", () => {
    expect(byLevel("city")).toHaveLength(13 + 11 + 16);
  });

  it("has Shanghai's 16 districts, all directly under the province", () => {
    const districts = byLevel("district");
    expect(districts).toHaveLength(16);
    expect(Object.fromEntries(districts.map((district) => [district.code, district.nameZh]))).toEqual(
      SHANGHAI_DISTRICTS,
    );
    for (const district of districts) expect(district.parentCode).toBe("31");
  });

  it("uses 2/4/6-digit codes matching the level, with unique codes", () => {
    const digitsByLevel = { province: 2, city: 4, district: 6 } as const;
    for (const region of REGIONS) {
      expect(region.code, region.nameZh).toMatch(new RegExp(`^\\d{${digitsByLevel[region.level]}}$`));
    }
    expect(new Set(codes(REGIONS)).size).toBe(REGIONS.length);
    expect(REGIONS).toHaveLength(31 + 40 + 16);
  });

  it("links every region to an existing parent one level up whose code it extends", () => {
    for (const region of REGIONS) {
      if (region.level === "province") {
        expect(region.parentCode, region.code).toBeNull();
        continue;
      }
      const parent = findRegion(region.parentCode ?? "");
      expect(parent, region.code).toBeDefined();
      expect(parent?.level, region.code).toBe("province");
      expect(region.code.startsWith(parent?.code ?? "-"), region.code).toBe(true);
    }
  });

  it("gives every region a Chinese name in CJK and an English name without it", () => {
    for (const region of REGIONS) {
      expect(region.nameZh, region.code).toMatch(CJK);
      expect(region.nameEn.trim(), region.code).not.toBe("");
      expect(region.nameEn, region.code).not.toMatch(CJK);
      expect(region.nameEn, region.code).toMatch(/^[A-Z][A-Za-z' ]*$/);
    }
  });

  it("is frozen so no caller can edit the shared list", () => {
    expect(Object.isFrozen(REGIONS)).toBe(true);
    expect(Object.isFrozen(REGIONS[0])).toBe(true);
  });
});

describe("findRegion and regionName", () => {
  it("finds regions at every level", () => {
    expect(findRegion("15")).toMatchObject({ nameZh: "内蒙古自治区", nameEn: "Inner Mongolia", level: "province" });
    expect(findRegion("3205")).toMatchObject({ nameZh: "苏州市", nameEn: "Suzhou", parentCode: "32" });
    expect(findRegion("310115")).toMatchObject({ nameZh: "浦东新区", nameEn: "Pudong New Area" });
  });

  it.each(["", "3", "3101", "320582", "99", "310115 "])("returns undefined for %j", (code) => {
    expect(findRegion(code)).toBeUndefined();
  });

  it("names a region in either locale and throws for unknown codes", () => {
    expect(regionName("45", "zh-CN")).toBe("广西壮族自治区");
    expect(regionName("45", "en")).toBe("Guangxi");
    expect(() => regionName("3101", "en")).toThrow(RangeError);
  });
});

describe("regionAncestors", () => {
  it.each([
    ["3205", ["32"]],
    ["3413", ["34"]],
    ["310115", ["31"]],
    ["32", []],
  ] as const)("%s → %j", (code, expected) => {
    expect(codes(regionAncestors(code))).toEqual(expected);
  });

  it("throws for an unknown code", () => {
    expect(() => regionAncestors("320582")).toThrow(RangeError);
  });
});

describe("provinceOf", () => {
  it.each([
    ["32", "32"],
    ["3205", "32"],
    ["310115", "31"],
    // Codes outside the subset still resolve through their first two digits.
    ["440300", "44"],
    ["320582", "32"],
  ])("%s → %s", (code, provinceCode) => {
    expect(provinceOf(code)?.code).toBe(provinceCode);
  });

  it.each(["99", "1000", "000000", "3", "32058", "3205821", "A40300", ""])("is undefined for %j", (code) => {
    expect(provinceOf(code)).toBeUndefined();
  });
});

describe("isWithin", () => {
  it.each([
    ["3205", "32", true],
    ["310115", "31", true],
    ["32", "32", true],
    ["3205", "3205", true],
    ["3205", "33", false],
    ["3413", "32", false],
    ["32", "3205", false],
    // Districts hang directly under 31; there is no 3101 in the data.
    ["310115", "3101", false],
    ["320582", "32", false],
    ["3205", "99", false],
  ] as const)("%s within %s → %s", (code, ancestorCode, expected) => {
    expect(isWithin(code, ancestorCode)).toBe(expected);
  });
});

describe("regionLabel", () => {
  it.each([
    ["3205", "江苏省 · 苏州市", "Suzhou, Jiangsu"],
    ["3413", "安徽省 · 宿州市", "Suzhou, Anhui"],
    ["310115", "上海市 · 浦东新区", "Pudong New Area, Shanghai"],
    ["33", "浙江省", "Zhejiang"],
  ])("%s → %s / %s", (code, zh, en) => {
    expect(regionLabel(code, "zh-CN")).toBe(zh);
    expect(regionLabel(code, "en")).toBe(en);
  });

  it("tells every region apart in both languages, even cities that share an English name", () => {
    expect(findRegion("3212")?.nameEn).toBe(findRegion("3310")?.nameEn); // 泰州, 台州: both Taizhou
    for (const locale of ["zh-CN", "en"] as const) {
      const labels = REGIONS.map((region) => regionLabel(region.code, locale));
      expect(new Set(labels).size, locale).toBe(REGIONS.length);
    }
  });

  it("throws for an unknown code", () => {
    expect(() => regionLabel("320582", "zh-CN")).toThrow(RangeError);
  });
});
