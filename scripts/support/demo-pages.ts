/**
 * The demo factory manager's two main pages on a running server, as a logged-in browser would open
 * them: used by `audit:lighthouse` and `bench:main-thread`. Logs in as the demo factory's owner,
 * finds the latest submitted assessment's results page, and opens a new draft by revising it (so the
 * questionnaire page has real answers in it).
 */
const DEMO_EMAIL = "factory@demo.future-factory.cn";
const DEMO_PASSWORD = "demo-password-2026";

export interface DemoPages {
  /** `__ffi_session=…`, for a Cookie header. */
  cookie: string;
  resultsPath: string;
  questionnairePath: string;
}

async function logIn(base: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    // The server refuses POSTs that do not say they come from its own pages (ADR 0008).
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ email: DEMO_EMAIL, password: DEMO_PASSWORD }),
    redirect: "manual",
  });
  await response.arrayBuffer();
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("__ffi_session="));
  if (response.status !== 302 || !cookie) throw new Error(`demo login: HTTP ${response.status}`);
  return cookie.split(";")[0]!;
}

/** GET with the session, following redirects by hand (fetch drops the cookie header on redirects). */
async function follow(base: string, cookie: string, start: string, init: RequestInit = {}): Promise<{ url: string; html: string }> {
  let location = start;
  let request: RequestInit = init;
  for (let hop = 0; hop < 6; hop++) {
    const response = await fetch(new URL(location, base), { ...request, headers: { ...(request.headers as Record<string, string>), cookie, origin: base }, redirect: "manual" });
    const text = await response.text();
    const next = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && next) {
      location = next;
      request = {};
      continue;
    }
    if (response.status !== 200) throw new Error(`${location}: HTTP ${response.status}`);
    return { url: new URL(location, base).pathname, html: text };
  }
  throw new Error(`${start}: too many redirects`);
}

export async function openDemoPages(base: string): Promise<DemoPages> {
  const cookie = await logIn(base);
  const history = await follow(base, cookie, "/orgs");
  const orgId = /\/o\/([0-9a-f-]{36})/.exec(history.url + history.html)?.[1];
  if (!orgId) throw new Error("the demo factory's organisation was not found");
  const list = await follow(base, cookie, `/o/${orgId}/assessments`);
  const results = [...list.html.matchAll(/\/o\/[0-9a-f-]{36}\/assessments\/([0-9a-f-]{36})\/results/g)].map((match) => match[0]);
  if (results.length === 0) throw new Error("the demo factory has no submitted assessment");
  const resultsPath = results[0]!;
  // "Revise": a new draft with the submission's answers, so the questionnaire page has real content.
  const revised = await follow(base, cookie, resultsPath, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" });
  const questionnairePath = revised.url.includes("/d/") ? revised.url : /\/o\/[0-9a-f-]{36}\/assessments\/[0-9a-f-]{36}\/d\/[a-z0-9._-]+/i.exec(revised.html)?.[0];
  if (!questionnairePath) throw new Error(`no questionnaire page reached from the new draft (${revised.url})`);
  return { cookie, resultsPath, questionnairePath };
}
