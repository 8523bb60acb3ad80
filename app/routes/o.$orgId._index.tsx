import { Link, useLoaderData } from "@remix-run/react";
import { Change } from "~/components/difference";
import { levelLabel, questionnaireView } from "~/domain/questionnaire/view";
import { industryName } from "~/domain/reference/industries";
import { displayScore } from "~/domain/scoring";
import { regionLabel } from "~/domain/reference/regions";
import { portfolioPage } from "~/domain/portfolio/rows";
import { factoryStanding, loadQuestionnaireVersion } from "~/models/assessment.server";
import { getOrganizationOverview } from "~/models/organization.server";
import { loadPortfolioRecords, pendingEngagementCount } from "~/models/portfolio.server";
import { sectorSummary } from "~/models/sector/dashboard.server";
import { guard } from "~/utils/guard.server";
import { assessmentLabel } from "~/utils/assessment-label";
import { formatEmployees, formatRevenueWan } from "~/utils/factory-figures";
import { formatNumber, type AppLocale, type Translate } from "~/utils/i18n";
import { setActiveOrganization } from "~/utils/session.server";
import { useLocale, useT } from "~/utils/use-t";

/** Where a factory stands (latest submission, trend) and its one next action. */
async function factoryHome(organizationId: string, canEdit: boolean, t: Translate, locale: AppLocale) {
  const { latest, previous, draft } = await factoryStanding(organizationId);
  const label = (row: { period: string; edition: number; submittedAt: Date | null }, status: "DRAFT" | "SUBMITTED") =>
    assessmentLabel(t, locale, { period: row.period, edition: row.edition, status, submittedAt: row.submittedAt });
  const levelName = latest ? levelLabel(questionnaireView((await loadQuestionnaireVersion(latest.questionnaireVersionId)).questionnaire, locale), latest.level) : null;
  // One action: an open draft comes first, then the latest results, then starting.
  const next = draft
    ? { kind: "draft" as const, id: draft.id, label: label({ ...draft, submittedAt: null }, "DRAFT"), answered: draft.answered, total: draft.total, needsProfile: draft.needsProfile }
    : latest
      ? { kind: "results" as const, id: latest.id }
      : { kind: canEdit ? ("start" as const) : ("none" as const) };
  return {
    latest: latest ? { id: latest.id, label: label(latest, "SUBMITTED"), overall: latest.overall, level: latest.level, levelName } : null,
    previous: previous ? { label: label(previous, "SUBMITTED"), overall: previous.overall } : null,
    next,
    canEdit,
  };
}

export const loader = /* @__PURE__ */ guard("org:read", async ({ org, role, auth, t, locale, can }) => {
  // Opening an organisation makes it the one the user returns to next time.
  if (auth.activeOrganizationId !== org.id) await setActiveOrganization(auth.id, org.id);
  const [overview, pending, portfolio, home] = await Promise.all([
    getOrganizationOverview(org.id),
    pendingEngagementCount(org.id, org.kind),
    // A consultancy's home summarises its clients (counts only; the table is on /clients).
    org.kind === "CONSULTANCY" ? loadPortfolioRecords(org.id).then((records) => portfolioPage(records, { sort: "activity", page: 1 }, new Date()).counts) : Promise.resolve(null),
    org.kind === "FACTORY" ? factoryHome(org.id, can("assessment:edit"), t, locale) : Promise.resolve(null),
  ]);
  // An authority's home summarises its jurisdiction (aggregates only, published like its sector pages).
  const sector = org.kind === "AUTHORITY" && overview.jurisdiction ? await sectorSummary(overview.jurisdiction, t, locale) : null;
  return {
    home,
    pending,
    portfolio,
    sector,
    role,
    organization: {
      id: overview.id,
      name: overview.name,
      kind: overview.kind,
      members: overview._count.memberships,
      factory: overview.factory ? { ...overview.factory, revenueWan: Number(overview.factory.revenueWan) } : null,
      jurisdiction: overview.jurisdiction,
    },
  };
});

