/**
 * Outgoing e-mail goes through the outbox table first (so nothing is lost and tests can read it).
 * With SMTP_URL set (production) it is then sent; without, it is written to the server log.
 */
import nodemailer from "nodemailer";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

export async function sendEmail(message: { to: string; subject: string; body: string }) {
  const row = await prisma.outboxEmail.create({ data: message, select: { id: true } });
  const env = getEnv();
  if (!env.SMTP_URL) {
    if (env.NODE_ENV !== "test") {
      console.log(`[mail] To: ${message.to}\n[mail] Subject: ${message.subject}\n${message.body.replace(/^/gm, "[mail] ")}`);
    }
    return;
  }
  try {
    await nodemailer.createTransport(env.SMTP_URL).sendMail({ from: env.MAIL_FROM, to: message.to, subject: message.subject, text: message.body });
    await prisma.outboxEmail.update({ where: { id: row.id }, data: { sentAt: new Date() } });
  } catch (error) {
    // Kept in the outbox with the reason, for a retry; the user's action still succeeds.
    console.error("[mail] sending failed", error);
    await prisma.outboxEmail.update({ where: { id: row.id }, data: { error: String(error).slice(0, 1000) } });
  }
}
