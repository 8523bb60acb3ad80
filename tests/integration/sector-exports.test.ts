/**
 * The authority exports against a real PostgreSQL: a synthetic population (about a third of it in
 * Shanghai) seeded through the batch writer, the Shanghai authority downloading every table as CSV
 * and XLSX. Parsed like an open-data user would (CSV by hand, XLSX with exceljs): the same figures
 * as the page's tables, no published count below k, nothing beyond two decimals, a flag where a
 * value is withheld; every refusal (missing or unknown table, bad filters, a viewer, an oversized
 * table) answers the right status in the user's language and changes nothing.
 */
import ExcelJS from "exceljs";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { flattenTable, type ExportValue } from "~/domain/sector/export";
import {
  parseSectorFilters,
  type JurisdictionScope,
} from "~/domain/sector/filters";
import { loadProgrammes } from "~/models/sector/programmes.server";
import { loadRegions } from "~/models/sector/regions.server";
import {
  buildExportTable,
  EXPORTABLE_TABLE_IDS,
} from "~/models/sector/registry.server";
import * as csvRoute from "~/routes/o.$orgId.sector.export[.csv]";
import * as xlsxRoute from "~/routes/o.$orgId.sector.export[.xlsx]";
import { prisma } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { translator } from "~/utils/i18n";
import { seedPopulation } from "../../server/population";
import { databaseFingerprint } from "../support/fingerprint";
import { createFactoryOwner } from "../support/assessments";
import { submitTestAssessment } from "../support/engagements";
import {
  addMember,
  cookieFor,
  createTestOrganization,
  createTestUser,
} from "../support/routes";

const t = translator("zh-CN");
const K = 5;
const SHANGHAI: JurisdictionScope = { regionCode: "31", industryCode: null };

let authorityId: string;
let ownerCookie: string;
let viewerCookie: string;
let englishCookie: string;

async function authority(regionCode: string) {
  const owner = await createTestUser();
  const organization = await createTestOrganization(
    owner.id,
    "AUTHORITY",
    "测试经信委"
  );
  await prisma.authorityJurisdiction.create({
    data: { organizationId: organization.id, regionCode },
  });
  return { owner, organization };
}

beforeAll(async () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await seedPopulation(client, { factories: 600, seed: 12 });
  } finally {
    await client.end();
  }
  const shanghai = await authority("31");
  authorityId = shanghai.organization.id;
  ownerCookie = await cookieFor(shanghai.owner.id);
  const viewer = await createTestUser();
  await addMember(authorityId, viewer.id, "VIEWER");
  viewerCookie = await cookieFor(viewer.id);
  const english = await createTestUser({ locale: "en" });
  await addMember(authorityId, english.id, "EDITOR");
  englishCookie = await cookieFor(english.id);
}, 60_000);

afterEach(() => {
  delete process.env.SECTOR_EXPORT_MAX_ROWS;
  resetEnvCache();
});

async function download(
  format: "csv" | "xlsx",
  query: string,
  cookie = ownerCookie,
  orgId = authorityId
): Promise<Response> {
  const route = format === "csv" ? csvRoute : xlsxRoute;
  const request = new Request(
    `http://localhost/o/${orgId}/sector/export.${format}${query}`,
    { headers: { Cookie: cookie } }
  );
  try {
    return (await route.loader({
      request,
      params: { orgId },
      context: {},
    })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** RFC 4180 fields of one CSV line (quotes doubled inside quoted fields). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      fields.push(field);
      field = "";
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/** The file's text after checking its UTF-8 byte-order mark (Excel needs it for Chinese text). */
async function csvText(response: Response): Promise<string> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)], "a UTF-8 byte-order mark").toEqual([
    0xef, 0xbb, 0xbf,
  ]);
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes.slice(3));
}

function parseCsv(text: string): { header: string[]; rows: string[][] } {
  expect(text.endsWith("\r\n")).toBe(true);
  const lines = text.slice(0, -2).split("\r\n");
  return { header: csvFields(lines[0]!), rows: lines.slice(1).map(csvFields) };
}

/** How the CSV writes a flattened value. */
const asCsv = (value: ExportValue, type: string) =>
  value === null
    ? ""
    : typeof value === "number" && type === "decimal"
    ? value.toFixed(2)
    : String(value);

