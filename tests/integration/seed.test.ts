import { describe, expect, it } from "vitest";
import { validateCreditCode } from "~/domain/reference/credit-code";
import { prisma } from "~/utils/db.server";
import { DEMO_ORGANIZATIONS, seedDemo, syncReferenceData } from "../../server/seed";

describe("reference data", () => {
  it("loads all 31 manufacturing divisions and the region tree, idempotently", async () => {
    await syncReferenceData(prisma);
    await syncReferenceData(prisma);
    expect(await prisma.industry.count()).toBe(31);
    expect(await prisma.region.count({ where: { level: "province" } })).toBe(31);
    expect(await prisma.region.count({ where: { parentCode: "31", level: "district" } })).toBe(16);
    expect(await prisma.region.findUniqueOrThrow({ where: { code: "3205" } })).toMatchObject({ nameZh: "苏州市", parentCode: "32" });
  });
});

describe("demo data", () => {
  it("seeds the demo deterministically and a second run changes nothing", async () => {
    const first = await seedDemo(prisma);
    expect(first.seeded).toBe(true);
    const counts = async () => [await prisma.user.count(), await prisma.organization.count(), await prisma.membership.count(), await prisma.factoryProfile.count()];
    const afterFirst = await counts();
    const factories = DEMO_ORGANIZATIONS.filter((demo) => demo.factory).length;
    expect(factories).toBe(10);
    expect(afterFirst).toEqual([DEMO_ORGANIZATIONS.length + 1, DEMO_ORGANIZATIONS.length, DEMO_ORGANIZATIONS.length + 1, factories]);
    await seedDemo(prisma);
    expect(await counts()).toEqual(afterFirst);
    for (const profile of await prisma.factoryProfile.findMany()) {
      expect(validateCreditCode(profile.creditCode)).toEqual({ ok: true, code: profile.creditCode });
    }
    const bands = Object.fromEntries((await prisma.factoryProfile.findMany({ include: { organization: true } })).map((p) => [p.organization.name, p.sizeBand]));
    expect(bands).toEqual({
      智造精密机械: "MEDIUM",
      华芯电子: "LARGE",
      甬江汽配: "SMALL",
      绿源食品: "SMALL",
      金陵化工: "MEDIUM",
      钱塘药业: "LARGE",
      闵电电气: "MEDIUM",
      锡山金属: "SMALL",
      龙城装备: "MEDIUM",
      嘉定车桥: "MEDIUM",
    });
  });

  it("never touches a database that holds real accounts", async () => {
    await prisma.user.create({ data: { email: "real.person@company.cn", displayName: "真实用户", passwordHash: "x" } });
    const before = await prisma.organization.count();
    await prisma.organization.deleteMany({ where: { id: DEMO_ORGANIZATIONS[0]!.id } });
    const result = await seedDemo(prisma);
    expect(result).toEqual({ seeded: false, reason: "the database already holds real accounts" });
    expect(await prisma.organization.count()).toBe(before - 1);
  });
});
