import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ChartFigure, DIMENSION_COLORS } from "~/components/chart-figure";
import { staticTrend } from "~/components/charts.server";
import { SelectField, SubmitButton, useValidatedForm, ValidatedForm } from "~/components/form";
import { questionnaireView } from "~/domain/questionnaire/view";
import { displayScore } from "~/domain/scoring";
import { selectablePeriods, startAssessmentSchema } from "~/forms/assessment";
import { hasFactoryProfile, listAssessments, loadQuestionnaireVersion, scoreHistory, startAssessment } from "~/models/assessment.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { guard } from "~/utils/guard.server";
import { httpError } from "~/utils/http.server";
import { assessmentLabels } from "~/utils/assessment-label";
import { formatDateTime } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

export const loader = /* @__PURE__ */ guard("assessment:read", async ({ org, can, locale, t }) => {
  if (org.kind !== "FACTORY") httpError(404, t("errors.notFoundText"));
  const [assessments, profileComplete, history] = await Promise.all([listAssessments(org.id), hasFactoryProfile(org.id), scoreHistory(org.id)]);
  const round = (score: number | null) => (score === null ? null : Number(score.toFixed(2)));
  // Several assessments can share a year: every row, option and axis tick names its edition.
  const labels = assessmentLabels(t, locale, assessments);
  const axisLabels = assessmentLabels(t, locale, assessments, "short");
  const trend = history.map((point) => ({
    // The chart's x axis reads `period`: the short label ("2026 第2版"), the table the full one.
    period: axisLabels.get(point.id) ?? point.period,
    label: labels.get(point.id) ?? point.period,
    overall: round(point.overall),
    ...Object.fromEntries(Object.entries(point.dimensions).map(([id, score]) => [id, round(score)])),
  }));
  const firstVersion = assessments[0]?.questionnaireVersion.id;
  const dimensions = firstVersion
    ? questionnaireView((await loadQuestionnaireVersion(firstVersion)).questionnaire, locale).dimensions.map((d) => ({ id: d.id, name: d.name }))
    : [];
  return {
    canEdit: can("assessment:edit"),
    profileComplete,
    periods: selectablePeriods(),
    assessments: assessments.map((a) => ({
      id: a.id,
      period: a.period,
      label: labels.get(a.id)!,
      status: a.status,
      version: a.questionnaireVersion.version,
      overall: a.score?.overall ?? null,
      level: a.score?.level ?? null,
      updatedAt: a.updatedAt,
    })),
    trend,
    // Drawn on the server (no charting library in the page's bundle), only when there is a trend.
    trendChart:
      trend.length === 0
        ? null
        : staticTrend({
            points: trend.map(({ label: _label, ...point }) => point),
            lines: [{ key: "overall", name: t("assessment.columns.overall"), color: "#1b2430" }, ...dimensions.map((d) => ({ key: d.id, name: d.name, color: DIMENSION_COLORS[d.id] ?? "#566275" }))],
            width: 720,
            height: 300,
            id: "score-trend",
          }),
    dimensions,
  };
});

export const action = /* @__PURE__ */ guard("assessment:edit", async ({ request, org, auth, t }) => {
  if (org.kind !== "FACTORY") httpError(404, t("errors.notFoundText"));
  const parsed = await parseForm(request, startAssessmentSchema, t);
  if (!parsed.ok) return formFailure(parsed.failure);
  const outcome = await startAssessment(org.id, auth.user.id, parsed.data.period);
  if (outcome.status === "profile-missing") return formFailure({ fieldErrors: {}, formError: t("assessment.profileMissing") }, 409);
  throw redirect(`/o/${org.id}/assessments/${outcome.id}`);
});

