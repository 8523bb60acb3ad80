import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { acceptInvitation, findInvitation, invitationState } from "~/models/membership.server";
import { guard } from "~/utils/guard.server";
import { httpError } from "~/utils/http.server";
import { setActiveOrganization } from "~/utils/session.server";
import { useT } from "~/utils/use-t";

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

async function loadValidInvitation(token: string | undefined, t: (key: "errors.invitationNotFound" | "errors.invitationExpired" | "errors.invitationUsed") => string) {
  const parsed = tokenSchema.safeParse(token);
  if (!parsed.success) httpError(404, t("errors.invitationNotFound"));
  const invitation = await findInvitation(parsed.data);
  if (!invitation) httpError(404, t("errors.invitationNotFound"));
  const state = invitationState(invitation);
  if (state === "expired") httpError(409, t("errors.invitationExpired"));
  if (state === "used") httpError(409, t("errors.invitationUsed"));
  return invitation;
}

/** Anyone with the link may see whom it is for; accepting needs the invited account. */
export const loader = /* @__PURE__ */ guard("public", async ({ params, auth, t }) => {
  const invitation = await loadValidInvitation(params.token, t);
  return {
    token: params.token!,
    email: invitation.email,
    role: invitation.role,
    organization: invitation.organization.name,
    inviter: invitation.invitedBy.displayName,
    signedInAs: auth?.user.email ?? null,
  };
});

export const action = /* @__PURE__ */ guard("authenticated", async ({ params, auth, t }) => {
  const invitation = await loadValidInvitation(params.token, t);
  if (invitation.email !== auth.user.email) httpError(403, t("invitation.wrongAccount", { email: invitation.email, current: auth.user.email }));
  const organizationId = await acceptInvitation(invitation.id, auth.user.id);
  if (!organizationId) httpError(409, t("errors.invitationUsed"));
  await setActiveOrganization(auth.id, organizationId);
  return redirect(`/o/${organizationId}`);
});

export default function Invitation() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const returnTo = encodeURIComponent(`/invitations/${data.token}`);
  return (
    <div className="narrow">
      <div className="page-header">
        <h1>{t("invitation.title")}</h1>
        <p>{t("invitation.lead", { inviter: data.inviter, organization: data.organization, role: t(`role.${data.role}`) })}</p>
      </div>
      <div className="card">
        {data.signedInAs === null ? (
          <>
            <p>{t("invitation.loginFirst", { email: data.email })}</p>
            <p className="actions">
              <Link className="button button-primary" to={`/signup?invitation=${data.token}`}>
                {t("nav.signup")}
              </Link>
              <Link className="button" to={`/login?redirectTo=${returnTo}`}>
                {t("nav.login")}
              </Link>
            </p>
          </>
        ) : data.signedInAs !== data.email ? (
          <div className="alert alert-warning" role="alert">
            {t("invitation.wrongAccount", { email: data.email, current: data.signedInAs })}
          </div>
        ) : (
          <Form method="post">
            <button type="submit" className="button button-primary">
              {t("invitation.accept")}
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
