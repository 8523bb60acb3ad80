import { describe, expect, it } from "vitest";
import { renderInPage } from "../../../tests/support/render-in-page";
import { translator } from "~/utils/i18n";
import { LevelBars } from "./level-bars";
import { SectorTileMap } from "./tile-map";

const LEVEL_NAMES = [
  "未达级",
  "规划级",
  "规范级",
  "集成级",
  "优化级",
  "引领级",
];

describe("LevelBars", () => {
  it("draws withheld levels as one hatched 'not published' end of the bar, so a fully withheld row is not empty", async () => {
    const html = await renderInPage(
      "zh-CN",
      <LevelBars
        caption="各行业成熟度等级分布"
        levelNames={LEVEL_NAMES}
        rows={[
          {
            code: "13",
            label: "13 农副食品加工业",
            shares: [null, null, null, null, null, null],
          },
          {
            code: "34",
            label: "34 通用设备制造业",
            shares: [null, 31, 28, null, null, null],
          },
          { code: "all", label: "合计", shares: [28, 30, 23, 13, 6, 0] },
        ]}
      />
    );
    const t = translator("zh-CN");
    expect(html).toContain('id="sector-withheld-hatch"');
    // One hatched rectangle per row with a withheld level (13 and 34), none for the complete total.
    expect(
      html.match(/fill="url\(#sector-withheld-hatch\)"/g)?.length ?? 0
    ).toBe(2);
    expect(html).toContain(t("sector.common.withheldShare"));
  });
});

describe("SectorTileMap", () => {
  it("labels exact, band and suppressed tiles and never prints a value for a suppressed one", async () => {
    const t = translator("en");
    const html = await renderInPage(
      "en",
      <SectorTileMap
        childKind="district"
        meta={{ minGroup: 5, quantileMinN: 20 }}
        map={{
          columns: 2,
          rows: 2,
          tiles: [
            {
              code: "310115",
              col: 0,
              row: 0,
              status: "exact",
              value: "2.13",
              step: 4,
              name: "Pudong New Area",
              short: "Pudong",
            },
            {
              code: "310104",
              col: 1,
              row: 0,
              status: "band",
              value: "1.50–2.00",
              step: 2,
              name: "Xuhui District",
              short: "Xuhui",
            },
            {
              code: "310151",
              col: 1,
              row: 1,
              status: "suppressed",
              value: null,
              step: null,
              name: "Chongming District",
              short: "Chongming",
            },
          ],
        }}
      />
    );
    expect(html).toContain(
      t("sector.regions.tileValue", { name: "Pudong New Area", value: "2.13" })
    );
    expect(html).toContain(">1.5–2.0<");
    expect(html).toContain(
      t("sector.regions.tileSuppressed", { name: "Chongming District", k: 5 })
    );
    expect(html).toMatch(
      /data-region="310151" data-status="suppressed"><span class="sector-tile-name">Chongming<\/span><span class="sector-tile-value">—<\/span>/
    );
  });
});
