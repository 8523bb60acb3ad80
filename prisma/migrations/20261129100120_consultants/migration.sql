-- CreateEnum
CREATE TYPE "EngagementScope" AS ENUM ('READ', 'VALIDATE', 'EDIT');

-- CreateEnum
CREATE TYPE "EngagementState" AS ENUM ('REQUESTED', 'ACTIVE', 'DECLINED', 'ENDED', 'REVOKED');

-- CreateEnum
CREATE TYPE "EngagementInitiator" AS ENUM ('CONSULTANCY', 'FACTORY');

-- CreateEnum
CREATE TYPE "ValidationStatus" AS ENUM ('DRAFT', 'ISSUED');

-- CreateTable
CREATE TABLE "ConsultancyProfile" (
    "organizationId" UUID NOT NULL,
    "creditCode" VARCHAR(18),
    "logo" BYTEA,
    "logoType" VARCHAR(20),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConsultancyProfile_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "Engagement" (
    "id" UUID NOT NULL,
    "consultancyId" UUID NOT NULL,
    "factoryId" UUID NOT NULL,
    "scope" "EngagementScope" NOT NULL,
    "allAssessments" BOOLEAN NOT NULL DEFAULT true,
    "state" "EngagementState" NOT NULL DEFAULT 'REQUESTED',
    "initiatedBy" "EngagementInitiator" NOT NULL,
    "requestedById" UUID NOT NULL,
    "message" TEXT,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "endedById" UUID,
    "endedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Engagement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EngagementAssessment" (
    "engagementId" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,

    CONSTRAINT "EngagementAssessment_pkey" PRIMARY KEY ("engagementId","assessmentId")
);

-- CreateTable
CREATE TABLE "AuditLogEntry" (
    "id" BIGSERIAL NOT NULL,
    "factoryId" UUID NOT NULL,
    "consultancyId" UUID NOT NULL,
    "engagementId" UUID,
    "userId" UUID,
    "userName" TEXT NOT NULL,
    "action" VARCHAR(40) NOT NULL,
    "target" VARCHAR(300) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Validation" (
    "id" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,
    "engagementId" UUID,
    "consultancyId" UUID NOT NULL,
    "factoryId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "ValidationStatus" NOT NULL DEFAULT 'DRAFT',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "reviews" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB,
    "overall" DOUBLE PRECISION,
    "level" INTEGER,
    "createdById" UUID NOT NULL,
    "issuedById" UUID,
    "issuedByName" TEXT,
    "consultancyName" TEXT,
    "issuedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Validation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultantRecommendation" (
    "assessmentId" UUID NOT NULL,
    "consultancyId" UUID NOT NULL,
    "capabilityId" VARCHAR(100) NOT NULL,
    "text" TEXT NOT NULL,
    "updatedById" UUID NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConsultantRecommendation_pkey" PRIMARY KEY ("assessmentId","consultancyId","capabilityId")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,
    "questionId" VARCHAR(100) NOT NULL,
    "authorId" UUID,
    "authorName" TEXT NOT NULL,
    "authorOrgId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommentRead" (
    "userId" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,
    "lastReadAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CommentRead_pkey" PRIMARY KEY ("userId","assessmentId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConsultancyProfile_creditCode_key" ON "ConsultancyProfile"("creditCode");

-- CreateIndex
CREATE INDEX "Engagement_consultancyId_state_idx" ON "Engagement"("consultancyId", "state");

-- CreateIndex
CREATE INDEX "Engagement_factoryId_state_idx" ON "Engagement"("factoryId", "state");

-- CreateIndex
CREATE INDEX "EngagementAssessment_assessmentId_idx" ON "EngagementAssessment"("assessmentId");

-- CreateIndex
CREATE INDEX "AuditLogEntry_factoryId_createdAt_idx" ON "AuditLogEntry"("factoryId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLogEntry_consultancyId_createdAt_idx" ON "AuditLogEntry"("consultancyId", "createdAt");

-- CreateIndex
CREATE INDEX "Validation_consultancyId_status_idx" ON "Validation"("consultancyId", "status");

-- CreateIndex
CREATE INDEX "Validation_factoryId_idx" ON "Validation"("factoryId");

-- CreateIndex
CREATE UNIQUE INDEX "Validation_assessmentId_version_key" ON "Validation"("assessmentId", "version");

-- CreateIndex
CREATE INDEX "Comment_assessmentId_questionId_createdAt_idx" ON "Comment"("assessmentId", "questionId", "createdAt");

-- AddForeignKey
ALTER TABLE "ConsultancyProfile" ADD CONSTRAINT "ConsultancyProfile_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Engagement" ADD CONSTRAINT "Engagement_consultancyId_fkey" FOREIGN KEY ("consultancyId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Engagement" ADD CONSTRAINT "Engagement_factoryId_fkey" FOREIGN KEY ("factoryId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EngagementAssessment" ADD CONSTRAINT "EngagementAssessment_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EngagementAssessment" ADD CONSTRAINT "EngagementAssessment_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLogEntry" ADD CONSTRAINT "AuditLogEntry_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Validation" ADD CONSTRAINT "Validation_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Validation" ADD CONSTRAINT "Validation_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written: at most one open (requested or active) engagement per consultancy and factory, so a
-- double-clicked request cannot create two.
CREATE UNIQUE INDEX "Engagement_one_open_per_pair" ON "Engagement"("consultancyId", "factoryId") WHERE "state" IN ('REQUESTED', 'ACTIVE');

-- At most one working copy (draft validation) per assessment.
CREATE UNIQUE INDEX "Validation_one_draft_per_assessment" ON "Validation"("assessmentId") WHERE "status" = 'DRAFT';

-- An issued validation is signed and immutable in the database itself, not only in code.
CREATE FUNCTION "validation_issued_is_immutable"() RETURNS trigger AS $$
BEGIN
  IF OLD."status" = 'ISSUED' AND (
       NEW."reviews" IS DISTINCT FROM OLD."reviews"
    OR NEW."result" IS DISTINCT FROM OLD."result"
    OR NEW."status" IS DISTINCT FROM OLD."status"
    OR NEW."overall" IS DISTINCT FROM OLD."overall"
    OR NEW."level" IS DISTINCT FROM OLD."level"
    OR NEW."version" IS DISTINCT FROM OLD."version"
    OR NEW."assessmentId" IS DISTINCT FROM OLD."assessmentId"
    OR NEW."issuedById" IS DISTINCT FROM OLD."issuedById"
    OR NEW."issuedByName" IS DISTINCT FROM OLD."issuedByName"
    OR NEW."consultancyName" IS DISTINCT FROM OLD."consultancyName"
    OR NEW."issuedAt" IS DISTINCT FROM OLD."issuedAt") THEN
    RAISE EXCEPTION 'issued validation % is immutable', OLD."id" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "validation_issued_is_immutable"
  BEFORE UPDATE ON "Validation"
  FOR EACH ROW EXECUTE FUNCTION "validation_issued_is_immutable"();

-- The audit log is append-only: entries are never edited (deleting a whole organisation cascades).
CREATE FUNCTION "audit_log_is_append_only"() RETURNS trigger AS $$
BEGIN
  IF NEW."factoryId" IS DISTINCT FROM OLD."factoryId"
    OR NEW."consultancyId" IS DISTINCT FROM OLD."consultancyId"
    OR NEW."userName" IS DISTINCT FROM OLD."userName"
    OR NEW."action" IS DISTINCT FROM OLD."action"
    OR NEW."target" IS DISTINCT FROM OLD."target"
    OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt" THEN
    RAISE EXCEPTION 'audit log entry % cannot be changed', OLD."id" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "audit_log_is_append_only"
  BEFORE UPDATE ON "AuditLogEntry"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_is_append_only"();
