import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { SelectField, SubmitButton, TextField, useValidatedForm, ValidatedForm } from "~/components/form";
import { accountDetailsSchema, changePasswordSchema } from "~/forms/auth";
import { changePassword, countActiveSessions, logOutOtherSessions, updateAccountDetails } from "~/models/user.server";
import { limitForm, RATE_LIMITS } from "~/models/rate-limit.server";
import { formFailure, parseForm, readForm } from "~/utils/forms.server";
import { guard } from "~/utils/guard.server";
import { fromDbLocale, localeCookie, toDbLocale } from "~/utils/locale.server";
import { translator } from "~/utils/i18n";
import { useT } from "~/utils/use-t";

export const loader = /* @__PURE__ */ guard("authenticated", async ({ auth }) => ({
  displayName: auth.user.displayName,
  email: auth.user.email,
  locale: fromDbLocale(auth.user.locale),
  sessions: await countActiveSessions(auth.user.id),
}));

export const action = /* @__PURE__ */ guard("authenticated", async ({ request, auth, t }) => {
  const formData = await readForm(request, t);
  const intent = formData.get("intent");
  if (intent === "password") {
    const parsed = await parseForm(formData, changePasswordSchema, t);
    if (!parsed.ok) return formFailure(parsed.failure);
    const limited = await limitForm(t, { rule: RATE_LIMITS.passwordChangesPerUser, subject: auth.user.id });
    if (limited) return limited;
    const changed = await changePassword(auth.user.id, parsed.data.currentPassword, parsed.data.newPassword, auth.id);
    if (!changed) return formFailure({ fieldErrors: { currentPassword: t("errors.wrongCurrentPassword") } }, 400);
    return { ok: true as const, message: t("account.passwordChanged") };
  }
  if (intent === "details") {
    const parsed = await parseForm(formData, accountDetailsSchema, t);
    if (!parsed.ok) return formFailure(parsed.failure);
    await updateAccountDetails(auth.user.id, { displayName: parsed.data.displayName, locale: toDbLocale(parsed.data.locale) });
    // Confirm in the language just chosen.
    const message = translator(parsed.data.locale)("account.profileSaved");
    return data({ ok: true as const, message }, { headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) } });
  }
  if (intent === "logout-others") {
    await logOutOtherSessions(auth.user.id, auth.id);
    return { ok: true as const, message: t("account.othersLoggedOut") };
  }
  return formFailure({ fieldErrors: {}, formError: t("errors.unknownIntent") });
});

export default function Account() {
  const account = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <div className="page-header">
        <h1>{t("account.title")}</h1>
        <p>{account.email}</p>
      </div>
      {actionData && "message" in actionData ? (
        <div className="alert alert-success" role="status">
          {actionData.message}
        </div>
      ) : null}
      <div className="grid">
        <DetailsForm displayName={account.displayName} locale={account.locale} />
        <PasswordForm />
      </div>
      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("account.sessionsSection")}</h2>
        <p>{t("account.sessionsText", { count: account.sessions })}</p>
        {account.sessions > 1 ? (
          <Form method="post">
            <button type="submit" name="intent" value="logout-others" className="button">
              {t("account.logoutOthers")}
            </button>
          </Form>
        ) : null}
      </section>
    </>
  );
}

function DetailsForm({ displayName, locale }: { displayName: string; locale: "zh-CN" | "en" }) {
  const t = useT();
  const { form, field, formRef, onSubmit, errorFor } = useValidatedForm(accountDetailsSchema, { intent: "details", displayName, locale });
  return (
    <section className="card" aria-labelledby="details-title">
      <h2 id="details-title">{t("account.profileSection")}</h2>
      <ValidatedForm formRef={formRef} onSubmit={onSubmit}>
        <input type="hidden" {...form.register("intent")} />
        <TextField label={t("auth.displayName")} autoComplete="name" error={errorFor("displayName")} registration={field("displayName")} />
        <SelectField label={t("account.languageLabel")} error={errorFor("locale")} registration={field("locale")}>
          <option value="zh-CN">{t("locale.zh-CN")}</option>
          <option value="en">{t("locale.en")}</option>
        </SelectField>
        <SubmitButton name="intent" value="details">
          {t("account.saveProfile")}
        </SubmitButton>
      </ValidatedForm>
    </section>
  );
}

function PasswordForm() {
  const t = useT();
  const { form, field, formRef, onSubmit, errorFor } = useValidatedForm(changePasswordSchema, { intent: "password" });
  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">{t("account.passwordSection")}</h2>
      <ValidatedForm formRef={formRef} onSubmit={onSubmit}>
        <input type="hidden" {...form.register("intent")} />
        <TextField
          label={t("auth.currentPassword")}
          type="password"
          autoComplete="current-password"
          error={errorFor("currentPassword")}
          registration={field("currentPassword")}
        />
        <TextField
          label={t("auth.newPassword")}
          type="password"
          autoComplete="new-password"
          hint={t("auth.passwordHint")}
          error={errorFor("newPassword")}
          registration={field("newPassword")}
        />
        <TextField
          label={t("auth.confirmPassword")}
          type="password"
          autoComplete="new-password"
          error={errorFor("confirmPassword")}
          registration={field("confirmPassword")}
        />
        <SubmitButton name="intent" value="password">
          {t("account.changePassword")}
        </SubmitButton>
      </ValidatedForm>
    </section>
  );
}
