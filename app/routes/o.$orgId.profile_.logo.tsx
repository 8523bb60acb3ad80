/**
 * The consultancy's report logo (/o/:orgId/profile/logo; `profile_` keeps it out of the profile
 * page's layout): members see it, owners upload or remove it. The file is checked by its first bytes
 * (PNG, JPEG, WebP), never by the name or type the browser sends: SVG and everything else get 415,
 * more than 200 KB 413, nothing chosen 400, and nothing is stored. Only consultancies have one.
 */
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { LOGO_MAX_BYTES, LOGO_TYPES, sniffLogoType } from "~/domain/diagnostic/logo";
import { logoIntentSchema } from "~/forms/diagnostic";
import { consultancyLogo, removeConsultancyLogo, saveConsultancyLogo } from "~/models/diagnostic.server";
import { formatLimit } from "~/utils/body-limits";
import { readForm } from "~/utils/forms.server";
import { guard } from "~/utils/guard.server";
import { httpError } from "~/utils/http.server";
import { useT } from "~/utils/use-t";

const MAX = formatLimit(LOGO_MAX_BYTES);

export const loader = /* @__PURE__ */ guard("org:read", async ({ org, can, t }) => {
  if (org.kind !== "CONSULTANCY") httpError(404, t("errors.notFoundText"));
  return { orgId: org.id, name: org.name, logo: await consultancyLogo(org.id), canManage: can("org:edit") };
});

function refused(status: 400 | 413 | 415, message: string) {
  return data({ ok: false as const, message }, { status });
}

export const action = /* @__PURE__ */ guard("org:edit", async ({ request, org, t }) => {
  if (org.kind !== "CONSULTANCY") httpError(404, t("errors.notFoundText"));
  const form = await readForm(request, t);
  const intent = logoIntentSchema.safeParse({ intent: form.get("intent") ?? undefined });
  if (!intent.success) return refused(400, t("errors.formInvalid"));
  if (intent.data.intent === "remove") {
    const removed = await removeConsultancyLogo(org.id);
    return { ok: true as const, message: removed ? t("diagnostic.logo.removed") : t("diagnostic.logo.nothingToRemove") };
  }
  const file = form.get("logo");
  if (!(file instanceof File) || file.size === 0) return refused(400, t("diagnostic.logo.missing"));
  if (file.size > LOGO_MAX_BYTES) return refused(413, t("diagnostic.logo.tooLarge", { max: MAX }));
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffLogoType(bytes);
  if (!type) return refused(415, t("diagnostic.logo.unsupportedType"));
  await saveConsultancyLogo(org.id, bytes, type);
  return { ok: true as const, message: t("diagnostic.logo.uploaded") };
});

export default function ReportLogo() {
  const { orgId, name, logo, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const busy = navigation.state === "submitting";
  return (
    <div className="narrow">
      <div className="page-header">
        <h1>{t("diagnostic.logo.title")}</h1>
        <p>{t("diagnostic.logo.lead", { max: MAX })}</p>
        <p>
          <Link to={`/o/${orgId}/profile`}>{t("diagnostic.logo.backToProfile")}</Link>
        </p>
      </div>
      {actionData ? (
        <div className={`alert ${actionData.ok ? "alert-success" : "alert-error"}`} role={actionData.ok ? "status" : "alert"}>
          {actionData.message}
        </div>
      ) : null}
      <section className="card diagnostic-logo-card" aria-labelledby="current-logo">
        <h2 id="current-logo">{t("diagnostic.logo.current")}</h2>
        {logo ? <img className="diagnostic-logo" src={logo.dataUrl} alt={t("diagnostic.logoAlt", { consultancy: name })} /> : <p className="muted">{t("diagnostic.logo.none")}</p>}
        {canManage ? (
          <>
            <Form method="post" encType="multipart/form-data" className="diagnostic-logo-form">
              <div className="field">
                <label htmlFor="logo-file">{t("diagnostic.logo.file")}</label>
                <input id="logo-file" name="logo" type="file" accept={LOGO_TYPES.join(",")} required />
              </div>
              <button type="submit" name="intent" value="upload" className="button button-primary" disabled={busy}>
                {t("diagnostic.logo.upload")}
              </button>
            </Form>
            {logo ? (
              <Form method="post" className="diagnostic-logo-form">
                <button type="submit" name="intent" value="remove" className="button button-ghost" disabled={busy}>
                  {t("diagnostic.logo.remove")}
                </button>
              </Form>
            ) : null}
          </>
        ) : (
          <p className="muted">{t("diagnostic.logo.ownersOnly")}</p>
        )}
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
