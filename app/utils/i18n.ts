/**
 * Tiny typed i18n: the zh-CN dictionary defines the keys; en must have exactly the same shape
 * (checked by TypeScript). `{name}` placeholders are filled from `vars`. See ADR 0005.
 */
import type { zhCN } from "~/locales/zh-CN";
// Empty in the browser build (a `.server` module): there one language at a time comes through loadDictionary.
import * as bundled from "~/utils/dictionaries.server";

export const SUPPORTED_LOCALES = ["zh-CN", "en"] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = "zh-CN";

type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<typeof zhCN>;
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const dictionaries: Partial<Record<AppLocale, unknown>> = { ...(bundled.dictionaries as Partial<Record<AppLocale, unknown>> | undefined) };
const loading = new Map<AppLocale, Promise<void>>();
const loadedListeners = new Set<() => void>();
let loadedVersion = 0;

export function hasDictionary(locale: AppLocale): boolean {
  return dictionaries[locale] !== undefined;
}

/**
 * The browser loads the language a page is shown in before hydrating (entry.client), so a page's
 * JavaScript carries one language's messages, not both (ADR 0026). On the server both are present.
 */
export function loadDictionary(locale: AppLocale): Promise<void> {
  if (hasDictionary(locale)) return Promise.resolve();
  let pending = loading.get(locale);
  if (!pending) {
    const load = locale === "en" ? import("~/locales/en").then((module) => module.en) : import("~/locales/zh-CN").then((module) => module.zhCN);
    pending = load.then(
      (dictionary) => {
        dictionaries[locale] = dictionary;
        loadedVersion++;
        for (const listener of loadedListeners) listener();
      },
      (error: unknown) => {
        loading.delete(locale); // a later call may try again
        throw error;
      },
    );
    loading.set(locale, pending);
  }
  return pending;
}

/** For useSyncExternalStore: changes whenever another language's messages arrive. */
export function dictionariesVersion(): number {
  return loadedVersion;
}
export function onDictionaryLoaded(listener: () => void): () => void {
  loadedListeners.add(listener);
  return () => loadedListeners.delete(listener);
}

/** Any loaded dictionary: every language has the same keys (TypeScript checks en against zh-CN). */
function someDictionary(): unknown {
  return dictionaries["zh-CN"] ?? dictionaries.en;
}

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: string): value is MessageKey {
  return typeof lookup(someDictionary(), value) === "string";
}

function lookup(dictionary: unknown, key: string): unknown {
  let node: unknown = dictionary;
  for (const part of key.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

export function translator(locale: AppLocale): Translate {
  // Until the page's language has arrived (a language change in the browser), the one already here.
  const dictionary = dictionaries[locale] ?? someDictionary();
  return (key, vars) => {
    const template = lookup(dictionary, key);
    const text = typeof template === "string" ? template : key;
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
  };
}

/** Picks the best supported locale from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null): AppLocale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
  }
  return undefined;
}

// Numbers and dates: written out for our two languages, without Intl (ADR 0031).
export { formatDate, formatDateTime, formatNumber } from "~/utils/formatting";
