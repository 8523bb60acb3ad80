import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage, type AppLocale } from "~/utils/i18n";

export const localeCookie = createCookie("ffi_locale", { path: "/", sameSite: "lax", maxAge: 365 * 24 * 60 * 60 });

/** The database stores `zh_CN` (enum names cannot contain '-'). */
export const toDbLocale = (locale: AppLocale) => (locale === "zh-CN" ? "zh_CN" : "en") as "zh_CN" | "en";
export const fromDbLocale = (locale: "zh_CN" | "en"): AppLocale => (locale === "zh_CN" ? "zh-CN" : "en");

/** A signed-in user's saved choice wins; then the cookie; then the browser's languages; then zh-CN. */
export async function resolveLocale(request: Request, userLocale?: "zh_CN" | "en" | null): Promise<AppLocale> {
  if (userLocale) return fromDbLocale(userLocale);
  const fromCookie: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE;
}
