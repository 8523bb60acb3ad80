import { describe, expect, it } from "vitest";
import { renderInPage } from "../../../tests/support/render-in-page";
import { levelRows, levelsWithheld } from "~/domain/benchmark/view";
import { translator } from "~/utils/i18n";
import { LevelsFigure } from "./charts";

const levels = [0, 1, 2, 3].map((level) => ({ level, name: `等级${level}` }));
const suppressed = { status: "suppressed" } as const;
const withheld = levelRows(levels, { counts: { 0: suppressed, 1: suppressed, 2: suppressed, 3: suppressed }, shares: {} } as never, 2);
const published = levelRows(levels, { counts: { 0: { status: "ok", value: 12 }, 1: { status: "ok", value: 30 }, 2: suppressed, 3: suppressed }, shares: { 0: 29, 1: 71 } } as never, 1);
const table = <table id="level-table" />;

describe("the benchmark's level chart (issue 13)", () => {
  it("says in words why nothing is drawn when disclosure control withholds every level, in both languages", async () => {
    expect(levelsWithheld(withheld)).toBe(true);
    for (const locale of ["zh-CN", "en"] as const) {
      const t = translator(locale);
      const html = await renderInPage(locale, <LevelsFigure rows={withheld} minGroup={5} table={table} />);
      expect(html).toContain(t("benchmark.levels.withheldTitle"));
      expect(html).toContain(t("benchmark.levels.withheldText", { k: 5 }));
      expect(html).toContain('id="level-table"');
      expect(html).not.toContain("<svg");
    }
  });

  it("draws the bars when at least one level is published", async () => {
    expect(levelsWithheld(published)).toBe(false);
    const t = translator("zh-CN");
    const html = await renderInPage("zh-CN", <LevelsFigure rows={published} minGroup={5} table={table} />);
    expect(html).toContain("<svg");
    expect(html).not.toContain(t("benchmark.levels.withheldTitle"));
  });
});
