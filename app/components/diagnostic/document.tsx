/**
 * The diagnostic report (诊断报告) as one A4 document, shared by the consultant's page and the
 * factory's copy: cover in the consultancy's name, factory profile and signature, self vs validated
 * summary with a chart, what holds the level down, roadmap with the consultant's recommendations,
 * and the differences appendix. Print rules: the "Print report" and "diagnostic report" sections of
 * app/styles/app.css (A4 pages, repeated table headers, headings kept with their tables).
 */
import { DimensionRadar } from "~/components/charts";
import { Change } from "~/components/difference";
import { ProfileSummary } from "~/components/assessment/profile-summary";
import { displayScore } from "~/domain/scoring";
import { Explanation } from "~/routes/o.$orgId.assessments.$assessmentId.report/explanation";
import { changeWords } from "~/utils/difference-words";
import { formatDate, formatDateTime, formatNumber } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";
import type { DiagnosticView } from "./types";

export function DiagnosticDocument({ report, generatedAt }: { report: DiagnosticView; generatedAt: Date | string }) {
  const t = useT();
  const locale = useLocale();
  const { self, validated, consultancy } = report;
  return (
    <article className="report diagnostic-report" aria-labelledby="report-title">
      <Cover report={report} generatedAt={generatedAt} />
      <Summary report={report} />
      <section className="report-section diagnostic-holding" aria-labelledby="holding-title">
        <h2 id="holding-title">{t("diagnostic.holdingTitle")}</h2>
        <p className="muted">{report.explanationSource === "validated" ? t("diagnostic.holdingFromValidated") : t("diagnostic.holdingFromSelf")}</p>
        <Explanation report={validated ?? self} />
      </section>
      <Roadmap rows={report.roadmap} />
      <Differences report={report} />
      <footer className="report-footer">
        <p>{t("diagnostic.disclaimer", { consultancy: consultancy.name })}</p>
        <p>{t("diagnostic.footer", { consultancy: consultancy.name, factory: self.organization.legalName, date: formatDate(locale, new Date(generatedAt)) })}</p>
      </footer>
    </article>
  );
}

function Cover({ report, generatedAt }: { report: DiagnosticView; generatedAt: Date | string }) {
  const t = useT();
  const locale = useLocale();
  const { self, consultancy, signature } = report;
  const organization = self.organization;
  const notProvided = t("assessment.report.notProvided");
  return (
    <header className="report-cover diagnostic-cover">
      <div className="diagnostic-brand">
        {consultancy.logo ? <img className="diagnostic-logo" src={consultancy.logo} alt={t("diagnostic.logoAlt", { consultancy: consultancy.name })} /> : null}
        <p className="diagnostic-consultancy">{consultancy.name}</p>
      </div>
      <h1 id="report-title">{t("diagnostic.reportTitle")}</h1>
      <p className="report-factory">{organization.legalName}</p>
      <p className="report-subtitle">
        {t("diagnostic.assessment")} {self.label} · {t("diagnostic.preparedBy", { consultancy: consultancy.name })}
      </p>
      {signature ? null : (
        <p className="diagnostic-unvalidated" role="note">
          <strong>{t("diagnostic.notValidated")}</strong> {t("diagnostic.notValidatedLead")}
        </p>
      )}
      <div className="diagnostic-cover-columns">
        <section aria-labelledby="profile-title">
          <h2 id="profile-title" className="diagnostic-cover-heading">
            {t("diagnostic.profileTitle")}
          </h2>
          <dl className="report-meta diagnostic-meta">
            <div>
              <dt>{t("diagnostic.legalName")}</dt>
              <dd>{organization.legalName}</dd>
            </div>
            <div>
              <dt>{t("assessment.report.industry")}</dt>
              <dd>{organization.industry ?? notProvided}</dd>
            </div>
            <div>
              <dt>{t("assessment.report.region")}</dt>
              <dd>{organization.region ?? notProvided}</dd>
            </div>
            <div>
              <dt>{t("assessment.report.sizeBand")}</dt>
              <dd>{organization.sizeBand ? t(`sizeBand.${organization.sizeBand}`) : notProvided}</dd>
            </div>
            <div>
              <dt>{t("diagnostic.version")}</dt>
              <dd>{self.version}</dd>
            </div>
            <div>
              <dt>{t("diagnostic.submittedAt")}</dt>
              <dd>{formatDateTime(locale, new Date(self.submittedAt))}</dd>
            </div>
            <div>
              <dt>{t("diagnostic.generatedAt")}</dt>
              <dd>{formatDateTime(locale, new Date(generatedAt))}</dd>
            </div>
          </dl>
          <ProfileSummary profile={self.profile} />
        </section>
        <section aria-labelledby="signature-title">
          <h2 id="signature-title" className="diagnostic-cover-heading">
            {t("diagnostic.signatureTitle")}
          </h2>
          {signature ? (
            <dl className="report-meta diagnostic-meta diagnostic-signature">
              <div>
                <dt>{t("diagnostic.signedBy")}</dt>
                <dd>{signature.issuedByName}</dd>
              </div>
              <div>
                <dt>{t("diagnostic.signedFor")}</dt>
                <dd>{signature.consultancyName}</dd>
              </div>
              <div>
                <dt>{t("diagnostic.signedAt")}</dt>
                <dd>{formatDate(locale, new Date(signature.issuedAt))}</dd>
              </div>
              <div>
                <dt>{t("diagnostic.signatureVersion")}</dt>
                <dd>{t("diagnostic.signatureVersionValue", { version: signature.version })}</dd>
              </div>
            </dl>
          ) : (
            <p className="diagnostic-stamp">{t("diagnostic.notValidated")}</p>
          )}
        </section>
      </div>
      <p className="diagnostic-headline">
        {report.validated
          ? t("diagnostic.headline", { selfLevel: self.level, selfOverall: displayScore(self.overall, 2), validated: `L${report.validated.level} · ${displayScore(report.validated.overall, 2)}` })
          : t("diagnostic.headlineSelfOnly", { selfLevel: self.level, selfOverall: displayScore(self.overall, 2) })}
      </p>
    </header>
  );
}

