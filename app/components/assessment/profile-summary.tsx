import type { PlantProfile } from "~/domain/questionnaire/profile";
import { useT } from "~/utils/use-t";

/** The plant profile an assessment was answered with, in one line (results, report). */
export function ProfileSummary({ profile }: { profile: PlantProfile | null }) {
  const t = useT();
  if (!profile) return null;
  const markets = profile.markets.length > 1 ? "both" : profile.markets[0]!;
  const summary = [
    t(`profile.plant.short.${profile.productionType}`),
    t(`profile.plant.marketOptions.${markets}`),
    t(`profile.plant.varieties.${profile.productVariety}`),
    t(`profile.plant.siteOptions.${profile.sites}`),
  ].join(" · ");
  return <p className="muted small">{t("assessment.profileSummary", { summary })}</p>;
}
