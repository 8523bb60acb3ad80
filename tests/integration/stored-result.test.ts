/**
 * Stored result format 3 (ADR 0020) against the real database: a real submission is written
 * compact and reads back exactly as the engine scored it (through jsonb and the driver, not just
 * JSON.stringify), and results written before it (format 2) still read back unchanged — submitted
 * results are immutable, so old rows are never rewritten.
 */
import { describe, expect, it } from "vitest";
import { parseStoredResult } from "~/domain/assessment/stored";
import { submitAssessment } from "~/models/assessment.server";
import * as resultsRoute from "~/routes/o.$orgId.assessments.$assessmentId.results";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { completeAnswers, createFactoryWithDraft } from "../support/assessments";
import { call } from "../support/routes";

/** Every number at 12 significant digits (see the note on Prisma's JSON numbers below). */
const roundTo12 = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" ? Number(v.toPrecision(12)) : v)));
const params = (orgId: string, assessmentId: string) => ({ orgId, assessmentId });

describe("stored results, format 3", () => {
  it("a real submission is stored compact and reads back what format 2 read back", { timeout: 60_000 }, async () => {
    const { factory, orgId, draftId } = await createFactoryWithDraft();
    // Mixed bands, so answered questions carry different values and scores.
    const answers = Object.fromEntries(Object.entries(await completeAnswers(3)).map(([id, answer], index) => [id, index % 3 === 0 ? { value: index % 2 } : answer]));
    await prisma.assessment.update({ where: { id: draftId }, data: { answers } });
    const outcome = await submitAssessment(orgId, draftId, factory.owner.id);
    if (outcome.status !== "submitted") throw new Error(`submit: ${outcome.status}`);

    const row = await prisma.assessment.findUniqueOrThrow({ where: { id: draftId }, select: { result: true } });
    expect(row.result).toMatchObject({ format: 3 });
    // What the same result written in format 2 through the same path (Prisma) reads back as.
    const other = await createFactoryWithDraft();
    await prisma.assessment.update({ where: { id: other.draftId }, data: { result: { format: 2, ...outcome.result } as unknown as Prisma.InputJsonObject } });
    const format2 = parseStoredResult((await prisma.assessment.findUniqueOrThrow({ where: { id: other.draftId }, select: { result: true } })).result);
    expect(parseStoredResult(row.result)).toEqual(format2);
    // (Both differ from the engine's doubles in the 16th–17th digit: Prisma's JSON write path keeps
    // 15–16 significant digits, whatever the format. The COPY path of the population keeps all.)
    expect(roundTo12(parseStoredResult(row.result))).toEqual(roundTo12(outcome.result));
    expect(outcome.result.questions.filter((question) => question.status === "answered").length).toBeGreaterThan(10);
    // Compact in the database too (the json column's text, before TOAST compression, against format 2's).
    const [sizes] = await prisma.$queryRaw<{ compact: number; format2: number }[]>`
      SELECT octet_length(result::text) AS compact, octet_length(${JSON.stringify({ format: 2, ...outcome.result })}::text) AS format2 FROM "Assessment" WHERE id = ${draftId}::uuid`;
    expect(sizes!.compact).toBeLessThan(sizes!.format2 * 0.65);

    // The results page shows what was submitted.
    const page = await call(resultsRoute.loader, { path: "/x", params: params(orgId, draftId), cookie: factory.cookie });
    expect(page.status).toBe(200);
    expect((page.data as { report: { level: number; overall: number } }).report).toMatchObject({ level: format2.level, overall: format2.overall });
  });

  it("is kept as the text written (json, ADR 0035), and a submitted one cannot be changed, not even in its spacing", async () => {
    const { factory, orgId, draftId } = await createFactoryWithDraft();
    await prisma.assessment.update({ where: { id: draftId }, data: { answers: await completeAnswers(2) } });
    const outcome = await submitAssessment(orgId, draftId, factory.owner.id);
    if (outcome.status !== "submitted") throw new Error(`submit: ${outcome.status}`);
    const stored = async () => (await prisma.$queryRaw<{ type: string; text: string }[]>`
      SELECT pg_typeof(result)::text AS type, result::text AS text FROM "Assessment" WHERE id = ${draftId}::uuid`)[0]!;
    const before = await stored();
    expect(before.type).toBe("json");
    // The text as Prisma wrote it: no spaces added (jsonb would print "key": value).
    expect(before.text).toBe(JSON.stringify(JSON.parse(before.text)));

    // The immutability trigger compares the text: a change of value and a change of spacing alone are both refused…
    await expect(prisma.$executeRaw`UPDATE "Assessment" SET result = jsonb_set(result::jsonb, '{level}', '0')::json WHERE id = ${draftId}::uuid`).rejects.toThrow(/immutable/);
    await expect(prisma.$executeRaw`UPDATE "Assessment" SET result = (result::text || ' ')::json WHERE id = ${draftId}::uuid`).rejects.toThrow(/immutable/);
    // …while a column that is not frozen can still change, the result untouched.
    expect(await prisma.$executeRaw`UPDATE "Assessment" SET "updatedById" = NULL WHERE id = ${draftId}::uuid`).toBe(1);
    expect(await stored()).toEqual(before);
    expect(parseStoredResult((await prisma.assessment.findUniqueOrThrow({ where: { id: draftId }, select: { result: true } })).result)).toEqual(parseStoredResult(JSON.parse(before.text)));
  });

  it("a result stored in format 2, before ADR 0020, reads back unchanged", async () => {
    const { factory, orgId, draftId } = await createFactoryWithDraft();
    await prisma.assessment.update({ where: { id: draftId }, data: { answers: await completeAnswers(2) } });
    const outcome = await submitAssessment(orgId, draftId, factory.owner.id);
    if (outcome.status !== "submitted") throw new Error(`submit: ${outcome.status}`);
    // The same submission as the code before ADR 0020 wrote it (a second factory: one submission per period).
    const older = await createFactoryWithDraft();
    await prisma.assessment.update({ where: { id: older.draftId }, data: { answers: await completeAnswers(2) } });
    await prisma.$executeRaw`UPDATE "Assessment" SET status = 'SUBMITTED', "submittedAt" = now(), result = ${JSON.stringify({ format: 2, ...outcome.result })}::jsonb WHERE id = ${older.draftId}::uuid`;

    const row = await prisma.assessment.findUniqueOrThrow({ where: { id: older.draftId }, select: { result: true } });
    expect(row.result).toMatchObject({ format: 2 });
    // Written with ::jsonb from the JSON text, so exact to the last digit.
    expect(parseStoredResult(row.result)).toEqual(outcome.result);
    const page = await call(resultsRoute.loader, { path: "/x", params: params(older.orgId, older.draftId), cookie: older.factory.cookie });
    expect(page.status).toBe(200);
    expect((page.data as { report: { level: number; overall: number } }).report).toMatchObject({ level: outcome.result.level, overall: outcome.result.overall });
  });
});
