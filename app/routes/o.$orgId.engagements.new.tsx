import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { SelectField, SubmitButton, TextField, useValidatedForm, ValidatedForm } from "~/components/form";
import { addMonths, DEFAULT_MONTHS, OFFERED_SCOPES } from "~/domain/engagement/lifecycle";
import { chosenAssessmentsSchema, inviteSchema, requestSchema } from "~/forms/engagement";
import { assessmentLabelsByIds } from "~/models/assessment.server";
import { areOwnSubmittedAssessments, ENGAGEMENT_LIMITS, findUserIdByEmail, inviteConsultancy, listSubmittedAssessments, notifyEngagement, requestAccess, type StartOutcome } from "~/models/engagement.server";
import { limitForm } from "~/models/rate-limit.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { guard } from "~/utils/guard.server";
import { httpError } from "~/utils/http.server";
import type { Translate } from "~/utils/i18n";
import { useT } from "~/utils/use-t";

export const loader = /* @__PURE__ */ guard("engagements:manage", async ({ org, t, locale }) => {
  if (org.kind === "AUTHORITY") httpError(404, t("errors.notFoundText"));
  const submitted = org.kind === "FACTORY" ? await listSubmittedAssessments(org.id) : [];
  // Named by edition (ADR 0022): two revisions of one year must be told apart when choosing.
  const labels = await assessmentLabelsByIds(submitted.map((a) => a.id), locale);
  return { side: org.kind, orgId: org.id, submitted: submitted.map((a) => ({ ...a, label: labels.get(a.id) ?? a.period })) };
});

/** The refusals of a request or invitation, each on the field it is about. */
function refusal(t: Translate, outcome: Exclude<StartOutcome, { status: "created" }>) {
  switch (outcome.status) {
    case "unknown-code":
      return null; // the caller knows which side's code it was
    case "unknown-email":
      return formFailure({ fieldErrors: { email: t("engagement.errors.unknownConsultantEmail") }, formError: t("engagement.errors.unknownConsultantEmail") }, 404);
    case "several-consultancies":
      return formFailure({ fieldErrors: { email: t("engagement.errors.severalConsultancies") }, formError: t("engagement.errors.severalConsultancies") }, 409);
    case "open":
      return formFailure({ fieldErrors: {}, formError: t("engagement.errors.openExists") }, 409);
    case "assessments-invalid":
      return formFailure({ fieldErrors: { assessmentIds: t("engagement.errors.assessmentsInvalid") }, formError: t("engagement.errors.assessmentsInvalid") });
  }
}

