import { describe, expect, it } from "vitest";
import { en } from "~/locales/en";
import { zhCN } from "~/locales/zh-CN";
import { formatNumber, isMessageKey, localeFromAcceptLanguage, translator } from "./i18n";

function leaves(node: unknown, prefix = ""): [string, string][] {
  if (typeof node === "string") return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

const CJK = /[\u4e00-\u9fff]/;

describe("locale files", () => {
  it("have the same keys and the same placeholders in both languages", () => {
    const zh = new Map(leaves(zhCN));
    const english = new Map(leaves(en));
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of zh) expect(placeholders(english.get(key)!), key).toEqual(placeholders(text));
  });

  it("have no empty strings, Chinese in zh-CN and no Chinese in English (except the language's own name)", () => {
    for (const [key, text] of leaves(zhCN)) {
      expect(text.trim(), key).not.toBe("");
    }
    // Formats and codes such as "{answered}/{total}" or "P25" need no Chinese; English words do.
    const hasWords = (text: string) => /[a-z]{2,}/.test(text.replace(/\{\w+\}/g, ""));
    const zhWithoutChinese = leaves(zhCN).filter(([key, text]) => hasWords(text) && !CJK.test(text) && !key.startsWith("locale."));
    expect(zhWithoutChinese).toEqual([]);
    const englishWithChinese = leaves(en).filter(([key, text]) => CJK.test(text) && !key.startsWith("locale."));
    expect(englishWithChinese).toEqual([]);
  });
});

describe("translator", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    const t = translator("en");
    expect(t("errors.tooManyAttempts", { minutes: 12 })).toBe("Too many failed log-ins. Please try again in 12 minutes.");
    expect(translator("zh-CN")("errors.tooManyAttempts", { minutes: 3 })).toBe("登录失败次数过多，请在 3 分钟后再试。");
    expect(t("members.invited", {})).toContain("{email}");
  });

  it("recognises message keys", () => {
    expect(isMessageKey("errors.required")).toBe(true);
    expect(isMessageKey("errors")).toBe(false);
    expect(isMessageKey("no.such.key")).toBe(false);
  });
});

describe("Accept-Language", () => {
  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR,en;q=0.5,zh;q=0.9", "zh-CN"],
    ["de-DE", undefined],
    ["", undefined],
  ])("%s → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});

it("formats numbers per locale", () => {
  expect(formatNumber("en", 1234567.5)).toBe("1,234,567.5");
  expect(formatNumber("zh-CN", 1234567.5)).toBe("1,234,567.5");
});
