-- ADR 0039: AssessmentItemScore keeps one index, its primary key ("assessmentId", "itemId").
-- Every statement that reads the table finds its rows by "assessmentId" (the live oracle, the
-- portfolio, ffi_register_items, ffi_item_vector, ffi_rebuild_items): the key serves them all.
-- "itemId" alone is never a filter, and the covering copy of the key only spared the live fallback a
-- heap visit while the maintained aggregates answer every page. Each cost ≈ 50 s of the 1,000,000-
-- factory seeding and a b-tree insert per item on every submission.
DROP INDEX "AssessmentItemScore_itemId_idx";
DROP INDEX "AssessmentItemScore_benchmark_idx";
