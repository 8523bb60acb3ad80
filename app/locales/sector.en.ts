import type { sectorZh } from "./sector.zh-CN";

export const sectorEn: typeof sectorZh = {
  noJurisdiction:
    "Set your jurisdiction under Organisation first; the aggregates of your jurisdiction appear once it is set.",

  // --- helper D: navigation, authority dashboard, regions map, programme readiness, exports ---
  nav: "Jurisdiction",
  dashboard: {
    title: "Your jurisdiction",
    lead: "{scope} · {period} · questionnaire {version}. Aggregates only: no factory's name, answers or scores.",
    registered: "Registered factories",
    participating: "Factories that submitted in {period}",
    median: "Median overall score",
    levelMix: "Maturity levels",
    suppressed: "fewer than {k}, not published",
    noData:
      "No submitted assessments in your jurisdiction yet. The aggregates appear here once factories submit.",
    open: "Open the jurisdiction views",
    pagesTitle: "Jurisdiction views",
  },
  pages: {
    overview: "Overview",
    industries: "Industries",
    sizes: "Size bands",
    regions: "Regional map",
    programmes: "Programme readiness",
  },
  regions: {
    title: "Regions",
    lead: "Participation, maturity levels and median overall score by {kind}.",
    mapTitle: "Median overall score by {kind}, {period}",
    mapCaption:
      "Each square is one {kind}, placed roughly where it lies: not a boundary map. Darker means a higher median; the figures match the table.",
    mapLabel: "Median overall score by {kind} (tile map)",
    tileValue: "{name}: median {value}",
    tileBand:
      "{name}: median about {value} (fewer than {n} factories, band only)",
    tileSuppressed: "{name}: fewer than {k} factories, not published",
    legendTitle: "Legend",
    legendStep: "{from} and above",
    legendBand: "Approximate: fewer than {n} factories, a 0.5-wide band only",
    legendSuppressed: "Hatched: fewer than {k} factories, not published",
    noLayout:
      "Your jurisdiction has no districts or cities in the reference data, so there is no map; the table shows the whole jurisdiction.",
    district: "district",
    city: "city",
    column: "{kind}",
    factories: "Factories",
    overallMedian: "Median overall score",
    total: "Total",
    levelsTitle: "Maturity levels by {kind}, {period}",
    mediansTitle: "Median scores by {kind}, {period}",
    notes: {
      scope: "Scope: {scope}; {period}; questionnaire version {version}.",
      suppressed:
        "Cells with fewer than {k} factories are not published (shown as “—”); some further cells are suppressed so that they cannot be worked out from the total.",
      perturbed:
        "Counts are slightly perturbed (cell-key method): rows may not add up exactly to the total.",
      band: "Medians of fewer than {n} factories are published as a 0.5-wide band only.",
      unassigned:
        "The total includes factories recorded without a {kind}, so it may exceed the sum of the rows.",
      synthetic: "Includes synthetic demo factories.",
    },
  },
  programmes: {
    title: "Programme readiness",
    lead: "Share of factories whose overall score meets the thresholds of Zhejiang's digital workshop, smart factory and future factory programmes: for planning, not an eligibility decision.",
    headline: "Whole jurisdiction",
    thresholdsTitle: "Thresholds",
    thresholdGe2:
      "Overall ≥ 2.0: Zhejiang's 2025 notice requires a digital level of at least 2.0 for digital workshop and smart factory projects.",
    thresholdGe3:
      "Overall ≥ 3.0: the same notice requires at least 3.0 for future factory pilots.",
    tableTitle: "Programme readiness by {by}, {period}",
    by: {
      industry: "industry",
      region: "region",
      size: "size band",
    },
    threshold: {
      overall_ge_2: "≥ 2.0 (%)",
      overall_ge_3: "≥ 3.0 (%)",
    },
    factories: "Factories",
    total: "Total",
    notes: {
      scope: "Scope: {scope}; {period}; questionnaire version {version}.",
      source:
        "Thresholds: Zhejiang's 2025 notice on digital workshops, smart factories and future factories (digital level ≥ 2.0 / ≥ 3.0).",
      estimate:
        "Overall scores here are self-assessments on this platform, not the province's evaluation: the shares are indicative.",
      suppressed:
        "Rows with fewer than {k} factories show no shares, and further rows are suppressed where needed; shares are whole percent.",
      hidden:
        "{count} more groups with fewer than {k} factories are not listed.",
      synthetic: "Includes synthetic demo factories.",
    },
  },
  export: {
    title: "Export",
    csv: "CSV",
    xlsx: "Excel",
    download: "Download “{table}”",
    viewerNote: "Only owners and editors can export data.",
    flagColumn: "{label} (flag)",
    codeColumn: "{label} (code)",
    unknownTable:
      "There is no table called “{table}”. Use the export links on the pages.",
    missingTable: "Say which table to export.",
    tooLarge:
      "This table has {rows} rows, more than the export limit of {max}. Narrow it with the filters, then export again.",
    sheetData: "Data",
    sheetNotes: "Notes",
    notesTitle: "Table",
    notesScope: "Scope",
    notesPeriod: "Period",
    notesVersion: "Questionnaire version",
    notesCreated: "Exported at",
    notesFlags:
      "Flags: empty = published; c = not published (fewer than {k} factories, or suppressed to protect another cell); r = range (a median published as a 0.5-wide band).",
    notesLicence:
      "These aggregates may be published as open government data; cite “Future Factory Index”. They are self-assessments, not an official evaluation.",
    notesSchema: "Columns are described in docs/open-data.md.",
  },
};
