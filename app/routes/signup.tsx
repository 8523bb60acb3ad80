import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { SubmitButton, TextField, useValidatedForm, ValidatedForm } from "~/components/form";
import { signupSchema } from "~/forms/auth";
import { acceptInvitation, findInvitation, invitationState } from "~/models/membership.server";
import { limitForm, RATE_LIMITS } from "~/models/rate-limit.server";
import { signUpWithOrganization } from "~/models/organization.server";
import { EmailTakenError } from "~/models/user.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { guard } from "~/utils/guard.server";
import { clientAddress, safeRedirectPath } from "~/utils/http.server";
import { toDbLocale } from "~/utils/locale.server";
import { logInAndRedirect } from "~/utils/session.server";
import { useErrorText, useT } from "~/utils/use-t";

const KINDS = ["FACTORY", "CONSULTANCY", "AUTHORITY"] as const;

export const loader = /* @__PURE__ */ guard("public", async ({ auth, request }) => {
  if (auth) throw redirect("/orgs");
  const token = new URL(request.url).searchParams.get("invitation");
  const invitation = token ? await findInvitation(token) : null;
  return {
    invitation:
      invitation && invitationState(invitation) === "valid"
        ? { email: invitation.email, organization: invitation.organization.name }
        : null,
  };
});

export const action = /* @__PURE__ */ guard("public", async ({ request, t, locale }) => {
  const parsed = await parseForm(request, signupSchema, t);
  if (!parsed.ok) return formFailure(parsed.failure);
  const limited = await limitForm(t, { rule: RATE_LIMITS.signupPerAddress, subject: clientAddress(request) });
  if (limited) return limited;
  const input = parsed.data;

  const invitation = input.invitation ? await findInvitation(input.invitation) : null;
  if (input.invitation) {
    if (!invitation) return formFailure({ fieldErrors: {}, formError: t("errors.invitationNotFound") }, 404);
    const state = invitationState(invitation);
    if (state === "expired") return formFailure({ fieldErrors: {}, formError: t("errors.invitationExpired") }, 409);
    if (state === "used") return formFailure({ fieldErrors: {}, formError: t("errors.invitationUsed") }, 409);
    if (invitation.email !== input.email) {
      return formFailure({ fieldErrors: { email: t("invitation.loginFirst", { email: invitation.email }) } }, 400);
    }
  }

  try {
    const created = await signUpWithOrganization({
      email: input.email,
      displayName: input.displayName,
      password: input.password,
      locale: toDbLocale(locale),
      organization:
        invitation || !input.organizationKind || !input.organizationName
          ? undefined
          : { kind: input.organizationKind, name: input.organizationName },
    });
    if (invitation) {
      const joined = await acceptInvitation(invitation.id, created.userId);
      return logInAndRedirect(request, created.userId, joined ? `/o/${joined}` : "/orgs", joined);
    }
    // A new organisation starts with its profile: benchmarks and assessments need it.
    const next = created.organizationId ? `/o/${created.organizationId}/profile` : "/orgs";
    return logInAndRedirect(request, created.userId, safeRedirectPath(next, "/orgs"), created.organizationId);
  } catch (error) {
    if (error instanceof EmailTakenError) return formFailure({ fieldErrors: { email: t("errors.emailTaken") } }, 409);
    throw error;
  }
});

export default function Signup() {
  const t = useT();
  const errorText = useErrorText();
  const { invitation } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const token = searchParams.get("invitation") ?? "";
  const { form, field, formRef, onSubmit, errorFor, formError } = useValidatedForm(signupSchema, {
    email: invitation?.email ?? "",
    invitation: invitation ? token : undefined,
    organizationKind: invitation ? undefined : "FACTORY",
  });
  const kindError = errorText(
    (form.formState.errors.organizationKind?.message as string | undefined) ?? errorFor("organizationKind"),
  );
  return (
    <div className="narrow">
      <div className="page-header">
        <h1>{t("auth.signupTitle")}</h1>
        <p>{invitation ? t("auth.invitationNotice", { organization: invitation.organization }) : t("auth.signupLead")}</p>
      </div>
      <div className="card">
        <ValidatedForm formRef={formRef} onSubmit={onSubmit} formError={formError}>
          {invitation ? <input type="hidden" {...form.register("invitation")} /> : null}
          <TextField
            label={t("auth.email")}
            type="email"
            autoComplete="email"
            readOnly={Boolean(invitation)}
            error={errorFor("email")}
            registration={field("email")}
          />
          <TextField label={t("auth.displayName")} autoComplete="name" error={errorFor("displayName")} registration={field("displayName")} />
          <TextField
            label={t("auth.password")}
            type="password"
            autoComplete="new-password"
            hint={t("auth.passwordHint")}
            error={errorFor("password")}
            registration={field("password")}
          />
          {invitation ? null : (
            <>
              <fieldset className="choice-group" aria-describedby={kindError ? "kind-error" : undefined}>
                <legend>{t("auth.organizationKind")}</legend>
                {KINDS.map((kind) => (
                  <label key={kind} className="choice">
                    <input type="radio" value={kind} defaultChecked={kind === "FACTORY"} {...form.register("organizationKind")} />
                    <div>
                      <strong>{t(`kind.${kind}`)}</strong>
                      <span>{t(`kindHint.${kind}`)}</span>
                    </div>
                  </label>
                ))}
                {kindError ? (
                  <p className="field-error" id="kind-error">
                    {kindError}
                  </p>
                ) : null}
              </fieldset>
              <TextField
                label={t("auth.organizationName")}
                hint={t("auth.organizationNameHint")}
                autoComplete="organization"
                error={errorFor("organizationName")}
                registration={field("organizationName")}
              />
            </>
          )}
          <SubmitButton>{t("auth.submitSignup")}</SubmitButton>
        </ValidatedForm>
      </div>
      <p>
        {t("auth.haveAccount")} <Link to="/login">{t("nav.login")}</Link>
      </p>
    </div>
  );
}
