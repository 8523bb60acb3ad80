import { beforeEach, describe, expect, it } from "vitest";
import { makeCreditCode } from "~/domain/reference/credit-code";
import * as dashboard from "~/routes/o.$orgId._index";
import * as members from "~/routes/o.$orgId.members";
import * as profile from "~/routes/o.$orgId.profile";
import * as orgsNew from "~/routes/orgs.new";
import * as orgsSwitch from "~/routes/orgs.switch";
import { prisma } from "~/utils/db.server";
import { translator } from "~/utils/i18n";
import { addMember, call, cookieFor, createTestOrganization, createTestUser } from "../support/routes";

const t = translator("zh-CN");

const VALID_CODE = "91330100799655058B";
const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/** Each test file shares one database, so every saved profile needs a credit code of its own. */
const uniqueCreditCode = () =>
  makeCreditCode("91310115" + Array.from({ length: 9 }, () => CHARSET[Math.floor(Math.random() * CHARSET.length)]).join(""));

const profileForm = (overrides: Record<string, string> = {}) => ({
  name: "东方机床",
  legalName: "上海东方机床有限公司",
  creditCode: VALID_CODE,
  industryCode: "34",
  regionCode: "310115",
  employees: "1200",
  revenueWan: "30000",
  ...overrides,
});

let owner: Awaited<ReturnType<typeof createTestUser>>;
let ownerCookie: string;
let factory: Awaited<ReturnType<typeof createTestOrganization>>;

beforeEach(async () => {
  owner = await createTestUser();
  ownerCookie = await cookieFor(owner.id);
  factory = await createTestOrganization(owner.id, "FACTORY");
});

const saveProfile = (form: Record<string, string>, cookie = ownerCookie, orgId = factory.id, headers?: Record<string, string>) =>
  call(profile.action, { path: `/o/${orgId}/profile`, params: { orgId }, form, cookie, headers });

describe("factory profile", () => {
  it("saves the profile and derives the size band by the statistical rule (1200 persons, 30000 万元 → medium)", async () => {
    await prisma.factoryProfile.deleteMany({ where: { creditCode: VALID_CODE } });
    const result = await saveProfile(profileForm({ creditCode: " 91330100799655058b " }));
    expect(result.status).toBe(200);
    const saved = await prisma.factoryProfile.findUniqueOrThrow({ where: { organizationId: factory.id } });
    expect(saved).toMatchObject({ creditCode: VALID_CODE, industryCode: "34", regionCode: "310115", employees: 1200, sizeBand: "MEDIUM" });
    expect(Number(saved.revenueWan)).toBe(30000);
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: factory.id } })).name).toBe("东方机床");
  });

  it.each([
    ["wrong check character", { creditCode: "91330100799655058C" }, "creditCode", t("errors.creditCodeChecksum")],
    ["too short", { creditCode: "9133010079965505" }, "creditCode", t("errors.creditCodeLength")],
    ["forbidden letter", { creditCode: "9133010079965505IB" }, "creditCode", t("errors.creditCodeCharset")],
    ["unknown industry", { industryCode: "99" }, "industryCode", t("errors.industryUnknown")],
    ["unknown region", { regionCode: "999999" }, "regionCode", t("errors.regionUnknown")],
    ["negative revenue", { revenueWan: "-5" }, "revenueWan", t("errors.mustBeNonNegative")],
    ["fractional employees", { employees: "12.5" }, "employees", t("errors.integerRequired")],
  ])("rejects %s with 400 and stores nothing", async (_label, overrides, field, message) => {
    const result = await saveProfile(profileForm(overrides));
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ fieldErrors: { [field]: message } });
    expect(await prisma.factoryProfile.count({ where: { organizationId: factory.id } })).toBe(0);
  });

  it("answers in English for an English-speaking user", async () => {
    await prisma.user.update({ where: { id: owner.id }, data: { locale: "en" } });
    const result = await saveProfile(profileForm({ creditCode: "91330100799655058C" }));
    expect(result.data).toMatchObject({ fieldErrors: { creditCode: translator("en")("errors.creditCodeChecksum") } });
  });

  it("refuses a credit code already used by another organisation with 409", async () => {
    const otherOwner = await createTestUser();
    const other = await createTestOrganization(otherOwner.id, "FACTORY");
    const code = uniqueCreditCode();
    expect((await saveProfile(profileForm({ creditCode: code }), await cookieFor(otherOwner.id), other.id)).status).toBe(200);
    const result = await saveProfile(profileForm({ creditCode: code }));
    expect(result.status).toBe(409);
    expect(await prisma.factoryProfile.count({ where: { organizationId: factory.id } })).toBe(0);
  });
});

