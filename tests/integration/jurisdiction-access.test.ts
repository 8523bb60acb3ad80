/**
 * The jurisdiction path of the guard (ADR 0018), through a tiny guarded handler shaped like the
 * authority's sector pages (`/o/:orgId/sector/…`), and the real pages an authority must never reach:
 * which members of which organisations get in, what the roles allow, 409 while no jurisdiction is
 * set, that the jurisdiction comes from the authority's own row (never from the URL) and that a
 * change takes effect on the next request; and that an authority gets 404 on a factory's
 * assessment and on a consultancy's client pages.
 */
import { describe, expect, it } from "vitest";
import * as assessmentIndex from "~/routes/o.$orgId.assessments.$assessmentId._index";
import * as assessmentResults from "~/routes/o.$orgId.assessments.$assessmentId.results";
import * as clientOverview from "~/routes/o.$orgId.clients.$clientId._index";
import * as dashboard from "~/routes/o.$orgId._index";
import { prisma } from "~/utils/db.server";
import { guard } from "~/utils/guard.server";
import { translator } from "~/utils/i18n";
import { createFactoryOwner } from "../support/assessments";
import {
  createConsultancy,
  createEngagement,
  submitTestAssessment,
} from "../support/engagements";
import {
  addMember,
  call,
  cookieFor,
  createTestOrganization,
  createTestUser,
} from "../support/routes";

const t = translator("zh-CN");

/** A sector page and an export, as the authority routes write them: everything scoped by `jurisdiction`. */
const sectorPage = guard(
  { jurisdiction: "sector:read" },
  async ({ org, role, jurisdiction }) => ({
    authority: org.id,
    role,
    jurisdiction,
  })
);
const sectorExport = guard(
  { jurisdiction: "sector:export" },
  async ({ jurisdiction }) => ({ exported: jurisdiction.regionCode })
);

async function authority(
  jurisdiction: { regionCode: string; industryCode?: string } | null,
  name = "测试经信委"
) {
  const owner = await createTestUser();
  const organization = await createTestOrganization(
    owner.id,
    "AUTHORITY",
    name
  );
  if (jurisdiction) {
    await prisma.authorityJurisdiction.create({
      data: {
        organizationId: organization.id,
        regionCode: jurisdiction.regionCode,
        industryCode: jurisdiction.industryCode ?? null,
      },
    });
  }
  return { owner, organization, cookie: await cookieFor(owner.id) };
}

async function memberCookie(organizationId: string, role: "EDITOR" | "VIEWER") {
  const user = await createTestUser();
  await addMember(organizationId, user.id, role);
  return cookieFor(user.id);
}

function open(
  handler: typeof sectorPage | typeof sectorExport,
  orgId: string,
  cookie?: string,
  query = ""
) {
  return call(handler, {
    path: `/o/${orgId}/sector${query}`,
    params: { orgId },
    cookie,
  });
}

