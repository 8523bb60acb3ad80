import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { DEFAULT_LOCALE, isLocale, loadDictionary } from "~/utils/i18n";

// The page's language first (its messages are a chunk of their own, ADR 0026), so hydration renders
// the same text the server sent. If it cannot load, the page stays as the server rendered it: links
// and forms work without JavaScript.
const lang = document.documentElement.lang;
loadDictionary(isLocale(lang) ? lang : DEFAULT_LOCALE).then(
  () =>
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <RemixBrowser />
        </StrictMode>,
      );
    }),
  (error: unknown) => console.error(error),
);