export default function Dashboard() {
  const { organization, role, pending, portfolio, sector, home } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const profileComplete = organization.kind === "FACTORY" ? organization.factory !== null : organization.kind === "AUTHORITY" ? organization.jurisdiction !== null : true;
  return (
    <>
      <div className="page-header">
        <h1>{t("org.dashboardTitle", { name: organization.name })}</h1>
        <p>
          <span className="badge badge-primary">{t(`kind.${organization.kind}`)}</span> {t("org.yourRole", { role: t(`role.${role}`) })} ·{" "}
          {t("org.membersCount", { count: organization.members })}
        </p>
      </div>
      {profileComplete ? null : (
        <div className="alert alert-warning" role="status">
          <p>{t("org.profileIncomplete")}</p>
          <Link to="profile" className="button button-primary button-small">
            {t("org.completeProfile")}
          </Link>
        </div>
      )}
      {portfolio ? (
        <section className="card" aria-labelledby="portfolio-summary-title">
          <h2 id="portfolio-summary-title">{t("portfolio.dashboard.consultancyTitle")}</h2>
          <p>
            {t("portfolio.summary", {
              active: portfolio.active + portfolio["expires-soon"],
              soon: portfolio["expires-soon"],
              requested: portfolio.requested,
              validated: portfolio.validated,
              draft: portfolio.draft,
            })}
          </p>
          <p>{pending > 0 ? t("portfolio.dashboard.pendingForConsultancy", { count: pending }) : t("portfolio.dashboard.nonePending")}</p>
          <p className="actions">
            <Link to="clients" className="button button-primary">
              {t("portfolio.dashboard.openPortfolio")}
            </Link>
            {pending > 0 ? (
              <Link to="engagements" className="button">
                {t("portfolio.dashboard.openEngagements")}
              </Link>
            ) : null}
          </p>
        </section>
      ) : null}
      {sector ? <JurisdictionSummary summary={sector} /> : null}
      {organization.kind === "FACTORY" && pending > 0 ? (
        <div className="alert alert-info" role="status">
          <p>{t("portfolio.dashboard.pendingForFactory", { count: pending })}</p>
          <Link to="engagements" className="button button-small">
            {t("portfolio.dashboard.openEngagements")}
          </Link>
        </div>
      ) : null}
      {home ? <FactoryHome home={home} /> : null}
      <div className="grid">
        <section className="card" aria-labelledby="summary-title">
          <h2 id="summary-title">{t("org.summaryTitle")}</h2>
          {organization.factory ? (
            <dl className="dl">
              <dt>{t("profile.legalName")}</dt>
              <dd>{organization.factory.legalName}</dd>
              <dt>{t("profile.industry")}</dt>
              <dd>
                {organization.factory.industryCode} {industryName(organization.factory.industryCode, locale)}
              </dd>
              <dt>{t("profile.region")}</dt>
              <dd>{regionLabel(organization.factory.regionCode, locale)}</dd>
              <dt>{t("profile.sizeBand")}</dt>
              <dd>
                {t(`sizeBand.${organization.factory.sizeBand}`)} · {formatEmployees(t, locale, organization.factory.employees)} ·{" "}
                {formatRevenueWan(t, locale, organization.factory.revenueWan)}
              </dd>
            </dl>
          ) : organization.jurisdiction ? (
            <dl className="dl">
              <dt>{t("profile.jurisdictionRegion")}</dt>
              <dd>{regionLabel(organization.jurisdiction.regionCode, locale)}</dd>
              <dt>{t("profile.jurisdictionIndustry")}</dt>
              <dd>
                {organization.jurisdiction.industryCode ? industryName(organization.jurisdiction.industryCode, locale) : t("profile.allIndustries")}
              </dd>
            </dl>
          ) : (
            <p className="muted">{profileComplete ? t("org.profileComplete") : t("org.profileIncomplete")}</p>
          )}
        </section>
        {home ? null : (
        <section className="card" aria-labelledby="next-title">
          <h2 id="next-title">{t("org.nextStepsTitle")}</h2>
          <p>
            {organization.kind === "FACTORY"
              ? t("org.assessmentsComing")
              : organization.kind === "CONSULTANCY"
                ? t("org.consultancyNext")
                : sector
                  ? t("sector.dashboard.next")
                  : t("org.authorityNext")}
          </p>
          <p className="actions">
            {organization.kind === "FACTORY" ? (
              <Link to="assessments" className="button button-primary">
                {t("org.openAssessments")}
              </Link>
            ) : null}
            {sector ? (
              <Link to="sector" className="button button-primary">
                {t("sector.dashboard.open")}
              </Link>
            ) : null}
            <Link to="members" className="button">
              {t("nav.members")}
            </Link>
          </p>
        </section>
        )}
      </div>
    </>
  );
}

type Home = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["home"]>;

