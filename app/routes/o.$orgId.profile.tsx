import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SelectField, SubmitButton, TextField, useValidatedForm, ValidatedForm } from "~/components/form";
import { IndustryOptions, RegionOptions } from "~/components/reference-options";
import { deriveSizeBand } from "~/domain/reference/size-band";
import { consultancyProfileSchema } from "~/forms/engagement";
import { factoryProfileSchema, jurisdictionSchema } from "~/forms/organization";
import { getConsultancyCreditCode, saveConsultancyProfile } from "~/models/engagement.server";
import { CreditCodeTakenError, getOrganizationOverview, saveFactoryProfile, saveJurisdiction } from "~/models/organization.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { guard } from "~/utils/guard.server";
import { useLocale, useT } from "~/utils/use-t";

export const loader = /* @__PURE__ */ guard("org:read", async ({ org, can }) => {
  const overview = await getOrganizationOverview(org.id);
  return {
    canEdit: can("org:edit"),
    kind: overview.kind,
    name: overview.name,
    factory: overview.factory
      ? {
          legalName: overview.factory.legalName,
          creditCode: overview.factory.creditCode,
          industryCode: overview.factory.industryCode,
          regionCode: overview.factory.regionCode,
          employees: String(overview.factory.employees),
          revenueWan: overview.factory.revenueWan.toString(),
        }
      : null,
    jurisdiction: overview.jurisdiction,
    // A consultancy's credit code is how factories invite it (ADR 0016).
    consultancyCreditCode: overview.kind === "CONSULTANCY" ? ((await getConsultancyCreditCode(org.id)) ?? "") : null,
    orgId: org.id,
  };
});

export const action = /* @__PURE__ */ guard("org:edit", async ({ request, org, t }) => {
  if (org.kind === "FACTORY") {
    const parsed = await parseForm(request, factoryProfileSchema, t);
    if (!parsed.ok) return formFailure(parsed.failure);
    try {
      await saveFactoryProfile(org.id, parsed.data);
    } catch (error) {
      if (error instanceof CreditCodeTakenError) return formFailure({ fieldErrors: { creditCode: t("errors.creditCodeTaken") } }, 409);
      throw error;
    }
    return { ok: true as const };
  }
  if (org.kind === "AUTHORITY") {
    const parsed = await parseForm(request, jurisdictionSchema, t);
    if (!parsed.ok) return formFailure(parsed.failure);
    await saveJurisdiction(org.id, parsed.data);
    return { ok: true as const };
  }
  const parsed = await parseForm(request, consultancyProfileSchema, t);
  if (!parsed.ok) return formFailure(parsed.failure);
  if ((await saveConsultancyProfile(org.id, parsed.data)) === "taken") return formFailure({ fieldErrors: { creditCode: t("errors.creditCodeTaken") } }, 409);
  return { ok: true as const };
});

function SavedNotice() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  if (!actionData || !("ok" in actionData) || actionData.ok !== true) return null;
  return (
    <div className="alert alert-success" role="status">
      {t("profile.saved")}
    </div>
  );
}

