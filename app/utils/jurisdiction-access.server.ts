/**
 * The jurisdiction lookup behind the guard: the one declared path from an authority to data about
 * factories — and only to aggregates of the factories whose region lies inside it (region code
 * prefix, optionally one GB/T 4754 division). Never to a factory's name, answers or scores: the
 * aggregates pass through app/domain/disclosure first. See docs/privacy.md and ADR 0018.
 */
import { prisma } from "~/utils/db.server";

export interface Jurisdiction {
  /** GB/T 2260 code: 2 digits (province), 4 (city) or 6 (district); factories whose code starts with it. */
  regionCode: string;
  /** A GB/T 4754 division ("13"…"43") when the authority only oversees one, else null. */
  industryCode: string | null;
}

/** The authority's jurisdiction, or null while it has not been set (the guard then answers 409). */
export async function findJurisdiction(authorityId: string): Promise<Jurisdiction | null> {
  const row = await prisma.authorityJurisdiction.findUnique({ where: { organizationId: authorityId }, select: { regionCode: true, industryCode: true } });
  return row ? { regionCode: row.regionCode, industryCode: row.industryCode } : null;
}

/** Whether a factory region (6, 4 or 2 digits as stored) lies inside the jurisdiction. */
export function regionInJurisdiction(jurisdiction: Pick<Jurisdiction, "regionCode">, regionCode: string): boolean {
  return regionCode.startsWith(jurisdiction.regionCode);
}
