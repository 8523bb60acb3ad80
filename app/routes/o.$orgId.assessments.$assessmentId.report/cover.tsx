import { displayScore } from "~/domain/scoring";
import { formatDateTime } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";
import type { ReportData, ReportView } from "./types";

/** Title page: factory, period, version, dates, and the level and overall score in large type. */
export function ReportCover({ report, generatedAt }: { report: ReportView; generatedAt: ReportData["generatedAt"] }) {
  const t = useT();
  const locale = useLocale();
  const organization = report.organization;
  return (
    <header className="report-cover">
      <p className="report-kicker">{t("app.name")}</p>
      <h1 id="report-title">{t("assessment.report.title")}</h1>
      <p className="report-factory">{organization.legalName}</p>
      <p className="report-subtitle">{t("assessment.report.subtitle", { label: report.label })}</p>
      <dl className="report-meta">
        <div>
          <dt>{t("assessment.report.factory")}</dt>
          <dd>{organization.legalName}</dd>
        </div>
        <div>
          <dt>{t("assessment.report.industry")}</dt>
          <dd>{organization.industry ?? t("assessment.report.notProvided")}</dd>
        </div>
        <div>
          <dt>{t("assessment.report.region")}</dt>
          <dd>{organization.region ?? t("assessment.report.notProvided")}</dd>
        </div>
        <div>
          <dt>{t("assessment.report.sizeBand")}</dt>
          <dd>{organization.sizeBand ? t(`sizeBand.${organization.sizeBand}`) : t("assessment.report.notProvided")}</dd>
        </div>
        <div>
          <dt>{t("assessment.period")}</dt>
          <dd>{report.period}</dd>
        </div>
        <div>
          <dt>{t("assessment.columns.version")}</dt>
          <dd>{report.version}</dd>
        </div>
        <div>
          <dt>{t("assessment.report.submittedAt")}</dt>
          <dd>{formatDateTime(locale, report.submittedAt)}</dd>
        </div>
        <div>
          <dt>{t("assessment.report.generatedAt")}</dt>
          <dd>{formatDateTime(locale, generatedAt)}</dd>
        </div>
      </dl>
      <div className="report-headline">
        <div className="report-headline-item">
          <p className="report-headline-label">{t("assessment.results.level")}</p>
          <p className={`level-badge level-${report.level}`}>
            <span className="level-code">L{report.level}</span>
            <span className="level-name">{report.levelName}</span>
          </p>
        </div>
        <div className="report-headline-item">
          <p className="report-headline-label">{t("assessment.results.overall")}</p>
          <p className="overall-score">
            {displayScore(report.overall, 2)} <span className="muted small">{t("assessment.results.outOf")}</span>
          </p>
        </div>
      </div>
    </header>
  );
}
