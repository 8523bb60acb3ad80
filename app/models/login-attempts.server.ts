/**
 * Slows password guessing: after too many failures in a window, per account and per IP,
 * further attempts are refused with 429 until the window has passed.
 */
import { prisma } from "~/utils/db.server";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

/** Minutes until the caller may try again, or 0 when allowed now. */
export async function loginLockoutMinutes(email: string, ipAddress: string): Promise<number> {
  const since = new Date(Date.now() - LOGIN_WINDOW_MS);
  const [byAccount, byIp] = await Promise.all([
    prisma.loginAttempt.findMany({
      where: { email, succeeded: false, createdAt: { gte: since } },
      orderBy: { createdAt: "desc" },
      take: MAX_FAILURES_PER_ACCOUNT,
      select: { createdAt: true },
    }),
    prisma.loginAttempt.findMany({
      where: { ipAddress, succeeded: false, createdAt: { gte: since } },
      orderBy: { createdAt: "desc" },
      take: MAX_FAILURES_PER_IP,
      select: { createdAt: true },
    }),
  ]);
  const oldestBlocking = [
    byAccount.length >= MAX_FAILURES_PER_ACCOUNT ? byAccount.at(-1)?.createdAt : undefined,
    byIp.length >= MAX_FAILURES_PER_IP ? byIp.at(-1)?.createdAt : undefined,
  ].filter((date): date is Date => date !== undefined);
  if (oldestBlocking.length === 0) return 0;
  const until = Math.max(...oldestBlocking.map((date) => date.getTime() + LOGIN_WINDOW_MS));
  return Math.max(1, Math.ceil((until - Date.now()) / 60_000));
}

export async function recordLoginAttempt(email: string, ipAddress: string, succeeded: boolean) {
  await prisma.loginAttempt.create({ data: { email, ipAddress, succeeded } });
}

export async function pruneLoginAttempts() {
  await prisma.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 24 * LOGIN_WINDOW_MS) } } });
}
