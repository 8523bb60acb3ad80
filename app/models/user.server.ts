import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "./password.server";

export class EmailTakenError extends Error {
  constructor() {
    super("email taken");
  }
}

export async function findUserForLogin(email: string, password: string) {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  return valid && user ? { id: user.id } : null;
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function changePassword(userId: string, currentPassword: string, newPassword: string, keepSessionId: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, currentPassword))) return false;
  const passwordHash = await hashPassword(newPassword);
  // A new password ends every other session: the usual reason to change it is a suspected leak.
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash } }),
    prisma.session.deleteMany({ where: { userId, id: { not: keepSessionId } } }),
  ]);
  return true;
}

export async function updateAccountDetails(userId: string, details: { displayName: string; locale: "zh_CN" | "en" }) {
  await prisma.user.update({ where: { id: userId }, data: details });
}

export async function setUserLocale(userId: string, locale: "zh_CN" | "en") {
  await prisma.user.update({ where: { id: userId }, data: { locale } });
}

export async function countActiveSessions(userId: string) {
  return prisma.session.count({ where: { userId, expiresAt: { gt: new Date() } } });
}

export async function logOutOtherSessions(userId: string, keepSessionId: string) {
  await prisma.session.deleteMany({ where: { userId, id: { not: keepSessionId } } });
}