export default function Profile() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="page-header">
        <h1>{t("profile.title")}</h1>
        <p>{data.kind === "FACTORY" ? t("profile.factoryLead") : data.kind === "AUTHORITY" ? t("profile.authorityLead") : t("profile.consultancyLead")}</p>
      </div>
      {data.canEdit ? null : (
        <div className="alert alert-info" role="note">
          {t("profile.readOnly")}
        </div>
      )}
      <SavedNotice />
      <div className="card">
        {data.kind === "FACTORY" ? <FactoryForm data={data} /> : data.kind === "AUTHORITY" ? <JurisdictionForm data={data} /> : <ConsultancyForm data={data} />}
      </div>
    </>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function FactoryForm({ data }: { data: LoaderData }) {
  const t = useT();
  const locale = useLocale();
  const { form, field, formRef, onSubmit, errorFor, formError } = useValidatedForm(factoryProfileSchema, {
    name: data.name,
    legalName: data.factory?.legalName ?? "",
    creditCode: data.factory?.creditCode ?? "",
    industryCode: data.factory?.industryCode ?? "",
    regionCode: data.factory?.regionCode ?? "",
    employees: data.factory?.employees ?? "",
    revenueWan: data.factory?.revenueWan ?? "",
  });
  const [employees, revenue] = form.watch(["employees", "revenueWan"]);
  const band = sizeBandPreview(employees, revenue);
  return (
    <ValidatedForm formRef={formRef} onSubmit={onSubmit} formError={formError}>
      <fieldset disabled={!data.canEdit} className="choice-group">
        <div className="form-grid">
          <TextField label={t("profile.name")} error={errorFor("name")} registration={field("name")} />
          <TextField label={t("profile.legalName")} hint={t("profile.legalNameHint")} error={errorFor("legalName")} registration={field("legalName")} />
          <TextField
            label={t("profile.creditCode")}
            hint={t("profile.creditCodeHint")}
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={24}
            error={errorFor("creditCode")}
            registration={field("creditCode")}
          />
          <SelectField label={t("profile.industry")} error={errorFor("industryCode")} registration={field("industryCode")}>
            <option value="">{t("profile.choose")}</option>
            <IndustryOptions locale={locale} />
          </SelectField>
          <SelectField label={t("profile.region")} error={errorFor("regionCode")} registration={field("regionCode")}>
            <option value="">{t("profile.choose")}</option>
            <RegionOptions locale={locale} />
          </SelectField>
          <TextField label={t("profile.employees")} inputMode="numeric" error={errorFor("employees")} registration={field("employees")} />
          <TextField label={t("profile.revenue")} inputMode="decimal" error={errorFor("revenueWan")} registration={field("revenueWan")} />
        </div>
        <p className="muted" aria-live="polite">
          <strong>{t("profile.sizeBand")}：</strong>
          {band ? t("profile.sizeBandDerived", { band: t(`sizeBand.${band}`) }) : t("profile.sizeBandPending")}
        </p>
        {data.canEdit ? <SubmitButton>{t("profile.save")}</SubmitButton> : null}
      </fieldset>
    </ValidatedForm>
  );
}

/** Live preview of the band the server will store; the server derives it again on save. */
function sizeBandPreview(employees: unknown, revenue: unknown) {
  const e = Number(employees);
  const r = Number(revenue);
  if (employees === "" || revenue === "" || !Number.isFinite(e) || !Number.isFinite(r) || e < 0 || r < 0) return null;
  return deriveSizeBand({ employees: e, revenueWan: r });
}

function JurisdictionForm({ data }: { data: LoaderData }) {
  const t = useT();
  const locale = useLocale();
  const { field, formRef, onSubmit, errorFor, formError } = useValidatedForm(jurisdictionSchema, {
    name: data.name,
    regionCode: data.jurisdiction?.regionCode ?? "",
    industryCode: data.jurisdiction?.industryCode ?? "",
  });
  return (
    <ValidatedForm formRef={formRef} onSubmit={onSubmit} formError={formError}>
      <fieldset disabled={!data.canEdit} className="choice-group">
        <TextField label={t("profile.name")} error={errorFor("name")} registration={field("name")} />
        <SelectField label={t("profile.jurisdictionRegion")} error={errorFor("regionCode")} registration={field("regionCode")}>
          <option value="">{t("profile.choose")}</option>
          <RegionOptions locale={locale} />
        </SelectField>
        <SelectField label={t("profile.jurisdictionIndustry")} required={false} error={errorFor("industryCode")} registration={field("industryCode")}>
          <option value="">{t("profile.allIndustries")}</option>
          <IndustryOptions locale={locale} />
        </SelectField>
        {data.canEdit ? <SubmitButton>{t("profile.save")}</SubmitButton> : null}
      </fieldset>
    </ValidatedForm>
  );
}

function ConsultancyForm({ data }: { data: LoaderData }) {
  const t = useT();
  const { field, formRef, onSubmit, errorFor, formError } = useValidatedForm(consultancyProfileSchema, { name: data.name, creditCode: data.consultancyCreditCode ?? "" });
  return (
    <ValidatedForm formRef={formRef} onSubmit={onSubmit} formError={formError}>
      <fieldset disabled={!data.canEdit} className="choice-group">
        <TextField label={t("profile.name")} error={errorFor("name")} registration={field("name")} />
        <TextField
          label={t("engagement.profile.creditCode")}
          hint={t("engagement.profile.creditCodeHint")}
          required={false}
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={24}
          error={errorFor("creditCode")}
          registration={field("creditCode")}
        />
        {data.canEdit ? <SubmitButton>{t("profile.save")}</SubmitButton> : null}
      </fieldset>
      {data.canEdit ? (
        <p className="muted">
          <Link to={`/o/${data.orgId}/profile/logo`}>{t("engagement.profile.logoLink")}</Link> · {t("engagement.profile.logoHint")}
        </p>
      ) : null}
    </ValidatedForm>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
