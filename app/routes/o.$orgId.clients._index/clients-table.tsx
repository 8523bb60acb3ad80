import { Form, Link } from "@remix-run/react";
import { ChangeBy } from "~/components/difference";
import { displayScore } from "~/domain/scoring";
import { findIndustry } from "~/domain/reference/industries";
import { regionLabel } from "~/domain/reference/regions";
import { defaultDirection, type PortfolioPage, type PortfolioRow, type SortKey } from "~/domain/portfolio/rows";
import { formatDate, formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

export type RawQuery = Record<"q" | "industry" | "region" | "size" | "state" | "level" | "sort" | "dir", string>;

/** The current query with some parameters replaced; empty ones are left out of the link. */
export function queryString(raw: Partial<RawQuery>, changes: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...raw, ...changes })) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

type Page = Omit<PortfolioPage, "rows"> & { rows: PortfolioRow[] };

const PROFILE_COLUMNS = ["industry", "region", "size"] as const;

export function ClientsTable({ orgId, page, dimensions, raw }: { orgId: string; page: Page; dimensions: { id: string; name: string }[]; raw: RawQuery }) {
  const t = useT();
  const locale = useLocale();
  const base = `/o/${orgId}/clients`;
  const score = (value: number | null | undefined) => (value === null || value === undefined ? t("portfolio.noScore") : displayScore(value, 2));

  function SortHeader({ sortKey, label, numeric }: { sortKey: SortKey; label: string; numeric?: boolean }) {
    const current = page.sort === sortKey;
    const nextDir = current ? (page.dir === "asc" ? "desc" : "asc") : defaultDirection(sortKey);
    return (
      <th scope="col" className={numeric ? "num" : undefined} aria-sort={current ? (page.dir === "asc" ? "ascending" : "descending") : "none"}>
        <Link to={base + queryString(raw, { sort: sortKey, dir: nextDir, page: undefined })} className="sort-link">
          {label}
          <span className="visually-hidden">
            {t("portfolio.sortBy", { column: label })}
            {current ? t(page.dir === "asc" ? "portfolio.sortedAsc" : "portfolio.sortedDesc") : ""}
          </span>
          {current ? <span aria-hidden="true">{page.dir === "asc" ? " ▲" : " ▼"}</span> : null}
        </Link>
      </th>
    );
  }

  const columnCount = 11 + dimensions.length;
  return (
    <>
      <Form method="get" action={`/o/${orgId}/clients/compare`} id="compare-form" className="portfolio-compare">
        <p className="muted small">{t("portfolio.compareHint")}</p>
        <button type="submit" className="button button-small">
          {t("portfolio.compareSelected")}
        </button>
      </Form>
      <div className="table-wrap portfolio-table-wrap">
        <table className="portfolio-table">
          <caption className="visually-hidden">{t("portfolio.tableCaption", { count: page.total })}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t("portfolio.columns.select")}</span>
              </th>
              <SortHeader sortKey="name" label={t("portfolio.columns.name")} />
              <th scope="col">{t("portfolio.columns.engagement")}</th>
              {PROFILE_COLUMNS.map((column) => (
                <SortHeader key={column} sortKey={column} label={t(`portfolio.columns.${column}`)} />
              ))}
              <SortHeader sortKey="level" label={t("portfolio.columns.level")} />
              <SortHeader sortKey="overall" label={t("portfolio.columns.overall")} numeric />
              {dimensions.map((dimension) => (
                <th key={dimension.id} scope="col" className="num">
                  <span className={`dot dim-${dimension.id}`} aria-hidden="true" /> {dimension.name}
                </th>
              ))}
              <SortHeader sortKey="state" label={t("portfolio.columns.state")} />
              <SortHeader sortKey="change" label={t("portfolio.columns.change")} numeric />
              <SortHeader sortKey="activity" label={t("portfolio.columns.activity")} />
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) =>
              row.kind === "active" ? (
                <tr key={row.key}>
                  <td>
                    <input
                      type="checkbox"
                      name="ids"
                      value={row.clientId}
                      form="compare-form"
                      id={`compare-${row.clientId}`}
                      aria-label={`${t("portfolio.columns.select")}: ${row.name}`}
                      disabled={row.latest === null}
                    />
                  </td>
                  <th scope="row">
                    <Link to={`/o/${orgId}/clients/${row.clientId}`}>{row.name}</Link>
                  </th>
                  <td>
                    <span className={`badge portfolio-status-${row.status}`}>{t(`portfolio.status.${row.status}`)}</span>
                    <span className="small muted portfolio-since">{t("portfolio.expiresAt", { date: formatDate(locale, row.expiresAt) })}</span>
                  </td>
                  <td className="portfolio-wrap">{row.industryCode ? `${row.industryCode} ${nameIn(findIndustry(row.industryCode), locale)}` : "—"}</td>
                  <td className="portfolio-wrap">{row.regionCode ? regionLabel(row.regionCode, locale) : "—"}</td>
                  <td>{row.sizeBand ? t(`sizeBand.${row.sizeBand}`) : "—"}</td>
                  <td>
                    {row.latest ? `L${row.latest.level}` : "—"}
                    {row.validated && row.validated.level !== null ? (
                      <span className="small muted portfolio-validated">
                        {" "}
                        {t("portfolio.validatedScore", { level: row.validated.level, overall: score(row.validated.overall) })}
                      </span>
                    ) : null}
                  </td>
                  <td className="num">{score(row.latest?.overall)}</td>
                  {dimensions.map((dimension) => (
                    <td key={dimension.id} className="num">
                      {score(row.dimensions[dimension.id])}
                    </td>
                  ))}
                  <td>
                    <span className={`badge portfolio-state-${row.state}`}>{t(`portfolio.rowState.${row.state}`)}</span>
                    {row.draftInProgress ? <span className="badge portfolio-draft">{t("portfolio.rowState.draftInProgress")}</span> : null}
                  </td>
                  <td className="num">
                    <Change value={row.change} />
                  </td>
                  <td>{row.lastActivity ? formatDate(locale, row.lastActivity) : "—"}</td>
                </tr>
              ) : (
                <tr key={row.key} className="portfolio-inactive">
                  <td />
                  <th scope="row">
                    {row.name ?? (row.creditCode ? t("portfolio.creditCode", { code: row.creditCode }) : "—")}
                    {row.name === null ? <span className="small muted portfolio-unknown">{t("portfolio.nameUnknown")}</span> : null}
                  </th>
                  <td>
                    <span className={`badge portfolio-status-${row.status}`}>{t(`portfolio.status.${row.status}`)}</span>
                    <span className="small muted portfolio-since">
                      {t(row.invited ? "portfolio.invitedSince" : row.status === "requested" ? "portfolio.requestedSince" : row.status === "expired" ? "portfolio.expiredSince" : "portfolio.endedSince", {
                        date: formatDate(locale, row.since),
                      })}
                    </span>
                    {row.invited ? (
                      <Link className="small" to={`/o/${orgId}/engagements`}>
                        {t("portfolio.answerInvitation")}
                      </Link>
                    ) : null}
                  </td>
                  <td colSpan={columnCount - 3} className="muted">
                    —
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t("portfolio.total", { count: formatNumber(locale, page.total) })}</p>
      {page.pages > 1 ? (
        <nav className="pagination" aria-label={t("portfolio.pagination")}>
          {page.page > 1 ? (
            <Link className="button button-small" to={base + queryString(raw, { page: String(page.page - 1) })} rel="prev">
              {t("portfolio.previous")}
            </Link>
          ) : null}
          <span aria-current="page">{t("portfolio.page", { page: page.page, pages: page.pages })}</span>
          {page.page < page.pages ? (
            <Link className="button button-small" to={base + queryString(raw, { page: String(page.page + 1) })} rel="next">
              {t("portfolio.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

function nameIn(entry: { nameZh: string; nameEn: string } | undefined, locale: string) {
  return entry ? (locale === "zh-CN" ? entry.nameZh : entry.nameEn) : "";
}

/** Since the previous submission, in words (ADR 0022), through the shared component. */
function Change({ value }: { value: number | null }) {
  if (value === null) return <span className="muted">—</span>;
  return <ChangeBy delta={value} />;
}
