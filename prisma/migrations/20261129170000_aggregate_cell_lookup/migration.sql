-- Issue 12, read path (ADR 0019): every cell's contributions found by one exact index lookup.
--
-- A cell without stored histograms is read from its contribution rows. The b-tree indexes of the
-- aggregates migration match some cell kinds only by a wider prefix (a division inside a district
-- scanned the whole district, once per division), so the cost grew with the population around the
-- cell, not with the cell. The keys below are exactly the cells a contribution lies in (the same
-- expansion as ffi_apply_delta and cellKey() in app/models/aggregates.server.ts), so a cell's rows
-- come from a GIN lookup of its key: the read costs what the cell holds, whatever the population.

-- The cells of a contribution, as "version|scope|industry|region|size" (18 or 24 of them). Declared
-- immutable for the index although the enum's text output is only stable: a band's label is never
-- renamed (it is also the URL value and the key of every stored cell).
CREATE FUNCTION ffi_cell_keys(version_id uuid, scope text, industry_code text, industry_category text, province_code text, city_code text, region_code text, size_band "SizeBand")
RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_agg(version_id::text || '|' || scope || '|' || ik || '|' || rk || '|' || sk)
  FROM unnest(ARRAY['*', 'c:' || industry_category, 'd:' || industry_code]) ik
  CROSS JOIN unnest(ARRAY['*', 'p:' || province_code, 'c:' || city_code, 'd:' || region_code]) rk
  CROSS JOIN unnest(ARRAY['*', size_band::text]) sk
  WHERE rk IS NOT NULL
$$;

-- fastupdate off: no pending list that a reader would have to scan or a writer flush at random.
CREATE INDEX "AggregateContribution_cells_idx" ON "AggregateContribution"
  USING gin (ffi_cell_keys("versionId", scope, "industryCode", "industryCategory", "provinceCode", "cityCode", "regionCode", "sizeBand")) WITH (fastupdate = off);
