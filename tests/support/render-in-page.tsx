import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import type { AppLocale } from "~/utils/i18n";
import { LocaleProvider } from "~/utils/use-t";

/**
 * Server-renders a component as a page would: inside a data router whose root loader gives the
 * locale, and under the root layout's locale provider.
 */
export async function renderInPage(locale: AppLocale, element: JSX.Element, url = "http://localhost/o/x") {
  const handler = createStaticHandler([{ id: "root", path: "/o/x", loader: () => ({ locale }), Component: () => <LocaleProvider locale={locale}>{element}</LocaleProvider> }]);
  const context = await handler.query(new Request(url));
  if (context instanceof Response) throw new Error("unexpected response");
  return renderToString(<StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />);
}
