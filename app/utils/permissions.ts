/**
 * What each role may do inside an organisation, and what an engagement's scope lets a consultancy
 * do with a client factory's data. Pure data, shared by server guards and the UI (to hide buttons
 * a user cannot use). See docs/decisions/0004-permission-model.md and 0016-engagements.md.
 */
export const PERMISSIONS = [
  "org:read",
  "org:edit",
  "members:read",
  "members:manage",
  "assessment:read",
  "assessment:edit",
  /** See the organisation's engagements (factory: its consultancies; consultancy: its clients). */
  "engagements:read",
  /** Request, invite, approve, decline, revoke, end engagements; read the audit log. */
  "engagements:manage",
  /** Consultancy members: open clients' data through an engagement (read scope). */
  "clients:read",
  /** Consultancy members: validate or co-edit through an engagement (validate / edit scope). */
  "clients:work",
  /** Authority members: read the published aggregates of the jurisdiction (never one factory's data). */
  "sector:read",
  /** Authority members: download those aggregates as CSV/XLSX (the same disclosure control). */
  "sector:export",
] as const;
export type Permission = (typeof PERMISSIONS)[number];
export type Role = "OWNER" | "EDITOR" | "VIEWER";

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  OWNER: new Set(PERMISSIONS),
  EDITOR: new Set(["org:read", "members:read", "assessment:read", "assessment:edit", "engagements:read", "clients:read", "clients:work", "sector:read", "sector:export"]),
  VIEWER: new Set(["org:read", "members:read", "assessment:read", "engagements:read", "clients:read", "sector:read"]),
};

export function roleCan(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}

// --- engagements ------------------------------------------------------------------------------

/** What a consultancy may do with a client's data through an engagement. */
export const ENGAGEMENT_PERMISSIONS = ["assessment:read", "assessment:validate", "assessment:edit"] as const;
export type EngagementPermission = (typeof ENGAGEMENT_PERMISSIONS)[number];

/** READ ⊂ VALIDATE ⊂ EDIT. */
export const ENGAGEMENT_SCOPES = ["READ", "VALIDATE", "EDIT"] as const;
export type EngagementScope = (typeof ENGAGEMENT_SCOPES)[number];

const SCOPE_GRANTS: Record<EngagementScope, ReadonlySet<EngagementPermission>> = {
  READ: new Set(["assessment:read"]),
  VALIDATE: new Set(["assessment:read", "assessment:validate"]),
  EDIT: new Set(["assessment:read", "assessment:validate", "assessment:edit"]),
};

export function scopeCan(scope: EngagementScope, permission: EngagementPermission): boolean {
  return SCOPE_GRANTS[scope].has(permission);
}

/** The consultancy member's own role must allow the work too: viewers of a consultancy only read. */
export function membershipPermissionFor(permission: EngagementPermission): Permission {
  return permission === "assessment:read" ? "clients:read" : "clients:work";
}

// --- jurisdictions ----------------------------------------------------------------------------

/** What an authority may do with the aggregates of its jurisdiction (never with one factory's data). */
export const JURISDICTION_PERMISSIONS = ["sector:read", "sector:export"] as const;
export type JurisdictionPermission = (typeof JURISDICTION_PERMISSIONS)[number];
