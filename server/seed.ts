/**
 * Data the app needs in every database (reference lists) and the demo that `npm start` shows.
 * Both are idempotent: running them again changes nothing.
 */
import { INDUSTRIES } from "../app/domain/reference/industries";
import { REGIONS } from "../app/domain/reference/regions";
import { makeCreditCode } from "../app/domain/reference/credit-code";
import { deriveSizeBand } from "../app/domain/reference/size-band";
import type { PrismaClient } from "../app/generated/prisma/client";
import { hashPassword } from "../app/models/password.server";

/** GB/T 4754 divisions and GB/T 2260 regions, from the versioned files in app/domain/reference/data. */
export async function syncReferenceData(prisma: PrismaClient) {
  await prisma.$transaction([
    ...INDUSTRIES.map((industry) =>
      prisma.industry.upsert({
        where: { code: industry.code },
        create: { code: industry.code, nameZh: industry.nameZh, nameEn: industry.nameEn, category: industry.category },
        update: { nameZh: industry.nameZh, nameEn: industry.nameEn, category: industry.category },
      }),
    ),
    // Parents first, so the self-reference always points at an existing row.
    ...[...REGIONS]
      .sort((a, b) => a.code.length - b.code.length)
      .map((region) =>
        prisma.region.upsert({
          where: { code: region.code },
          create: { code: region.code, nameZh: region.nameZh, nameEn: region.nameEn, level: region.level, parentCode: region.parentCode },
          update: { nameZh: region.nameZh, nameEn: region.nameEn, level: region.level, parentCode: region.parentCode },
        }),
      ),
  ]);
}

export const DEMO_EMAIL_DOMAIN = "demo.future-factory.cn";
export const DEMO_PASSWORD = "demo-password-2026";

interface DemoOrganization {
  id: string;
  kind: "FACTORY" | "CONSULTANCY" | "AUTHORITY";
  name: string;
  owner: { email: string; displayName: string };
  factory?: { legalName: string; creditPrefix: string; industryCode: string; regionCode: string; employees: number; revenueWan: number };
  jurisdiction?: { regionCode: string; industryCode?: string };
}

const demoEmail = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    id: "0b9e3c1e-0000-4000-8000-000000000001",
    kind: "FACTORY",
    name: "智造精密机械",
    owner: { email: demoEmail("factory"), displayName: "王建国" },
    factory: { legalName: "上海智造精密机械有限公司", creditPrefix: "91310115MA1K4X7B2", industryCode: "34", regionCode: "310115", employees: 850, revenueWan: 52000 },
  },
  {
    id: "0b9e3c1e-0000-4000-8000-000000000002",
    kind: "FACTORY",
    name: "华芯电子",
    owner: { email: demoEmail("electronics"), displayName: "陈晓梅" },
    factory: { legalName: "苏州华芯电子科技有限公司", creditPrefix: "91320505MA2N8R3C6", industryCode: "39", regionCode: "3205", employees: 2400, revenueWan: 180000 },
  },
  {
    id: "0b9e3c1e-0000-4000-8000-000000000003",
    kind: "FACTORY",
    name: "甬江汽配",
    owner: { email: demoEmail("auto"), displayName: "李国强" },
    factory: { legalName: "宁波甬江汽车零部件有限公司", creditPrefix: "91330206MA2H5T9D1", industryCode: "36", regionCode: "3302", employees: 260, revenueWan: 15000 },
  },
  {
    id: "0b9e3c1e-0000-4000-8000-000000000004",
    kind: "FACTORY",
    name: "绿源食品",
    owner: { email: demoEmail("food"), displayName: "赵敏" },
    factory: { legalName: "合肥绿源食品有限公司", creditPrefix: "91340100MA8P2W4E7", industryCode: "14", regionCode: "3401", employees: 120, revenueWan: 6000 },
  },
  // The demo consultancy's clients beyond the four factories above (issue 11): each in another
  // industry or region, so they do not change the peer groups the factory demos show.
  {
    id: "0b9e3c1e-0000-4000-8000-000000000007",
    kind: "FACTORY",
    name: "金陵化工",
    owner: { email: demoEmail("chemicals"), displayName: "吴海涛" },
    factory: { legalName: "南京金陵精细化工有限公司", creditPrefix: "91320100MA1W6P3K8", industryCode: "26", regionCode: "3201", employees: 640, revenueWan: 41000 },
  },
  {
    id: "0b9e3c1e-0000-4000-8000-000000000008",
    kind: "FACTORY",
    name: "钱塘药业",
    owner: { email: demoEmail("pharma"), displayName: "郑雅琴" },
    factory: { legalName: "杭州钱塘药业股份有限公司", creditPrefix: "91330100MA27Q4L9N", industryCode: "27", regionCode: "3301", employees: 1500, revenueWan: 96000 },
  },
  {
    id: "0b9e3c1e-0000-4000-8000-000000000009",
    kind: "FACTORY",
    name: "闵电电气",
    owner: { email: demoEmail("electrical"), displayName: "黄志伟" },
    factory: { legalName: "上海闵电电气设备有限公司", creditPrefix: "91310112MA1G8T2R5", industryCode: "38", regionCode: "310112", employees: 420, revenueWan: 23000 },
  },
  {
    id: "0b9e3c1e-0000-4000-8000-00000000000a",
    kind: "FACTORY",
    name: "锡山金属",
    owner: { email: demoEmail("metal"), displayName: "钱伟" },
    factory: { legalName: "无锡锡山金属制品有限公司", creditPrefix: "91320200MA1N5H7D3", industryCode: "33", regionCode: "3202", employees: 180, revenueWan: 9000 },
  },
  {
    id: "0b9e3c1e-0000-4000-8000-00000000000b",
    kind: "FACTORY",
    name: "龙城装备",
    owner: { email: demoEmail("equipment"), displayName: "冯立新" },
    factory: { legalName: "常州龙城专用装备有限公司", creditPrefix: "91320400MA1P2Q6W4", industryCode: "35", regionCode: "3204", employees: 310, revenueWan: 17000 },
  },
  {
    id: "0b9e3c1e-0000-4000-8000-00000000000c",
    kind: "FACTORY",
    name: "嘉定车桥",
    owner: { email: demoEmail("axle"), displayName: "蒋文华" },
    factory: { legalName: "上海嘉定车桥有限公司", creditPrefix: "91310114MA1H3K9B7", industryCode: "36", regionCode: "310114", employees: 560, revenueWan: 38000 },
  },
  {
    id: "0b9e3c1e-0000-4000-8000-000000000005",
    kind: "CONSULTANCY",
    name: "长三角智能制造咨询",
    owner: { email: demoEmail("consultant"), displayName: "周明" },
  },
  {
    id: "0b9e3c1e-0000-4000-8000-000000000006",
    kind: "AUTHORITY",
    name: "上海市经济信息化主管部门（演示）",
    owner: { email: demoEmail("authority"), displayName: "孙丽" },
    jurisdiction: { regionCode: "31" },
  },
];

