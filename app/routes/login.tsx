import { Link, useSearchParams } from "@remix-run/react";
import { TextField, SubmitButton, useValidatedForm, ValidatedForm } from "~/components/form";
import { loginSchema } from "~/forms/auth";
import { isKnownDevice, knownDeviceCookie, reserveLoginCheck, settleLoginCheck } from "~/models/login-attempts.server";
import { findUserForLogin } from "~/models/user.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { guard } from "~/utils/guard.server";
import { clientAddress, safeRedirectPath } from "~/utils/http.server";
import { logInAndRedirect } from "~/utils/session.server";
import { useT } from "~/utils/use-t";
import { data, redirect } from "@remix-run/node";

export const loader = /* @__PURE__ */ guard("public", async ({ auth, request }) => {
  if (auth) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/orgs"));
  return null;
});

export const action = /* @__PURE__ */ guard("public", async ({ request, t }) => {
  const parsed = await parseForm(request, loginSchema, t);
  if (!parsed.ok) return formFailure(parsed.failure);
  const { email, password, redirectTo } = parsed.data;
  const ip = clientAddress(request);
  const reservation = await reserveLoginCheck(email, ip, await isKnownDevice(request, email));
  if (!reservation.allowed) {
    const formError = t("errors.tooManyAttempts", { minutes: Math.ceil(reservation.retryAfterSeconds / 60) });
    return data({ ok: false as const, fieldErrors: {}, formError }, { status: 429, headers: { "Retry-After": String(reservation.retryAfterSeconds) } });
  }
  const user = await findUserForLogin(email, password);
  await settleLoginCheck(email, ip, reservation, user !== null);
  if (!user) return formFailure({ fieldErrors: {}, formError: t("errors.invalidLogin") }, 401);
  const response = await logInAndRedirect(request, user.id, safeRedirectPath(redirectTo, "/orgs"));
  // This browser is now known: guessing elsewhere cannot lock it out (ADR 0011).
  response.headers.append("Set-Cookie", await knownDeviceCookie(request, user.id));
  return response;
});

export default function Login() {
  const t = useT();
  const [searchParams] = useSearchParams();
  const { field, formRef, onSubmit, errorFor, formError } = useValidatedForm(loginSchema);
  const redirectTo = searchParams.get("redirectTo") ?? "";
  return (
    <div className="narrow">
      <div className="page-header">
        <h1>{t("auth.loginTitle")}</h1>
        <p>{t("auth.loginLead")}</p>
      </div>
      {searchParams.get("loggedOut") ? (
        <div className="alert alert-success" role="status">
          {t("auth.loggedOut")}
        </div>
      ) : null}
      <div className="card">
        <ValidatedForm formRef={formRef} onSubmit={onSubmit} formError={formError}>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <TextField label={t("auth.email")} type="email" autoComplete="email" error={errorFor("email")} registration={field("email")} />
          <TextField
            label={t("auth.password")}
            type="password"
            autoComplete="current-password"
            error={errorFor("password")}
            registration={field("password")}
          />
          <SubmitButton>{t("auth.submitLogin")}</SubmitButton>
        </ValidatedForm>
      </div>
      <p>
        {t("auth.noAccount")} <Link to={redirectTo ? `/signup?redirectTo=${encodeURIComponent(redirectTo)}` : "/signup"}>{t("nav.signup")}</Link>
      </p>
    </div>
  );
}