export default function Assessments() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const actionData = useActionData<typeof action>();
  const submitted = data.assessments.filter((a) => a.status === "SUBMITTED");
  return (
    <>
      <div className="page-header">
        <h1>{t("assessment.listTitle")}</h1>
        <p>{t("assessment.listLead")}</p>
      </div>
      {!data.profileComplete ? (
        <div className="alert alert-warning" role="status">
          <p>{t("assessment.profileMissing")}</p>
          <Link to="../profile" relative="path" className="button button-primary button-small">
            {t("org.completeProfile")}
          </Link>
        </div>
      ) : null}
      {actionData && "formError" in actionData && actionData.formError && Object.keys(actionData.fieldErrors ?? {}).length === 0 ? (
        <div className="alert alert-error" role="alert">
          {actionData.formError}
        </div>
      ) : null}
      {data.canEdit && data.profileComplete ? <StartForm periods={data.periods} /> : null}
      {!data.canEdit ? (
        <div className="alert alert-info" role="note">
          {t("assessment.readOnlyViewer")}
        </div>
      ) : null}

      <section className="card" aria-labelledby="assessments-title">
        <h2 id="assessments-title" className="visually-hidden">
          {t("assessment.listTitle")}
        </h2>
        {data.assessments.length === 0 ? (
          <p className="muted">{t("assessment.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("assessment.columns.assessment")}</th>
                  <th scope="col">{t("assessment.columns.status")}</th>
                  <th scope="col">{t("assessment.columns.version")}</th>
                  <th scope="col">{t("assessment.columns.overall")}</th>
                  <th scope="col">{t("assessment.columns.level")}</th>
                  <th scope="col">{t("assessment.columns.updated")}</th>
                  <th scope="col">{t("assessment.columns.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {data.assessments.map((a) => (
                  <tr key={a.id}>
                    <td>{a.label}</td>
                    <td>
                      <span className={`badge${a.status === "SUBMITTED" ? " badge-primary" : ""}`}>{t(`assessment.status.${a.status}`)}</span>
                    </td>
                    <td>{a.version}</td>
                    <td>{a.overall === null ? "—" : displayScore(a.overall, 2)}</td>
                    <td>{a.level === null ? "—" : `L${a.level}`}</td>
                    <td className="date-cell">{formatDateTime(locale, a.updatedAt)}</td>
                    <td>
                      <Link to={a.status === "SUBMITTED" ? `${a.id}/results` : a.id}>
                        {a.status === "SUBMITTED" ? t("assessment.viewResults") : data.canEdit ? t("assessment.continueDraft") : t("assessment.viewResults")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="trend-title">
        <h2 id="trend-title">{t("assessment.historyTitle")}</h2>
        {data.trendChart === null ? (
          <p className="muted">{t("assessment.historyEmpty")}</p>
        ) : (
          <ChartFigure
            caption={t("assessment.historyTitle")}
            tableSummary={t("assessment.results.tableSummary")}
            svg={data.trendChart}
            table={
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("assessment.columns.assessment")}</th>
                    <th scope="col">{t("assessment.columns.overall")}</th>
                    {data.dimensions.map((d) => (
                      <th scope="col" key={d.id}>
                        {d.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.trend.map((point) => (
                    <tr key={point.label}>
                      <td>{point.label}</td>
                      <td>{point.overall ?? "—"}</td>
                      {data.dimensions.map((d) => (
                        <td key={d.id}>{(point as Record<string, unknown>)[d.id] as number | null ?? "—"}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
        )}
      </section>

      <section className="card" aria-labelledby="compare-title">
        <h2 id="compare-title">{t("assessment.compareTitle")}</h2>
        {submitted.length < 2 ? (
          <p className="muted">{t("assessment.compareNeedTwo")}</p>
        ) : (
          <Form method="get" action="compare" className="form-grid">
            <AssessmentPicker name="a" label={t("assessment.compareA")} options={submitted} defaultId={submitted[1]?.id} />
            <AssessmentPicker name="b" label={t("assessment.compareB")} options={submitted} defaultId={submitted[0]?.id} />
            <div className="field">
              <button type="submit" className="button">
                {t("assessment.compare")}
              </button>
            </div>
          </Form>
        )}
      </section>
    </>
  );
}

function AssessmentPicker({
  name,
  label,
  options,
  defaultId,
}: {
  name: string;
  label: string;
  options: { id: string; label: string; level: number | null; overall: number | null }[];
  defaultId?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={`compare-${name}`}>{label}</label>
      <select id={`compare-${name}`} name={name} defaultValue={defaultId}>
        {options.map((a) => (
          <option key={a.id} value={a.id}>
            {a.label} · L{a.level} · {a.overall === null ? "—" : displayScore(a.overall, 2)}
          </option>
        ))}
      </select>
    </div>
  );
}

function StartForm({ periods }: { periods: string[] }) {
  const t = useT();
  const { field, formRef, onSubmit, errorFor } = useValidatedForm(startAssessmentSchema, { intent: "start", period: periods[0] });
  return (
    <section className="card" aria-labelledby="start-title">
      <h2 id="start-title">{t("assessment.startTitle")}</h2>
      <ValidatedForm formRef={formRef} onSubmit={onSubmit} className="inline-start">
        <input type="hidden" {...field("intent")} />
        <SelectField label={t("assessment.period")} error={errorFor("period")} registration={field("period")}>
          {periods.map((period) => (
            <option key={period} value={period}>
              {period}
            </option>
          ))}
        </SelectField>
        <SubmitButton name="intent" value="start">
          {t("assessment.start")}
        </SubmitButton>
      </ValidatedForm>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
