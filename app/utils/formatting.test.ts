import { describe, expect, it } from "vitest";
import { createRandom, hashSeed } from "~/domain/benchmark/random";
import { formatDate, formatDateTime, formatNumber, type DateStyle, type NumberFormat } from "~/utils/formatting";
import { SUPPORTED_LOCALES } from "~/utils/i18n";

// The reference: what the pages printed through Intl before ADR 0029 (Node's ICU). ICU writes a
// narrow no-break space before AM/PM since version 72 and Chromium does not: plain spaces are ours.
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function reference<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  if (!formats.has(key)) formats.set(key, make());
  return formats.get(key) as F;
}
const intlNumber = (locale: string, value: number, options: NumberFormat) =>
  reference(`n${locale}${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options)).format(value);
const intlDate = (locale: string, value: Date, options: Intl.DateTimeFormatOptions) =>
  reference(`d${locale}${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, { ...options, timeZone: "Asia/Shanghai" }))
    .format(value)
    .replace(/\u202f/g, " ");

const NUMBER_FORMATS: NumberFormat[] = [
  {},
  { maximumFractionDigits: 2 },
  { minimumFractionDigits: 1, maximumFractionDigits: 1 },
  { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  { minimumFractionDigits: 1, maximumFractionDigits: 3 },
  { style: "percent", maximumFractionDigits: 0 },
  { style: "percent", maximumFractionDigits: 1 },
  { signDisplay: "exceptZero", minimumFractionDigits: 2, maximumFractionDigits: 2 },
];

const EDGE_NUMBERS = [1e-7, 5e-7, 0.0005, 123456789.125, 1e21, 2.5e-3, 0, -0, 1, -1, 0.5, 1.005, 2.675, 0.125, 0.145, 0.285, -0.004, 0.004, -0.0004, 999.9995, 1234.5, -1234.5678, 999_999.5, 52_000, 1e9 + 0.5, 0.0049999];

describe("formatNumber without Intl", () => {
  for (const locale of SUPPORTED_LOCALES) {
    for (const options of NUMBER_FORMATS) {
      it(`${locale} ${JSON.stringify(options)}: as Intl prints it`, () => {
        const random = createRandom(hashSeed(`${locale}${JSON.stringify(options)}`));
        const values = [...EDGE_NUMBERS, ...Array.from({ length: 3000 }, (_, i) => (random.next() - 0.5) * 10 ** (i % 8))];
        // Scores with 2 and 3 decimals, the exact halves where rounding rules differ most.
        for (let i = -2000; i <= 2000; i++) values.push(i / 1000, i / 200 + 0.005);
        const wrong = values.filter((value) => formatNumber(locale, value, options) !== intlNumber(locale, value, options));
        expect(wrong.map((value) => `${value}: ${formatNumber(locale, value, options)} ≠ ${intlNumber(locale, value, options)}`)).toEqual([]);
      });
    }
  }

  it("groups thousands and keeps signs", () => {
    expect(formatNumber("zh-CN", 52000)).toBe("52,000");
    expect(formatNumber("en", -0.004, { signDisplay: "exceptZero", minimumFractionDigits: 2, maximumFractionDigits: 2 })).toBe("0.00");
    expect(formatNumber("en", 0.126, { signDisplay: "exceptZero", minimumFractionDigits: 2, maximumFractionDigits: 2 })).toBe("+0.13");
    expect(formatNumber("en", 0.42, { style: "percent", maximumFractionDigits: 0 })).toBe("42%");
  });
});

describe("formatDate and formatDateTime without Intl", () => {
  const INTL_OPTIONS: Record<DateStyle, (locale: string) => Intl.DateTimeFormatOptions> = {
    medium: () => ({ dateStyle: "medium" }),
    year: () => ({ year: "numeric" }),
    monthDay: (locale) => ({ month: locale === "en" ? "short" : "long", day: "numeric" }),
    yearMonthDay: (locale) => ({ year: "numeric", month: locale === "en" ? "short" : "long", day: "numeric" }),
  };
  const random = createRandom(hashSeed("dates"));
  // Every hour of two years around now (Shanghai's midnight is 16:00 UTC), and random instants.
  const start = Date.UTC(2025, 0, 1);
  const dates = [
    ...Array.from({ length: 2 * 366 * 24 }, (_, hour) => new Date(start + hour * 3_600_000 + 17 * 60_000)),
    ...Array.from({ length: 2000 }, () => new Date(Date.UTC(1995, 0, 1) + random.next() * 60 * 365 * 86_400_000)),
  ];

  for (const locale of SUPPORTED_LOCALES) {
    for (const style of Object.keys(INTL_OPTIONS) as DateStyle[]) {
      it(`${locale} ${style}: as Intl prints it on Shanghai's clock`, () => {
        const wrong = dates.filter((date) => formatDate(locale, date, style) !== intlDate(locale, date, INTL_OPTIONS[style](locale)));
        expect(wrong.slice(0, 5).map((date) => `${date.toISOString()}: ${formatDate(locale, date, style)} ≠ ${intlDate(locale, date, INTL_OPTIONS[style](locale))}`)).toEqual([]);
      });
    }
    it(`${locale} date and time: as Intl prints it`, () => {
      const wrong = dates.filter((date) => formatDateTime(locale, date) !== intlDate(locale, date, { dateStyle: "medium", timeStyle: "short" }));
      expect(wrong.slice(0, 5).map((date) => `${date.toISOString()}: ${formatDateTime(locale, date)} ≠ ${intlDate(locale, date, { dateStyle: "medium", timeStyle: "short" })}`)).toEqual([]);
    });
  }

  it("reads ISO strings (loader data) and refuses a date that is not one", () => {
    expect(formatDateTime("zh-CN", "2026-11-29T13:48:00.000Z")).toBe("2026年11月29日 21:48");
    expect(formatDateTime("en", "2026-11-29T16:05:00.000Z")).toBe("Nov 30, 2026, 12:05 AM");
    expect(() => formatDate("en", "not a date")).toThrow(RangeError);
  });
});