/** The rules every published file keeps, whatever the table. */
function expectDisclosureSafe(header: string[], rows: string[][]) {
  for (const row of rows) {
    expect(row).toHaveLength(header.length);
    header.forEach((key, index) => {
      const value = row[index]!;
      if (key.endsWith("_flag")) {
        expect(["", "c", "r"]).toContain(value);
        const withheld = row[index - 1]!;
        if (value === "c")
          expect(withheld, `${key}: a withheld value is empty`).toBe("");
        if (value === "r") expect(withheld).toMatch(/^\d\.\d{2}-\d\.\d{2}$/);
        return;
      }
      if (
        !header.includes(`${key}_flag`) ||
        value === "" ||
        /-\d/.test(value.slice(1))
      )
        return;
      // Numbers: never more than two decimals; counts whole and never below k; shares whole percent.
      expect(value, key).toMatch(/^-?\d+(\.\d{2})?$/);
      if (
        key === "factories" ||
        key === "registered" ||
        key === "participating"
      ) {
        expect(Number.isInteger(Number(value))).toBe(true);
        expect(Number(value), `${key} below k`).toBeGreaterThanOrEqual(K);
      }
      if (key.endsWith("_pct")) {
        expect(Number(value)).toBeGreaterThanOrEqual(0);
        expect(Number(value)).toBeLessThanOrEqual(100);
      }
    });
  }
}

describe("every table as CSV", () => {
  it("writes exactly the page's table, flattened, with no count below k and nothing beyond two decimals", async () => {
    const filters = parseSectorFilters(new URLSearchParams(), SHANGHAI);
    if (!filters.ok) throw new Error("filters");
    let withheld = 0;
    for (const id of EXPORTABLE_TABLE_IDS) {
      const response = await download("csv", `?table=${id}`);
      expect(response.status, id).toBe(200);
      expect(response.headers.get("Content-Type")).toBe(
        "text/csv; charset=utf-8"
      );
      expect(response.headers.get("Content-Disposition")).toContain(
        `filename="${id}_31_`
      );
      const { header, rows } = parseCsv(await csvText(response));
      const table = await buildExportTable(
        id,
        SHANGHAI,
        filters.filters,
        t,
        "zh-CN"
      );
      const flat = flattenTable(
        table!,
        (label) => t("sector.export.flagColumn", { label }),
        (label) => t("sector.export.codeColumn", { label })
      );
      expect(header, id).toEqual(flat.columns.map((column) => column.key));
      expect(rows, id).toEqual(
        flat.rows.map((row) =>
          row.map((value, index) => asCsv(value, flat.columns[index]!.type))
        )
      );
      expectDisclosureSafe(header, rows);
      withheld += rows.flat().filter((value) => value === "c").length;
    }
    // The population has districts and divisions below k: the files do withhold values.
    expect(withheld).toBeGreaterThan(0);
  }, 60_000);

  it("gives the regions and programmes pages' figures: a district below k is withheld, Pudong is published", async () => {
    const filters = parseSectorFilters(new URLSearchParams(), SHANGHAI);
    if (!filters.ok) throw new Error("filters");
    const regions = await loadRegions(SHANGHAI, filters.filters, t, "zh-CN");
    const medians = regions.tables.find(
      (table) => table.id === "medians-by-region"
    )!;
    const { header, rows } = parseCsv(
      await csvText(await download("csv", "?table=medians-by-region"))
    );
    const at = (code: string) => rows.find((row) => row[0] === code)!;
    const factories = header.indexOf("factories");
    expect(at("310115")[factories]).toBe(
      String(
        (
          medians.rows.find(
            (row) => row[0]?.kind === "label" && row[0].code === "310115"
          )![1] as { value: { value: number } }
        ).value.value
      )
    );
    const suppressedTiles = regions
      .map!.tiles.filter((tile) => tile.status === "suppressed")
      .map((tile) => tile.code);
    expect(suppressedTiles.length).toBeGreaterThan(0);
    for (const code of suppressedTiles)
      expect(at(code)[header.indexOf("median_overall_flag")]).toBe("c");

    const programmes = await loadProgrammes(
      SHANGHAI,
      filters.filters,
      t,
      "zh-CN"
    );
    const bySize = parseCsv(
      await csvText(await download("csv", "?table=programmes-by-size"))
    );
    const total = bySize.rows.find((row) => row[0] === "total")!;
    const ge2 = programmes.headline.find(
      (entry) => entry.id === "overall_ge_2"
    )!.share;
    expect(ge2.status).toBe("ok");
    expect(total[bySize.header.indexOf("share_overall_ge_2_pct")]).toBe(
      ge2.status === "ok" ? String(ge2.percent) : ""
    );
  }, 30_000);

  it("leaves out what lies outside the jurisdiction: a factory submitting in Hangzhou changes no Shanghai file", async () => {
    const before = await csvText(
      await download("csv", "?table=levels-by-region&size=MEDIUM")
    );
    expect(parseCsv(before).rows.length).toBeGreaterThan(1);
    const hangzhou = await createFactoryOwner("杭州测试机床");
    await prisma.factoryProfile.update({
      where: { organizationId: hangzhou.organization.id },
      data: { regionCode: "3301" },
    });
    await submitTestAssessment(
      hangzhou.organization.id,
      hangzhou.owner.id,
      "2026"
    );
    expect(
      await csvText(
        await download("csv", "?table=levels-by-region&size=MEDIUM")
      )
    ).toBe(before);
    // Its own authority's file has the Hangzhou row (in an aggregate, like every other figure).
    const zhejiang = await authority("33");
    const file = await download(
      "csv",
      "?table=levels-by-region&period=2026",
      await cookieFor(zhejiang.owner.id),
      zhejiang.organization.id
    );
    expect(file.status).toBe(200);
    const { header, rows } = parseCsv(await csvText(file));
    expect(rows.map((row) => row[0])).toContain("3301");
    expectDisclosureSafe(header, rows);
  }, 30_000);
});

