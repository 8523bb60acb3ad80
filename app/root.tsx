import type { LinksFunction, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useNavigation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { Children, Fragment, isValidElement, useEffect, useRef, useState, type ComponentProps, type ReactNode } from "react";
import { threadPageAssessment } from "~/domain/comments/thread";
import stylesUrl from "~/styles/app.css";
import { publicEnv } from "~/utils/env.server";
import { stylesheetText } from "~/utils/inline-css.server";
import { guard } from "~/utils/guard.server";
import type { AppLocale } from "~/utils/i18n";
import { ErrorPanel } from "~/components/error-boundary";
import { useNonce } from "~/utils/nonce";
import { LocaleProvider, useRootLocale, useT } from "~/utils/use-t";
import { unreadBadge } from "~/utils/session.server";

// The stylesheet is inlined by <Stylesheet> below, not linked (ADR 0026).
export const links: LinksFunction = () => [
  // The .ico for browsers without SVG icons (and for the /favicon.ico they request anyway); scripts/make-favicon.ts draws it.
  { rel: "icon", href: "/favicon.ico", sizes: "16x16 32x32 48x48" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "未来工厂成熟度评估平台 · Future Factory Index" }];

export const loader = /* @__PURE__ */ guard("public", async ({ auth, locale, params, request }) => {
  // The unread badge is one indexed statement (see unreadCommentCount).
  // The page being opened marks its own threads read in this same request: not counted here.
  const opening = threadPageAssessment(new URL(request.url).pathname);
  // The memberships came with the session (one statement per request, see getAuthSession).
  const memberships = auth?.memberships ?? [];
  // Read with the session when the guard could (one round trip, ADR 0033).
  const unreadComments = auth ? await unreadBadge(auth, opening) : null;
  const currentId = typeof params.orgId === "string" ? params.orgId : auth?.activeOrganizationId;
  const current = memberships.find((m) => m.organization.id === currentId) ?? (memberships.length === 1 ? memberships[0] : undefined);
  return {
    locale,
    env: publicEnv(),
    user: auth ? { displayName: auth.user.displayName, email: auth.user.email } : null,
    memberships: memberships.map((m) => ({ id: m.organization.id, name: m.organization.name, kind: m.organization.kind, role: m.role })),
    currentOrganizationId: current?.organization.id ?? null,
    unreadComments: unreadComments && unreadComments.count > 0 ? unreadComments : null,
  };
});

type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: ReactNode }) {
  const locale = useRootLocale();
  const nonce = useNonce();
  return (
    <LocaleProvider locale={locale}>
      <html lang={locale}>
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <Meta />
          <Stylesheet />
          <Links />
        </head>
        <body>
          {children}
          <ScrollRestoration nonce={nonce} />
          <ScriptsWithoutPreloads nonce={nonce} />
        </body>
      </html>
    </LocaleProvider>
  );
}

const STYLESHEET_ID = "app-css";

/**
 * The app's stylesheet inlined into <head> (ADR 0026), so the first paint waits for nothing but the
 * HTML. The server reads the built file; the browser, hydrating, reads back the text the server sent,
 * so both render the same markup. Without a client build it is linked as before.
 */
function Stylesheet() {
  const css = typeof document === "undefined" ? stylesheetText(stylesUrl) : (document.getElementById(STYLESHEET_ID)?.textContent ?? null);
  if (css === null) return <link rel="stylesheet" href={stylesUrl} />;
  return <style id={STYLESHEET_ID} dangerouslySetInnerHTML={{ __html: css }} />;
}

/**
 * Remix's <Scripts> without its <link rel="modulepreload"> tags (ADR 0026). The preloads fetched
 * every module of the page at high priority, competing with the first paint on a slow link
 * (Lighthouse counts them as render-blocking); without them the module script loads the same
 * files through its imports, after the page has painted. Remix renders <Scripts> only until
 * hydration, and this renders exactly what it renders minus the preloads, on both sides.
 */
function ScriptsWithoutPreloads(props: ComponentProps<typeof Scripts>) {
  // Called as a function (not <Scripts />) so its output can be filtered; it calls the same hooks on every render.
  const rendered = Scripts(props);
  if (!rendered) return null;
  const isPreload = (child: ReactNode) => isValidElement<{ rel?: string }>(child) && child.type === "link" && child.props.rel === "modulepreload";
  const keep = (children: ReactNode): ReactNode[] =>
    Children.toArray(children).flatMap((child) =>
      isPreload(child) ? [] : isValidElement<{ children?: ReactNode }>(child) && child.type === Fragment ? keep(child.props.children) : [child],
    );
  return <>{keep((rendered.props as { children?: ReactNode }).children)}</>;
}

export default function App() {
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const t = useT();
  const navigation = useNavigation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <Header />
      <div className={`progress-bar${navigation.state !== "idle" ? " progress-bar-active" : ""}`} aria-hidden="true" />
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          {t("app.name")} · GB/T 4754-2017 · GB/T 2260 · GB/T 39116
        </p>
      </footer>
    </>
  );
}

