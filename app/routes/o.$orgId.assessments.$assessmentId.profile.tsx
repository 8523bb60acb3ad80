import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SubmitButton, useValidatedForm, ValidatedForm } from "~/components/form";
import { PRODUCT_VARIETIES, PRODUCTION_TYPES, SITE_COUNTS } from "~/domain/questionnaire/profile";
import { MARKET_CHOICES, plantProfileFormSchema, plantProfileFormValues, type PlantProfileForm } from "~/forms/plant-profile";
import { getAssessment, loadQuestionnaireVersion, previousPlantProfile, savePlantProfile } from "~/models/assessment.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { guard } from "~/utils/guard.server";
import { httpError, uuidParam } from "~/utils/http.server";
import type { Translate } from "~/utils/i18n";
import { useAssessment } from "~/utils/use-assessment";
import { useT } from "~/utils/use-t";

/**
 * The plant profile (工厂概况) step of a questionnaire that uses one (2.0.0 on; ADR 0014): stated
 * before the questions and changeable while the assessment is a draft. 404 for questionnaires
 * without a profile step, 409 once submitted.
 */
async function loadDraftWithProfileStep(orgId: string, assessmentId: string, t: Translate) {
  const assessment = await getAssessment(orgId, assessmentId);
  if (!assessment) httpError(404, t("errors.notFoundText"));
  const { questionnaire } = await loadQuestionnaireVersion(assessment.questionnaireVersionId);
  if (!questionnaire.usesPlantProfile) httpError(404, t("errors.notFoundText"));
  return assessment;
}

export const loader = /* @__PURE__ */ guard("assessment:read", async ({ params, org, t }) => {
  const assessment = await loadDraftWithProfileStep(org.id, uuidParam(params, "assessmentId", t), t);
  // A new draft starts from the profile the factory gave last time; it still has to confirm it.
  const previous = assessment.profile ? null : await previousPlantProfile(org.id, assessment.id);
  const profile = assessment.profile ?? previous;
  return { values: profile ? plantProfileFormValues(profile) : null, stated: assessment.profile !== null, prefilled: previous !== null };
});

export const action = /* @__PURE__ */ guard("assessment:edit", async ({ request, params, org, auth, t }) => {
  const assessment = await loadDraftWithProfileStep(org.id, uuidParam(params, "assessmentId", t), t);
  if (assessment.status === "SUBMITTED") return formFailure({ fieldErrors: {}, formError: t("profile.plant.submittedReadOnly") }, 409);
  const parsed = await parseForm(request, plantProfileFormSchema, t);
  if (!parsed.ok) return formFailure(parsed.failure);
  const outcome = await savePlantProfile(org.id, assessment.id, auth.user.id, parsed.data);
  if (outcome.status === "submitted") return formFailure({ fieldErrors: {}, formError: t("profile.plant.submittedReadOnly") }, 409);
  if (outcome.status === "not-found") httpError(404, t("errors.notFoundText"));
  // On to the first unfinished dimension.
  throw redirect(`/o/${org.id}/assessments/${assessment.id}`);
});

const MARKET_VALUES = Object.keys(MARKET_CHOICES) as (keyof typeof MARKET_CHOICES)[];

export default function PlantProfilePage() {
  const { values, stated, prefilled } = useLoaderData<typeof loader>();
  const { assessment, canEdit, orgId, dimensions } = useAssessment();
  const t = useT();
  const { form, formRef, onSubmit, errorFor, formError } = useValidatedForm(plantProfileFormSchema, values ?? undefined);
  const base = `/o/${orgId}/assessments/${assessment.id}`;
  const submitted = assessment.status === "SUBMITTED";

  const group = <K extends keyof PlantProfileForm>(name: K, legend: string, options: readonly string[], label: (value: string) => string) => {
    const error = errorFor(name);
    return (
      <fieldset className="choice-group" aria-describedby={error ? `plant-${name}-error` : undefined} aria-invalid={error ? true : undefined}>
        <legend>{legend}</legend>
        {options.map((value) => (
          <label key={value} className="choice">
            <input type="radio" value={value} defaultChecked={values?.[name] === value} {...form.register(name)} />
            <div>
              <strong>{label(value)}</strong>
            </div>
          </label>
        ))}
        {error ? (
          <p className="field-error" id={`plant-${name}-error`}>
            {error}
          </p>
        ) : null}
      </fieldset>
    );
  };

  return (
    <div className="narrow-wide">
      {stated ? (
        <p>
          <Link to={`${base}/d/${dimensions[0]!.id}`}>← {t("assessment.titleOf", { label: assessment.label })}</Link>
        </p>
      ) : null}
      <div className="page-header">
        <p className="muted small">{t("profile.plant.step", { label: assessment.label })}</p>
        <h1>{t("profile.plant.title")}</h1>
        <p>{t("profile.plant.lead")}</p>
      </div>
      {submitted ? (
        <div className="alert alert-info" role="note">
          {t("profile.plant.submittedReadOnly")}
        </div>
      ) : !canEdit ? (
        <div className="alert alert-info" role="note">
          {t("profile.plant.readOnly")}
        </div>
      ) : null}
      {canEdit && !stated && prefilled ? (
        <div className="alert alert-info" role="status">
          {t("profile.plant.prefilled")}
        </div>
      ) : null}
      <div className="alert alert-warning" role="note">
        {t("profile.plant.keptAnswers")}
      </div>
      <div className="card">
        <ValidatedForm formRef={formRef} onSubmit={onSubmit} formError={formError}>
          <fieldset disabled={!canEdit} className="choice-group">
            {group("productionType", t("profile.plant.productionType"), PRODUCTION_TYPES, (v) => t(`profile.plant.productionTypes.${v as (typeof PRODUCTION_TYPES)[number]}`))}
            {group("markets", t("profile.plant.markets"), MARKET_VALUES, (v) => t(`profile.plant.marketOptions.${v as keyof typeof MARKET_CHOICES}`))}
            {group("productVariety", t("profile.plant.productVariety"), PRODUCT_VARIETIES, (v) => t(`profile.plant.varieties.${v as (typeof PRODUCT_VARIETIES)[number]}`))}
            {group("sites", t("profile.plant.sites"), SITE_COUNTS, (v) => t(`profile.plant.siteOptions.${v as (typeof SITE_COUNTS)[number]}`))}
            {canEdit ? <SubmitButton>{stated ? t("profile.plant.saveChanges") : t("profile.plant.save")}</SubmitButton> : null}
          </fieldset>
        </ValidatedForm>
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
