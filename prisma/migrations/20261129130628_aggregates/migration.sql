-- AlterTable
ALTER TABLE "FactoryProfile" ADD COLUMN     "recordKey" SMALLINT NOT NULL DEFAULT floor(random() * 256);

-- CreateTable
CREATE TABLE "AggregateContribution" (
    "versionId" UUID NOT NULL,
    "scope" VARCHAR(24) NOT NULL,
    "organizationId" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL,
    "industryCode" VARCHAR(2) NOT NULL,
    "industryCategory" VARCHAR(20) NOT NULL,
    "regionCode" VARCHAR(6) NOT NULL,
    "provinceCode" VARCHAR(2) NOT NULL,
    "cityCode" VARCHAR(4),
    "sizeBand" "SizeBand" NOT NULL,
    "level" SMALLINT NOT NULL,
    "recordKey" SMALLINT NOT NULL,
    "synthetic" BOOLEAN NOT NULL,
    "overall" SMALLINT NOT NULL,
    "items" SMALLINT[],

    CONSTRAINT "AggregateContribution_pkey" PRIMARY KEY ("versionId","scope","organizationId")
);

-- CreateTable
CREATE TABLE "AggregateItem" (
    "versionId" UUID NOT NULL,
    "itemId" VARCHAR(100) NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "AggregateItem_pkey" PRIMARY KEY ("versionId","itemId")
);

-- CreateTable
CREATE TABLE "AggregateCell" (
    "versionId" UUID NOT NULL,
    "scope" VARCHAR(24) NOT NULL,
    "industry" VARCHAR(24) NOT NULL,
    "region" VARCHAR(8) NOT NULL,
    "size" VARCHAR(8) NOT NULL,
    "n" INTEGER NOT NULL,
    "keySum" BIGINT NOT NULL,
    "synthetic" INTEGER NOT NULL,
    "l0" INTEGER NOT NULL,
    "l1" INTEGER NOT NULL,
    "l2" INTEGER NOT NULL,
    "l3" INTEGER NOT NULL,
    "l4" INTEGER NOT NULL,
    "l5" INTEGER NOT NULL,
    "k0" BIGINT NOT NULL,
    "k1" BIGINT NOT NULL,
    "k2" BIGINT NOT NULL,
    "k3" BIGINT NOT NULL,
    "k4" BIGINT NOT NULL,
    "k5" BIGINT NOT NULL,
    "histograms" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "AggregateCell_pkey" PRIMARY KEY ("versionId","scope","industry","region","size")
);

-- CreateTable
CREATE TABLE "AggregateHistogram" (
    "versionId" UUID NOT NULL,
    "scope" VARCHAR(24) NOT NULL,
    "industry" VARCHAR(24) NOT NULL,
    "region" VARCHAR(8) NOT NULL,
    "size" VARCHAR(8) NOT NULL,
    "itemId" VARCHAR(100) NOT NULL,
    "bins" INTEGER[],

    CONSTRAINT "AggregateHistogram_pkey" PRIMARY KEY ("versionId","scope","industry","region","size","itemId")
);

-- CreateTable
CREATE TABLE "RegisteredCell" (
    "industry" VARCHAR(24) NOT NULL,
    "region" VARCHAR(8) NOT NULL,
    "size" VARCHAR(8) NOT NULL,
    "n" INTEGER NOT NULL,
    "keySum" BIGINT NOT NULL,

    CONSTRAINT "RegisteredCell_pkey" PRIMARY KEY ("industry","region","size")
);

