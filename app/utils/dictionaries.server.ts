/**
 * Both languages' messages, for the server and for tests and scripts (anything that is not the
 * browser bundle). The browser build replaces `.server` modules with empty ones, so a page's
 * JavaScript carries only the language it is shown in, loaded by `loadDictionary` (ADR 0026).
 */
import { en } from "~/locales/en";
import { zhCN } from "~/locales/zh-CN";

export const dictionaries = { "zh-CN": zhCN, en };
