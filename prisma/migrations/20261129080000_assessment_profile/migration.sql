-- AlterTable
ALTER TABLE "Assessment" ADD COLUMN     "profile" JSONB;
