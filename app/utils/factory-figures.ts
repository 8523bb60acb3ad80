/**
 * The profile's size figures with their units: employees are people (人), revenue is stored in
 * 万元 (10,000 yuan, as the statistics bureau's size rules state it). Chinese reads large sums in
 * 亿元 (10,000 万元); English in yuan with "million" / "billion".
 */
import { formatNumber, type AppLocale, type Translate } from "~/utils/i18n";

export function formatEmployees(t: Translate, locale: AppLocale, employees: number): string {
  return t("org.figures.employees", { count: formatNumber(locale, employees) });
}

export function formatRevenueWan(t: Translate, locale: AppLocale, revenueWan: number): string {
  const short = (value: number) => formatNumber(locale, value, { maximumFractionDigits: 2 });
  if (locale === "zh-CN") {
    return revenueWan >= 10_000 ? t("org.figures.revenueYi", { amount: short(revenueWan / 10_000) }) : t("org.figures.revenueWan", { amount: short(revenueWan) });
  }
  const yuan = revenueWan * 10_000;
  if (yuan >= 1e9) return t("org.figures.revenueBillion", { amount: short(yuan / 1e9) });
  if (yuan >= 1e6) return t("org.figures.revenueMillion", { amount: short(yuan / 1e6) });
  return t("org.figures.revenueYuan", { amount: formatNumber(locale, yuan) });
}
