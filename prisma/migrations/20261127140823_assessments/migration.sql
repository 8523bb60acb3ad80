-- CreateEnum
CREATE TYPE "AssessmentStatus" AS ENUM ('DRAFT', 'SUBMITTED');

-- CreateTable
CREATE TABLE "Assessment" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "questionnaireVersionId" UUID NOT NULL,
    "period" VARCHAR(20) NOT NULL,
    "status" "AssessmentStatus" NOT NULL DEFAULT 'DRAFT',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "answers" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB,
    "revisedFromId" UUID,
    "createdById" UUID,
    "updatedById" UUID,
    "submittedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "submittedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentScore" (
    "assessmentId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "questionnaireVersionId" UUID NOT NULL,
    "period" VARCHAR(20) NOT NULL,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL,
    "industryCode" VARCHAR(2) NOT NULL,
    "industryCategory" VARCHAR(20) NOT NULL,
    "regionCode" VARCHAR(6) NOT NULL,
    "provinceCode" VARCHAR(2) NOT NULL,
    "cityCode" VARCHAR(4),
    "sizeBand" "SizeBand" NOT NULL,
    "overall" DOUBLE PRECISION NOT NULL,
    "level" INTEGER NOT NULL,

    CONSTRAINT "AssessmentScore_pkey" PRIMARY KEY ("assessmentId")
);

-- CreateTable
CREATE TABLE "AssessmentItemScore" (
    "assessmentId" UUID NOT NULL,
    "itemType" VARCHAR(12) NOT NULL,
    "itemId" VARCHAR(100) NOT NULL,
    "score" DOUBLE PRECISION,

    CONSTRAINT "AssessmentItemScore_pkey" PRIMARY KEY ("assessmentId","itemId")
);

-- CreateIndex
CREATE INDEX "Assessment_organizationId_createdAt_idx" ON "Assessment"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "AssessmentScore_questionnaireVersionId_submittedAt_idx" ON "AssessmentScore"("questionnaireVersionId", "submittedAt");

-- CreateIndex
CREATE INDEX "AssessmentScore_organizationId_submittedAt_idx" ON "AssessmentScore"("organizationId", "submittedAt");

-- CreateIndex
CREATE INDEX "AssessmentItemScore_itemId_idx" ON "AssessmentItemScore"("itemId");

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_questionnaireVersionId_fkey" FOREIGN KEY ("questionnaireVersionId") REFERENCES "QuestionnaireVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_revisedFromId_fkey" FOREIGN KEY ("revisedFromId") REFERENCES "Assessment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentScore" ADD CONSTRAINT "AssessmentScore_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentItemScore" ADD CONSTRAINT "AssessmentItemScore_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: at most one open draft per organisation and period (a double-clicked "start"
-- cannot create two), and submitted assessments are immutable in the database itself, not only in code.
CREATE UNIQUE INDEX "Assessment_one_draft_per_period" ON "Assessment"("organizationId", "period") WHERE "status" = 'DRAFT';

CREATE FUNCTION "assessment_submitted_is_immutable"() RETURNS trigger AS $$
BEGIN
  IF OLD."status" = 'SUBMITTED' AND (
       NEW."answers" IS DISTINCT FROM OLD."answers"
    OR NEW."result" IS DISTINCT FROM OLD."result"
    OR NEW."status" IS DISTINCT FROM OLD."status"
    OR NEW."period" IS DISTINCT FROM OLD."period"
    OR NEW."questionnaireVersionId" IS DISTINCT FROM OLD."questionnaireVersionId"
    OR NEW."submittedAt" IS DISTINCT FROM OLD."submittedAt") THEN
    RAISE EXCEPTION 'submitted assessment % is immutable', OLD."id" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "assessment_submitted_is_immutable"
  BEFORE UPDATE ON "Assessment"
  FOR EACH ROW EXECUTE FUNCTION "assessment_submitted_is_immutable"();
