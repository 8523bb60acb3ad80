import { isRouteErrorResponse, Link, useLocation, useNavigation, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";
import type { SectorMeta } from "~/domain/sector/view";
import { useT } from "~/utils/use-t";
import { SectorFilterBar } from "./filter-bar";
import { SectorNav } from "./sector-nav";

/**
 * The frame of every sector page: title and lead, sub-navigation, filter bar, the synthetic-data
 * notice (a flag, never a count), a polite "updating" message while a new filter loads, and the
 * empty state when the jurisdiction has no data for the scope or year.
 */
export function SectorPage({
  orgId,
  meta,
  title,
  lead,
  hidden,
  toolbar,
  children,
}: {
  orgId: string;
  meta: SectorMeta;
  title: string;
  lead: string;
  hidden?: Record<string, string>;
  toolbar?: ReactNode;
  children: ReactNode;
}) {
  const t = useT();
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location.pathname.startsWith(`/o/${orgId}/sector`);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{title}</h1>
          <p>{lead}</p>
          {meta.period !== null ? <p className="small muted">{t("sector.overview.version", { version: meta.version ?? "—", period: meta.period })}</p> : null}
        </div>
      </div>
      <SectorNav orgId={orgId} selected={meta.selected} />
      <SectorFilterBar meta={meta} hidden={hidden} />
      {toolbar}
      <p className="sector-loading" role="status" aria-live="polite">
        {loading ? t("sector.common.loading") : ""}
      </p>
      {meta.containsSynthetic ? (
        <p className="notice sector-synthetic" role="note">
          <span className="badge">{t("sector.common.syntheticNotice")}</span>
        </p>
      ) : null}
      <div className={loading ? "sector-body sector-body-loading" : "sector-body"} aria-busy={loading}>
        {meta.empty ? <SectorEmpty meta={meta} /> : children}
      </div>
    </>
  );
}

export function SectorEmpty({ meta }: { meta: Pick<SectorMeta, "period" | "periods"> }) {
  const t = useT();
  const periodWithout = meta.period !== null && meta.periods.length > 0 && !meta.periods.includes(meta.period);
  return (
    <section className="card sector-empty" aria-labelledby="sector-empty-title">
      <h2 id="sector-empty-title">{t("sector.overview.emptyTitle")}</h2>
      <p>{periodWithout ? t("sector.overview.emptyPeriodText", { period: meta.period ?? "" }) : t("sector.overview.emptyText")}</p>
    </section>
  );
}

/** 400 (unknown code), 403 (outside the jurisdiction), 404 and 409 (no jurisdiction): the message and a way on. */
export function SectorErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const location = useLocation();
  if (!isRouteErrorResponse(error) || error.status >= 500) {
    if (!isRouteErrorResponse(error)) console.error(error);
    return (
      <section className="error-panel" aria-labelledby="error-title">
        <p className="error-status">500</p>
        <h1 id="error-title">{t("errors.serverTitle")}</h1>
        <p>{t("errors.serverText")}</p>
      </section>
    );
  }
  const payload: unknown = error.data;
  const message = typeof payload === "object" && payload !== null && "message" in payload ? String((payload as { message: unknown }).message) : t("errors.title");
  const title = error.status === 404 ? t("errors.notFoundTitle") : error.status === 400 ? t("errors.badRequestTitle") : error.status === 403 ? t("errors.forbiddenTitle") : t("sector.errors.title");
  const filterError = error.status === 400 || error.status === 403;
  return (
    <section className="error-panel" aria-labelledby="error-title">
      <p className="error-status">{error.status}</p>
      <h1 id="error-title">{title}</h1>
      <p role="alert">{message}</p>
      <p className="actions">
        {filterError ? (
          <Link to={location.pathname} className="button button-primary">
            {t("sector.errors.resetFilters")}
          </Link>
        ) : (
          <Link to="/" className="button button-primary">
            {t("errors.goHome")}
          </Link>
        )}
      </p>
    </section>
  );
}
