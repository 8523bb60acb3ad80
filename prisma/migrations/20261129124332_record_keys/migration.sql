-- AlterTable
ALTER TABLE "AssessmentScore" ADD COLUMN     "recordKey" SMALLINT NOT NULL DEFAULT floor(random() * 256);

