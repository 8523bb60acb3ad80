import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { QUESTIONNAIRES_PATH, syncQuestionnaires } from "../../server/questionnaire-sync";

const copy = fs.mkdtempSync(path.join(os.tmpdir(), "ffi-q-"));
fs.cpSync(QUESTIONNAIRES_PATH, copy, { recursive: true });
afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

describe("questionnaire sync", () => {
  it("stores every published version once, with its content hash", async () => {
    // The template database was prepared at start-up, so 1.0.0 is already there.
    const rows = await prisma.questionnaireVersion.findMany();
    expect(rows.map((row) => `${row.key}@${row.version}`)).toContain("future-factory@1.0.0");
    const lock = JSON.parse(fs.readFileSync(path.join(QUESTIONNAIRES_PATH, "published.lock.json"), "utf8")) as Record<string, string>;
    expect(rows.find((row) => row.version === "1.0.0")?.contentHash).toBe(lock["future-factory@1.0.0"]);
    expect(await syncQuestionnaires(prisma)).toEqual([]);
  });

  it("refuses to start when a published file was edited without a new version", async () => {
    const file = path.join(copy, "future-factory/1.0.0.yaml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("zh-CN: 未来工厂成熟度模型", "zh-CN: 未来工厂成熟度模型（修订）"));
    await expect(syncQuestionnaires(prisma, copy)).rejects.toThrow(/future-factory@1\.0\.0 was changed after it was published/);
  });

  it("refuses when the database holds different content for the same version", async () => {
    await prisma.questionnaireVersion.updateMany({ where: { key: "future-factory", version: "1.0.0" }, data: { contentHash: "0".repeat(64) } });
    await expect(syncQuestionnaires(prisma)).rejects.toThrow(/differs from the version stored in the database/);
  });
});