describe("an authority member on its sector pages", () => {
  it("gets the authority's own jurisdiction in the context, whatever the URL asks for", async () => {
    const shanghai = await authority({ regionCode: "31" });
    const result = await open(
      sectorPage,
      shanghai.organization.id,
      shanghai.cookie,
      "?region=33&jurisdiction=33"
    );
    expect(result.status).toBe(200);
    expect(result.data).toEqual({
      authority: shanghai.organization.id,
      role: "OWNER",
      jurisdiction: { regionCode: "31", industryCode: null },
    });
  });

  it("carries an industry-only jurisdiction (one GB/T 4754 division) as it is stored", async () => {
    const bureau = await authority(
      { regionCode: "310115", industryCode: "34" },
      "浦东新区科经委"
    );
    const result = await open(
      sectorPage,
      bureau.organization.id,
      bureau.cookie
    );
    expect(result.data).toMatchObject({
      jurisdiction: { regionCode: "310115", industryCode: "34" },
    });
  });

  it("lets every role read, but only owners and editors export (a viewer gets 403)", async () => {
    const shanghai = await authority({ regionCode: "31" });
    const editor = await memberCookie(shanghai.organization.id, "EDITOR");
    const viewer = await memberCookie(shanghai.organization.id, "VIEWER");
    for (const cookie of [shanghai.cookie, editor, viewer])
      expect(
        (await open(sectorPage, shanghai.organization.id, cookie)).status
      ).toBe(200);
    expect(
      (await open(sectorExport, shanghai.organization.id, shanghai.cookie))
        .status
    ).toBe(200);
    expect(
      (await open(sectorExport, shanghai.organization.id, editor)).status
    ).toBe(200);
    const refused = await open(sectorExport, shanghai.organization.id, viewer);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.data)).toContain(t("errors.forbiddenText"));
  });

  it("answers 409 with a translated message while the jurisdiction is not set, and opens on the next request once it is", async () => {
    const unset = await authority(null);
    const result = await open(sectorPage, unset.organization.id, unset.cookie);
    expect(result.status).toBe(409);
    expect(JSON.stringify(result.data)).toContain(t("sector.noJurisdiction"));
    const english = await createTestUser({ locale: "en" });
    await addMember(unset.organization.id, english.id, "VIEWER");
    const inEnglish = await open(
      sectorPage,
      unset.organization.id,
      await cookieFor(english.id)
    );
    expect(inEnglish.status).toBe(409);
    expect(JSON.stringify(inEnglish.data)).toContain(
      translator("en")("sector.noJurisdiction")
    );
    expect(
      (await open(sectorExport, unset.organization.id, unset.cookie)).status
    ).toBe(409);

    await prisma.authorityJurisdiction.create({
      data: { organizationId: unset.organization.id, regionCode: "3205" },
    });
    expect(
      (await open(sectorPage, unset.organization.id, unset.cookie)).data
    ).toMatchObject({
      jurisdiction: { regionCode: "3205", industryCode: null },
    });
  });

  it("follows a changed jurisdiction on the next request (nothing is cached)", async () => {
    const shanghai = await authority({ regionCode: "31" });
    expect(
      (await open(sectorPage, shanghai.organization.id, shanghai.cookie)).data
    ).toMatchObject({ jurisdiction: { regionCode: "31" } });
    await prisma.authorityJurisdiction.update({
      where: { organizationId: shanghai.organization.id },
      data: { regionCode: "310115" },
    });
    expect(
      (await open(sectorPage, shanghai.organization.id, shanghai.cookie)).data
    ).toMatchObject({ jurisdiction: { regionCode: "310115" } });
  });
});

describe("everyone else on an authority's sector pages", () => {
  it("is told nothing exists (404): anonymous visitors go to the login, members of another authority, factories and consultancies get 404", async () => {
    const shanghai = await authority({ regionCode: "31" });
    const zhejiang = await authority({ regionCode: "33" });
    const factory = await createFactoryOwner();
    const consultancy = await createConsultancy();

    const anonymous = await open(sectorPage, shanghai.organization.id);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    for (const cookie of [
      zhejiang.cookie,
      factory.cookie,
      consultancy.cookie,
    ]) {
      const result = await open(sectorPage, shanghai.organization.id, cookie);
      expect(result.status).toBe(404);
      expect(JSON.stringify(result.data)).toContain(t("errors.notFoundText"));
      expect(JSON.stringify(result.data)).not.toContain("31");
      expect(
        (await open(sectorExport, shanghai.organization.id, cookie)).status
      ).toBe(404);
    }
  });

  it("404s a factory's and a consultancy's own members on their own organisation's /sector pages: only authorities have them", async () => {
    const factory = await createFactoryOwner();
    const consultancy = await createConsultancy();
    expect(
      (await open(sectorPage, factory.organization.id, factory.cookie)).status
    ).toBe(404);
    expect(
      (await open(sectorExport, factory.organization.id, factory.cookie)).status
    ).toBe(404);
    expect(
      (await open(sectorPage, consultancy.organization.id, consultancy.cookie))
        .status
    ).toBe(404);
    expect(
      (await open(sectorPage, "not-a-uuid", consultancy.cookie)).status
    ).toBe(404);
  });

  it("keeps one authority in its own jurisdiction: Zhejiang's member opening Shanghai's id gets 404, its own pages show Zhejiang", async () => {
    const shanghai = await authority({ regionCode: "31" });
    const zhejiang = await authority({ regionCode: "33" });
    expect(
      (await open(sectorPage, shanghai.organization.id, zhejiang.cookie)).status
    ).toBe(404);
    expect(
      (await open(sectorPage, zhejiang.organization.id, zhejiang.cookie)).data
    ).toMatchObject({ jurisdiction: { regionCode: "33" } });
  });
});

