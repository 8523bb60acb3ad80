import { describe, expect, it } from "vitest";
import { BODY_LIMITS, bodyLimitFor, formatLimit } from "./body-limits";

describe("body limits per route", () => {
  it("gives auth forms the small limit, autosave and the dimension form the large one, everything else the form limit", () => {
    const draft = "/o/0b8c/assessments/5d1e";
    expect(bodyLimitFor("/login")).toBe(BODY_LIMITS.auth);
    expect(bodyLimitFor("/signup.data")).toBe(BODY_LIMITS.auth);
    expect(bodyLimitFor(`${draft}/answers`)).toBe(BODY_LIMITS.answers);
    expect(bodyLimitFor(`${draft}/d/device.data`)).toBe(BODY_LIMITS.answers);
    expect(bodyLimitFor(`${draft}/submit`)).toBe(BODY_LIMITS.form);
    expect(bodyLimitFor("/o/0b8c/profile.data")).toBe(BODY_LIMITS.form);
    expect(bodyLimitFor("/loginx")).toBe(BODY_LIMITS.form);
  });

  it("formats limits for people", () => {
    expect(formatLimit(BODY_LIMITS.auth)).toBe("16 KB");
    expect(formatLimit(BODY_LIMITS.answers)).toBe("2 MB");
  });
});
