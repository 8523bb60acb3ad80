import { Form, Link } from "@remix-run/react";
import { IndustryOptions, RegionOptions } from "~/components/reference-options";
import { ALL } from "~/domain/benchmark/groups";
import { findIndustry, INDUSTRY_CATEGORIES } from "~/domain/reference/industries";
import { regionLabel } from "~/domain/reference/regions";
import { SIZE_BANDS } from "~/domain/reference/size-band";
import { useLocale, useT } from "~/utils/use-t";
import type { BenchmarkData as Data } from "./types";

export function Filters({ data }: { data: Data }) {
  const t = useT();
  const locale = useLocale();
  const own = t("benchmark.filters.own");
  const name = (entry: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? entry.nameZh : entry.nameEn);
  // key: a new search remounts the form, so the selects show what the page shows.
  const key = `${data.selected.industry}/${data.selected.region}/${data.selected.size}`;
  return (
    <section className="card" aria-labelledby="filters-title">
      <h2 id="filters-title">{t("benchmark.filters.title")}</h2>
      <Form method="get" key={key} className="benchmark-filters">
        <div className="form-grid">
          <div className="field">
            <label htmlFor="benchmark-industry">{t("benchmark.filters.industry")}</label>
            <select id="benchmark-industry" name="industry" defaultValue={data.selected.industry}>
              <option value={ALL}>{t("benchmark.filters.allIndustries")}</option>
              <optgroup label={t("benchmark.filters.categories")}>
                {INDUSTRY_CATEGORIES.map((category) => (
                  <option key={category.id} value={category.id}>
                    {name(category)}
                  </option>
                ))}
              </optgroup>
              <IndustryOptions locale={locale} />
            </select>
            <p className="field-hint">{t("benchmark.filters.ownValue", { value: `${data.own.industry} ${name(findIndustry(data.own.industry)!)}` })}</p>
          </div>
          <div className="field">
            <label htmlFor="benchmark-region">{t("benchmark.filters.region")}</label>
            <select id="benchmark-region" name="region" defaultValue={data.selected.region}>
              <option value={ALL}>{t("benchmark.filters.allRegions")}</option>
              <RegionOptions locale={locale} />
            </select>
            <p className="field-hint">{t("benchmark.filters.ownValue", { value: regionLabel(data.own.region, locale) })}</p>
          </div>
          <div className="field">
            <label htmlFor="benchmark-size">{t("benchmark.filters.size")}</label>
            <select id="benchmark-size" name="size" defaultValue={data.selected.size}>
              <option value={ALL}>{t("benchmark.filters.allSizes")}</option>
              {SIZE_BANDS.map((band) => (
                <option key={band} value={band}>
                  {t(`sizeBand.${band}`)}
                  {band === data.own.size ? own : ""}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="muted small">{t("benchmark.filters.defaultHint")}</p>
        <div className="actions">
          <button type="submit" className="button button-primary">
            {t("benchmark.filters.apply")}
          </button>
          <Link to="." className="button button-ghost">
            {t("benchmark.filters.reset")}
          </Link>
        </div>
      </Form>
    </section>
  );
}
