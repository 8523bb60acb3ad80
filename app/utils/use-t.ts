import { useRouteLoaderData } from "@remix-run/react";
import { createContext, createElement, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { DEFAULT_LOCALE, dictionariesVersion, hasDictionary, isLocale, isMessageKey, loadDictionary, onDictionaryLoaded, translator, type AppLocale } from "~/utils/i18n";

/** The locale chosen by the root loader; error pages without loader data fall back to <html lang>. For the root layout. */
export function useRootLocale(): AppLocale {
  const root = useRouteLoaderData("root") as { locale?: string } | undefined;
  return isLocale(root?.locale) ? root.locale : documentLocale();
}

function documentLocale(): AppLocale {
  if (typeof document !== "undefined" && isLocale(document.documentElement.lang)) return document.documentElement.lang;
  return DEFAULT_LOCALE;
}

/**
 * The root layout provides the locale once. Reading it from the router instead (useRouteLoaderData)
 * subscribes a component to every router state change — the first comes right after hydration —
 * so even memoised components, such as the questionnaire's question cards, rendered again for nothing.
 */
const LocaleContext = createContext<AppLocale | null>(null);

export function LocaleProvider({ locale, children }: { locale: AppLocale; children: ReactNode }) {
  return createElement(LocaleContext.Provider, { value: locale }, children);
}

export function useLocale(): AppLocale {
  return useContext(LocaleContext) ?? documentLocale();
}

export function useT() {
  const locale = useLocale();
  // The browser holds only the page's language (ADR 0026); after a language change without a page
  // load, render with the one it has until the other arrives, then again.
  const version = useSyncExternalStore(onDictionaryLoaded, dictionariesVersion, dictionariesVersion);
  useEffect(() => {
    if (!hasDictionary(locale)) loadDictionary(locale).catch((error: unknown) => console.error(error));
  }, [locale]);
  // `version` is not read inside: it is what makes a new translator once the page's language has arrived.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => translator(locale), [locale, version]);
}

/** Field errors are message keys (client-side zod) or already translated text (server). */
export function useErrorText() {
  const t = useT();
  return (message: string | undefined) => (message === undefined ? undefined : isMessageKey(message) ? t(message) : message);
}
