/**
 * `npm run db:backup` / `db:restore` (server/backup.ts): a round trip restores every table exactly
 * as it was at backup time; damaged, foreign or future files, unknown migrations, connected clients
 * and a non-empty target without --yes are refused and change nothing.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentQuestionnaireVersion, loadQuestionnaireVersion, reviseAssessment, saveAnswers, savePlantProfile, startAssessment, submitAssessment } from "~/models/assessment.server";
import { recordLoginAttempt } from "~/models/login-attempts.server";
import { sendEmail } from "~/models/mail.server";
import { createInvitation } from "~/models/membership.server";
import { disconnectPrisma, prisma } from "~/utils/db.server";
import { BackupError, createBackup, restoreBackup, type BackupHeader } from "../../server/backup";
import { completeAnswers, createFactoryOwner, TEST_PLANT_PROFILE } from "../support/assessments";
import { addMember, cookieFor, createTestUser } from "../support/routes";

const databaseUrl = () => process.env.DATABASE_URL!;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-backup-test-"));
const backupFile = path.join(dir, "at-backup.ffibackup");

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every table of `public` (found in the catalog, not listed by hand): row count and md5 of all rows in a fixed order. */
async function snapshot(url = databaseUrl()): Promise<Record<string, { rows: number; md5: string }>> {
  return withClient(url, async (client) => {
    const tables = await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename COLLATE "C"`);
    const result: Record<string, { rows: number; md5: string }> = {};
    for (const { name } of tables.rows) {
      const row = await client.query<{ rows: number; md5: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM public."${name}" t`,
      );
      result[name] = row.rows[0]!;
    }
    return result;
  });
}

let atBackup: Awaited<ReturnType<typeof snapshot>>;
let header: BackupHeader;
let orgId: string;
let ownerId: string;
let submittedId: string;
let revisedId: string;
let maxLoginAttemptId: bigint;

beforeAll(async () => {
  // Data of every kind: users, sessions, organisations, members, profile, a submitted assessment
  // with score rows, an open draft, invitations, outbox e-mail, login attempts.
  const factory = await createFactoryOwner("备份工厂");
  orgId = factory.organization.id;
  ownerId = factory.owner.id;
  const editor = await createTestUser({ locale: "en" });
  await addMember(orgId, editor.id, "EDITOR");
  await cookieFor(editor.id);
  const started = await startAssessment(orgId, ownerId, "2026");
  if (started.status !== "created") throw new Error("draft expected");
  submittedId = started.id;
  // On a questionnaire with a plant profile (2.0.0 on) the draft states one first (revision 1).
  const { questionnaire } = await loadQuestionnaireVersion((await currentQuestionnaireVersion()).id);
  if (questionnaire.usesPlantProfile) await savePlantProfile(orgId, submittedId, ownerId, TEST_PLANT_PROFILE);
  const revision = questionnaire.usesPlantProfile ? 1 : 0;
  expect((await saveAnswers(orgId, submittedId, ownerId, { revision, changes: await completeAnswers(3) })).status).toBe("saved");
  expect((await submitAssessment(orgId, submittedId, ownerId)).status).toBe("submitted");
  const revised = await reviseAssessment(orgId, submittedId, editor.id);
  if (revised.status !== "created") throw new Error("revision expected");
  revisedId = revised.id;
  expect((await createInvitation(orgId, ownerId, "invitee-1@example.com", "VIEWER")).status).toBe("created");
  expect((await createInvitation(orgId, ownerId, "invitee-2@example.com", "EDITOR")).status).toBe("created");
  await sendEmail({ to: "someone@example.com", subject: "备份测试", body: "正文, with \"quotes\",\nnew lines and a tab\t." });
  for (const succeeded of [false, false, true]) await recordLoginAttempt(factory.owner.email, "127.0.0.1", succeeded);
  maxLoginAttemptId = (await prisma.loginAttempt.aggregate({ _max: { id: true } }))._max.id!;

  atBackup = await snapshot();
  header = await createBackup(databaseUrl(), backupFile);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Changes of every kind after the backup: insert, update, delete, submit. */
async function changeThings() {
  await createTestUser({ email: `after-${crypto.randomUUID()}@example.com` });
  await prisma.organization.update({ where: { id: orgId }, data: { name: "改过的名字" } });
  await prisma.invitation.deleteMany({ where: { email: "invitee-1@example.com" } });
  const submitted = await submitAssessment(orgId, revisedId, ownerId);
  expect(["submitted", "already-submitted"]).toContain(submitted.status);
  await recordLoginAttempt("after@example.com", "10.0.0.1", false);
}

async function expectRefused(file: string, message: RegExp, options = { yes: true }) {
  await disconnectPrisma();
  const before = await snapshot();
  const error = await restoreBackup(databaseUrl(), file, options).catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(BackupError);
  expect((error as Error).message).toMatch(message);
  expect(await snapshot()).toEqual(before);
}

/** A copy of the backup with one byte of the data section (or of the header line) flipped. */
function damagedCopy(name: string, where: "data" | "header") {
  const bytes = fs.readFileSync(backupFile);
  const firstNewline = bytes.indexOf(0x0a);
  const secondNewline = bytes.indexOf(0x0a, firstNewline + 1);
  const position = where === "header" ? firstNewline + 20 : Math.floor((secondNewline + 1 + bytes.length) / 2);
  bytes[position] = bytes[position]! ^ 0x01;
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** A copy whose header is rewritten (with a matching header checksum, as a newer app would write it). */
function rewrittenCopy(name: string, edit: (firstLine: string, header: Record<string, unknown>) => [string, Record<string, unknown>]) {
  const bytes = fs.readFileSync(backupFile);
  const firstNewline = bytes.indexOf(0x0a);
  const secondNewline = bytes.indexOf(0x0a, firstNewline + 1);
  const [firstLine, edited] = edit(bytes.subarray(0, firstNewline).toString(), JSON.parse(bytes.subarray(firstNewline + 1, secondNewline).toString()) as Record<string, unknown>);
  const headerLine = JSON.stringify(edited);
  const sha = crypto.createHash("sha256").update(headerLine).digest("hex");
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`${firstLine.replace(/ [0-9a-f]{64}$/, "")} ${sha}\n${headerLine}\n`), bytes.subarray(secondNewline + 1)]));
  return file;
}