/** The factory at a glance: latest level and score with the change since the one before, and one next action. */
function FactoryHome({ home }: { home: Home }) {
  const t = useT();
  const { latest, previous, next } = home;
  const progressText = next.kind === "draft" ? t("org.next.draftProgress", { label: next.label, answered: next.answered, total: next.total }) : "";
  return (
    <div className="grid">
      <section className="card" aria-labelledby="standing-title">
        <h2 id="standing-title">{t("org.standing.title")}</h2>
        {latest ? (
          <>
            <p className="muted">{t("org.standing.latest", { label: latest.label })}</p>
            <dl className="standing-figures">
              <div>
                <dt>{t("org.standing.level")}</dt>
                <dd>
                  L{latest.level} {latest.levelName}
                </dd>
              </div>
              <div>
                <dt>{t("org.standing.overall")}</dt>
                <dd>{displayScore(latest.overall, 2)}</dd>
              </div>
            </dl>
            {previous ? (
              <p>
                {t("org.standing.trend", { label: previous.label })} <Change later={Number(displayScore(latest.overall, 2))} earlier={Number(displayScore(previous.overall, 2))} />
              </p>
            ) : (
              <p className="muted">{t("org.standing.first")}</p>
            )}
          </>
        ) : (
          <p className="muted">{t("org.standing.none")}</p>
        )}
      </section>
      <section className="card" aria-labelledby="next-title">
        <h2 id="next-title">{t("org.next.title")}</h2>
        {next.kind === "draft" ? (
          <>
            <p>{next.needsProfile ? t("org.next.draftProfile", { label: next.label }) : progressText}</p>
            {next.total > 0 && !next.needsProfile ? <progress className="next-action-progress" max={next.total} value={next.answered} aria-label={progressText} /> : null}
            <p className="actions">
              <Link to={`assessments/${next.id}`} className="button button-primary">
                {home.canEdit ? t("org.next.continueDraft") : t("org.next.viewDraft")}
              </Link>
            </p>
          </>
        ) : next.kind === "results" ? (
          <>
            <p>{t("org.next.resultsText")}</p>
            <p className="actions">
              <Link to={`assessments/${next.id}/results`} className="button button-primary">
                {t("org.next.seeResults")}
              </Link>
            </p>
          </>
        ) : next.kind === "start" ? (
          <>
            <p>{t("org.next.startText")}</p>
            <p className="actions">
              <Link to="assessments" className="button button-primary">
                {t("org.next.start")}
              </Link>
            </p>
          </>
        ) : (
          <p className="muted">{t("org.next.viewerNone")}</p>
        )}
        <p>
          <Link to="assessments">{t("org.next.allAssessments")}</Link>
        </p>
      </section>
    </div>
  );
}

type Summary = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["sector"]>;

/** The jurisdiction at a glance: published counts, the median and the level mix; links to the sector pages. */
function JurisdictionSummary({ summary }: { summary: Summary }) {
  const t = useT();
  const locale = useLocale();
  const count = (value: Summary["registered"]) => (value.status === "ok" ? formatNumber(locale, value.value) : t("sector.dashboard.suppressed", { k: summary.minGroup }));
  const median =
    summary.median.status === "ok"
      ? summary.median.p50.toFixed(2)
      : summary.median.status === "band"
        ? `${summary.median.medianFrom.toFixed(2)}–${summary.median.medianTo.toFixed(2)}`
        : t("sector.dashboard.suppressed", { k: summary.minGroup });
  return (
    <section className="card sector-summary" aria-labelledby="sector-summary-title">
      <h2 id="sector-summary-title">{t("sector.dashboard.title")}</h2>
      {summary.period === null ? (
        <p className="muted">{t("sector.dashboard.noData")}</p>
      ) : (
        <>
          <p className="muted">{t("sector.dashboard.lead", { scope: summary.scope, period: summary.period, version: summary.version ?? "—" })}</p>
          <dl className="sector-summary-figures">
            <div>
              <dt>{t("sector.dashboard.registered")}</dt>
              <dd>{count(summary.registered)}</dd>
            </div>
            <div>
              <dt>{t("sector.dashboard.participating", { period: summary.period })}</dt>
              <dd>{count(summary.participating)}</dd>
            </div>
            <div>
              <dt>{t("sector.dashboard.median")}</dt>
              <dd>{median}</dd>
            </div>
          </dl>
          <h3>{t("sector.dashboard.levelMix")}</h3>
          <div className="sector-summary-bar" aria-hidden="true">
            {summary.levels.map((level, index) =>
              level.share ? <span key={level.name} className={`sector-level-${index}`} style={{ width: `${level.share}%` }} title={`${level.name} ${level.share}%`} /> : null,
            )}
          </div>
          <ul className="sector-summary-levels">
            {summary.levels.map((level, index) => (
              <li key={level.name}>
                <span className={`sector-swatch sector-level-${index}`} aria-hidden="true" /> {level.name}:{" "}
                {level.share === null ? t("sector.dashboard.suppressed", { k: summary.minGroup }) : `${level.share}%`}
              </li>
            ))}
          </ul>
          {summary.containsSynthetic ? <p className="muted">{t("sector.dashboard.synthetic")}</p> : null}
        </>
      )}
      <nav aria-label={t("sector.dashboard.pagesTitle")}>
        <p className="actions">
          <Link to="sector" className="button button-small">
            {t("sector.nav.overview")}
          </Link>
          <Link to="sector/industries" className="button button-small">
            {t("sector.nav.industries")}
          </Link>
          <Link to="sector/regions" className="button button-small">
            {t("sector.nav.regions")}
          </Link>
          <Link to="sector/sizes" className="button button-small">
            {t("sector.nav.sizes")}
          </Link>
          <Link to="sector/programmes" className="button button-small">
            {t("sector.nav.programmes")}
          </Link>
        </p>
      </nav>
    </section>
  );
}
