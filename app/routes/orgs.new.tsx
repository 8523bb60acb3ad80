import { redirect } from "@remix-run/node";
import { SubmitButton, TextField, useValidatedForm, ValidatedForm } from "~/components/form";
import { createOrganizationSchema } from "~/forms/organization";
import { createOrganization } from "~/models/organization.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { guard } from "~/utils/guard.server";
import { setActiveOrganization } from "~/utils/session.server";
import { useErrorText, useT } from "~/utils/use-t";

const KINDS = ["FACTORY", "CONSULTANCY", "AUTHORITY"] as const;

export const loader = /* @__PURE__ */ guard("authenticated", async () => null);

export const action = /* @__PURE__ */ guard("authenticated", async ({ request, auth, t }) => {
  const parsed = await parseForm(request, createOrganizationSchema, t);
  if (!parsed.ok) return formFailure(parsed.failure);
  const organization = await createOrganization(auth.user.id, parsed.data.kind, parsed.data.name);
  await setActiveOrganization(auth.id, organization.id);
  return redirect(`/o/${organization.id}/profile`);
});

export default function NewOrganization() {
  const t = useT();
  const errorText = useErrorText();
  const { form, field, formRef, onSubmit, errorFor, formError } = useValidatedForm(createOrganizationSchema, { kind: "FACTORY" });
  const kindError = errorText((form.formState.errors.kind?.message as string | undefined) ?? errorFor("kind"));
  return (
    <div className="narrow">
      <div className="page-header">
        <h1>{t("org.createTitle")}</h1>
        <p>{t("org.createLead")}</p>
      </div>
      <div className="card">
        <ValidatedForm formRef={formRef} onSubmit={onSubmit} formError={formError}>
          <fieldset className="choice-group">
            <legend>{t("auth.organizationKind")}</legend>
            {KINDS.map((kind) => (
              <label key={kind} className="choice">
                <input type="radio" value={kind} defaultChecked={kind === "FACTORY"} {...form.register("kind")} />
                <div>
                  <strong>{t(`kind.${kind}`)}</strong>
                  <span>{t(`kindHint.${kind}`)}</span>
                </div>
              </label>
            ))}
            {kindError ? <p className="field-error">{kindError}</p> : null}
          </fieldset>
          <TextField label={t("auth.organizationName")} error={errorFor("name")} registration={field("name")} />
          <SubmitButton>{t("org.create")}</SubmitButton>
        </ValidatedForm>
      </div>
    </div>
  );
}