/** A second member with read-only access, to show roles. */
const DEMO_VIEWER = { email: demoEmail("viewer"), displayName: "刘洋", organizationId: "0b9e3c1e-0000-4000-8000-000000000001" };

export type DemoSeedResult = { seeded: true; logins: { email: string; role: string; organization: string }[] } | { seeded: false; reason: string };

/**
 * Seeds the demo unless the database holds real accounts (any e-mail outside the demo domain):
 * a production database is never touched.
 */
export async function seedDemo(prisma: PrismaClient): Promise<DemoSeedResult> {
  const realUsers = await prisma.user.count({ where: { NOT: { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` } } } });
  if (realUsers > 0) return { seeded: false, reason: "the database already holds real accounts" };

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ensureUser = async (email: string, displayName: string) => {
    const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) return existing.id;
    return (await prisma.user.create({ data: { email, displayName, passwordHash }, select: { id: true } })).id;
  };

  const logins: { email: string; role: string; organization: string }[] = [];
  for (const demo of DEMO_ORGANIZATIONS) {
    const userId = await ensureUser(demo.owner.email, demo.owner.displayName);
    await prisma.organization.upsert({ where: { id: demo.id }, create: { id: demo.id, kind: demo.kind, name: demo.name }, update: {} });
    await prisma.membership.upsert({
      where: { userId_organizationId: { userId, organizationId: demo.id } },
      create: { userId, organizationId: demo.id, role: "OWNER" },
      update: {},
    });
    if (demo.factory) {
      const { creditPrefix, ...factory } = demo.factory;
      const sizeBand = deriveSizeBand(factory);
      await prisma.factoryProfile.upsert({
        where: { organizationId: demo.id },
        create: { organizationId: demo.id, creditCode: makeCreditCode(creditPrefix), sizeBand, ...factory },
        update: {},
      });
    }
    if (demo.jurisdiction) {
      await prisma.authorityJurisdiction.upsert({
        where: { organizationId: demo.id },
        create: { organizationId: demo.id, regionCode: demo.jurisdiction.regionCode, industryCode: demo.jurisdiction.industryCode ?? null },
        update: {},
      });
    }
    logins.push({ email: demo.owner.email, role: "OWNER", organization: demo.name });
  }
  const viewerId = await ensureUser(DEMO_VIEWER.email, DEMO_VIEWER.displayName);
  await prisma.membership.upsert({
    where: { userId_organizationId: { userId: viewerId, organizationId: DEMO_VIEWER.organizationId } },
    create: { userId: viewerId, organizationId: DEMO_VIEWER.organizationId, role: "VIEWER" },
    update: {},
  });
  logins.push({ email: DEMO_VIEWER.email, role: "VIEWER", organization: DEMO_ORGANIZATIONS[0]!.name });
  return { seeded: true, logins };
}
