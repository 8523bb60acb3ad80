import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { DEFAULT_LOCALE, isLocale, isMessageKey, translator, type AppLocale } from "~/utils/i18n";

/** The locale chosen by the root loader; error pages without loader data fall back to <html lang>. */
export function useLocale(): AppLocale {
  const root = useRouteLoaderData("root") as { locale?: string } | undefined;
  if (isLocale(root?.locale)) return root.locale;
  if (typeof document !== "undefined" && isLocale(document.documentElement.lang)) return document.documentElement.lang;
  return DEFAULT_LOCALE;
}

export function useT() {
  const locale = useLocale();
  return useMemo(() => translator(locale), [locale]);
}

/** Field errors are message keys (client-side zod) or already translated text (server). */
export function useErrorText() {
  const t = useT();
  return (message: string | undefined) => (message === undefined ? undefined : isMessageKey(message) ? t(message) : message);
}