export const action = /* @__PURE__ */ guard("engagements:manage", async ({ request, org, auth, t }) => {
  if (org.kind === "AUTHORITY") httpError(404, t("errors.notFoundText"));
  const origin = new URL(request.url).origin;
  if (org.kind === "CONSULTANCY") {
    const parsed = await parseForm(request, requestSchema, t);
    if (!parsed.ok) return formFailure(parsed.failure);
    // Counted before the look-up, so trying codes one after another is limited too (ADR 0016).
    const limited = await limitForm(t, { rule: ENGAGEMENT_LIMITS.requestsPerConsultancy, subject: org.id });
    if (limited) return limited;
    const outcome = await requestAccess(org, auth.user.id, parsed.data);
    if (outcome.status === "unknown-code") {
      return formFailure({ fieldErrors: { creditCode: t("engagement.errors.unknownFactoryCode") }, formError: t("engagement.errors.unknownFactoryCode") }, 404);
    }
    if (outcome.status !== "created") return refusal(t, outcome);
    await notifyEngagement({
      kind: "request",
      origin,
      to: outcome.counterpart,
      from: org,
      actor: auth.user.displayName,
      scope: parsed.data.scope,
      expiresAt: addMonths(new Date(), parsed.data.months),
      message: parsed.data.message,
    });
    throw redirect(`/o/${org.id}/engagements?done=requested`);
  }

  const parsed = await parseForm(request, inviteSchema, t);
  if (!parsed.ok) return formFailure(parsed.failure);
  let assessmentIds: string[] | undefined;
  if (parsed.data.coverage === "chosen") {
    const chosen = chosenAssessmentsSchema.safeParse(parsed.formData.getAll("assessmentIds"));
    if (!chosen.success) return formFailure({ fieldErrors: { assessmentIds: t("engagement.errors.assessmentsInvalid") }, formError: t("errors.formInvalid") });
    if (chosen.data.length === 0) return formFailure({ fieldErrors: { assessmentIds: t("engagement.errors.chooseAssessments") }, formError: t("errors.formInvalid") });
    assessmentIds = chosen.data;
    // Checked before the look-up is counted: a bad choice is bad input and changes nothing.
    if (!(await areOwnSubmittedAssessments(org.id, assessmentIds))) {
      return formFailure({ fieldErrors: { assessmentIds: t("engagement.errors.assessmentsInvalid") }, formError: t("engagement.errors.assessmentsInvalid") });
    }
  }
  const limited = await limitForm(t, { rule: ENGAGEMENT_LIMITS.invitesPerFactory, subject: org.id });
  if (limited) return limited;
  const { scope, months, message } = parsed.data;
  const target = parsed.data.by === "code" ? { by: "code" as const, creditCode: parsed.data.creditCode } : { by: "email" as const, email: parsed.data.email };
  const outcome = await inviteConsultancy(org, auth.user.id, { ...target, scope, months, message, assessmentIds });
  if (outcome.status === "unknown-code") {
    return formFailure({ fieldErrors: { creditCode: t("engagement.errors.unknownConsultancyCode") }, formError: t("engagement.errors.unknownConsultancyCode") }, 404);
  }
  if (outcome.status !== "created") return refusal(t, outcome);
  // Invited by e-mail: that consultant hears about it as well as the consultancy's owners.
  const invitedUser = target.by === "email" ? await findUserIdByEmail(target.email) : undefined;
  await notifyEngagement({
    kind: "invite",
    origin,
    to: outcome.counterpart,
    alsoUserIds: invitedUser ? [invitedUser] : [],
    from: org,
    actor: auth.user.displayName,
    scope,
    expiresAt: addMonths(new Date(), months),
    message,
  });
  return { ok: true as const, message: t("engagement.done.invited", { name: outcome.counterpart.name }) };
});

export default function NewEngagement() {
  const { side } = useLoaderData<typeof loader>();
  return side === "FACTORY" ? <InviteForm /> : <RequestForm />;
}

function Header({ title, lead }: { title: string; lead: string }) {
  const t = useT();
  const { orgId } = useLoaderData<typeof loader>();
  return (
    <div className="page-header">
      <h1>{title}</h1>
      <p>{lead}</p>
      <div className="actions">
        <Link className="button button-ghost" to={`/o/${orgId}/engagements`}>
          {t("engagement.form.back")}
        </Link>
      </div>
    </div>
  );
}

function ScopeAndMonths({ errorFor, field }: { errorFor: (name: string) => string | undefined; field: (name: "scope" | "months") => ReturnType<ReturnType<typeof useValidatedForm>["field"]> }) {
  const t = useT();
  return (
    <>
      <SelectField
        label={t("engagement.form.scope")}
        hint={t("engagement.form.scopeHint")}
        error={errorFor("scope")}
        registration={field("scope")}
      >
        {OFFERED_SCOPES.map((scope) => (
          <option key={scope} value={scope}>
            {t(`engagement.scope.${scope}`)}
          </option>
        ))}
      </SelectField>
      <TextField label={t("engagement.form.months")} hint={t("engagement.form.monthsHint")} inputMode="numeric" error={errorFor("months")} registration={field("months")} />
    </>
  );
}

function RequestForm() {
  const t = useT();
  const { field, formRef, onSubmit, errorFor, formError } = useValidatedForm(requestSchema, {
    intent: "request",
    creditCode: "",
    scope: "VALIDATE",
    months: String(DEFAULT_MONTHS),
    message: "",
  });
  return (
    <>
      <Header title={t("engagement.form.titleConsultancy")} lead={t("engagement.form.leadConsultancy")} />
      <section className="card">
        <ValidatedForm formRef={formRef} onSubmit={onSubmit} formError={formError}>
          <input type="hidden" {...field("intent")} />
          <div className="form-grid">
            <TextField label={t("engagement.form.factoryCreditCode")} hint={t("profile.creditCodeHint")} autoCapitalize="characters" spellCheck={false} maxLength={24} error={errorFor("creditCode")} registration={field("creditCode")} />
            <ScopeAndMonths errorFor={errorFor} field={field as never} />
          </div>
          <MessageField error={errorFor("message")} registration={field("message")} />
          <SubmitButton>{t("engagement.form.submitRequest")}</SubmitButton>
        </ValidatedForm>
      </section>
    </>
  );
}

