import crypto from "node:crypto";
import type { MembershipRole } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function listMembers(organizationId: string) {
  return prisma.membership.findMany({
    where: { organizationId },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    select: { role: true, createdAt: true, user: { select: { id: true, displayName: true, email: true } } },
  });
}

export async function listPendingInvitations(organizationId: string) {
  return prisma.invitation.findMany({
    where: { organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, expiresAt: true },
  });
}

export type InviteOutcome =
  | { status: "created"; token: string; expiresAt: Date }
  | { status: "already-member" }
  | { status: "pending" };

export async function createInvitation(organizationId: string, invitedById: string, email: string, role: MembershipRole): Promise<InviteOutcome> {
  const member = await prisma.membership.findFirst({ where: { organizationId, user: { email } }, select: { userId: true } });
  if (member) return { status: "already-member" };
  const pending = await prisma.invitation.findFirst({
    where: { organizationId, email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true },
  });
  if (pending) return { status: "pending" };
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  await prisma.invitation.create({
    data: { organizationId, invitedById, email, role, tokenHash: hashToken(token), expiresAt },
  });
  return { status: "created", token, expiresAt };
}

export async function findInvitation(token: string) {
  return prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      organization: { select: { id: true, name: true } },
      invitedBy: { select: { displayName: true } },
    },
  });
}

export type InvitationState = "valid" | "expired" | "used";

export function invitationState(invitation: { expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null }): InvitationState {
  if (invitation.acceptedAt || invitation.revokedAt) return "used";
  if (invitation.expiresAt.getTime() <= Date.now()) return "expired";
  return "valid";
}

/**
 * Accepting is atomic: the conditional update only succeeds once, so a link used twice
 * (or in two tabs at once) adds the member once.
 */
export async function acceptInvitation(invitationId: string, userId: string) {
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({
      where: { id: invitationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count !== 1) return null;
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { id: invitationId }, select: { organizationId: true, role: true } });
    await tx.membership.upsert({
      where: { userId_organizationId: { userId, organizationId: invitation.organizationId } },
      create: { userId, organizationId: invitation.organizationId, role: invitation.role },
      update: {},
    });
    return invitation.organizationId;
  });
}

export async function revokeInvitation(organizationId: string, invitationId: string) {
  const result = await prisma.invitation.updateMany({
    where: { id: invitationId, organizationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return result.count === 1;
}

export type MemberChange = "ok" | "not-found" | "last-owner";

/** Every organisation keeps at least one owner. Runs serialisable so two owners demoting each other cannot both win. */
export async function changeMemberRole(organizationId: string, userId: string, role: MembershipRole): Promise<MemberChange> {
  return prisma.$transaction(
    async (tx) => {
      const member = await tx.membership.findUnique({ where: { userId_organizationId: { userId, organizationId } }, select: { role: true } });
      if (!member) return "not-found";
      if (member.role === "OWNER" && role !== "OWNER") {
        const owners = await tx.membership.count({ where: { organizationId, role: "OWNER" } });
        if (owners <= 1) return "last-owner";
      }
      await tx.membership.update({ where: { userId_organizationId: { userId, organizationId } }, data: { role } });
      return "ok";
    },
    { isolationLevel: "Serializable" },
  );
}

export async function removeMember(organizationId: string, userId: string): Promise<MemberChange> {
  return prisma.$transaction(
    async (tx) => {
      const member = await tx.membership.findUnique({ where: { userId_organizationId: { userId, organizationId } }, select: { role: true } });
      if (!member) return "not-found";
      if (member.role === "OWNER") {
        const owners = await tx.membership.count({ where: { organizationId, role: "OWNER" } });
        if (owners <= 1) return "last-owner";
      }
      await tx.membership.delete({ where: { userId_organizationId: { userId, organizationId } } });
      await tx.session.updateMany({ where: { userId, activeOrganizationId: organizationId }, data: { activeOrganizationId: null } });
      return "ok";
    },
    { isolationLevel: "Serializable" },
  );
}
