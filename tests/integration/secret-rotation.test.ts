/**
 * SESSION_SECRET rotation: with "new,old" the new secret signs and cookies signed with the old one
 * still work; once the old one is dropped, its cookies are refused (the user logs in again).
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "~/utils/env.server";
import { createSession, getAuthSession } from "~/utils/session.server";
import { createTestUser } from "../support/routes";

const OLD = "old-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
const NEW = "new-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
const original = process.env.SESSION_SECRET;
let userId: string;

function useSecrets(value: string) {
  process.env.SESSION_SECRET = value;
  resetEnvCache();
}

const requestWith = (setCookie: string) => new Request("http://localhost/", { headers: { Cookie: setCookie.split(";")[0]! } });

beforeAll(async () => {
  userId = (await createTestUser()).id;
});

afterEach(() => useSecrets(original!));

describe("session secret rotation", () => {
  it("keeps sessions signed with the previous secret while it is listed, and signs new ones with the first", async () => {
    useSecrets(OLD);
    const oldCookie = await createSession(new Request("http://localhost/"), userId);

    useSecrets(`${NEW},${OLD}`);
    expect((await getAuthSession(requestWith(oldCookie)))?.user.id).toBe(userId);
    const newCookie = await createSession(new Request("http://localhost/"), userId);

    // The new cookie verifies with the new secret alone: it was signed with the first one.
    useSecrets(NEW);
    expect((await getAuthSession(requestWith(newCookie)))?.user.id).toBe(userId);
    // And the old cookie no longer does.
    expect(await getAuthSession(requestWith(oldCookie))).toBeNull();
  });
});