describe("an authority on individual data", () => {
  it("gets 404 on a factory's assessment URLs inside its jurisdiction, under the factory's id and under its own", async () => {
    const factory = await createFactoryOwner();
    const assessmentId = await submitTestAssessment(
      factory.organization.id,
      factory.owner.id,
      "2025"
    );
    const shanghai = await authority({ regionCode: "31" });
    for (const orgId of [factory.organization.id, shanghai.organization.id]) {
      for (const route of [assessmentIndex, assessmentResults]) {
        const result = await call(route.loader, {
          path: `/o/${orgId}/assessments/${assessmentId}`,
          params: { orgId, assessmentId },
          cookie: shanghai.cookie,
        });
        expect(result.status).toBe(404);
        expect(JSON.stringify(result.data)).not.toContain(
          factory.organization.name
        );
      }
    }
  });

  it("gets 404 on a consultancy's client pages, under the consultancy's id and under its own", async () => {
    const factory = await createFactoryOwner();
    const consultancy = await createConsultancy();
    await createEngagement({
      consultancyId: consultancy.organization.id,
      factoryId: factory.organization.id,
      requestedById: consultancy.owner.id,
    });
    const shanghai = await authority({ regionCode: "31" });
    // The consultancy itself does reach it: the 404s below are about who asks.
    const clientId = factory.organization.id;
    const own = await call(clientOverview.loader, {
      path: `/o/${consultancy.organization.id}/clients/${clientId}`,
      params: { orgId: consultancy.organization.id, clientId },
      cookie: consultancy.cookie,
    });
    expect(own.status).toBe(200);
    for (const orgId of [
      consultancy.organization.id,
      shanghai.organization.id,
    ]) {
      const result = await call(clientOverview.loader, {
        path: `/o/${orgId}/clients/${clientId}`,
        params: { orgId, clientId },
        cookie: shanghai.cookie,
      });
      expect(result.status).toBe(404);
      expect(JSON.stringify(result.data)).not.toContain(clientId);
    }
  });
});

describe("the authority's dashboard", () => {
  it("keeps the prompt to set the jurisdiction while it is not set", async () => {
    const unset = await authority(null);
    const result = await call(dashboard.loader, {
      path: `/o/${unset.organization.id}`,
      params: { orgId: unset.organization.id },
      cookie: unset.cookie,
    });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({
      organization: { kind: "AUTHORITY", jurisdiction: null },
      sector: null,
    });
  });

  it("summarises the jurisdiction once it is set: published counts only, nothing of the factory", async () => {
    const factory = await createFactoryOwner();
    await submitTestAssessment(
      factory.organization.id,
      factory.owner.id,
      "2026"
    );
    const shanghai = await authority({ regionCode: "31" });
    const result = await call(dashboard.loader, {
      path: `/o/${shanghai.organization.id}`,
      params: { orgId: shanghai.organization.id },
      cookie: shanghai.cookie,
    });
    expect(result.status).toBe(200);
    // One submission is below k: not even its year is listed (a year needs k contributors), and
    // its count and median are withheld.
    expect(result.data).toMatchObject({
      sector: {
        period: null,
        participating: { status: "suppressed" },
        median: { status: "suppressed" },
      },
    });
    const body = JSON.stringify(result.data);
    for (const secret of [factory.organization.id, factory.organization.name])
      expect(body).not.toContain(secret);
  });
});
