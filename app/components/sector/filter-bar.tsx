import { Form, Link, useLocation } from "@remix-run/react";
import { IndustryOptions } from "~/components/reference-options";
import { INDUSTRY_CATEGORIES } from "~/domain/reference/industries";
import { REGIONS } from "~/domain/reference/regions";
import { SIZE_BANDS } from "~/domain/reference/size-band";
import type { SectorMeta } from "~/domain/sector/view";
import { useLocale, useT } from "~/utils/use-t";

/**
 * The filters as a GET form (works without JavaScript): industry, a region inside the jurisdiction,
 * size band, year. Empty values mean the default (whole jurisdiction, latest year). `hidden` keeps a
 * page's own parameters (e.g. by=category).
 */
export function SectorFilterBar({ meta, hidden = {} }: { meta: Pick<SectorMeta, "selected" | "periods" | "jurisdiction">; hidden?: Record<string, string> }) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const name = (entry: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? entry.nameZh : entry.nameEn);
  const { selected, jurisdiction } = meta;
  const regions = REGIONS.filter((region) => region.code !== jurisdiction.regionCode && region.code.startsWith(jurisdiction.regionCode));
  const key = `${selected.industry}/${selected.region}/${selected.size}/${selected.period}`;
  return (
    <section className="card sector-filters" aria-labelledby="sector-filters-title">
      <h2 id="sector-filters-title">{t("sector.filters.title")}</h2>
      <Form method="get" key={key}>
        {Object.entries(hidden).map(([field, value]) => (
          <input key={field} type="hidden" name={field} value={value} />
        ))}
        <div className="form-grid">
          <div className="field">
            {jurisdiction.industryName ? (
              <>
                <span className="field-label">{t("sector.filters.industry")}</span>
                <p>{t("sector.filters.fixedIndustry", { industry: jurisdiction.industryName })}</p>
              </>
            ) : (
              <>
                <label htmlFor="sector-industry">{t("sector.filters.industry")}</label>
                <select id="sector-industry" name="industry" defaultValue={selected.industry ?? ""}>
                  <option value="">{t("sector.filters.allIndustries")}</option>
                  <optgroup label={t("sector.filters.categories")}>
                    {INDUSTRY_CATEGORIES.map((category) => (
                      <option key={category.id} value={category.id}>
                        {name(category)}
                      </option>
                    ))}
                  </optgroup>
                  <IndustryOptions locale={locale} />
                </select>
              </>
            )}
          </div>
          <div className="field">
            <label htmlFor="sector-region">{t("sector.filters.region")}</label>
            <select id="sector-region" name="region" defaultValue={selected.region ?? ""}>
              <option value="">{t("sector.filters.wholeJurisdiction", { region: jurisdiction.regionName })}</option>
              {regions.map((region) => (
                <option key={region.code} value={region.code}>
                  {region.level === "district" && region.parentCode !== jurisdiction.regionCode ? "\u00a0\u00a0" : ""}
                  {name(region)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="sector-size">{t("sector.filters.size")}</label>
            <select id="sector-size" name="size" defaultValue={selected.size ?? ""}>
              <option value="">{t("sector.filters.allSizes")}</option>
              {SIZE_BANDS.map((band) => (
                <option key={band} value={band}>
                  {t(`sizeBand.${band}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="sector-period">{t("sector.filters.period")}</label>
            <select id="sector-period" name="period" defaultValue={selected.period ?? ""}>
              <option value="">{t("sector.filters.latestPeriod")}</option>
              {meta.periods.map((period) => (
                <option key={period} value={period}>
                  {period}
                </option>
              ))}
              {selected.period && !meta.periods.includes(selected.period) ? <option value={selected.period}>{selected.period}</option> : null}
            </select>
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="button button-primary">
            {t("sector.filters.apply")}
          </button>
          <Link to={location.pathname + (hidden.by ? `?by=${encodeURIComponent(hidden.by)}` : "")} className="button button-ghost">
            {t("sector.filters.reset")}
          </Link>
        </div>
      </Form>
    </section>
  );
}
