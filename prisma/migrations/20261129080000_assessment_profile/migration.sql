-- AlterTable
ALTER TABLE "Assessment" ADD COLUMN     "profile" JSONB;

-- Hand-written: the plant profile is part of what a submitted assessment was scored against, so
-- it is frozen with the answers and the result (ADR 0007, ADR 0014).
CREATE OR REPLACE FUNCTION "assessment_submitted_is_immutable"() RETURNS trigger AS $$
BEGIN
  IF OLD."status" = 'SUBMITTED' AND (
       NEW."answers" IS DISTINCT FROM OLD."answers"
    OR NEW."result" IS DISTINCT FROM OLD."result"
    OR NEW."profile" IS DISTINCT FROM OLD."profile"
    OR NEW."status" IS DISTINCT FROM OLD."status"
    OR NEW."period" IS DISTINCT FROM OLD."period"
    OR NEW."questionnaireVersionId" IS DISTINCT FROM OLD."questionnaireVersionId"
    OR NEW."submittedAt" IS DISTINCT FROM OLD."submittedAt") THEN
    RAISE EXCEPTION 'submitted assessment % is immutable', OLD."id" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