function Header() {
  const data = useRouteLoaderData<typeof loader>("root") as RootData | undefined;
  const t = useT();
  const location = useLocation();
  const current = data?.memberships.find((m) => m.id === data.currentOrganizationId);
  // On a phone the navigation and tools sit behind one menu button; a followed link closes it.
  const [menuOpen, setMenuOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  useEffect(() => setMenuOpen(false), [location.pathname, location.search]);
  const collapsible = Boolean(data?.user);
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            F
          </span>
          <span className="brand-name">{t("app.shortName")}</span>
        </Link>
        {collapsible ? (
          <>
            <button
              ref={toggleRef}
              type="button"
              className="button button-ghost menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="site-menu"
              onClick={() => setMenuOpen((open) => !open)}
            >
              <span className="menu-toggle-icon" aria-hidden="true" />
              {t("siteMenu.toggle")}
            </button>
            {/* Without JavaScript the button cannot open the menu: show it open instead. */}
            <noscript>
              <style>{".site-menu-collapsible{display:flex!important}.menu-toggle{display:none!important}"}</style>
            </noscript>
          </>
        ) : null}
        <div
          id="site-menu"
          className={`site-menu${collapsible ? " site-menu-collapsible" : ""}${menuOpen ? " site-menu-open" : ""}`}
          onKeyDown={(event) => {
            if (event.key === "Escape" && menuOpen) {
              setMenuOpen(false);
              toggleRef.current?.focus();
            }
          }}
        >
          {data?.user && current ? (
            <nav aria-label={t("nav.primary")} className="main-nav">
              <NavLink to={`/o/${current.id}`} end>
                {t("nav.dashboard")}
              </NavLink>
              {current.kind === "FACTORY" ? <NavLink to={`/o/${current.id}/assessments`}>{t("nav.assessments")}</NavLink> : null}
              {current.kind === "CONSULTANCY" ? <NavLink to={`/o/${current.id}/clients`}>{t("nav.clients")}</NavLink> : null}
              {current.kind === "AUTHORITY" ? <NavLink to={`/o/${current.id}/sector`}>{t("sector.nav.label")}</NavLink> : null}
              {current.kind !== "AUTHORITY" ? <NavLink to={`/o/${current.id}/engagements`}>{t("nav.engagements")}</NavLink> : null}
              <NavLink to={`/o/${current.id}/profile`}>{t("nav.profile")}</NavLink>
              <NavLink to={`/o/${current.id}/members`}>{t("nav.members")}</NavLink>
            </nav>
          ) : (
            <span className="main-nav-spacer" />
          )}
          <div className="header-tools">
            {data?.unreadComments?.href ? (
              <Link to={data.unreadComments.href} className="header-link comment-badge" aria-label={t("comments.badge", { count: data.unreadComments.count })}>
                <span aria-hidden="true">{t("comments.badgeShort")}</span>
                <span className="comment-badge-count" aria-hidden="true">
                  {data.unreadComments.count > 99 ? "99+" : data.unreadComments.count}
                </span>
              </Link>
            ) : null}
            {data?.user ? <OrganizationSwitcher data={data} /> : null}
            <LanguageSwitch locale={data?.locale ?? "zh-CN"} />
            {data?.user ? (
              <>
                <NavLink to="/account" className="header-link" title={data.user.email}>
                  {data.user.displayName}
                </NavLink>
                <Form method="post" action="/logout">
                  <button type="submit" className="button button-ghost">
                    {t("nav.logout")}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <NavLink to="/login" className="header-link">
                  {t("nav.login")}
                </NavLink>
                <Link to="/signup" className="button button-primary button-small">
                  {t("nav.signup")}
                </Link>
              </>
            )}
          </div>
        </div>
      </div>
    </header>
  );
}

function OrganizationSwitcher({ data }: { data: RootData }) {
  const t = useT();
  if (data.memberships.length === 0) {
    return (
      <Link to="/orgs/new" className="header-link">
        {t("nav.createOrganization")}
      </Link>
    );
  }
  // Without JavaScript this is a plain GET form to /orgs/switch; with it, changing the value submits.
  return (
    <Form method="get" action="/orgs/switch" className="org-switcher">
      <label htmlFor="org-switcher" className="visually-hidden">
        {t("nav.switchOrganization")}
      </label>
      <select
        id="org-switcher"
        name="to"
        defaultValue={data.currentOrganizationId ?? ""}
        key={data.currentOrganizationId ?? "none"}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
      >
        {data.currentOrganizationId ? null : <option value="">{t("nav.switchOrganization")}</option>}
        {data.memberships.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name} · {t(`kind.${m.kind}`)}
          </option>
        ))}
        <option value="new">＋ {t("nav.createOrganization")}</option>
      </select>
      <noscript>
        <button type="submit" className="button button-small">
          {t("nav.switchOrganization")}
        </button>
      </noscript>
    </Form>
  );
}

function LanguageSwitch({ locale }: { locale: AppLocale }) {
  const t = useT();
  const location = useLocation();
  const next: AppLocale = locale === "zh-CN" ? "en" : "zh-CN";
  return (
    // A full page load: the browser then loads the other language's messages before it renders (ADR 0026).
    <Form method="post" action="/locale" className="language-switch" reloadDocument>
      <input type="hidden" name="locale" value={next} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="button button-ghost" lang={next} title={t("locale.switchTo")}>
        {t(`locale.${next}`)}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  return (
    <Shell>
      <ErrorPanel error={error} />
    </Shell>
  );
}

