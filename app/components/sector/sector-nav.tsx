import { NavLink } from "@remix-run/react";
import { filterQuery } from "~/domain/sector/cells";
import type { SelectedFilters } from "~/domain/sector/view";
import { useT } from "~/utils/use-t";

const PAGES = [
  { path: "", key: "overview" },
  { path: "/industries", key: "industries" },
  { path: "/regions", key: "regions" },
  { path: "/sizes", key: "sizes" },
  { path: "/programmes", key: "programmes" },
] as const;

/** Between the sector pages, keeping the filters. */
export function SectorNav({ orgId, selected }: { orgId: string; selected: SelectedFilters }) {
  const t = useT();
  const query = filterQuery(selected);
  return (
    <nav className="sector-nav" aria-label={t("sector.nav.label")}>
      <ul>
        {PAGES.map((page) => (
          <li key={page.key}>
            <NavLink to={`/o/${orgId}/sector${page.path}${query}`} end prefetch="intent">
              {t(`sector.nav.${page.key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
