/**
 * The engagement lookup and audit write behind the guard: the one declared path from a consultancy
 * to a client factory's data (docs/decisions/0016-engagements.md). In utils, below the models, like
 * the membership lookup, because the guard needs it before any model runs.
 */
import type { EngagementScope } from "~/utils/permissions";
import { prisma } from "~/utils/db.server";

export interface ActiveEngagement {
  id: string;
  scope: EngagementScope;
  /** The client factory. */
  factory: { id: string; name: string };
  /** true: every assessment of the factory; false: only `assessmentIds`. */
  allAssessments: boolean;
  assessmentIds: readonly string[];
  expiresAt: Date;
}

/**
 * The engagement that lets `consultancyId` reach `factoryId`'s data right now: ACTIVE, started, not
 * expired. Revocation, ending and expiry therefore take effect on the very next request.
 */
export async function findActiveEngagement(consultancyId: string, factoryId: string): Promise<ActiveEngagement | null> {
  const [row] = await prisma.$queryRaw<
    { id: string; scope: EngagementScope; allAssessments: boolean; expiresAt: Date; factoryName: string; assessmentIds: string[] }[]
  >`
    SELECT e.id, e.scope::text AS scope, e."allAssessments", e."expiresAt", o.name AS "factoryName",
           coalesce(array_agg(ea."assessmentId"::text) FILTER (WHERE ea."assessmentId" IS NOT NULL), '{}') AS "assessmentIds"
    FROM "Engagement" e
    JOIN "Organization" o ON o.id = e."factoryId"
    LEFT JOIN "EngagementAssessment" ea ON ea."engagementId" = e.id
    WHERE e."consultancyId" = ${consultancyId}::uuid AND e."factoryId" = ${factoryId}::uuid
      AND e.state = 'ACTIVE' AND e."startsAt" <= now() AND e."expiresAt" > now()
    GROUP BY e.id, o.name
    LIMIT 1`;
  if (!row) return null;
  return {
    id: row.id,
    scope: row.scope,
    factory: { id: factoryId, name: row.factoryName },
    allAssessments: row.allAssessments,
    assessmentIds: row.assessmentIds,
    expiresAt: row.expiresAt,
  };
}

export function engagementCovers(engagement: Pick<ActiveEngagement, "allAssessments" | "assessmentIds">, assessmentId: string): boolean {
  return engagement.allAssessments || engagement.assessmentIds.includes(assessmentId);
}

/** One audit entry: who reached which client's data, how, when. Append-only (a trigger refuses edits). */
export async function writeAuditEntry(entry: {
  factoryId: string;
  consultancyId: string;
  engagementId: string | null;
  userId: string;
  userName: string;
  action: string;
  target: string;
}): Promise<void> {
  await prisma.auditLogEntry.create({ data: { ...entry, action: entry.action.slice(0, 40), target: entry.target.slice(0, 300) } });
}
