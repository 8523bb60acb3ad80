import { Link } from "@remix-run/react";
import { useT } from "~/utils/use-t";

/** Previous and next dimension; after the last one, the way to submit (for those who may). */
export function DimensionPager({ base, dimensions, currentId, canEdit }: { base: string; dimensions: readonly { id: string; name: string }[]; currentId: string; canEdit: boolean }) {
  const t = useT();
  const index = dimensions.findIndex((d) => d.id === currentId);
  const previous = dimensions[index - 1];
  const next = dimensions[index + 1];
  return (
    <nav className="dimension-pager" aria-label={t("assessment.dimensionsNav")}>
      {previous ? (
        <Link className="button" to={`${base}/d/${previous.id}`}>
          ← {previous.name}
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link className="button button-primary" to={`${base}/d/${next.id}`}>
          {next.name} →
        </Link>
      ) : canEdit ? (
        <Link className="button button-primary" to={`${base}/submit`}>
          {t("assessment.goToSubmit")} →
        </Link>
      ) : null}
    </nav>
  );
}
