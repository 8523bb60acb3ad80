-- Issue 12 (ADR 0027): item histograms stored sparse, as [bin, count, bin, count, …] in bin order
-- with no zero counts, instead of a dense int[501]. An item's scores take 11–400 distinct values
-- (63 on average in a 100,000-factory population), so a breakdown reading 32 cells × 30 items moved
-- ≈ 480,000 integers to the application and now ≈ 8 times fewer; a submission's update rewrites
-- arrays of that size instead of 2 kB each.

-- pairs + (bin idx[i] gets delta[i]); bins whose count becomes 0 are dropped.
CREATE FUNCTION ffi_sparse_add(pairs int[], idx int[], delta int[]) RETURNS int[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(p.v ORDER BY s.bin, p.k), '{}'::int[])
  FROM (
    SELECT a.bin, sum(a.count)::int AS count FROM (
      SELECT pairs[2 * i - 1] AS bin, pairs[2 * i] AS count FROM generate_series(1, coalesce(array_length(pairs, 1), 0) / 2) i
      UNION ALL
      SELECT d.bin, d.count FROM unnest(idx, delta) d(bin, count)
    ) a
    GROUP BY a.bin HAVING sum(a.count) <> 0
  ) s
  CROSS JOIN LATERAL (VALUES (0, s.bin), (1, s.count)) p(k, v)
$$;

-- The stored dense histograms, converted in place.
UPDATE "AggregateHistogram" h SET bins = (
  SELECT coalesce(array_agg(p.v ORDER BY u.i, p.k), '{}'::int[])
  FROM unnest(h.bins) WITH ORDINALITY u(count, i)
  CROSS JOIN LATERAL (VALUES (0, u.i::int - 1), (1, u.count)) p(k, v)
  WHERE u.count <> 0
);

