-- CreateIndex
CREATE INDEX "AssessmentScore_organizationId_questionnaireVersionId_submi_idx" ON "AssessmentScore"("organizationId", "questionnaireVersionId", "submittedAt", "assessmentId");


-- Hand-written: covering indexes for peer benchmarks (Prisma cannot express INCLUDE). Chosen from
-- EXPLAIN ANALYZE on a 100,000-factory population, see docs/benchmarking.md. One per leading filter
-- of a peer group (division, category, province); each carries every column the peer queries read,
-- so peer groups are index-only scans. PostgreSQL 18 skip scans cover the filters in between.
CREATE INDEX "AssessmentScore_benchmark_division_idx" ON "AssessmentScore"("questionnaireVersionId", "industryCode", "sizeBand", "submittedAt")
  INCLUDE ("organizationId", "assessmentId", "overall", "level", "provinceCode", "cityCode", "regionCode");

CREATE INDEX "AssessmentScore_benchmark_category_idx" ON "AssessmentScore"("questionnaireVersionId", "industryCategory", "sizeBand", "submittedAt")
  INCLUDE ("organizationId", "assessmentId", "overall", "level", "provinceCode", "cityCode", "regionCode", "industryCode");

CREATE INDEX "AssessmentScore_benchmark_region_idx" ON "AssessmentScore"("questionnaireVersionId", "provinceCode", "sizeBand", "submittedAt")
  INCLUDE ("organizationId", "assessmentId", "overall", "level", "cityCode", "regionCode", "industryCode", "industryCategory");

-- The dimension and capability scores of a set of peers, read without touching the table.
CREATE INDEX "AssessmentItemScore_benchmark_idx" ON "AssessmentItemScore"("assessmentId", "itemId") INCLUDE ("score");
