import { deriveSizeBand } from "~/domain/reference/size-band";
import type { OrganizationKind } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "./password.server";
import { EmailTakenError, isUniqueViolation } from "./user.server";

export async function signUpWithOrganization(input: {
  email: string;
  displayName: string;
  password: string;
  locale: "zh_CN" | "en";
  organization?: { kind: OrganizationKind; name: string };
}) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, displayName: input.displayName, passwordHash, locale: input.locale },
        select: { id: true },
      });
      if (!input.organization) return { userId: user.id, organizationId: null };
      const organization = await tx.organization.create({
        data: { ...input.organization, memberships: { create: { userId: user.id, role: "OWNER" } } },
        select: { id: true },
      });
      return { userId: user.id, organizationId: organization.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
}

/** The first user of an organisation is its owner. */
export async function createOrganization(userId: string, kind: OrganizationKind, name: string) {
  return prisma.organization.create({
    data: { kind, name, memberships: { create: { userId, role: "OWNER" } } },
    select: { id: true },
  });
}

export async function listMemberships(userId: string) {
  return prisma.membership.findMany({
    where: { userId },
    orderBy: { organization: { name: "asc" } },
    select: { role: true, organization: { select: { id: true, name: true, kind: true } } },
  });
}

export async function getOrganizationOverview(organizationId: string) {
  return prisma.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: {
      id: true,
      name: true,
      kind: true,
      _count: { select: { memberships: true } },
      factory: {
        select: {
          legalName: true,
          creditCode: true,
          industryCode: true,
          regionCode: true,
          employees: true,
          revenueWan: true,
          sizeBand: true,
        },
      },
      jurisdiction: { select: { regionCode: true, industryCode: true } },
    },
  });
}

export class CreditCodeTakenError extends Error {
  constructor() {
    super("credit code taken");
  }
}

export async function saveFactoryProfile(
  organizationId: string,
  profile: {
    name: string;
    legalName: string;
    creditCode: string;
    industryCode: string;
    regionCode: string;
    employees: number;
    revenueWan: number;
  },
) {
  const { name, ...factory } = profile;
  const sizeBand = deriveSizeBand({ employees: factory.employees, revenueWan: factory.revenueWan });
  try {
    await prisma.$transaction([
      prisma.organization.update({ where: { id: organizationId }, data: { name } }),
      prisma.factoryProfile.upsert({
        where: { organizationId },
        create: { organizationId, ...factory, sizeBand },
        update: { ...factory, sizeBand },
      }),
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) throw new CreditCodeTakenError();
    throw error;
  }
  return sizeBand;
}

export async function saveJurisdiction(organizationId: string, input: { name: string; regionCode: string; industryCode?: string }) {
  const { name, ...jurisdiction } = input;
  const industryCode = jurisdiction.industryCode ?? null;
  await prisma.$transaction([
    prisma.organization.update({ where: { id: organizationId }, data: { name } }),
    prisma.authorityJurisdiction.upsert({
      where: { organizationId },
      create: { organizationId, regionCode: jurisdiction.regionCode, industryCode },
      update: { regionCode: jurisdiction.regionCode, industryCode },
    }),
  ]);
}

export async function renameOrganization(organizationId: string, name: string) {
  await prisma.organization.update({ where: { id: organizationId }, data: { name } });
}