describe("backup", () => {
  it("holds every table of the database with its row count, the applied migrations and the PostgreSQL version", async () => {
    for (const table of ["User", "Session", "LoginAttempt", "Organization", "Membership", "FactoryProfile", "Invitation", "OutboxEmail", "Assessment", "AssessmentScore", "AssessmentItemScore", "QuestionnaireVersion", "_prisma_migrations"]) {
      expect(atBackup[table]?.rows, table).toBeGreaterThan(0);
    }
    expect(header.tables.map((table) => table.name).sort()).toEqual(Object.keys(atBackup).sort());
    for (const table of header.tables) expect(table.rows, table.name).toBe(atBackup[table.name]!.rows);
    const migrations = await prisma.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(header.migrations.map((migration) => migration.name)).toEqual(migrations.map((row) => row.migration_name));
    expect(header.postgresVersion).toMatch(/^\d+/);
    expect(fs.readFileSync(backupFile).subarray(0, 12).toString()).toBe("FFIBACKUP 1 ");
    // Password hashes and session ids: readable by the owner only.
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
  });
});

describe("restore", () => {
  it("brings back every table exactly as it was at backup time, with triggers and sequences working afterwards", async () => {
    await changeThings();
    expect(await snapshot()).not.toEqual(atBackup);

    await disconnectPrisma(); // the "app" must not be connected
    const result = await restoreBackup(databaseUrl(), backupFile, { yes: true });
    expect(result.replaced.map((table) => table.name)).toContain("Assessment");
    expect(await snapshot()).toEqual(atBackup);

    // The immutability trigger is active again after the restore.
    await expect(prisma.assessment.update({ where: { id: submittedId }, data: { period: "2025" } })).rejects.toThrow();
    // The BIGSERIAL sequence continues after the restored ids.
    await recordLoginAttempt("next@example.com", "127.0.0.1", false);
    const next = await prisma.loginAttempt.findFirstOrThrow({ where: { email: "next@example.com" } });
    expect(next.id).toBeGreaterThan(maxLoginAttemptId);
  });

  it("refuses to replace data without --yes, naming what would be replaced", async () => {
    await changeThings();
    await expectRefused(backupFile, /already holds data.*"?Assessment"? \(\d+\).*--yes/, { yes: false });
  });

  it("refuses while other clients (the app) are connected", async () => {
    await withClient(databaseUrl(), async (app) => {
      await app.query("SELECT 1");
      const before = await snapshot();
      const error = await restoreBackup(databaseUrl(), backupFile, { yes: true }).catch((thrown: unknown) => thrown);
      expect((error as Error).message).toMatch(/Other clients are connected.*Stop the app/);
      expect(await snapshot()).toEqual(before);
    });
  });

  it("refuses a file with a flipped byte in its data or its header, and a truncated file", async () => {
    await expectRefused(damagedCopy("flipped-data.ffibackup", "data"), /is damaged: its data does not match the checksum/);
    await expectRefused(damagedCopy("flipped-header.ffibackup", "header"), /is damaged/);
    const truncated = path.join(dir, "truncated.ffibackup");
    const bytes = fs.readFileSync(backupFile);
    fs.writeFileSync(truncated, bytes.subarray(0, bytes.length - 10));
    await expectRefused(truncated, /is damaged/);
  });

  it("refuses a newer backup format, a backup with a migration this code does not know, and a file that is no backup", async () => {
    await expectRefused(rewrittenCopy("future-format.ffibackup", (first, h) => [first.replace("FFIBACKUP 1", "FFIBACKUP 2"), { ...h, formatVersion: 2 }]), /backup format 2.*format 1 at most/);
    await expectRefused(
      rewrittenCopy("future-migration.ffibackup", (first, h) => [first, { ...h, migrations: [...(h.migrations as unknown[]), { name: "20991231000000_from_the_future", checksum: "0".repeat(64) }] }]),
      /20991231000000_from_the_future.*does not know/,
    );
    const foreign = path.join(dir, "foreign.sql");
    fs.writeFileSync(foreign, "CREATE TABLE x (id int);\n");
    await expectRefused(foreign, /is not a Future Factory Index backup/);
  });

  it("restores into an empty database without --yes", async () => {
    const name = `restore_${crypto.randomUUID().replace(/-/g, "")}`;
    const adminUrl = new URL(databaseUrl());
    adminUrl.pathname = "/postgres";
    const emptyUrl = new URL(databaseUrl());
    emptyUrl.pathname = `/${name}`;
    await withClient(adminUrl.toString(), (client) => client.query(`CREATE DATABASE "${name}"`));
    try {
      await restoreBackup(emptyUrl.toString(), backupFile);
      expect(await snapshot(emptyUrl.toString())).toEqual(atBackup);
    } finally {
      await withClient(adminUrl.toString(), (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  });
});
