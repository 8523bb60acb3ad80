/**
 * Numbers and dates as the pages show them, in zh-CN and en, without `Intl` (ADR 0031).
 *
 * The first `Intl` formatter a browser tab creates loads ICU's locale data: 40–150 ms of main-thread
 * time on this project's test machine before any CPU slowdown, the largest single task while a page
 * hydrates on a phone (Lighthouse's Total Blocking Time, issue 13). The two languages we ship write
 * numbers the same way (grouping with ",", "." before decimals, "-" and "+" signs), and every date
 * is shown on Shanghai's clock, which has been UTC+8 without daylight saving since 1992 — so the few
 * formats the pages use are written out here, once, for the server and the browser alike (which also
 * rules out hydration differences between Node's and Chromium's ICU versions). `formatting.test.ts`
 * checks every format against Node's `Intl` output on many values.
 */
import type { AppLocale } from "~/utils/i18n";

export interface NumberFormat {
  minimumFractionDigits?: number;
  /** Default 3, like Intl. */
  maximumFractionDigits?: number;
  /** The value is a share (0.42 → "42%"). */
  style?: "percent";
  /** "+" before positive values, no sign on a value that shows as zero. */
  signDisplay?: "exceptZero";
}

function grouped(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * `value` rounded to `fractionDigits` decimals as ICU (and so Intl) does it: on the shortest decimal
 * that reads back as the same number ("1.005", not the binary 1.00499999…), half away from zero —
 * which is not what `toFixed` does. `shift` moves the decimal point first (2 for percentages), exactly.
 */
function roundedDigits(magnitude: number, fractionDigits: number, shift: number): string {
  const [mantissa = "0", exponent = "0"] = String(magnitude).split("e");
  const [whole = "0", fraction = ""] = mantissa.split(".");
  // The significant digits, and where the decimal point sits among them (may be ≤ 0: 0.005 → "5", -2).
  const all = whole + fraction;
  const digits = all.replace(/^0+/, "");
  const point = whole.length + Number(exponent) + shift - (all.length - digits.length);
  const kept = point + fractionDigits;
  let units = kept <= 0 ? 0n : BigInt(digits.slice(0, kept).padEnd(kept, "0") || "0");
  if (kept >= 0 && (digits[kept] ?? "0") >= "5") units += 1n;
  const text = units.toString().padStart(fractionDigits + 1, "0");
  return fractionDigits === 0 ? text : `${text.slice(0, -fractionDigits)}.${text.slice(-fractionDigits)}`;
}

/** Intl's output for these options, then trailing zeros cut down to the minimum, then grouping. */
export function formatNumber(_locale: AppLocale, value: number, options: NumberFormat = {}): string {
  const percent = options.style === "percent";
  const minimum = options.minimumFractionDigits ?? 0;
  const maximum = Math.max(minimum, options.maximumFractionDigits ?? (percent ? 0 : 3));
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : `${value < 0 ? "-" : ""}∞${percent ? "%" : ""}`;
  let digits = roundedDigits(Math.abs(value), maximum, percent ? 2 : 0);
  if (maximum > minimum) {
    // "1.500" with a minimum of 1 → "1.5"; "2.000" with a minimum of 0 → "2".
    const [integer, fraction = ""] = digits.split(".");
    let kept = fraction.length;
    while (kept > minimum && fraction[kept - 1] === "0") kept--;
    digits = kept > 0 ? `${integer}.${fraction.slice(0, kept)}` : integer!;
  }
  const [integer, fraction] = digits.split(".");
  const body = `${grouped(integer!)}${fraction === undefined ? "" : `.${fraction}`}${percent ? "%" : ""}`;
  const negative = value < 0 || Object.is(value, -0);
  if (/^[0.]*$/.test(digits)) return negative && options.signDisplay !== "exceptZero" ? `-${body}` : body;
  if (negative) return `-${body}`;
  return options.signDisplay === "exceptZero" ? `+${body}` : body;
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date and clock time in Shanghai. */
function shanghai(value: Date | string) {
  const date = new Date((typeof value === "string" ? new Date(value) : value).getTime() + SHANGHAI_OFFSET_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes() };
}

/**
 * - `medium`: 2026年11月29日 / Nov 29, 2026
 * - `year`: 2026年 / 2026
 * - `monthDay`: 11月29日 / Nov 29
 * - `yearMonthDay`: 2026年11月29日 / Nov 29, 2026 (the same as medium in both languages)
 */
export type DateStyle = "medium" | "year" | "monthDay" | "yearMonthDay";

export function formatDate(locale: AppLocale, value: Date | string, style: DateStyle = "medium"): string {
  const { year, month, day } = shanghai(value);
  // As Intl does: a date that is not one is a bug upstream, not something to print.
  if (Number.isNaN(year)) throw new RangeError("Invalid time value");
  if (locale === "en") {
    if (style === "year") return String(year);
    if (style === "monthDay") return `${MONTHS_EN[month]} ${day}`;
    return `${MONTHS_EN[month]} ${day}, ${year}`;
  }
  if (style === "year") return `${year}年`;
  if (style === "monthDay") return `${month + 1}月${day}日`;
  return `${year}年${month + 1}月${day}日`;
}

/** 2026年11月29日 21:48 / Nov 29, 2026, 9:48 PM */
export function formatDateTime(locale: AppLocale, value: Date | string): string {
  const date = formatDate(locale, value);
  const { hour, minute } = shanghai(value);
  const minutes = String(minute).padStart(2, "0");
  if (locale === "en") return `${date}, ${hour % 12 === 0 ? 12 : hour % 12}:${minutes} ${hour < 12 ? "AM" : "PM"}`;
  return `${date} ${String(hour).padStart(2, "0")}:${minutes}`;
}