describe("roles and organisation boundaries", () => {
  it("lets a viewer read the profile but not change it (403, nothing stored)", async () => {
    const viewer = await createTestUser();
    await addMember(factory.id, viewer.id, "VIEWER");
    const viewerCookie = await cookieFor(viewer.id);
    const read = await call(profile.loader, { path: `/o/${factory.id}/profile`, params: { orgId: factory.id }, cookie: viewerCookie });
    expect(read.status).toBe(200);
    expect(read.data).toMatchObject({ canEdit: false });
    const write = await saveProfile(profileForm({ creditCode: uniqueCreditCode() }), viewerCookie);
    expect(write.status).toBe(403);
    expect(write.data).toMatchObject({ message: t("errors.forbiddenText") });
    expect(await prisma.factoryProfile.count({ where: { organizationId: factory.id } })).toBe(0);
  });

  it("lets an editor read but not manage members", async () => {
    const editor = await createTestUser();
    await addMember(factory.id, editor.id, "EDITOR");
    const editorCookie = await cookieFor(editor.id);
    expect((await call(members.loader, { path: `/o/${factory.id}/members`, params: { orgId: factory.id }, cookie: editorCookie })).status).toBe(200);
    const invite = await call(members.action, {
      path: `/o/${factory.id}/members`,
      params: { orgId: factory.id },
      cookie: editorCookie,
      form: { intent: "invite", email: "x@example.com", role: "OWNER" },
    });
    expect(invite.status).toBe(403);
    expect(await prisma.invitation.count({ where: { organizationId: factory.id } })).toBe(0);
  });

  it("gives a user of factory A a 404 on every page and action of factory B, and changes nothing", async () => {
    const outsider = await createTestUser();
    const outsiderOrg = await createTestOrganization(outsider.id, "FACTORY", "A 厂");
    const cookie = await cookieFor(outsider.id);
    const params = { orgId: factory.id };
    for (const [handler, path] of [
      [dashboard.loader, `/o/${factory.id}`],
      [profile.loader, `/o/${factory.id}/profile`],
      [members.loader, `/o/${factory.id}/members`],
    ] as const) {
      const result = await call(handler, { path, params, cookie });
      expect(result.status, path).toBe(404);
    }
    const write = await saveProfile(profileForm({ creditCode: uniqueCreditCode() }), cookie);
    expect(write.status).toBe(404);
    const invite = await call(members.action, { path: `/o/${factory.id}/members`, params, cookie, form: { intent: "invite", email: "spy@example.com", role: "OWNER" } });
    expect(invite.status).toBe(404);
    const switchTo = await call(orgsSwitch.loader, { path: `/orgs/switch?to=${factory.id}`, cookie });
    expect(switchTo.status).toBe(404);
    expect(await prisma.factoryProfile.count({ where: { organizationId: factory.id } })).toBe(0);
    expect(await prisma.invitation.count({ where: { organizationId: factory.id } })).toBe(0);
    // Their own organisation still works.
    expect((await call(dashboard.loader, { path: `/o/${outsiderOrg.id}`, params: { orgId: outsiderOrg.id }, cookie })).status).toBe(200);
  });

  it("answers 404 for a malformed organisation id instead of failing", async () => {
    const result = await call(profile.loader, { path: "/o/not-a-uuid/profile", params: { orgId: "not-a-uuid" }, cookie: ownerCookie });
    expect(result.status).toBe(404);
  });

  it("sends anonymous visitors to the login page, remembering where they wanted to go", async () => {
    const result = await call(profile.loader, { path: `/o/${factory.id}/profile`, params: { orgId: factory.id } });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/o/${factory.id}/profile`)}`);
  });
});

describe("several organisations per user", () => {
  it("creates a second organisation owned by the user and switches to it", async () => {
    const result = await call(orgsNew.action, { path: "/orgs/new", cookie: ownerCookie, form: { kind: "AUTHORITY", name: "浦东新区经信委" } });
    expect(result.status).toBe(302);
    const memberships = await prisma.membership.findMany({ where: { userId: owner.id }, include: { organization: true } });
    expect(memberships.map((m) => [m.organization.kind, m.role]).sort()).toEqual([
      ["AUTHORITY", "OWNER"],
      ["FACTORY", "OWNER"],
    ]);
    const authority = memberships.find((m) => m.organization.kind === "AUTHORITY")!;
    const switched = await call(orgsSwitch.loader, { path: `/orgs/switch?to=${factory.id}`, cookie: ownerCookie });
    expect(switched.headers.get("Location")).toBe(`/o/${factory.id}`);
    const session = await prisma.session.findFirstOrThrow({ where: { userId: owner.id } });
    expect(session.activeOrganizationId).toBe(factory.id);
    expect(authority.organizationId).not.toBe(factory.id);
  });

  it("rejects a bad switch target with 400", async () => {
    const result = await call(orgsSwitch.loader, { path: "/orgs/switch?to=%27;drop", cookie: ownerCookie });
    expect(result.status).toBe(400);
  });

  it("stores an authority's jurisdiction and rejects unknown codes", async () => {
    const authority = await createTestOrganization(owner.id, "AUTHORITY", "上海市经信委");
    const ok = await saveProfile({ name: "上海市经信委", regionCode: "31", industryCode: "" }, ownerCookie, authority.id);
    expect(ok.status).toBe(200);
    expect(await prisma.authorityJurisdiction.findUniqueOrThrow({ where: { organizationId: authority.id } })).toMatchObject({ regionCode: "31", industryCode: null });
    const bad = await saveProfile({ name: "上海市经信委", regionCode: "31", industryCode: "77" }, ownerCookie, authority.id);
    expect(bad.status).toBe(400);
  });
});

it("accepts generated credit codes (makeCreditCode) as the demo seeding uses them", async () => {
  const result = await saveProfile(profileForm({ creditCode: uniqueCreditCode() }));
  expect(result.status).toBe(200);
});
