import { describe, expect, it } from "vitest";
import { ENGAGEMENT_PERMISSIONS, membershipPermissionFor, PERMISSIONS, roleCan, scopeCan } from "./permissions";

describe("role permissions", () => {
  it("owners can do everything", () => {
    for (const permission of PERMISSIONS) expect(roleCan("OWNER", permission)).toBe(true);
  });

  it("editors edit assessments and work for clients but do not manage the organisation, its members or its engagements", () => {
    expect(roleCan("EDITOR", "assessment:edit")).toBe(true);
    expect(roleCan("EDITOR", "clients:work")).toBe(true);
    expect(roleCan("EDITOR", "org:edit")).toBe(false);
    expect(roleCan("EDITOR", "members:manage")).toBe(false);
    expect(roleCan("EDITOR", "engagements:manage")).toBe(false);
  });

  it("viewers only read", () => {
    const granted = PERMISSIONS.filter((permission) => roleCan("VIEWER", permission));
    expect(granted).toEqual(["org:read", "members:read", "assessment:read", "engagements:read", "clients:read", "sector:read"]);
  });
});

describe("engagement scopes", () => {
  it("nest: read ⊂ validate ⊂ edit", () => {
    expect(ENGAGEMENT_PERMISSIONS.filter((p) => scopeCan("READ", p))).toEqual(["assessment:read"]);
    expect(ENGAGEMENT_PERMISSIONS.filter((p) => scopeCan("VALIDATE", p))).toEqual(["assessment:read", "assessment:validate"]);
    expect(ENGAGEMENT_PERMISSIONS.filter((p) => scopeCan("EDIT", p))).toEqual([...ENGAGEMENT_PERMISSIONS]);
  });

  it("ask the consultancy member's role for work beyond reading", () => {
    expect(membershipPermissionFor("assessment:read")).toBe("clients:read");
    expect(membershipPermissionFor("assessment:validate")).toBe("clients:work");
    expect(roleCan("VIEWER", membershipPermissionFor("assessment:validate"))).toBe(false);
  });
});