function MessageField({ error, registration }: { error?: string; registration: ReturnType<ReturnType<typeof useValidatedForm>["field"]> }) {
  const t = useT();
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor="engagement-message">
        {t("engagement.form.message")}
        <span className="field-optional"> · {t("common.optional")}</span>
      </label>
      <textarea id="engagement-message" rows={3} maxLength={500} aria-describedby="engagement-message-hint" aria-invalid={error ? true : undefined} {...registration} />
      <p className="field-hint" id="engagement-message-hint">
        {t("engagement.form.messageHint")}
      </p>
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}

function InviteForm() {
  const t = useT();
  const { submitted } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { form, field, formRef, onSubmit, errorFor, formError } = useValidatedForm(inviteSchema, {
    intent: "invite",
    by: "code",
    creditCode: "",
    email: "",
    scope: "VALIDATE",
    months: String(DEFAULT_MONTHS),
    coverage: "all",
    message: "",
  });
  const by = form.watch("by");
  const sent = actionData !== undefined && actionData !== null && "message" in actionData;
  useEffect(() => {
    if (sent) form.reset();
  }, [sent, actionData, form]);
  const assessmentError = actionData && actionData.ok === false ? actionData.fieldErrors?.assessmentIds : undefined;
  return (
    <>
      <Header title={t("engagement.form.titleFactory")} lead={t("engagement.form.leadFactory")} />
      {sent && actionData ? (
        <div className="alert alert-success" role="status">
          {actionData.message}
        </div>
      ) : null}
      <section className="card">
        <ValidatedForm formRef={formRef} onSubmit={onSubmit} formError={formError}>
          <input type="hidden" {...field("intent")} />
          <fieldset className="choice-group">
            <legend>{t("engagement.form.by")}</legend>
            <label>
              <input type="radio" value="code" {...form.register("by")} defaultChecked /> {t("engagement.form.byCode")}
            </label>
            <label>
              <input type="radio" value="email" {...form.register("by")} /> {t("engagement.form.byEmail")}
            </label>
          </fieldset>
          <div className="form-grid">
            {/* Both fields are always there (the form works without JavaScript); the choice above says which one counts. */}
            <TextField
              label={t("engagement.form.consultancyCreditCode")}
              hint={t("profile.creditCodeHint")}
              required={by !== "email"}
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={24}
              error={errorFor("creditCode")}
              registration={field("creditCode")}
            />
            <TextField label={t("engagement.form.email")} hint={t("engagement.form.emailHint")} required={by === "email"} type="email" autoComplete="off" error={errorFor("email")} registration={field("email")} />
            <ScopeAndMonths errorFor={errorFor} field={field as never} />
          </div>
          <fieldset className="choice-group">
            <legend>{t("engagement.form.coverage")}</legend>
            <label>
              <input type="radio" value="all" {...form.register("coverage")} defaultChecked /> {t("engagement.form.coverageAll")}
            </label>
            <label>
              <input type="radio" value="chosen" {...form.register("coverage")} disabled={submitted.length === 0} /> {t("engagement.form.coverageChosen")}
            </label>
            {submitted.length === 0 ? <p className="muted">{t("engagement.form.noSubmitted")}</p> : null}
            {submitted.map((assessment) => (
              <label key={assessment.id} className="engagement-choice">
                <input type="checkbox" name="assessmentIds" value={assessment.id} /> {assessment.label}
              </label>
            ))}
            {assessmentError ? (
              <p className="field-error" role="alert">
                {assessmentError}
              </p>
            ) : null}
          </fieldset>
          <MessageField error={errorFor("message")} registration={field("message")} />
          <SubmitButton>{t("engagement.form.submitInvite")}</SubmitButton>
        </ValidatedForm>
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
