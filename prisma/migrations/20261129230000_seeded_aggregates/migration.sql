-- Issue 12 (ADR 0029): the aggregates' rebuild in named steps, unchanged in what it computes, so
-- the population seeder can run the steps it needs around its load and write the synthetic
-- factories' contributions and item histograms itself (it has every vector in hand), instead of
-- recomputing them afterwards from ≈ 31 M item-score rows. ffi_aggregates_rebuild runs the same
-- steps in the same order as before.

-- Step 1: lock and empty the aggregates (writers queue behind: their commit-time refresh needs these tables).
CREATE FUNCTION ffi_aggregates_reset() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "AggregateState", "AggregateContribution", "AggregateCell", "AggregateHistogram", "AggregateItem", "RegisteredCell" IN EXCLUSIVE MODE;
  TRUNCATE "AggregateContribution", "AggregateCell", "AggregateHistogram", "AggregateItem", "RegisteredCell";
  DELETE FROM "AggregatePending";
END $$;

-- Step 2: item positions, numbered in item id order per version, for every item of the score rows
-- and the (version, item) pairs given (a seeder's items, before its rows exist).
CREATE FUNCTION ffi_rebuild_items(extra_versions uuid[] DEFAULT '{}', extra_items text[] DEFAULT '{}') RETURNS void LANGUAGE sql AS $$
  INSERT INTO "AggregateItem" ("versionId", "itemId", position)
  SELECT v.version_id, v.item_id, row_number() OVER (PARTITION BY v.version_id ORDER BY v.item_id)
  FROM (
    SELECT s."questionnaireVersionId" AS version_id, i."itemId"::text AS item_id FROM "AssessmentItemScore" i JOIN "AssessmentScore" s ON s."assessmentId" = i."assessmentId"
    UNION
    SELECT e.version_id, e.item_id FROM unnest(extra_versions, extra_items) e(version_id, item_id)
  ) v
$$;

-- Step 3: the contributions of every score row (latest per organisation and version, and per period).
CREATE FUNCTION ffi_rebuild_contributions() RETURNS void LANGUAGE plpgsql AS $$
DECLARE since timestamptz := ffi_window_start(now());
BEGIN
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
END $$;

-- Step 4: the cells from the contributions: first the finest ones (division × region code × size
-- band), then each of those expanded to the 24 cells it lies in.
CREATE FUNCTION ffi_rebuild_cells() RETURNS void LANGUAGE sql AS $$
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
  GROUP BY 1, 2, 3, 4, 5
$$;

-- Step 5 (optional): ffi_build_missing_histograms(). Step 6: registered factories from the profiles.
CREATE FUNCTION ffi_rebuild_registered() RETURNS void LANGUAGE sql AS $$
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
  GROUP BY 1, 2, 3
$$;

-- Step 7: current.
CREATE FUNCTION ffi_aggregates_mark_current() RETURNS void LANGUAGE sql AS $$
  UPDATE "AggregateState" SET dirty = false, "rebuiltAt" = now() WHERE id = 1
$$;

CREATE OR REPLACE FUNCTION ffi_aggregates_rebuild(with_histograms boolean DEFAULT true) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ffi_aggregates_reset();
  PERFORM ffi_rebuild_items();
  PERFORM ffi_rebuild_contributions();
  PERFORM ffi_rebuild_cells();
  -- Without: the large cells are read from their contributions (correct, slower) until
  -- ffi_build_missing_histograms() or `npm run db:rebuild-aggregates` (parallel) gives them histograms.
  IF with_histograms THEN PERFORM ffi_build_missing_histograms(); END IF;
  PERFORM ffi_rebuild_registered();
  PERFORM ffi_aggregates_mark_current();
END $$;