describe("every table as XLSX", () => {
  it("holds the CSV's values (numbers as numbers, two-decimal format) and a notes sheet with scope, period, flags and licence", async () => {
    for (const id of [
      "medians-by-region",
      "programmes-by-industry",
      "levels",
    ]) {
      const csv = parseCsv(
        await csvText(await download("csv", `?table=${id}`))
      );
      const response = await download("xlsx", `?table=${id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toContain("spreadsheetml");
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      const sheet = workbook.getWorksheet(t("sector.export.sheetData"))!;
      const values: string[][] = [];
      sheet.eachRow((row, number) => {
        if (number === 1) return;
        values.push(
          csv.header.map((_, index) => {
            const cell = row.getCell(index + 1);
            const value = cell.value;
            if (value === null || value === undefined) return "";
            if (typeof value === "number") {
              if (cell.numFmt === "0.00") return value.toFixed(2);
              expect(Number.isInteger(value)).toBe(true);
              return String(value);
            }
            return String(value);
          })
        );
      });
      expect(values, id).toEqual(csv.rows);
      const notes = workbook.getWorksheet(t("sector.export.sheetNotes"))!;
      const text: string[] = [];
      notes.eachRow((row) => text.push(String(row.getCell(2).value ?? "")));
      expect(text.join("\n")).toContain(
        t("sector.export.notesFlags", { k: K })
      );
      expect(text.join("\n")).toContain(t("sector.export.notesLicence"));
    }
  }, 30_000);
});

describe("refusals: right status, the user's language, nothing changed", () => {
  it("refuses a missing or unknown table, unknown and outside filters, a viewer and an oversized table", async () => {
    const before = await databaseFingerprint();
    const cases: [string, string, number, string][] = [
      ["csv", "", 400, t("sector.export.missingTable")],
      [
        "csv",
        "?table=factories",
        404,
        t("sector.export.unknownTable", { table: "factories" }),
      ],
      [
        "xlsx",
        "?table=levels&industry=99",
        400,
        t("sector.errors.unknown-code.industry", { code: "99" }),
      ],
      [
        "csv",
        "?table=levels&region=3301",
        403,
        t("sector.errors.outside-jurisdiction.region", { code: "3301" }),
      ],
      [
        "csv",
        "?table=levels&period=last",
        400,
        t("sector.errors.unknown-code.period", { code: "last" }),
      ],
    ];
    for (const [format, query, status, message] of cases) {
      const response = await download(format as "csv", query);
      expect(response.status, query).toBe(status);
      expect(await response.text()).toBe(message);
    }
    expect((await download("csv", "?table=levels", viewerCookie)).status).toBe(
      403
    );
    const english = await download("csv", "?table=nope", englishCookie);
    expect(await english.text()).toBe(
      translator("en")("sector.export.unknownTable", { table: "nope" })
    );

    process.env.SECTOR_EXPORT_MAX_ROWS = "3";
    resetEnvCache();
    const oversized = await download("xlsx", "?table=levels");
    expect(oversized.status).toBe(413);
    expect(await oversized.text()).toBe(
      t("sector.export.tooLarge", { rows: 7, max: 3 })
    );
    expect(await databaseFingerprint()).toBe(before);
  }, 30_000);
});
