import { beforeEach, describe, expect, it } from "vitest";
import * as invitationRoute from "~/routes/invitations.$token";
import * as members from "~/routes/o.$orgId.members";
import * as signup from "~/routes/signup";
import { prisma } from "~/utils/db.server";
import { translator } from "~/utils/i18n";
import { addMember, call, cookieFor, createTestOrganization, createTestUser } from "../support/routes";

const t = translator("zh-CN");

let owner: Awaited<ReturnType<typeof createTestUser>>;
let ownerCookie: string;
let orgId: string;

beforeEach(async () => {
  owner = await createTestUser({ displayName: "张厂长" });
  ownerCookie = await cookieFor(owner.id);
  orgId = (await createTestOrganization(owner.id, "FACTORY", "东方机床")).id;
});

async function invite(email: string, role = "VIEWER") {
  const result = await call(members.action, { path: `/o/${orgId}/members`, params: { orgId }, cookie: ownerCookie, form: { intent: "invite", email, role } });
  const mail = await prisma.outboxEmail.findFirst({ where: { to: email.toLowerCase() }, orderBy: { createdAt: "desc" } });
  const token = mail?.body.match(/\/invitations\/([A-Za-z0-9_-]+)/)?.[1];
  return { result, mail, token };
}

describe("invitations", () => {
  it("writes the invitation e-mail to the outbox with a link; the token itself is never stored", async () => {
    const { result, mail, token } = await invite("Colleague@Example.com");
    expect(result.status).toBe(200);
    expect(mail?.subject).toBe(t("email.invitationSubject", { organization: "东方机床" }));
    // The line that names who invites, in which role, to which organisation (the expiry and link vary).
    const lead = t("email.invitationBody", { inviter: "张厂长", role: t("role.VIEWER"), organization: "东方机床" }).split("\n").find((line) => line.includes("张厂长"));
    expect(lead).toBeDefined();
    expect(mail?.body).toContain(lead);
    expect(token).toBeDefined();
    const stored = await prisma.invitation.findFirstOrThrow({ where: { organizationId: orgId } });
    expect(stored.email).toBe("colleague@example.com");
    expect(stored.tokenHash).not.toContain(token!);
  });

  it("lets the invited person sign up and join with the invited role, once", async () => {
    const { token } = await invite("newbie@example.com", "VIEWER");
    const page = await call(invitationRoute.loader, { path: `/invitations/${token}`, params: { token: token! } });
    expect(page.status).toBe(200);
    const joined = await call(signup.action, {
      path: "/signup",
      form: { email: "newbie@example.com", displayName: "新同事", password: "a-strong-password", invitation: token! },
    });
    expect(joined.status).toBe(302);
    expect(joined.headers.get("Location")).toBe(`/o/${orgId}`);
    const membership = await prisma.membership.findFirstOrThrow({ where: { organizationId: orgId, user: { email: "newbie@example.com" } } });
    expect(membership.role).toBe("VIEWER");
    // Signing up through an invitation creates no organisation of one's own.
    expect(await prisma.membership.count({ where: { userId: membership.userId } })).toBe(1);

    const reused = await call(invitationRoute.loader, { path: `/invitations/${token}`, params: { token: token! } });
    expect(reused.status).toBe(409);
    expect(reused.data).toMatchObject({ message: t("errors.invitationUsed") });
  });

  it("lets an existing user accept while signed in, and refuses another account with 403", async () => {
    const invitee = await createTestUser({ email: "existing@example.com" });
    const stranger = await createTestUser({ email: "stranger@example.com" });
    const { token } = await invite("existing@example.com", "EDITOR");
    const wrong = await call(invitationRoute.action, { path: `/invitations/${token}`, params: { token: token! }, form: {}, cookie: await cookieFor(stranger.id) });
    expect(wrong.status).toBe(403);
    expect(await prisma.membership.count({ where: { userId: stranger.id } })).toBe(0);
    const accepted = await call(invitationRoute.action, { path: `/invitations/${token}`, params: { token: token! }, form: {}, cookie: await cookieFor(invitee.id) });
    expect(accepted.status).toBe(302);
    expect(await prisma.membership.findFirstOrThrow({ where: { userId: invitee.id, organizationId: orgId } })).toMatchObject({ role: "EDITOR" });
  });

  it("refuses an expired invitation with 409 and adds nobody", async () => {
    const invitee = await createTestUser({ email: "late@example.com" });
    const { token } = await invite("late@example.com");
    await prisma.invitation.updateMany({ where: { organizationId: orgId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const result = await call(invitationRoute.action, { path: `/invitations/${token}`, params: { token: token! }, form: {}, cookie: await cookieFor(invitee.id) });
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({ message: t("errors.invitationExpired") });
    expect(await prisma.membership.count({ where: { userId: invitee.id } })).toBe(0);
  });

  it("answers 404 for an unknown or malformed token", async () => {
    expect((await call(invitationRoute.loader, { path: "/invitations/x", params: { token: "x" } })).status).toBe(404);
    const unknown = "A".repeat(43);
    expect((await call(invitationRoute.loader, { path: `/invitations/${unknown}`, params: { token: unknown } })).status).toBe(404);
  });

  it("refuses to invite an existing member or to send a second pending invitation (409)", async () => {
    const member = await createTestUser({ email: "member@example.com" });
    await addMember(orgId, member.id, "EDITOR");
    expect((await invite("member@example.com")).result.status).toBe(409);
    expect((await invite("twice@example.com")).result.status).toBe(200);
    expect((await invite("twice@example.com")).result.status).toBe(409);
    expect(await prisma.invitation.count({ where: { email: "twice@example.com" } })).toBe(1);
  });

  it("revokes a pending invitation so its link stops working", async () => {
    const { token } = await invite("revoked@example.com");
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { email: "revoked@example.com" } });
    const revoke = await call(members.action, { path: `/o/${orgId}/members`, params: { orgId }, cookie: ownerCookie, form: { intent: "revoke", invitationId: invitation.id } });
    expect(revoke.status).toBe(200);
    expect((await call(invitationRoute.loader, { path: `/invitations/${token}`, params: { token: token! } })).status).toBe(409);
  });
});

describe("member management", () => {
  it("keeps at least one owner", async () => {
    const coOwner = await createTestUser();
    await addMember(orgId, coOwner.id, "OWNER");
    const coOwnerCookie = await cookieFor(coOwner.id);
    // The co-owner demotes the original owner: allowed, one owner remains.
    const demote = await call(members.action, { path: `/o/${orgId}/members`, params: { orgId }, cookie: coOwnerCookie, form: { intent: "role", userId: owner.id, role: "EDITOR" } });
    expect(demote.status).toBe(200);
    // Nobody can remove or demote themselves, so the last owner stays.
    const self = await call(members.action, { path: `/o/${orgId}/members`, params: { orgId }, cookie: coOwnerCookie, form: { intent: "remove", userId: coOwner.id } });
    expect(self.status).toBe(409);
    expect(await prisma.membership.count({ where: { organizationId: orgId, role: "OWNER" } })).toBe(1);
  });

  it("removes a member, who then gets 404 on the organisation", async () => {
    const leaver = await createTestUser();
    await addMember(orgId, leaver.id, "EDITOR");
    const leaverCookie = await cookieFor(leaver.id);
    const removed = await call(members.action, { path: `/o/${orgId}/members`, params: { orgId }, cookie: ownerCookie, form: { intent: "remove", userId: leaver.id } });
    expect(removed.status).toBe(200);
    expect((await call(members.loader, { path: `/o/${orgId}/members`, params: { orgId }, cookie: leaverCookie })).status).toBe(404);
  });

  it("rejects an unknown intent and malformed ids with 400", async () => {
    const unknown = await call(members.action, { path: `/o/${orgId}/members`, params: { orgId }, cookie: ownerCookie, form: { intent: "explode" } });
    expect(unknown.status).toBe(400);
    const badId = await call(members.action, { path: `/o/${orgId}/members`, params: { orgId }, cookie: ownerCookie, form: { intent: "remove", userId: "1 OR 1=1" } });
    expect(badId.status).toBe(400);
  });
});
