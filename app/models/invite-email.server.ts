import { sendEmail } from "~/models/mail.server";
import { formatDateTime, type Translate, type AppLocale } from "~/utils/i18n";

/** The invitation e-mail is written in the inviter's language, with an absolute link to this server. */
export async function sendInvitationEmail(input: {
  request: Request;
  t: Translate;
  locale: AppLocale;
  to: string;
  token: string;
  expiresAt: Date;
  organization: string;
  inviter: string;
  role: string;
}) {
  const link = new URL(`/invitations/${input.token}`, input.request.url).toString();
  const vars = {
    organization: input.organization,
    inviter: input.inviter,
    role: input.role,
    link,
    expires: formatDateTime(input.locale, input.expiresAt),
  };
  await sendEmail({ to: input.to, subject: input.t("email.invitationSubject", vars), body: input.t("email.invitationBody", vars) });
}
