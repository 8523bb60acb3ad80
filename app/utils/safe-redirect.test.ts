import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/utils/http.server";

const ORIGIN = "https://ffi.example";
const staysHome = (location: string, origin = ORIGIN) => new URL(location, origin).origin === origin;

describe("safeRedirectPath", () => {
  it.each([
    ["/account", "/account"],
    ["/o/1/assessments?tab=2#x", "/o/1/assessments?tab=2#x"],
    ["/a/../b", "/b"],
    ["/%09/x", "/%09/x"],
    ["/中文", "/%E4%B8%AD%E6%96%87"],
  ])("keeps the same-origin path %j as %j", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "/\t/evil.example/phish",
    "/\n/x",
    "/\r/x",
    "\t//evil.example",
    "/\u0000/x",
    "/\u007f/x",
    "/\u0085/x",
    "/x\u0009y",
    "/.//evil.example",
    "/..//evil.example",
    "/a/..//evil.example",
    "https://evil.example",
    "http://ffi.invalid/x",
    "javascript:alert(1)",
    "evil.example",
    "",
    " /x",
  ])("refuses %j", (input) => {
    expect(safeRedirectPath(input, "/fallback")).toBe("/fallback");
  });

  it("refuses what is not a string", () => {
    expect(safeRedirectPath(null, "/f")).toBe("/f");
    expect(safeRedirectPath(undefined, "/f")).toBe("/f");
    expect(safeRedirectPath(new File(["/x"], "x.txt"), "/f")).toBe("/f");
  });

  it("whatever the input, the result resolved against any origin stays on that origin and is a valid header", () => {
    const hostile = fc.constantFrom("/", "//", "/\\", "\\", "/\t/", "/./", "/../", "/.//", "%2f", "%5c", "@", ":", "?", "#", "\u0000", "\u00a0", "\ud800");
    const input = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.array(fc.oneof(hostile, fc.string({ unit: "grapheme-ascii", maxLength: 4 }))).map((parts) => parts.join("")),
    );
    const origin = fc.webUrl().map((url) => new URL(url).origin);
    fc.assert(
      fc.property(input, origin, (value, home) => {
        const result = safeRedirectPath(value);
        expect(result.startsWith("/")).toBe(true);
        expect(staysHome(result, home)).toBe(true);
        expect(() => new Headers({ Location: result })).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});
