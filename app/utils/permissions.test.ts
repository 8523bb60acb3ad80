import { describe, expect, it } from "vitest";
import { PERMISSIONS, roleCan } from "./permissions";

describe("role permissions", () => {
  it("owners can do everything", () => {
    for (const permission of PERMISSIONS) expect(roleCan("OWNER", permission)).toBe(true);
  });

  it("editors edit assessments but do not manage the organisation or its members", () => {
    expect(roleCan("EDITOR", "assessment:edit")).toBe(true);
    expect(roleCan("EDITOR", "org:edit")).toBe(false);
    expect(roleCan("EDITOR", "members:manage")).toBe(false);
  });

  it("viewers only read", () => {
    const granted = PERMISSIONS.filter((permission) => roleCan("VIEWER", permission));
    expect(granted).toEqual(["org:read", "members:read", "assessment:read"]);
  });
});