-- CreateTable
CREATE TABLE "AggregateState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "dirty" BOOLEAN NOT NULL DEFAULT true,
    "rebuiltAt" TIMESTAMPTZ(3),
    "histogramMin" INTEGER NOT NULL DEFAULT 500,

    CONSTRAINT "AggregateState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AggregatePending" (
    "id" BIGSERIAL NOT NULL,
    "versionId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,

    CONSTRAINT "AggregatePending_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AggregateContribution_versionId_scope_industryCode_province_idx" ON "AggregateContribution"("versionId", "scope", "industryCode", "provinceCode", "sizeBand");

-- CreateIndex
CREATE INDEX "AggregateContribution_versionId_scope_industryCategory_prov_idx" ON "AggregateContribution"("versionId", "scope", "industryCategory", "provinceCode");

-- CreateIndex
CREATE INDEX "AggregateContribution_versionId_scope_regionCode_sizeBand_idx" ON "AggregateContribution"("versionId", "scope", "regionCode", "sizeBand");

-- CreateIndex
CREATE INDEX "AggregateContribution_versionId_scope_cityCode_sizeBand_idx" ON "AggregateContribution"("versionId", "scope", "cityCode", "sizeBand");

-- CreateIndex
CREATE INDEX "AggregateContribution_scope_submittedAt_idx" ON "AggregateContribution"("scope", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AggregateItem_versionId_position_key" ON "AggregateItem"("versionId", "position");

-- CreateIndex
CREATE INDEX "AggregateCell_region_industry_size_versionId_scope_idx" ON "AggregateCell"("region", "industry", "size", "versionId", "scope");

-- CreateIndex
CREATE INDEX "AggregatePending_versionId_organizationId_idx" ON "AggregatePending"("versionId", "organizationId");


-- ---------------------------------------------------------------------------------------------
-- Maintenance of the aggregates (hand-written; docs/benchmarking.md "Maintained aggregates").
--
-- Every change to AssessmentScore / AssessmentItemScore queues (version, organisation) pairs in
-- AggregatePending; at commit a deferred constraint trigger refreshes those organisations'
-- contributions and applies the difference (old −1, new +1) to the cube cells and to the item
-- histograms of large cells, in the same transaction as the change. Bulk writers (the population
-- seeder) set ffi.bulk = 'on' for their transaction instead: the aggregates are marked dirty (reads
-- go to the score rows) until ffi_aggregates_rebuild() recomputes everything set-based.
-- ---------------------------------------------------------------------------------------------

INSERT INTO "AggregateState" (id, dirty) VALUES (1, true);

-- A cell keeps item histograms once it has this many contributors; smaller cells are read from the contributions.
CREATE FUNCTION ffi_histogram_min() RETURNS int LANGUAGE sql STABLE AS $$ SELECT "histogramMin" FROM "AggregateState" WHERE id = 1 $$;

-- Window start of the "current" scope: now − 24 calendar months in UTC (as app/domain/benchmark/window.ts).
CREATE FUNCTION ffi_window_start(at timestamptz) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT ((at AT TIME ZONE 'UTC') - interval '24 months') AT TIME ZONE 'UTC'
$$;

-- The city code as regionParts() derives it: none for a province-level code or a municipality.
CREATE FUNCTION ffi_city_code(region_code text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN length(region_code) >= 4 AND left(region_code, 2) NOT IN ('11', '12', '31', '50') THEN left(region_code, 4) END
$$;

-- STRICT: no score stays no score (greatest() would turn NULL into 0).
CREATE FUNCTION ffi_hundredths(score double precision) RETURNS smallint LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT least(500, greatest(0, floor(score * 100 + 0.5)))::smallint
$$;

-- bins[1 + idx[i]] += delta[i]
CREATE FUNCTION ffi_hist_add(bins int[], idx int[], delta int[]) RETURNS int[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE i int;
BEGIN
  FOR i IN 1 .. coalesce(array_length(idx, 1), 0) LOOP
    bins[idx[i] + 1] := bins[idx[i] + 1] + delta[i];
  END LOOP;
  RETURN bins;
END $$;

-- Registers the item ids of these assessments' scores that the version has no position for yet.
CREATE FUNCTION ffi_register_items(assessment_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM "AssessmentItemScore" i JOIN "AssessmentScore" s ON s."assessmentId" = i."assessmentId"
    WHERE i."assessmentId" = ANY (assessment_ids)
      AND NOT EXISTS (SELECT 1 FROM "AggregateItem" a WHERE a."versionId" = s."questionnaireVersionId" AND a."itemId" = i."itemId")
  ) THEN RETURN; END IF;
  -- Positions are handed out under a lock: two submissions bringing the same new item wait for each other.
  LOCK TABLE "AggregateItem" IN SHARE ROW EXCLUSIVE MODE;
  INSERT INTO "AggregateItem" ("versionId", "itemId", position)
  SELECT n.version_id, n.item_id,
         coalesce((SELECT max(a.position) FROM "AggregateItem" a WHERE a."versionId" = n.version_id), 0)
           + row_number() OVER (PARTITION BY n.version_id ORDER BY n.item_id)
  FROM (
    SELECT DISTINCT s."questionnaireVersionId" AS version_id, i."itemId"::text AS item_id
    FROM "AssessmentItemScore" i JOIN "AssessmentScore" s ON s."assessmentId" = i."assessmentId"
    WHERE i."assessmentId" = ANY (assessment_ids)
      AND NOT EXISTS (SELECT 1 FROM "AggregateItem" a WHERE a."versionId" = s."questionnaireVersionId" AND a."itemId" = i."itemId")
  ) n;
END $$;

-- The item scores of an assessment in hundredths, in the version's AggregateItem order (-1 = no score).
CREATE FUNCTION ffi_item_vector(assessment_id uuid, version_id uuid) RETURNS smallint[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(coalesce(ffi_hundredths(i.score), -1::smallint) ORDER BY a.position), '{}')
  FROM "AggregateItem" a LEFT JOIN "AssessmentItemScore" i ON i."assessmentId" = assessment_id AND i."itemId" = a."itemId"
  WHERE a."versionId" = version_id
$$;

-- Applies _ffi_delta (sign, contribution columns) to the cells and to the histograms of large cells,
-- then gives histograms to cells that have just become large (from the contributions, already updated).
CREATE FUNCTION ffi_apply_delta() RETURNS void LANGUAGE plpgsql AS $$
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
  SELECT "versionId", scope, industry, region, size, "itemId", array_fill(0, ARRAY[501]) FROM _ffi_bins
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT DO NOTHING;
  UPDATE "AggregateHistogram" h SET bins = ffi_hist_add(h.bins, b.idx, b.delta)
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

-- The contributions of one cell, as a WHERE clause on AggregateContribution aliased c (index-friendly).
CREATE FUNCTION ffi_cell_condition(industry text, region text, size text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws(' AND ', 'TRUE',
    CASE left(industry, 2) WHEN 'c:' THEN format('c."industryCategory" = %L', substr(industry, 3)) WHEN 'd:' THEN format('c."industryCode" = %L', substr(industry, 3)) END,
    CASE left(region, 2) WHEN 'p:' THEN format('c."provinceCode" = %L', substr(region, 3)) WHEN 'c:' THEN format('c."cityCode" = %L', substr(region, 3)) WHEN 'd:' THEN format('c."regionCode" = %L', substr(region, 3)) END,
    CASE WHEN size <> '*' THEN format('c."sizeBand" = %L::"SizeBand"', size) END)
$$;

-- (Re)computes the item histograms of one cell from its contributions and marks the cell.
CREATE FUNCTION ffi_build_histograms(version_id uuid, scope_key text, industry_key text, region_key text, size_key text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "AggregateHistogram" WHERE "versionId" = version_id AND scope = scope_key AND industry = industry_key AND region = region_key AND size = size_key;
  EXECUTE format($q$
    INSERT INTO "AggregateHistogram" ("versionId", scope, industry, region, size, "itemId", bins)
    SELECT $1, $2, $3, $4, $5, v.item_id, ffi_hist_add(array_fill(0, ARRAY[501]), array_agg(v.bin), array_agg(v.count))
    FROM (
      SELECT s.item_id, s.bin, count(*)::int AS count
      FROM "AggregateContribution" c
      CROSS JOIN LATERAL (
        SELECT 'overall'::text AS item_id, c.overall::int AS bin
        UNION ALL
        SELECT a."itemId"::text, u.h::int FROM unnest(c.items) WITH ORDINALITY u(h, pos)
        JOIN "AggregateItem" a ON a."versionId" = c."versionId" AND a.position = u.pos
        WHERE u.h >= 0
      ) s
      WHERE c."versionId" = $1 AND c.scope = $2 AND %s
      GROUP BY 1, 2
    ) v
    GROUP BY v.item_id
    ORDER BY v.item_id$q$, ffi_cell_condition(industry_key, region_key, size_key))
  USING version_id, scope_key, industry_key, region_key, size_key;
  UPDATE "AggregateCell" SET histograms = true
  WHERE "versionId" = version_id AND scope = scope_key AND industry = industry_key AND region = region_key AND size = size_key;
END $$;

-- The contribution rows of score rows `s` (one organisation × version each side of the DISTINCT ON).
CREATE VIEW ffi_contribution_candidates AS
  SELECT s."questionnaireVersionId" AS "versionId", s.period, s."organizationId", s."assessmentId", s."submittedAt",
         s."industryCode", s."industryCategory", s."regionCode", s."provinceCode", s."cityCode", s."sizeBand",
         s.level::smallint AS level, s."recordKey", s."organizationId" BETWEEN '5eed5eed-0000-0000-0000-000000000000'::uuid AND '5eed5eed-ffff-ffff-ffff-ffffffffffff'::uuid AS synthetic,
         ffi_hundredths(s.overall) AS overall
  FROM "AssessmentScore" s;

-- Refreshes the contributions of the (version, organisation) pairs in _ffi_refresh and applies the difference.
CREATE FUNCTION ffi_refresh_contributions() RETURNS void LANGUAGE plpgsql AS $$
DECLARE since timestamptz := ffi_window_start(now());
BEGIN
  PERFORM ffi_register_items(ARRAY(
    SELECT s."assessmentId" FROM "AssessmentScore" s JOIN _ffi_refresh r ON r."versionId" = s."questionnaireVersionId" AND r."organizationId" = s."organizationId"));
  CREATE TEMP TABLE IF NOT EXISTS _ffi_delta (sign int, "versionId" uuid, scope text, "organizationId" uuid, "assessmentId" uuid, "submittedAt" timestamptz,
    "industryCode" text, "industryCategory" text, "regionCode" text, "provinceCode" text, "cityCode" text, "sizeBand" "SizeBand",
    level smallint, "recordKey" smallint, synthetic boolean, overall smallint, items smallint[]) ON COMMIT DROP;
  TRUNCATE _ffi_delta;
  WITH removed AS (
    DELETE FROM "AggregateContribution" c USING _ffi_refresh r WHERE c."versionId" = r."versionId" AND c."organizationId" = r."organizationId" RETURNING c.*
  )
  INSERT INTO _ffi_delta SELECT -1, "versionId", scope, "organizationId", "assessmentId", "submittedAt", "industryCode", "industryCategory", "regionCode",
    "provinceCode", "cityCode", "sizeBand", level, "recordKey", synthetic, overall, items FROM removed;
  WITH rows AS (
    SELECT x.* FROM ffi_contribution_candidates x JOIN _ffi_refresh r ON r."versionId" = x."versionId" AND r."organizationId" = x."organizationId"
  ),
  latest AS (
    SELECT DISTINCT ON ("versionId", "organizationId") 'current'::text AS scope, * FROM rows ORDER BY "versionId", "organizationId", "submittedAt" DESC, "assessmentId" DESC
  ),
  per_period AS (
    SELECT DISTINCT ON ("versionId", period, "organizationId") 'p:' || period AS scope, * FROM rows ORDER BY "versionId", period, "organizationId", "submittedAt" DESC, "assessmentId" DESC
  ),
  added AS (
    INSERT INTO "AggregateContribution" ("versionId", scope, "organizationId", "assessmentId", "submittedAt", "industryCode", "industryCategory", "regionCode",
      "provinceCode", "cityCode", "sizeBand", level, "recordKey", synthetic, overall, items)
    SELECT "versionId", scope, "organizationId", "assessmentId", "submittedAt", "industryCode", "industryCategory", "regionCode", "provinceCode", "cityCode",
      "sizeBand", level, "recordKey", synthetic, overall, ffi_item_vector("assessmentId", "versionId")
    FROM (SELECT * FROM latest WHERE "submittedAt" > since UNION ALL SELECT * FROM per_period) n
    RETURNING *
  )
  INSERT INTO _ffi_delta SELECT 1, "versionId", scope, "organizationId", "assessmentId", "submittedAt", "industryCode", "industryCategory", "regionCode",
    "provinceCode", "cityCode", "sizeBand", level, "recordKey", synthetic, overall, items FROM added;
  PERFORM ffi_apply_delta();
END $$;

-- At commit (deferred constraint trigger on AggregatePending): once per transaction, refresh what was queued.
CREATE FUNCTION ffi_flush_pending() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ffi.flushed', true) = txid_current()::text THEN RETURN NULL; END IF;
  PERFORM set_config('ffi.flushed', txid_current()::text, true);
  CREATE TEMP TABLE IF NOT EXISTS _ffi_refresh ("versionId" uuid, "organizationId" uuid) ON COMMIT DROP;
  TRUNCATE _ffi_refresh;
  WITH taken AS (DELETE FROM "AggregatePending" RETURNING "versionId", "organizationId")
  INSERT INTO _ffi_refresh SELECT DISTINCT "versionId", "organizationId" FROM taken;
  IF EXISTS (SELECT 1 FROM _ffi_refresh) AND NOT (SELECT dirty FROM "AggregateState" WHERE id = 1) THEN
    PERFORM ffi_refresh_contributions();
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER ffi_flush_pending AFTER INSERT ON "AggregatePending" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ffi_flush_pending();

CREATE FUNCTION ffi_mark_dirty() RETURNS void LANGUAGE sql AS $$
  UPDATE "AggregateState" SET dirty = true WHERE id = 1 AND NOT dirty
$$;

CREATE FUNCTION ffi_scores_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ffi.bulk', true) = 'on' OR TG_OP = 'TRUNCATE' THEN PERFORM ffi_mark_dirty(); RETURN NULL; END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "AggregatePending" ("versionId", "organizationId") SELECT DISTINCT "questionnaireVersionId", "organizationId" FROM new_rows;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO "AggregatePending" ("versionId", "organizationId") SELECT DISTINCT "questionnaireVersionId", "organizationId" FROM old_rows;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER ffi_scores_insert AFTER INSERT ON "AssessmentScore" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ffi_scores_changed();
CREATE TRIGGER ffi_scores_update AFTER UPDATE ON "AssessmentScore" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ffi_scores_changed();
CREATE TRIGGER ffi_scores_delete AFTER DELETE ON "AssessmentScore" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ffi_scores_changed();
CREATE TRIGGER ffi_scores_truncate AFTER TRUNCATE ON "AssessmentScore" FOR EACH STATEMENT EXECUTE FUNCTION ffi_scores_changed();

-- Item scores written after their score row (a separate statement or transaction) refresh it too.
CREATE FUNCTION ffi_item_scores_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ffi.bulk', true) = 'on' OR TG_OP = 'TRUNCATE' THEN PERFORM ffi_mark_dirty(); RETURN NULL; END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "AggregatePending" ("versionId", "organizationId")
    SELECT DISTINCT s."questionnaireVersionId", s."organizationId" FROM new_rows i JOIN "AssessmentScore" s ON s."assessmentId" = i."assessmentId";
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO "AggregatePending" ("versionId", "organizationId")
    SELECT DISTINCT s."questionnaireVersionId", s."organizationId" FROM old_rows i JOIN "AssessmentScore" s ON s."assessmentId" = i."assessmentId";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER ffi_item_scores_insert AFTER INSERT ON "AssessmentItemScore" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ffi_item_scores_changed();
CREATE TRIGGER ffi_item_scores_update AFTER UPDATE ON "AssessmentItemScore" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ffi_item_scores_changed();
CREATE TRIGGER ffi_item_scores_delete AFTER DELETE ON "AssessmentItemScore" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ffi_item_scores_changed();
CREATE TRIGGER ffi_item_scores_truncate AFTER TRUNCATE ON "AssessmentItemScore" FOR EACH STATEMENT EXECUTE FUNCTION ffi_item_scores_changed();

-- Registered factories: one profile row adds (+1) or removes (−1) itself from its cells.
CREATE FUNCTION ffi_registered_add(industry_code text, region_code text, size_band text, record_key int, sign int) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "RegisteredCell" AS c (industry, region, size, n, "keySum")
  SELECT ik.industry, rk.region, sk.size, sign, sign * record_key
  FROM (SELECT category FROM "Industry" WHERE code = industry_code) i
  CROSS JOIN LATERAL (VALUES ('*'::text), ('c:' || i.category), ('d:' || industry_code)) ik(industry)
  CROSS JOIN LATERAL (VALUES ('*'::text), ('p:' || left(region_code, 2)), ('c:' || ffi_city_code(region_code)), ('d:' || region_code)) rk(region)
  CROSS JOIN LATERAL (VALUES ('*'::text), (size_band)) sk(size)
  WHERE rk.region IS NOT NULL
  ORDER BY 1, 2, 3
  ON CONFLICT (industry, region, size) DO UPDATE SET n = c.n + excluded.n, "keySum" = c."keySum" + excluded."keySum"
$$;

CREATE FUNCTION ffi_profile_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ffi.bulk', true) = 'on' THEN PERFORM ffi_mark_dirty(); RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND OLD."industryCode" = NEW."industryCode" AND OLD."regionCode" = NEW."regionCode" AND OLD."sizeBand" = NEW."sizeBand" AND OLD."recordKey" = NEW."recordKey" THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM ffi_registered_add(OLD."industryCode", OLD."regionCode", OLD."sizeBand"::text, OLD."recordKey", -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM ffi_registered_add(NEW."industryCode", NEW."regionCode", NEW."sizeBand"::text, NEW."recordKey", 1); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER ffi_profile_changed AFTER INSERT OR UPDATE OR DELETE ON "FactoryProfile" FOR EACH ROW EXECUTE FUNCTION ffi_profile_changed();
CREATE TRIGGER ffi_profile_truncate AFTER TRUNCATE ON "FactoryProfile" FOR EACH STATEMENT EXECUTE FUNCTION ffi_scores_changed();

-- Contributions leaving the 24-month window (hourly job): removed and subtracted. Returns how many.
CREATE FUNCTION ffi_aggregates_expire(since timestamptz) RETURNS int LANGUAGE plpgsql AS $$
DECLARE removed int;
BEGIN
  IF (SELECT dirty FROM "AggregateState" WHERE id = 1) THEN RETURN 0; END IF;
  CREATE TEMP TABLE IF NOT EXISTS _ffi_delta (sign int, "versionId" uuid, scope text, "organizationId" uuid, "assessmentId" uuid, "submittedAt" timestamptz,
    "industryCode" text, "industryCategory" text, "regionCode" text, "provinceCode" text, "cityCode" text, "sizeBand" "SizeBand",
    level smallint, "recordKey" smallint, synthetic boolean, overall smallint, items smallint[]) ON COMMIT DROP;
  TRUNCATE _ffi_delta;
  WITH gone AS (DELETE FROM "AggregateContribution" c WHERE c.scope = 'current' AND c."submittedAt" <= since RETURNING c.*)
  INSERT INTO _ffi_delta SELECT -1, "versionId", scope, "organizationId", "assessmentId", "submittedAt", "industryCode", "industryCategory", "regionCode",
    "provinceCode", "cityCode", "sizeBand", level, "recordKey", synthetic, overall, items FROM gone;
  GET DIAGNOSTICS removed = ROW_COUNT;
  IF removed > 0 THEN PERFORM ffi_apply_delta(); END IF;
  DELETE FROM "AggregateCell" WHERE n = 0 AND NOT histograms;
  RETURN removed;
END $$;

-- Everything recomputed from the score rows and profiles, set-based (after a bulk load, or when dirty).
CREATE FUNCTION ffi_aggregates_rebuild() RETURNS void LANGUAGE plpgsql AS $$
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

  FOR cell IN SELECT "versionId", scope, industry, region, size FROM "AggregateCell" WHERE n >= ffi_histogram_min() ORDER BY 1, 2, 3, 4, 5 LOOP
    PERFORM ffi_build_histograms(cell."versionId", cell.scope, cell.industry, cell.region, cell.size);
  END LOOP;

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

-- A database that already holds assessments gets its aggregates now; an empty one starts clean.
SELECT ffi_aggregates_rebuild();
