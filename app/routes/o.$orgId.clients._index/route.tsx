/**
 * A consultancy's clients (客户组合): search, filters, sorting and pages from the query string
 * (GET, zod-validated: anything invalid is a 400 with a message), one statement for all rows
 * (app/models/portfolio.server.ts) and the pure rules of app/domain/portfolio/rows.ts. Only clients
 * with an active engagement carry an id (links, the compare checkboxes); the rest show what the
 * consultancy already knows.
 */
import { Form, Link, useLoaderData } from "@remix-run/react";
import { findIndustry } from "~/domain/reference/industries";
import { findRegion } from "~/domain/reference/regions";
import { SIZE_BANDS } from "~/domain/reference/size-band";
import { parsePortfolioQuery, portfolioPage, STATE_FILTERS } from "~/domain/portfolio/rows";
import { loadPortfolioRecords, portfolioDimensions, portfolioLevels } from "~/models/portfolio.server";
import { guard } from "~/utils/guard.server";
import { httpError } from "~/utils/http.server";
import { isMessageKey, type AppLocale } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";
import { ClientsTable, queryString, type RawQuery } from "./clients-table";

const RAW_KEYS = ["q", "industry", "region", "size", "state", "level", "sort", "dir"] as const;

export const loader = /* @__PURE__ */ guard("clients:read", async ({ request, org, locale, t }) => {
  // Only consultancies have clients; for any other organisation this page does not exist.
  if (org.kind !== "CONSULTANCY") httpError(404, t("errors.notFoundText"));
  const searchParams = new URL(request.url).searchParams;
  const parsed = parsePortfolioQuery(searchParams);
  if (!parsed.ok) httpError(400, isMessageKey(parsed.message) ? t(parsed.message) : t("portfolio.errors.invalid"));
  const [records, dimensions, levels] = await Promise.all([loadPortfolioRecords(org.id), portfolioDimensions(locale), portfolioLevels(locale)]);
  const page = portfolioPage(records, parsed.query, new Date());
  const raw = Object.fromEntries(RAW_KEYS.map((key) => [key, searchParams.get(key) ?? ""])) as RawQuery;
  return { orgId: org.id, page, dimensions, levels, raw };
});

export default function Clients() {
  const { orgId, page, dimensions, levels, raw } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const filtered = RAW_KEYS.some((key) => key !== "sort" && key !== "dir" && raw[key] !== "");
  const totalClients = Object.values({ ...page.counts, validated: 0, draft: 0 }).reduce((sum, n) => sum + n, 0);
  const exportHref = `/o/${orgId}/clients/export.xlsx${queryString(raw, {})}`;
  return (
    <>
      <div className="page-header">
        <h1>{t("portfolio.title")}</h1>
        <p>{t("portfolio.lead")}</p>
        <p className="muted">
          {t("portfolio.summary", {
            active: page.counts.active + page.counts["expires-soon"],
            soon: page.counts["expires-soon"],
            requested: page.counts.requested,
            validated: page.counts.validated,
            draft: page.counts.draft,
          })}
        </p>
        <p className="actions">
          <Link className="button" to={`/o/${orgId}/clients/bias`}>
            {t("portfolio.biasLink")}
          </Link>
          <a className="button" href={exportHref} download>
            {t("portfolio.exportXlsx")}
          </a>
          <Link className="button button-ghost" to={`/o/${orgId}/engagements`}>
            {t("portfolio.openEngagements")}
          </Link>
        </p>
      </div>

      {totalClients === 0 ? (
        <section className="card">
          <p>{t("portfolio.empty")}</p>
        </section>
      ) : (
        <>
          <Filters raw={raw} facets={page.facets} levels={levels} locale={locale} filtered={filtered} />
          <section className="card" aria-labelledby="clients-title">
            <h2 id="clients-title" className="visually-hidden">
              {t("portfolio.title")}
            </h2>
            {page.total === 0 ? (
              <p>{t("portfolio.emptyFiltered")}</p>
            ) : (
              <ClientsTable orgId={orgId} page={page} dimensions={dimensions} raw={raw} />
            )}
          </section>
        </>
      )}
    </>
  );
}

function Filters({
  raw,
  facets,
  levels,
  locale,
  filtered,
}: {
  raw: RawQuery;
  facets: { industries: string[]; regions: string[] };
  levels: { level: number; name: string }[];
  locale: AppLocale;
  filtered: boolean;
}) {
  const t = useT();
  const nameIn = (entry: { nameZh: string; nameEn: string } | undefined, code: string) => (entry ? (locale === "zh-CN" ? entry.nameZh : entry.nameEn) : code);
  // The chosen value stays selectable even when no client has it any more.
  const industries = [...new Set([...facets.industries, ...(raw.industry ? [raw.industry] : [])])];
  const regions = [...new Set([...facets.regions, ...(raw.region ? [raw.region] : [])])];
  // key: a new search remounts the form, so the fields show what the table shows.
  return (
    <section className="card" aria-labelledby="filters-title">
      <h2 id="filters-title">{t("portfolio.filters.legend")}</h2>
      <Form method="get" key={JSON.stringify(raw)} className="portfolio-filters">
        <div className="form-grid">
          <div className="field">
            <label htmlFor="portfolio-q">{t("portfolio.filters.q")}</label>
            <input id="portfolio-q" name="q" type="search" maxLength={100} defaultValue={raw.q} />
          </div>
          <div className="field">
            <label htmlFor="portfolio-industry">{t("portfolio.filters.industry")}</label>
            <select id="portfolio-industry" name="industry" defaultValue={raw.industry}>
              <option value="">{t("portfolio.filters.all")}</option>
              {industries.map((code) => (
                <option key={code} value={code}>
                  {code} {nameIn(findIndustry(code), code)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="portfolio-region">{t("portfolio.filters.region")}</label>
            <select id="portfolio-region" name="region" defaultValue={raw.region}>
              <option value="">{t("portfolio.filters.all")}</option>
              {regions.map((code) => (
                <option key={code} value={code}>
                  {nameIn(findRegion(code), code)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="portfolio-size">{t("portfolio.filters.size")}</label>
            <select id="portfolio-size" name="size" defaultValue={raw.size}>
              <option value="">{t("portfolio.filters.all")}</option>
              {SIZE_BANDS.map((band) => (
                <option key={band} value={band}>
                  {t(`sizeBand.${band}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="portfolio-state">{t("portfolio.filters.state")}</label>
            <select id="portfolio-state" name="state" defaultValue={raw.state}>
              <option value="">{t("portfolio.filters.all")}</option>
              {STATE_FILTERS.map((state) => (
                <option key={state} value={state}>
                  {t(`portfolio.stateFilter.${state}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="portfolio-level">{t("portfolio.filters.level")}</label>
            <select id="portfolio-level" name="level" defaultValue={raw.level}>
              <option value="">{t("portfolio.filters.all")}</option>
              {levels.map((level) => (
                <option key={level.level} value={String(level.level)}>
                  L{level.level} {level.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        {/* Filtering keeps the chosen order. */}
        {raw.sort ? <input type="hidden" name="sort" value={raw.sort} /> : null}
        {raw.dir ? <input type="hidden" name="dir" value={raw.dir} /> : null}
        <div className="actions">
          <button type="submit" className="button button-primary">
            {t("portfolio.filters.apply")}
          </button>
          {filtered ? (
            <Link to="." className="button button-ghost">
              {t("portfolio.filters.reset")}
            </Link>
          ) : null}
        </div>
      </Form>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
