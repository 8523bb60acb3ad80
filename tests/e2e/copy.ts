/**
 * UI copy for the specs, looked up by key as users see it, so a reworded sentence does not break a
 * test that checks what the page means (issue 9.6).
 */
import { translator, type AppLocale, type MessageKey } from "../../app/utils/i18n";

export const zh = translator("zh-CN");
export const en = translator("en");

/**
 * A pattern for a translated text whose placeholders are partly unknown to the test: literal values
 * are matched as they are, a RegExp stands for whatever it matches (e.g. a count read elsewhere).
 */
export function copyPattern(locale: AppLocale, key: MessageKey, vars: Record<string, string | number | RegExp> = {}): RegExp {
  const holes: RegExp[] = [];
  const filled = Object.fromEntries(
    Object.entries(vars).map(([name, value]) => {
      if (!(value instanceof RegExp)) return [name, value];
      holes.push(value);
      return [name, `\uE000${holes.length - 1}\uE000`];
    }),
  );
  const escaped = translator(locale)(key, filled).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(escaped.replace(/\uE000(\d+)\uE000/g, (_match, index: string) => `(?:${holes[Number(index)]!.source})`));
}
