-- AlterTable (ADR 0035): the stored result is kept as the text written, not parsed into jsonb.
ALTER TABLE "Assessment" ALTER COLUMN "result" SET DATA TYPE JSON USING "result"::json;

-- Hand-written: json has no equality operator, so the immutability trigger (ADR 0007, ADR 0014)
-- compares the result's text. json keeps the text as written, so this is byte for byte: stricter
-- than jsonb's equality, never looser (an update that leaves the column alone keeps its text).
CREATE OR REPLACE FUNCTION "assessment_submitted_is_immutable"() RETURNS trigger AS $$
BEGIN
  IF OLD."status" = 'SUBMITTED' AND (
       NEW."answers" IS DISTINCT FROM OLD."answers"
    OR NEW."result"::text IS DISTINCT FROM OLD."result"::text
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
