/**
 * The membership lookup behind the guard (and the organisation switcher). It sits in utils, below
 * the models, because the guard needs it on every request before any model runs.
 */
import type { MembershipRole, OrganizationKind } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

/** Runs for every organisation page: one raw SQL statement. */
export async function findMembership(userId: string, organizationId: string) {
  const [row] = await prisma.$queryRaw<{ role: MembershipRole; id: string; name: string; kind: OrganizationKind }[]>`
    SELECT m.role::text AS role, o.id, o.name, o.kind::text AS kind
    FROM "Membership" m JOIN "Organization" o ON o.id = m."organizationId"
    WHERE m."userId" = ${userId}::uuid AND m."organizationId" = ${organizationId}::uuid`;
  return row ? { role: row.role, organization: { id: row.id, name: row.name, kind: row.kind } } : null;
}
