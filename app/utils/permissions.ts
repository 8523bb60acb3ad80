/**
 * What each role may do inside an organisation. Pure data, shared by server guards and the UI
 * (to hide buttons a user cannot use). See docs/decisions/0004-permission-model.md.
 */
export const PERMISSIONS = [
  "org:read",
  "org:edit",
  "members:read",
  "members:manage",
  "assessment:read",
  "assessment:edit",
] as const;
export type Permission = (typeof PERMISSIONS)[number];
export type Role = "OWNER" | "EDITOR" | "VIEWER";

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  OWNER: new Set(PERMISSIONS),
  EDITOR: new Set(["org:read", "members:read", "assessment:read", "assessment:edit"]),
  VIEWER: new Set(["org:read", "members:read", "assessment:read"]),
};

export function roleCan(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}