CREATE OR REPLACE FUNCTION ffi_build_histograms(version_id uuid, scope_key text, industry_key text, region_key text, size_key text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- The cell's row first (see migration 20261129190000): a concurrent submission is either read or waits.
  PERFORM 1 FROM "AggregateCell"
  WHERE "versionId" = version_id AND scope = scope_key AND industry = industry_key AND region = region_key AND size = size_key FOR UPDATE;
  DELETE FROM "AggregateHistogram" WHERE "versionId" = version_id AND scope = scope_key AND industry = industry_key AND region = region_key AND size = size_key;
  INSERT INTO "AggregateHistogram" ("versionId", scope, industry, region, size, "itemId", bins)
  SELECT version_id, scope_key, industry_key, region_key, size_key, coalesce(a."itemId"::text, 'overall'), array_agg(p.v ORDER BY v.bin, p.k)
  FROM (
    SELECT u.pos::int - 1 AS pos, u.h::int AS bin, count(*)::int AS count
    FROM "AggregateContribution" c
    CROSS JOIN LATERAL unnest(array_prepend(c.overall, c.items)) WITH ORDINALITY u(h, pos)
    WHERE ffi_cell_keys(c."versionId", c.scope, c."industryCode", c."industryCategory", c."provinceCode", c."cityCode", c."regionCode", c."sizeBand")
            @> ARRAY[version_id::text || '|' || scope_key || '|' || industry_key || '|' || region_key || '|' || size_key]
      AND u.h >= 0
    GROUP BY 1, 2
  ) v
  CROSS JOIN LATERAL (VALUES (0, v.bin), (1, v.count)) p(k, v)
  LEFT JOIN "AggregateItem" a ON a."versionId" = version_id AND a.position = v.pos
  WHERE v.pos = 0 OR a."itemId" IS NOT NULL
  GROUP BY a."itemId"
  ORDER BY 6;
  UPDATE "AggregateCell" SET histograms = true
  WHERE "versionId" = version_id AND scope = scope_key AND industry = industry_key AND region = region_key AND size = size_key;
END $$;

-- The submission-time upkeep, unchanged but for the sparse histograms (insert empty, then add).
CREATE OR REPLACE FUNCTION ffi_apply_delta() RETURNS void LANGUAGE plpgsql AS $$
DECLARE cell record;
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS _ffi_keys (sign int, "versionId" uuid, scope text, industry text, region text, size text,
    "recordKey" int, level int, synthetic boolean, overall int, items smallint[]) ON COMMIT DROP;
  TRUNCATE _ffi_keys;
  INSERT INTO _ffi_keys
  SELECT d.sign, d."versionId", d.scope, ik.industry, rk.region, sk.size, d."recordKey", d.level, d.synthetic, d.overall, d.items
  FROM _ffi_delta d
  CROSS JOIN LATERAL (VALUES ('*'::text), ('c:' || d."industryCategory"), ('d:' || d."industryCode")) ik(industry)
  CROSS JOIN LATERAL (VALUES ('*'::text), ('p:' || d."provinceCode"), ('c:' || d."cityCode"), ('d:' || d."regionCode")) rk(region)
  CROSS JOIN LATERAL (VALUES ('*'::text), (d."sizeBand"::text)) sk(size)
  WHERE rk.region IS NOT NULL;

  INSERT INTO "AggregateCell" AS c ("versionId", scope, industry, region, size, n, "keySum", synthetic, l0, l1, l2, l3, l4, l5, k0, k1, k2, k3, k4, k5)
  SELECT "versionId", scope, industry, region, size, sum(sign), sum(sign * "recordKey"), coalesce(sum(sign) FILTER (WHERE synthetic), 0),
         coalesce(sum(sign) FILTER (WHERE level = 0), 0), coalesce(sum(sign) FILTER (WHERE level = 1), 0), coalesce(sum(sign) FILTER (WHERE level = 2), 0),
         coalesce(sum(sign) FILTER (WHERE level = 3), 0), coalesce(sum(sign) FILTER (WHERE level = 4), 0), coalesce(sum(sign) FILTER (WHERE level = 5), 0),
         coalesce(sum(sign * "recordKey") FILTER (WHERE level = 0), 0), coalesce(sum(sign * "recordKey") FILTER (WHERE level = 1), 0),
         coalesce(sum(sign * "recordKey") FILTER (WHERE level = 2), 0), coalesce(sum(sign * "recordKey") FILTER (WHERE level = 3), 0),
         coalesce(sum(sign * "recordKey") FILTER (WHERE level = 4), 0), coalesce(sum(sign * "recordKey") FILTER (WHERE level = 5), 0)
  FROM _ffi_keys
  GROUP BY "versionId", scope, industry, region, size
  ORDER BY "versionId", scope, industry, region, size -- one lock order for every writer: no deadlocks
  ON CONFLICT ("versionId", scope, industry, region, size) DO UPDATE SET
    n = c.n + excluded.n, "keySum" = c."keySum" + excluded."keySum", synthetic = c.synthetic + excluded.synthetic,
    l0 = c.l0 + excluded.l0, l1 = c.l1 + excluded.l1, l2 = c.l2 + excluded.l2, l3 = c.l3 + excluded.l3, l4 = c.l4 + excluded.l4, l5 = c.l5 + excluded.l5,
    k0 = c.k0 + excluded.k0, k1 = c.k1 + excluded.k1, k2 = c.k2 + excluded.k2, k3 = c.k3 + excluded.k3, k4 = c.k4 + excluded.k4, k5 = c.k5 + excluded.k5;

  -- Histograms of the cells that have them: the changed bins per cell and item.
  CREATE TEMP TABLE IF NOT EXISTS _ffi_bins ("versionId" uuid, scope text, industry text, region text, size text, "itemId" text, idx int[], delta int[]) ON COMMIT DROP;
  TRUNCATE _ffi_bins;
  INSERT INTO _ffi_bins
  SELECT v."versionId", v.scope, v.industry, v.region, v.size, v.item_id, array_agg(v.bin), array_agg(v.delta)
  FROM (
    SELECT k."versionId", k.scope, k.industry, k.region, k.size, s.item_id, s.bin, sum(k.sign)::int AS delta
    FROM _ffi_keys k
    JOIN "AggregateCell" c ON c."versionId" = k."versionId" AND c.scope = k.scope AND c.industry = k.industry AND c.region = k.region AND c.size = k.size AND c.histograms
    CROSS JOIN LATERAL (
      SELECT 'overall'::text AS item_id, k.overall AS bin
      UNION ALL
      SELECT a."itemId"::text, u.h::int FROM unnest(k.items) WITH ORDINALITY u(h, pos)
      JOIN "AggregateItem" a ON a."versionId" = k."versionId" AND a.position = u.pos
      WHERE u.h >= 0
    ) s
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(k.sign) <> 0
  ) v
  GROUP BY 1, 2, 3, 4, 5, 6;

  INSERT INTO "AggregateHistogram" ("versionId", scope, industry, region, size, "itemId", bins)
  SELECT "versionId", scope, industry, region, size, "itemId", '{}'::int[] FROM _ffi_bins
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT DO NOTHING;
  UPDATE "AggregateHistogram" h SET bins = ffi_sparse_add(h.bins, b.idx, b.delta)
  FROM _ffi_bins b
  WHERE h."versionId" = b."versionId" AND h.scope = b.scope AND h.industry = b.industry AND h.region = b.region AND h.size = b.size AND h."itemId" = b."itemId";

  FOR cell IN
    SELECT DISTINCT c."versionId", c.scope, c.industry, c.region, c.size
    FROM _ffi_keys k JOIN "AggregateCell" c ON c."versionId" = k."versionId" AND c.scope = k.scope AND c.industry = k.industry AND c.region = k.region AND c.size = k.size
    WHERE NOT c.histograms AND c.n >= ffi_histogram_min()
    ORDER BY 1, 2, 3, 4, 5
  LOOP
    PERFORM ffi_build_histograms(cell."versionId", cell.scope, cell.industry, cell.region, cell.size);
  END LOOP;
END $$;

