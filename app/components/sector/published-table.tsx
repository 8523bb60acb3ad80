/**
 * Helper D's pages (regions, programmes) render their SectorTables with this until C's shared
 * components are merged: the same markup and classes as C's SectorTableView (row headers, total in
 * <tfoot>, "—" with an accessible "fewer than k" label, a scrolling box at 390 px, notes, CSV/XLSX
 * links for roles that may export), plus the sub-navigation and a GET filter bar.
 */
import { Form, NavLink, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { cellText, filterQuery, suppressionReason, SUPPRESSED_MARK } from "~/domain/sector/cells";
import type { SectorCell, SectorTable } from "~/domain/sector/table";
import { INDUSTRIES, INDUSTRY_CATEGORIES } from "~/domain/reference/industries";
import { SIZE_BANDS } from "~/domain/reference/size-band";
import { useLocale, useT } from "~/utils/use-t";

export type Selected = Readonly<Record<"industry" | "region" | "size" | "period", string | null>>;

function Cell({ cell, minGroup }: { cell: SectorCell; minGroup: number }) {
  const t = useT();
  const locale = useLocale();
  const text = cellText(cell, locale);
  if (text !== null && text !== "") return <>{text}</>;
  const reason = cell.kind === "label" ? "not-listed" : suppressionReason(cell);
  const label =
    reason === "band-only"
      ? t("sector.common.bandOnly")
      : reason === "not-comparable"
        ? t("sector.common.notComparable")
        : reason === "not-listed"
          ? t("sector.common.notListed")
          : t("sector.common.suppressed", { k: minGroup });
  return (
    <span className="sector-suppressed" title={label}>
      <span aria-hidden="true">{SUPPRESSED_MARK}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

function Row({ row, minGroup }: { row: readonly SectorCell[]; minGroup: number }) {
  return (
    <tr>
      {row.map((cell, index) =>
        index === 0 ? (
          <th key={index} scope="row">
            <Cell cell={cell} minGroup={minGroup} />
          </th>
        ) : (
          <td key={index}>
            <Cell cell={cell} minGroup={minGroup} />
          </td>
        ),
      )}
    </tr>
  );
}

export function PublishedTable({ table, orgId, selected, minGroup, canExport, children }: { table: SectorTable; orgId: string; selected: Selected; minGroup: number; canExport: boolean; children?: ReactNode }) {
  const t = useT();
  const titleId = `sector-table-${table.id}`;
  const query = filterQuery(selected, { table: table.id });
  return (
    <section className="card sector-table" aria-labelledby={titleId}>
      <div className="sector-table-head">
        <h2 id={titleId}>{table.title}</h2>
        {canExport ? (
          <p className="sector-downloads">
            <a href={`/o/${orgId}/sector/export.csv${query}`} aria-label={t("sector.common.downloadCsvLabel", { table: table.title })} className="button button-ghost button-small">
              {t("sector.common.downloadCsv")}
            </a>
            <a href={`/o/${orgId}/sector/export.xlsx${query}`} aria-label={t("sector.common.downloadXlsxLabel", { table: table.title })} className="button button-ghost button-small">
              {t("sector.common.downloadXlsx")}
            </a>
          </p>
        ) : null}
      </div>
      {children}
      <div className="table-wrap sector-table-scroll" tabIndex={0} role="region" aria-label={`${table.title} · ${t("sector.common.tableScroll")}`}>
        <table>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th key={column.key} scope="col">
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, index) => (
              <Row key={index} row={row} minGroup={minGroup} />
            ))}
          </tbody>
          {table.total ? (
            <tfoot>
              <Row row={table.total} minGroup={minGroup} />
            </tfoot>
          ) : null}
        </table>
      </div>
      <ul className="sector-notes small">
        {table.notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </section>
  );
}

export function SectorSubnav({ orgId, selected }: { orgId: string; selected: Selected }) {
  const t = useT();
  const query = filterQuery({ ...selected, region: null });
  const pages = [
    ["", "overview"],
    ["/industries", "industries"],
    ["/regions", "regions"],
    ["/sizes", "sizes"],
    ["/programmes", "programmes"],
  ] as const;
  return (
    <nav className="sector-nav" aria-label={t("sector.nav.label")}>
      <ul>
        {pages.map(([path, key]) => (
          <li key={key}>
            <NavLink to={`/o/${orgId}/sector${path}${query}`} end>
              {t(`sector.nav.${key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Industry, size and period as a GET form: the URL carries the filters (links and exports keep them). */
export function SectorFilterBar({ selected, periods, fixedIndustry }: { selected: Selected; periods: readonly string[]; fixedIndustry: string | null }) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const name = (entry: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? entry.nameZh : entry.nameEn);
  return (
    <Form method="get" className="card sector-filters" aria-label={t("sector.filters.title")}>
      <div className="form-row">
        {fixedIndustry ? (
          <p>{t("sector.filters.fixedIndustry", { industry: fixedIndustry })}</p>
        ) : (
          <label>
            {t("sector.filters.industry")}
            <select name="industry" defaultValue={selected.industry ?? "all"}>
              <option value="all">{t("sector.filters.allIndustries")}</option>
              <optgroup label={t("sector.filters.categories")}>
                {INDUSTRY_CATEGORIES.map((category) => (
                  <option key={category.id} value={category.id}>
                    {name(category)}
                  </option>
                ))}
              </optgroup>
              {INDUSTRIES.map((industry) => (
                <option key={industry.code} value={industry.code}>
                  {industry.code} {name(industry)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t("sector.filters.size")}
          <select name="size" defaultValue={selected.size ?? "all"}>
            <option value="all">{t("sector.filters.allSizes")}</option>
            {SIZE_BANDS.map((band) => (
              <option key={band} value={band}>
                {t(`sizeBand.${band}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("sector.filters.period")}
          <select name="period" defaultValue={selected.period ?? ""}>
            <option value="">{t("sector.filters.latestPeriod")}</option>
            {periods.map((period) => (
              <option key={period} value={period}>
                {period}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button-primary" disabled={navigation.state === "loading"}>
          {t("sector.filters.apply")}
        </button>
      </div>
    </Form>
  );
}
