import { INDUSTRIES, INDUSTRY_CATEGORIES } from "~/domain/reference/industries";
import { REGIONS, type Region } from "~/domain/reference/regions";
import type { AppLocale } from "~/utils/i18n";

const nameIn = (item: { nameZh: string; nameEn: string }, locale: AppLocale) => (locale === "zh-CN" ? item.nameZh : item.nameEn);

/** GB/T 4754 divisions grouped by our benchmarking categories. */
export function IndustryOptions({ locale }: { locale: AppLocale }) {
  return (
    <>
      {INDUSTRY_CATEGORIES.map((category) => (
        <optgroup key={category.id} label={nameIn(category, locale)}>
          {INDUSTRIES.filter((industry) => industry.category === category.id).map((industry) => (
            <option key={industry.code} value={industry.code}>
              {industry.code} {nameIn(industry, locale)}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

/** Provinces, each followed by the cities or districts we list for it (indented). */
export function RegionOptions({ locale }: { locale: AppLocale }) {
  const children = (parent: Region) => REGIONS.filter((region) => region.parentCode === parent.code);
  const provinces = REGIONS.filter((region) => region.level === "province");
  return (
    <>
      {provinces.map((province) => {
        const below = children(province);
        if (below.length === 0) {
          return (
            <option key={province.code} value={province.code}>
              {nameIn(province, locale)}
            </option>
          );
        }
        return (
          <optgroup key={province.code} label={nameIn(province, locale)}>
            <option value={province.code}>{nameIn(province, locale)}</option>
            {below.map((region) => (
              <option key={region.code} value={region.code}>
                {"\u00a0\u00a0"}
                {nameIn(region, locale)}
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}
