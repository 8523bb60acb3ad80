import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wrapLabel } from "./chart-labels";

describe("wrapLabel", () => {
  it("keeps a short label on one line", () => {
    expect(wrapLabel("Energy management", 28)).toEqual(["Energy management"]);
    expect(wrapLabel("设备联网与数据采集", 28)).toEqual(["设备联网与数据采集"]);
  });

  it("breaks English at spaces and Chinese between characters", () => {
    expect(wrapLabel("Equipment connectivity and data capture", 28)).toEqual(["Equipment connectivity and", "data capture"]);
    expect(wrapLabel("工业互联网平台与数字化服务能力建设", 20)).toEqual(["工业互联网平台与数字", "化服务能力建设"]);
  });

  it("cuts what does not fit in the lines allowed, and says so", () => {
    expect(wrapLabel("Digital governance, data management and cybersecurity operations", 20, 2)).toEqual(["Digital governance,", "data management and…"]);
  });

  it("never exceeds the width unless one word alone does, and never loses a word it keeps", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("plant", "network", "数据", "平台", "OPC", "a"), { maxLength: 12 }), (words) => {
        const text = words.join(" ");
        const lines = wrapLabel(text, 16, 10);
        expect(lines.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
        const width = (line: string) => [...line].reduce((sum, char) => sum + (/[\u4e00-\u9fff]/.test(char) ? 2 : 1), 0);
        for (const line of lines) expect(width(line) <= 16 || !line.includes(" ")).toBe(true);
      }),
    );
  });
});