function Summary({ report }: { report: DiagnosticView }) {
  const t = useT();
  const { self, validated } = report;
  const score = (value: number | null | undefined) => (value === null || value === undefined ? t("diagnostic.insufficient") : displayScore(value, 2));
  // Validated against self, in words (ADR 0022): "提高 0.12" / "下降 0.05" / "持平".
  const change = (before: number | null | undefined, after: number | null | undefined) => (before == null || after == null ? "—" : <Change later={after} earlier={before} />);
  const width = 560;
  const height = 280;
  return (
    <section className="report-section" aria-labelledby="summary-title">
      <h2 id="summary-title">{t("diagnostic.summaryTitle")}</h2>
      <table className="report-table diagnostic-compare">
        <caption className="visually-hidden">{t("diagnostic.summaryTitle")}</caption>
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col" className="num">
              {t("diagnostic.selfColumn")}
            </th>
            <th scope="col" className="num">
              {t("diagnostic.validatedColumn")}
            </th>
            <th scope="col" className="num">
              {t("diagnostic.changeColumn")}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr className="diagnostic-total">
            <th scope="row">{t("diagnostic.levelRow")}</th>
            <td className="num">
              L{self.level} {self.levelName}
            </td>
            <td className="num">{validated ? `L${validated.level} ${validated.levelName}` : t("diagnostic.notValidated")}</td>
            <td className="num">{validated ? <Change later={validated.level} earlier={self.level} decimals={0} /> : "—"}</td>
          </tr>
          <tr className="diagnostic-total">
            <th scope="row">{t("diagnostic.overallRow")}</th>
            <td className="num">{score(self.overall)}</td>
            <td className="num">{validated ? score(validated.overall) : t("diagnostic.notValidated")}</td>
            <td className="num">{validated ? change(self.overall, validated.overall) : "—"}</td>
          </tr>
          {report.dimensions.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                <span className={`dot dim-${d.id}`} aria-hidden="true" /> {d.name}
              </th>
              <td className="num">{score(d.self)}</td>
              <td className="num">{validated ? score(d.validated) : "—"}</td>
              <td className="num">{validated ? change(d.self, d.validated) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="report-figure report-figure-radar">
        {/* The comparison table above holds the same figures, so the chart needs no table of its own. */}
        <figure className="chart">
          <div className="chart-canvas" style={{ maxWidth: width, aspectRatio: `${width} / ${height}` }} aria-hidden="true">
            <DimensionRadar
              width={width}
              height={height}
              axes={report.dimensions}
              series={[
                { key: "self", name: t("diagnostic.selfColumn"), color: "#8a96a8", values: Object.fromEntries(report.dimensions.map((d) => [d.id, d.self])) },
                ...(validated ? [{ key: "validated", name: t("diagnostic.validatedColumn"), color: "#0b5cad", values: Object.fromEntries(report.dimensions.map((d) => [d.id, d.validated])) }] : []),
              ]}
            />
          </div>
          <figcaption>{t("diagnostic.radarCaption")}</figcaption>
        </figure>
      </div>
    </section>
  );
}

function Roadmap({ rows }: { rows: DiagnosticView["roadmap"] }) {
  const t = useT();
  return (
    <section className="report-section diagnostic-roadmap-section" aria-labelledby="roadmap-title">
      <h2 id="roadmap-title">{t("diagnostic.roadmapTitle")}</h2>
      <p className="muted">{t("diagnostic.roadmapLead")}</p>
      <table className="report-table diagnostic-roadmap">
        <colgroup>
          <col className="col-rank" />
          <col className="col-capability" />
          <col className="col-score" />
          <col className="col-advice" />
          <col className="col-recommendation" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("diagnostic.rank")}
            </th>
            <th scope="col">{t("diagnostic.capability")}</th>
            <th scope="col" className="num">
              {t("diagnostic.score")}
            </th>
            <th scope="col">{t("diagnostic.advice")}</th>
            <th scope="col">{t("diagnostic.recommendation")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.capabilityId}>
              <td className="num">{row.rank ?? t("diagnostic.notRanked")}</td>
              <td>
                <span className={`dot dim-${row.dimensionId}`} aria-hidden="true" /> {row.name}
              </td>
              <td className="num">{row.score === null ? "—" : displayScore(row.score, 2)}</td>
              <td>{row.advice ?? "—"}</td>
              <td className="diagnostic-recommendation">{row.recommendation ?? t("diagnostic.noRecommendation")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Differences({ report }: { report: DiagnosticView }) {
  const t = useT();
  const locale = useLocale();
  const value = (answer: { type: string; unit: string | null }, raw: number | null, band: number | null) => {
    if (raw === null) return "—";
    if (answer.type === "kpi") return `${[formatNumber(locale, raw), answer.unit].filter(Boolean).join(" ")}${band === null ? "" : ` (${t("diagnostic.band", { band })})`}`;
    return t("diagnostic.band", { band: raw });
  };
  // Why the result moved: what each change alone does to the overall score and the level.
  const effectText = (d: { overallEffect: number | null; levelEffect: number }) => {
    const parts = [d.overallEffect ? t("diagnostic.effectOverall", { delta: changeWords(t, locale, d.overallEffect) }) : t("diagnostic.effectNone")];
    if (d.levelEffect !== 0) parts.push(t("diagnostic.effectLevel", { delta: changeWords(t, locale, d.levelEffect, 0) }));
    return t("diagnostic.effect", { effects: parts.join(" · ") });
  };
  return (
    <section className="report-section report-appendix" aria-labelledby="differences-title">
      <h2 id="differences-title">{t("diagnostic.differencesTitle")}</h2>
      {!report.validated ? (
        <p>{t("diagnostic.differencesNotValidated")}</p>
      ) : report.differences.length === 0 ? (
        <p>{t("diagnostic.noDifferences")}</p>
      ) : (
        <>
          <p className="muted">{t("diagnostic.differencesLead", { count: report.differences.length })}</p>
          <table className="report-table diagnostic-differences">
            <colgroup>
              <col className="col-number" />
              <col className="col-question" />
              <col className="col-band" />
              <col className="col-band" />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t("assessment.report.number")}
                </th>
                <th scope="col">{t("diagnostic.question")}</th>
                <th scope="col" className="num">
                  {t("diagnostic.selfAnswer")}
                </th>
                <th scope="col" className="num">
                  {t("diagnostic.validatedAnswer")}
                </th>
                <th scope="col">{t("diagnostic.comment")}</th>
              </tr>
            </thead>
            <tbody>
              {report.differences.map((d) => (
                <tr key={d.id}>
                  <td className="num">{d.number}</td>
                  <td>
                    {d.title}
                    <span className="muted small diagnostic-capability">
                      {d.dimension} · {d.capability}
                    </span>
                  </td>
                  <td className="num">{value(d, d.selfValue, d.type === "kpi" ? d.selfBand : null)}</td>
                  <td className="num">{value(d, d.validatedValue, d.type === "kpi" ? d.validatedBand : null)}</td>
                  <td>
                    {d.comment}
                    <span className="muted small diagnostic-capability">{effectText(d)}</span>
                    {d.evidenceChecked ? <span className="muted small diagnostic-capability">✓ {t("diagnostic.evidenceChecked")}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
