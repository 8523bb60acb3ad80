-- Issue 12, authority views at national scale (ADR 0027).

-- Deleting an assessment nulls every "revisedFromId" pointing at it: without an index each deleted
-- row is a scan of the whole table (a large delete became quadratic).
CREATE INDEX "Assessment_revisedFromId_idx" ON "Assessment"("revisedFromId");

-- Histograms kept from 20 contributors on instead of 500 (20: where exact quantiles start being
-- published; below it only a median band is): a cell without stored histograms is summed from its
-- contribution rows per read, so this bounds what any read sums (≤ 19 contributions a cell).
-- Cells between 20 and 499 get their histograms from `npm run db:rebuild-aggregates -- --histograms`
-- (or the next full rebuild, or the next submission that touches them); until then they are read
-- from their contributions as before: correct, only slower.
ALTER TABLE "AggregateState" ALTER COLUMN "histogramMin" SET DEFAULT 20;
UPDATE "AggregateState" SET "histogramMin" = 20 WHERE id = 1 AND "histogramMin" = 500;

-- A cell's histograms built from exactly its contributions (the GIN lookup of ADR 0019) instead of
-- the b-tree prefix scan of ffi_cell_condition, which read a whole district for a division inside it.
-- The cell's row is locked first: a submission committing meanwhile either finished before (its
-- contribution is read: each statement here sees what committed before it) or waits and then sees
-- the cell with histograms (so it updates them). Builders of different cells run in parallel.
CREATE OR REPLACE FUNCTION ffi_build_histograms(version_id uuid, scope_key text, industry_key text, region_key text, size_key text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "AggregateCell"
  WHERE "versionId" = version_id AND scope = scope_key AND industry = industry_key AND region = region_key AND size = size_key FOR UPDATE;
  DELETE FROM "AggregateHistogram" WHERE "versionId" = version_id AND scope = scope_key AND industry = industry_key AND region = region_key AND size = size_key;
  INSERT INTO "AggregateHistogram" ("versionId", scope, industry, region, size, "itemId", bins)
  SELECT version_id, scope_key, industry_key, region_key, size_key, coalesce(a."itemId"::text, 'overall'), ffi_hist_add(array_fill(0, ARRAY[501]), array_agg(v.bin), array_agg(v.count))
  FROM (
    SELECT u.pos::int - 1 AS pos, u.h::int AS bin, count(*)::int AS count
    FROM "AggregateContribution" c
    CROSS JOIN LATERAL unnest(array_prepend(c.overall, c.items)) WITH ORDINALITY u(h, pos)
    WHERE ffi_cell_keys(c."versionId", c.scope, c."industryCode", c."industryCategory", c."provinceCode", c."cityCode", c."regionCode", c."sizeBand")
            @> ARRAY[version_id::text || '|' || scope_key || '|' || industry_key || '|' || region_key || '|' || size_key]
      AND u.h >= 0
    GROUP BY 1, 2
  ) v
  LEFT JOIN "AggregateItem" a ON a."versionId" = version_id AND a.position = v.pos
  WHERE v.pos = 0 OR a."itemId" IS NOT NULL
  GROUP BY a."itemId"
  ORDER BY 6;
  UPDATE "AggregateCell" SET histograms = true
  WHERE "versionId" = version_id AND scope = scope_key AND industry = industry_key AND region = region_key AND size = size_key;
END $$;

-- Histograms for every cell that should have them and has none (after a rebuild without them, or
-- after histogramMin was lowered). Returns how many cells it built. One transaction; the script
-- `npm run db:rebuild-aggregates` does the same over several connections, one cell a transaction.
CREATE FUNCTION ffi_build_missing_histograms() RETURNS int LANGUAGE plpgsql AS $$
DECLARE cell record; built int := 0;
BEGIN
  FOR cell IN SELECT "versionId", scope, industry, region, size FROM "AggregateCell" WHERE n >= ffi_histogram_min() AND NOT histograms ORDER BY 1, 2, 3, 4, 5 LOOP
    PERFORM ffi_build_histograms(cell."versionId", cell.scope, cell.industry, cell.region, cell.size);
    built := built + 1;
  END LOOP;
  RETURN built;
END $$;

-- The rebuild, now with the histograms optional (the script builds them in parallel afterwards).
DROP FUNCTION ffi_aggregates_rebuild();
CREATE FUNCTION ffi_aggregates_rebuild(with_histograms boolean DEFAULT true) RETURNS void LANGUAGE plpgsql AS $$
DECLARE since timestamptz := ffi_window_start(now()); cell record;
BEGIN
  -- Writers queue behind the rebuild (their commit-time refresh needs these tables).
  LOCK TABLE "AggregateState", "AggregateContribution", "AggregateCell", "AggregateHistogram", "AggregateItem", "RegisteredCell" IN EXCLUSIVE MODE;
  TRUNCATE "AggregateContribution", "AggregateCell", "AggregateHistogram", "AggregateItem", "RegisteredCell";
  DELETE FROM "AggregatePending";

  INSERT INTO "AggregateItem" ("versionId", "itemId", position)
  SELECT v."questionnaireVersionId", v."itemId", row_number() OVER (PARTITION BY v."questionnaireVersionId" ORDER BY v."itemId")
  FROM (SELECT DISTINCT s."questionnaireVersionId", i."itemId" FROM "AssessmentItemScore" i JOIN "AssessmentScore" s ON s."assessmentId" = i."assessmentId") v;

  INSERT INTO "AggregateContribution" ("versionId", scope, "organizationId", "assessmentId", "submittedAt", "industryCode", "industryCategory", "regionCode",
    "provinceCode", "cityCode", "sizeBand", level, "recordKey", synthetic, overall, items)
  WITH latest AS (
    SELECT DISTINCT ON ("versionId", "organizationId") 'current'::text AS scope, * FROM ffi_contribution_candidates
    ORDER BY "versionId", "organizationId", "submittedAt" DESC, "assessmentId" DESC
  ),
  per_period AS (
    SELECT DISTINCT ON ("versionId", period, "organizationId") 'p:' || period AS scope, * FROM ffi_contribution_candidates
    ORDER BY "versionId", period, "organizationId", "submittedAt" DESC, "assessmentId" DESC
  ),
  chosen AS (SELECT * FROM latest WHERE "submittedAt" > since UNION ALL SELECT * FROM per_period),
  vectors AS (
    -- -1 everywhere, then + (1 + hundredths) at each scored item's position: the dense vector in one pass.
    SELECT i."assessmentId", ffi_hist_add(array_fill(-1, ARRAY[max(a.n)::int]), array_agg(a.position::int - 1), array_agg(ffi_hundredths(i.score) + 1)) AS items
    FROM "AssessmentItemScore" i
    JOIN (SELECT DISTINCT "assessmentId", "versionId" FROM chosen) ch ON ch."assessmentId" = i."assessmentId"
    JOIN (SELECT "versionId", "itemId", position, count(*) OVER (PARTITION BY "versionId") AS n FROM "AggregateItem") a ON a."versionId" = ch."versionId" AND a."itemId" = i."itemId"
    WHERE i.score IS NOT NULL
    GROUP BY i."assessmentId"
  )
  SELECT ch."versionId", ch.scope, ch."organizationId", ch."assessmentId", ch."submittedAt", ch."industryCode", ch."industryCategory", ch."regionCode",
    ch."provinceCode", ch."cityCode", ch."sizeBand", ch.level, ch."recordKey", ch.synthetic, ch.overall, coalesce(v.items::smallint[], '{}')
  FROM chosen ch LEFT JOIN vectors v ON v."assessmentId" = ch."assessmentId";

  -- The cells: first the finest ones (division × region code × size band), then each of those
  -- expanded to the 24 cells it lies in — far fewer rows to expand than contributions at scale.
  INSERT INTO "AggregateCell" ("versionId", scope, industry, region, size, n, "keySum", synthetic, l0, l1, l2, l3, l4, l5, k0, k1, k2, k3, k4, k5)
  WITH base AS (
    SELECT d."versionId", d.scope, d."industryCode", d."industryCategory", d."regionCode", d."provinceCode", d."cityCode", d."sizeBand",
           count(*) AS n, sum(d."recordKey") AS ks, count(*) FILTER (WHERE d.synthetic) AS syn,
           count(*) FILTER (WHERE d.level = 0) AS l0, count(*) FILTER (WHERE d.level = 1) AS l1, count(*) FILTER (WHERE d.level = 2) AS l2,
           count(*) FILTER (WHERE d.level = 3) AS l3, count(*) FILTER (WHERE d.level = 4) AS l4, count(*) FILTER (WHERE d.level = 5) AS l5,
           coalesce(sum(d."recordKey") FILTER (WHERE d.level = 0), 0) AS k0, coalesce(sum(d."recordKey") FILTER (WHERE d.level = 1), 0) AS k1,
           coalesce(sum(d."recordKey") FILTER (WHERE d.level = 2), 0) AS k2, coalesce(sum(d."recordKey") FILTER (WHERE d.level = 3), 0) AS k3,
           coalesce(sum(d."recordKey") FILTER (WHERE d.level = 4), 0) AS k4, coalesce(sum(d."recordKey") FILTER (WHERE d.level = 5), 0) AS k5
    FROM "AggregateContribution" d
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  )
  SELECT b."versionId", b.scope, ik.industry, rk.region, sk.size, sum(b.n), sum(b.ks), sum(b.syn),
         sum(b.l0), sum(b.l1), sum(b.l2), sum(b.l3), sum(b.l4), sum(b.l5), sum(b.k0), sum(b.k1), sum(b.k2), sum(b.k3), sum(b.k4), sum(b.k5)
  FROM base b
  CROSS JOIN LATERAL (VALUES ('*'::text), ('c:' || b."industryCategory"), ('d:' || b."industryCode")) ik(industry)
  CROSS JOIN LATERAL (VALUES ('*'::text), ('p:' || b."provinceCode"), ('c:' || b."cityCode"), ('d:' || b."regionCode")) rk(region)
  CROSS JOIN LATERAL (VALUES ('*'::text), (b."sizeBand"::text)) sk(size)
  WHERE rk.region IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5;

  -- Without: the large cells are read from their contributions (correct, slower) until
  -- ffi_build_missing_histograms() or `npm run db:rebuild-aggregates` (parallel) gives them histograms.
  IF with_histograms THEN PERFORM ffi_build_missing_histograms(); END IF;

  INSERT INTO "RegisteredCell" (industry, region, size, n, "keySum")
  WITH base AS (
    SELECT f."industryCode", f."regionCode", f."sizeBand", count(*) AS n, sum(f."recordKey") AS ks
    FROM "FactoryProfile" f GROUP BY 1, 2, 3
  )
  SELECT ik.industry, rk.region, sk.size, sum(b.n), sum(b.ks)
  FROM base b JOIN "Industry" i ON i.code = b."industryCode"
  CROSS JOIN LATERAL (VALUES ('*'::text), ('c:' || i.category), ('d:' || b."industryCode")) ik(industry)
  CROSS JOIN LATERAL (VALUES ('*'::text), ('p:' || left(b."regionCode", 2)), ('c:' || ffi_city_code(b."regionCode")), ('d:' || b."regionCode")) rk(region)
  CROSS JOIN LATERAL (VALUES ('*'::text), (b."sizeBand"::text)) sk(size)
  WHERE rk.region IS NOT NULL
  GROUP BY 1, 2, 3;

  UPDATE "AggregateState" SET dirty = false, "rebuiltAt" = now() WHERE id = 1;
END $$;

