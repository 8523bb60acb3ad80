/**
 * Engagement rules that need no database: how long one lasts, what the approving side may narrow,
 * what each side sees of the other, and how an audit entry reads (docs/decisions/0016-engagements.md).
 */

/** Scopes the forms offer this round; EDIT (co-editing drafts) exists in the schema but is not built yet. */
export const OFFERED_SCOPES = ["READ", "VALIDATE"] as const;
export type OfferedScope = (typeof OFFERED_SCOPES)[number];

export const DEFAULT_MONTHS = 12;
export const MAX_MONTHS = 36;
export const MESSAGE_MAX = 500;

export type StoredState = "REQUESTED" | "ACTIVE" | "DECLINED" | "ENDED" | "REVOKED";
/** What people see: an ACTIVE engagement past its expiry is EXPIRED (the guard already refuses it). */
export type ShownState = StoredState | "EXPIRED";
export type Side = "FACTORY" | "CONSULTANCY";

export function shownState(engagement: { state: StoredState; expiresAt: Date; endedById?: string | null; endedAt?: Date | null }, now = new Date()): ShownState {
  if (engagement.state === "ACTIVE" && engagement.expiresAt.getTime() <= now.getTime()) return "EXPIRED";
  // Closed by the system because it had expired (a new request for the same pair replaced it).
  if (engagement.state === "ENDED" && !engagement.endedById && engagement.endedAt && engagement.endedAt.getTime() === engagement.expiresAt.getTime()) return "EXPIRED";
  return engagement.state;
}

/** `months` calendar months after `start` (clamped to the month's last day, like 31 Jan + 1 → 28/29 Feb). */
export function addMonths(start: Date, months: number): Date {
  const end = new Date(start.getTime());
  const day = end.getUTCDate();
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(day, lastDay));
  return end;
}

const SCOPE_RANK: Record<"READ" | "VALIDATE" | "EDIT", number> = { READ: 0, VALIDATE: 1, EDIT: 2 };

export function scopeWithin(narrowed: "READ" | "VALIDATE" | "EDIT", requested: "READ" | "VALIDATE" | "EDIT"): boolean {
  return SCOPE_RANK[narrowed] <= SCOPE_RANK[requested];
}

/**
 * The terms an approval sets. The approving side may only narrow: a smaller scope, fewer
 * assessments, an earlier end. The duration counts from the approval, not from the request.
 */
export function approvedTerms(
  requested: { scope: "READ" | "VALIDATE" | "EDIT"; allAssessments: boolean; assessmentIds: readonly string[]; startsAt: Date; expiresAt: Date },
  narrowing: { scope?: OfferedScope; months?: number; assessmentIds?: readonly string[] },
  now: Date,
): { ok: true; scope: "READ" | "VALIDATE" | "EDIT"; allAssessments: boolean; assessmentIds: string[]; startsAt: Date; expiresAt: Date } | { ok: false; field: "scope" | "months" | "assessmentIds" } {
  const scope = narrowing.scope ?? requested.scope;
  if (!scopeWithin(scope, requested.scope)) return { ok: false, field: "scope" };
  const requestedLength = requested.expiresAt.getTime() - requested.startsAt.getTime();
  let expiresAt = new Date(now.getTime() + requestedLength);
  if (narrowing.months !== undefined) {
    const narrowed = addMonths(now, narrowing.months);
    // A little slack: "12 months" from today may be a day longer than 12 months from the request date.
    if (narrowed.getTime() - now.getTime() > requestedLength + 3 * 86_400_000) return { ok: false, field: "months" };
    expiresAt = narrowed;
  }
  if (narrowing.assessmentIds !== undefined && narrowing.assessmentIds.length > 0) {
    const ids = [...new Set(narrowing.assessmentIds)];
    if (!requested.allAssessments && ids.some((id) => !requested.assessmentIds.includes(id))) return { ok: false, field: "assessmentIds" };
    return { ok: true, scope, allAssessments: false, assessmentIds: ids, startsAt: now, expiresAt };
  }
  return { ok: true, scope, allAssessments: requested.allAssessments, assessmentIds: [...requested.assessmentIds], startsAt: now, expiresAt };
}

/** What a side may do with an engagement in its current state. */
export function allowedActions(engagement: { state: StoredState; initiatedBy: Side; expiresAt: Date }, side: Side, now = new Date()) {
  const shown = shownState(engagement, now);
  const pendingForMe = shown === "REQUESTED" && engagement.initiatedBy !== side;
  const myPending = shown === "REQUESTED" && engagement.initiatedBy === side;
  return {
    approve: pendingForMe,
    decline: pendingForMe,
    /** Factory: revoke an active engagement or withdraw its own invitation. */
    revoke: side === "FACTORY" && (shown === "ACTIVE" || myPending),
    /** Consultancy: end an active engagement or withdraw its own request. */
    end: side === "CONSULTANCY" && (shown === "ACTIVE" || myPending),
  };
}

/**
 * Whether the consultancy may see the factory's name: when the factory started it, or once the
 * factory approved it. A request the factory has not approved shows only the code the consultant typed.
 */
export function consultancySeesFactory(engagement: { initiatedBy: Side; decidedAt: Date | null; state: StoredState }): boolean {
  if (engagement.initiatedBy === "FACTORY") return true;
  // ACTIVE and REVOKED were approved (only active engagements are revoked); ENDED may be a withdrawn request.
  if (engagement.state === "ACTIVE" || engagement.state === "REVOKED") return true;
  return engagement.state === "ENDED" && engagement.decidedAt !== null;
}

// --- audit log ------------------------------------------------------------------------------

export type AuditPage = "client" | "assessment" | "validate" | "comments" | "diagnostic" | "recommendations" | "export" | "other";

export interface ReadableTarget {
  permission: string | null;
  method: string | null;
  page: AuditPage;
  assessmentId: string | null;
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const GUARD_TARGET = new RegExp(`^(\\S+) ([A-Z]+) /o/${UUID}/clients/${UUID}(/.*)?$`, "i");
const ASSESSMENT_PATH = new RegExp(`^/assessments/(${UUID})(/[^?#]*)?$`, "i");

/** Turns a guard target ("assessment:read GET /o/…/clients/…/assessments/…/validate") into parts a page can label. */
export function readableTarget(target: string): ReadableTarget {
  const match = GUARD_TARGET.exec(target);
  if (!match) {
    const assessment = new RegExp(`(${UUID})`, "i").exec(target);
    return { permission: null, method: null, page: "other", assessmentId: assessment?.[1]?.toLowerCase() ?? null };
  }
  const [, permission, method, rest = ""] = match;
  const tail = rest.replace(/\/$/, "");
  if (tail === "") return { permission: permission!, method: method!, page: "client", assessmentId: null };
  const assessment = ASSESSMENT_PATH.exec(tail);
  if (!assessment) return { permission: permission!, method: method!, page: "other", assessmentId: null };
  const sub = (assessment[2] ?? "").replace(/\/$/, "");
  const page: AuditPage =
    sub === ""
      ? "assessment"
      : sub.startsWith("/validate")
        ? "validate"
        : sub.startsWith("/comments")
          ? "comments"
          : sub.startsWith("/recommendations")
            ? "recommendations"
            : sub.startsWith("/diagnostic.xlsx") || sub.endsWith(".xlsx")
              ? "export"
              : sub.startsWith("/diagnostic")
                ? "diagnostic"
                : "other";
  return { permission: permission!, method: method!, page, assessmentId: assessment[1]!.toLowerCase() };
}
