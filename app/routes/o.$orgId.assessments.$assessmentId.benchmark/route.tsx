/**
 * Peer benchmark of a submitted assessment: percentile ranks, peer quartiles, P90 and the level
 * distribution over a peer group chosen with GET filters (industry, region, size), widened along
 * the documented fallback hierarchy when the group has fewer than k factories. See docs/benchmarking.md.
 * Everything about peers is published through app/domain/disclosure (docs/privacy.md): the loader
 * sends only published counts, quantiles, bands and ranks, and own scores at the two decimals shown
 * (app/models/benchmark-view.server.ts, shared with the printed report).
 * The page's parts sit beside this file; labels and view shapes are in app/domain/benchmark.
 */
import { isRouteErrorResponse, Link, useLoaderData, useLocation, useRouteError } from "@remix-run/react";
import { parseBenchmarkFilters, requestedGroup } from "~/domain/benchmark/filters";
import { shownScore } from "~/domain/benchmark/view";
import { displayScore } from "~/domain/scoring";
import { assessmentLabelsByIds } from "~/models/assessment.server";
import { publishedBenchmark } from "~/models/benchmark-view.server";
import { cachedBenchmarkView } from "~/models/frozen-views.server";
import { pageLatestIssued } from "~/models/validation.server";
import { guard } from "~/utils/guard.server";
import { httpError, uuidParam } from "~/utils/http.server";
import { useT } from "~/utils/use-t";
import { BenchmarkBody } from "./benchmark-body";
import { Filters } from "./filters";
import { GroupNotice } from "./group-notice";
import type { BenchmarkData } from "./types";

export const loader = /* @__PURE__ */ guard("assessment:read", async ({ request, params, org, role, t, locale }) => {
  const assessmentId = uuidParam(params, "assessmentId", t);
  const parsed = parseBenchmarkFilters(new URL(request.url).searchParams);
  if (!parsed.ok) httpError(400, t(`benchmark.errors.${parsed.field}`, { code: parsed.code }));
  // Peer statistics of a frozen assessment: built once per viewer, profile version and filters, kept
  // for a minute at most (ADR 0024). Whether a validation exists is read on every request.
  const cached = await cachedBenchmarkView({ organizationId: org.id, role, locale, request }, assessmentId, JSON.stringify(parsed.filters), async () => {
    const outcome = await publishedBenchmark(org.id, assessmentId, (own) => requestedGroup(parsed.filters, own), t, locale);
    if (outcome.status === "not-found") httpError(404, t("errors.notFoundText"));
    if (outcome.status === "not-submitted") httpError(409, t("benchmark.errors.notSubmitted"));
    // The edition label (ADR 0022) is frozen with the assessment, so it is cached with the view.
    const label = (await assessmentLabelsByIds([assessmentId], locale)).get(assessmentId) ?? outcome.benchmark.period;
    return { ...outcome.benchmark, label };
  });
  if (cached.status === "not-found") httpError(404, t("errors.notFoundText"));
  if (cached.status === "not-submitted") httpError(409, t("benchmark.errors.notSubmitted"));
  // ADR 0017: peers are compared on self-assessed results only; a validated result is named, not mixed in.
  const validation = await pageLatestIssued(request, org.id, assessmentId);
  return {
    validated: validation && validation.level !== null ? { level: validation.level, overall: shownScore(validation.overall) } : null,
    orgId: org.id,
    assessmentId,
    ...cached.view,
  };
});

export default function Benchmark() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/o/${data.orgId}/assessments/${data.assessmentId}`;
  return (
    <>
      <div className="page-header results-header">
        <div>
          <h1>{t("benchmark.title")}</h1>
          <p>{t("benchmark.lead", { label: data.label })}</p>
          <p className="small">{t("benchmark.versionNote", { version: data.version })}</p>
        </div>
        <div className="actions">
          <Link className="button button-ghost" to={`${base}/results`}>
            {t("benchmark.backToResults")}
          </Link>
        </div>
      </div>
      <Filters data={data} />
      <GroupNotice data={data} />
      {data.group ? <BenchmarkBody data={data} group={data.group} /> : null}
      <section className="card" aria-labelledby="method-title">
        <h2 id="method-title">{t("benchmark.method.title")}</h2>
        <ul className="small">
          <li>{t("benchmark.method.rank")}</li>
          <li>{t("benchmark.method.quantiles")}</li>
          <li>{t("benchmark.method.privacy", { k: data.minGroup })}</li>
          <li>
            {t("benchmark.method.protection")} <a href="#benchmark-protection">{t("benchmark.method.protectionLink")}</a>
          </li>
          <li>
            {t("validation.benchmarkTier")}
            {data.validated
              ? t("validation.benchmarkValidated", { level: data.validated.level, score: data.validated.overall === null ? "—" : displayScore(data.validated.overall, 2) })
              : t("validation.benchmarkNoValidation")}
            {data.validated ? (
              <>
                {" "}
                <Link to={`${base}/validation`}>{t("validation.resultsLink")}</Link>
              </>
            ) : null}
          </li>
        </ul>
        <Protection data={data} />
      </section>
    </>
  );
}

/** The short help text behind "how the figures are protected" (the full story is docs/privacy.md). */
function Protection({ data }: { data: BenchmarkData }) {
  const t = useT();
  return (
    <div id="benchmark-protection" className="benchmark-protection">
      <h3>{t("benchmark.protection.title")}</h3>
      <ul className="small">
        <li>{t("benchmark.protection.counts", { k: data.minGroup })}</li>
        <li>{t("benchmark.protection.quantiles", { quantileMin: data.quantileMinN })}</li>
        <li>{t("benchmark.protection.rank", { exactMin: data.exactRankMinN, quantileMin: data.quantileMinN, exactMax: data.exactRankMinN - 1 })}</li>
        <li>{t("benchmark.protection.precision")}</li>
        <li>{t("benchmark.protection.synthetic")}</li>
      </ul>
    </div>
  );
}

/** 400 (unknown filter code), 404 and 409 (not submitted) keep the page chrome and offer a way on. */
export function ErrorBoundary() {
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
  const title = error.status === 404 ? t("errors.notFoundTitle") : error.status === 400 ? t("errors.badRequestTitle") : error.status === 403 ? t("errors.forbiddenTitle") : t("benchmark.title");
  const assessmentPath = location.pathname.replace(/\/benchmark\/?$/, "");
  return (
    <section className="error-panel" aria-labelledby="error-title">
      <p className="error-status">{error.status}</p>
      <h1 id="error-title">{title}</h1>
      <p role="alert">{message}</p>
      <p className="actions">
        {error.status === 400 ? (
          <Link to={location.pathname} className="button button-primary">
            {t("benchmark.errors.resetFilters")}
          </Link>
        ) : error.status === 409 ? (
          <Link to={assessmentPath} className="button button-primary">
            {t("benchmark.errors.backToAssessment")}
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
