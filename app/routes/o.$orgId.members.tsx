import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { SelectField, SubmitButton, TextField, useValidatedForm, ValidatedForm } from "~/components/form";
import { inviteSchema, memberActionSchema } from "~/forms/organization";
import { sendInvitationEmail } from "~/models/invite-email.server";
import { changeMemberRole, createInvitation, listMembers, listPendingInvitations, removeMember, revokeInvitation } from "~/models/membership.server";
import { limitForm, RATE_LIMITS } from "~/models/rate-limit.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { guard } from "~/utils/guard.server";
import { formatDate, formatDateTime } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

const ROLES = ["OWNER", "EDITOR", "VIEWER"] as const;

export const loader = /* @__PURE__ */ guard("members:read", async ({ org, can, auth }) => {
  const manage = can("members:manage");
  const [members, invitations] = await Promise.all([listMembers(org.id), manage ? listPendingInvitations(org.id) : Promise.resolve([])]);
  return { members, invitations, canManage: manage, currentUserId: auth.user.id };
});

export const action = /* @__PURE__ */ guard("members:manage", async ({ request, org, auth, t, locale }) => {
  const parsed = await parseForm(request, memberActionSchema, t);
  if (!parsed.ok) return formFailure(parsed.failure);
  const input = parsed.data;
  switch (input.intent) {
    case "invite": {
      const limited = await limitForm(t, { rule: RATE_LIMITS.invitationsPerOrganization, subject: org.id }, { rule: RATE_LIMITS.invitationsPerUser, subject: auth.user.id });
      if (limited) return limited;
      const outcome = await createInvitation(org.id, auth.user.id, input.email, input.role);
      if (outcome.status === "already-member") return formFailure({ fieldErrors: { email: t("errors.alreadyMember", { email: input.email }) } }, 409);
      if (outcome.status === "pending") return formFailure({ fieldErrors: { email: t("errors.invitationPending", { email: input.email }) } }, 409);
      await sendInvitationEmail({
        request,
        t,
        locale,
        to: input.email,
        token: outcome.token,
        expiresAt: outcome.expiresAt,
        organization: org.name,
        inviter: auth.user.displayName,
        role: t(`role.${input.role}`),
      });
      return { ok: true as const, message: t("members.invited", { email: input.email }) };
    }
    case "role":
    case "remove": {
      if (input.userId === auth.user.id) return formFailure({ fieldErrors: {}, formError: t("errors.cannotChangeSelf") }, 409);
      const result = input.intent === "role" ? await changeMemberRole(org.id, input.userId, input.role) : await removeMember(org.id, input.userId);
      if (result === "not-found") return formFailure({ fieldErrors: {}, formError: t("errors.notFoundText") }, 404);
      if (result === "last-owner") return formFailure({ fieldErrors: {}, formError: t("errors.lastOwner") }, 409);
      return { ok: true as const, message: input.intent === "role" ? t("members.roleUpdated") : t("members.removed") };
    }
    case "revoke": {
      const revoked = await revokeInvitation(org.id, input.invitationId);
      if (!revoked) return formFailure({ fieldErrors: {}, formError: t("errors.invitationUsed") }, 409);
      return { ok: true as const, message: t("members.revoked") };
    }
  }
});

export default function Members() {
  const { members, invitations, canManage, currentUserId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <div className="page-header">
        <h1>{t("members.title")}</h1>
        <p>{canManage ? t("members.lead") : t("members.onlyOwnersManage")}</p>
      </div>
      {actionData && "message" in actionData ? (
        <div className="alert alert-success" role="status">
          {actionData.message}
        </div>
      ) : null}
      {actionData && actionData.ok === false && actionData.formError && Object.keys(actionData.fieldErrors ?? {}).length === 0 ? (
        <div className="alert alert-error" role="alert">
          {actionData.formError}
        </div>
      ) : null}
      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title" className="visually-hidden">
          {t("members.title")}
        </h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("members.name")}</th>
                <th scope="col">{t("members.email")}</th>
                <th scope="col">{t("members.role")}</th>
                <th scope="col">{t("members.since")}</th>
                {canManage ? <th scope="col">{t("members.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((member) => {
                const self = member.user.id === currentUserId;
                return (
                  <tr key={member.user.id}>
                    <td>
                      {member.user.displayName}
                      {self ? t("members.you") : null}
                    </td>
                    <td>{member.user.email}</td>
                    <td>
                      {canManage && !self ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="role" />
                          <input type="hidden" name="userId" value={member.user.id} />
                          <label className="visually-hidden" htmlFor={`role-${member.user.id}`}>
                            {t("members.changeRole")}: {member.user.displayName}
                          </label>
                          <select id={`role-${member.user.id}`} name="role" defaultValue={member.role}>
                            {ROLES.map((role) => (
                              <option key={role} value={role}>
                                {t(`role.${role}`)}
                              </option>
                            ))}
                          </select>
                          <button type="submit" className="button button-small">
                            {t("members.updateRole")}
                          </button>
                        </Form>
                      ) : (
                        <span className="badge">{t(`role.${member.role}`)}</span>
                      )}
                    </td>
                    <td>{formatDate(locale, member.createdAt)}</td>
                    {canManage ? (
                      <td>
                        {self ? null : (
                          <Form
                            method="post"
                            onSubmit={(event) => {
                              if (!window.confirm(t("members.removeConfirm", { name: member.user.displayName }))) event.preventDefault();
                            }}
                          >
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="userId" value={member.user.id} />
                            <button type="submit" className="button button-small button-danger">
                              {t("members.remove")}
                            </button>
                          </Form>
                        )}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      {canManage ? (
        <>
          <InviteForm />
          <section className="card" aria-labelledby="pending-title">
            <h2 id="pending-title">{t("members.pendingTitle")}</h2>
            {invitations.length === 0 ? (
              <p className="muted">{t("members.noPending")}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("members.email")}</th>
                      <th scope="col">{t("members.role")}</th>
                      <th scope="col">{t("members.expires")}</th>
                      <th scope="col">{t("members.actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {invitations.map((invitation) => (
                      <tr key={invitation.id}>
                        <td>{invitation.email}</td>
                        <td>{t(`role.${invitation.role}`)}</td>
                        <td>{formatDateTime(locale, invitation.expiresAt)}</td>
                        <td>
                          <Form method="post">
                            <input type="hidden" name="intent" value="revoke" />
                            <input type="hidden" name="invitationId" value={invitation.id} />
                            <button type="submit" className="button button-small button-danger">
                              {t("members.revoke")}
                            </button>
                          </Form>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}

function InviteForm() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const { form, field, formRef, onSubmit, errorFor } = useValidatedForm(inviteSchema, { intent: "invite", role: "EDITOR", email: "" });
  const sent = actionData !== undefined && "message" in actionData;
  // After a successful invitation the form is cleared for the next one.
  useEffect(() => {
    if (sent) form.reset();
  }, [sent, actionData, form]);
  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{t("members.inviteTitle")}</h2>
      <ValidatedForm formRef={formRef} onSubmit={onSubmit}>
        <input type="hidden" {...form.register("intent")} />
        <div className="form-grid">
          <TextField label={t("members.inviteEmail")} type="email" autoComplete="off" error={errorFor("email")} registration={field("email")} />
          <SelectField label={t("members.inviteRole")} error={errorFor("role")} registration={field("role")}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)} — {t(`roleHint.${role}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <SubmitButton name="intent" value="invite">
          {t("members.sendInvite")}
        </SubmitButton>
      </ValidatedForm>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
