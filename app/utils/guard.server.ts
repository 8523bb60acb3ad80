/**
 * The one permission helper. Every loader and action is wrapped in `guard(access, handler)`:
 * - "public": anyone; `auth` may be null.
 * - "authenticated": a signed-in user, else a redirect to /login.
 * - a Permission: the user must be a member of the organisation in `params.orgId` whose role
 *   grants it. Non-members get 404 (we do not reveal that the organisation exists), members
 *   without the permission get 403.
 * - `{ engagement, param }`: the cross-organisation path (ADR 0016). The user must be a member of
 *   the consultancy in `params.orgId` (role allowing `clients:read`, or `clients:work` beyond
 *   reading), and that consultancy must hold an ACTIVE, unexpired engagement with the factory in
 *   `params[param]` whose scope grants the permission. No engagement (never, ended, revoked,
 *   expired, declined, requested): 404, exactly like a factory that does not exist. Scope or role
 *   too narrow: 403. A `params.assessmentId` the engagement does not cover: 404. Every request the
 *   handler answers (2xx/3xx) is written to the factory's audit log, once per request.
 * - `{ jurisdiction }`: an authority's sector pages (ADR 0018). The user must be a member of the
 *   AUTHORITY in `params.orgId` whose role grants the permission, and the authority must have set its
 *   jurisdiction (else 409 with a message saying so). Anyone else: 404, the pages do not exist for
 *   them. The context carries the jurisdiction; every aggregate query is scoped by it, and what leaves
 *   the server passes app/domain/disclosure first.
 * tests/integration/route-guards.test.ts enumerates every route module and fails when an
 * exported loader/action is not guarded.
 *
 * While the database cannot be reached, every guarded loader/action answers 503 with Retry-After
 * and a translated JSON message instead of a 500 (ADR 0010): the guard wraps them all, so this is
 * the one place that knows.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "~/utils/db-unavailable";
import { engagementCovers, findActiveEngagement, writeAuditEntry, type ActiveEngagement } from "~/utils/engagement-access.server";
import { findJurisdiction, type Jurisdiction } from "~/utils/jurisdiction-access.server";
import { httpError } from "~/utils/http.server";
import { translator, type AppLocale, type Translate } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { membershipPermissionFor, roleCan, scopeCan, type EngagementPermission, type JurisdictionPermission, type Permission, type Role } from "~/utils/permissions";
import { getAuthSession, type AuthSession, type SessionBadge } from "~/utils/session.server";
import { threadPageAssessment } from "~/domain/comments/thread";

/** Access through an engagement: `param` names the route parameter holding the client factory's id. */
export interface EngagementAccess {
  engagement: EngagementPermission;
  param: string;
}

/** An authority's sector pages: aggregates of its jurisdiction only. */
export interface JurisdictionAccess {
  jurisdiction: JurisdictionPermission;
}

export type Access = "public" | "authenticated" | Permission | EngagementAccess | JurisdictionAccess;

type Args = LoaderFunctionArgs | ActionFunctionArgs;
type Membership = AuthSession["memberships"][number];

interface BaseContext {
  request: Request;
  params: Args["params"];
  locale: AppLocale;
  t: Translate;
}
export interface PublicContext extends BaseContext {
  auth: AuthSession | null;
}
export interface UserContext extends BaseContext {
  auth: AuthSession;
}
export interface OrgContext extends UserContext {
  org: { id: string; name: string; kind: "FACTORY" | "CONSULTANCY" | "AUTHORITY" };
  role: Role;
  can: (permission: Permission) => boolean;
}

/** A consultancy member working on a client's data: `org` is the consultancy, `client` the factory. */
export interface EngagementContext extends OrgContext {
  client: { id: string; name: string };
  engagement: ActiveEngagement;
  /** Whether this engagement covers the assessment (the guard already checked `params.assessmentId`). */
  covers: (assessmentId: string) => boolean;
  /** What the engagement's scope allows, e.g. to show or hide the validation buttons. */
  scopeCan: (permission: EngagementPermission) => boolean;
}

/** An authority member on its sector pages: `org` is the authority, `jurisdiction` what it oversees. */
export interface JurisdictionContext extends OrgContext {
  jurisdiction: Jurisdiction;
}

export type ContextFor<A extends Access> = A extends "public"
  ? PublicContext
  : A extends "authenticated"
    ? UserContext
    : A extends EngagementAccess
      ? EngagementContext
      : A extends JurisdictionAccess
        ? JurisdictionContext
        : OrgContext;

export const GUARD = Symbol.for("ffi.guard");

/** The access rule as a string, for the route-guard tests and logs: "org:read", "engagement:assessment:validate@clientId". */
export function describeAccess(access: Access): string {
  if (typeof access === "string") return access;
  return "jurisdiction" in access ? `jurisdiction:${access.jurisdiction}` : `engagement:${access.engagement}@${access.param}`;
}

export type Guarded<R> = ((args: Args) => Promise<R>) & { [GUARD]: string };

const orgIdSchema = z.uuid();

// One page request runs several loaders (root, layouts, page) with the same Request object:
// the session, with the user's memberships, is read once per request, not once per loader.
const sessionsByRequest = new WeakMap<Request, ReturnType<typeof getAuthSession>>();

/**
 * Remix hands every loader of one HTTP request its own copy of the Request (server-runtime's
 * callRouteLoader strips `?index` and `?_routes` into two `new Request`s per loader), so anything
 * memoised per Request object — the session above, oncePerRequest's reads — was read once per loader:
 * three session statements and two assessment reads per assessment page (issue 14). The load context
 * is one object per HTTP request (server/app.ts), shared by its loaders, so the first loader's copy
 * stands for all of them. Only for GET/HEAD: the copies differ in nothing but those stripped
 * parameters, while an action's request (POST, its body read) must never stand for the loaders that
 * run after it, nor they for it: they read what the action wrote.
 */
const pageRequests = new WeakMap<object, Request>();

function pageRequest(request: Request, context: unknown): Request {
  if (typeof context !== "object" || context === null || (request.method !== "GET" && request.method !== "HEAD")) return request;
  const first = pageRequests.get(context);
  // A context is made per HTTP request (server/app.ts); should one ever be reused across requests,
  // a copy of another user's or language's request must still never stand for this one.
  if (first && first.url === request.url && first.method === request.method && sameHeader(first, request, "cookie") && sameHeader(first, request, "accept-language")) return first;
  pageRequests.set(context, request);
  return request;
}

const sameHeader = (a: Request, b: Request, name: string) => a.headers.get(name) === b.headers.get(name);

function sessionFor(request: Request) {
  let session = sessionsByRequest.get(request);
  if (!session) {
    session = getAuthSession(request, pageBadge(request));
    sessionsByRequest.set(request, session);
  }
  return session;
}

/**
 * A GET is a page or its data, whose root loader shows the unread badge: read it with the session,
 * one round trip (ADR 0033). Actions do not show it (after one, Remix reloads with a new Request).
 */
function pageBadge(request: Request): SessionBadge | undefined {
  if (request.method !== "GET") return undefined;
  return { opening: threadPageAssessment(new URL(request.url).pathname) };
}

function membershipFor(auth: AuthSession, organizationId: string): Membership | null {
  return auth.memberships.find((m) => m.organization.id === organizationId) ?? null;
}

let lastOutageLog = 0;

/** 503 in the request's language; the user's saved locale is in the database, so cookie/browser only. */
export async function databaseUnavailableResponse(request: Request, error?: unknown): Promise<Response> {
  if (error !== undefined && Date.now() - lastOutageLog > 5_000) {
    // One line every few seconds, not a stack trace per request, while the database is away.
    lastOutageLog = Date.now();
    console.error(`[ffi] database unavailable, answering 503: ${error instanceof Error ? error.message.split("\n").slice(-1)[0] : String(error)}`);
  }
  const t = translator(await resolveLocale(request));
  return Response.json(
    { reason: "unavailable", message: t("errors.unavailableText") },
    { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
  );
}

export function guard<A extends Access, R>(access: A, handler: (context: ContextFor<A>) => Promise<R> | R): Guarded<R> {
  const checked = checkAccess(access, handler);
  const guarded = async (args: Args): Promise<R> => {
    try {
      return await checked(args);
    } catch (error) {
      if (error instanceof Response || !isDatabaseUnavailable(error)) throw error;
      throw await databaseUnavailableResponse(args.request, error);
    }
  };
  return Object.assign(guarded, { [GUARD]: describeAccess(access) });
}

function checkAccess<A extends Access, R>(access: A, handler: (context: ContextFor<A>) => Promise<R> | R) {
  return async ({ request: own, params, context: loadContext }: Args): Promise<R> => {
    const request = pageRequest(own, loadContext);
    const auth = await sessionFor(request);
    const locale = await resolveLocale(request, auth?.user.locale);
    const t = translator(locale);
    if (access === "public") {
      return handler({ request, params, locale, t, auth } as ContextFor<A>);
    }
    if (!auth) {
      const url = new URL(request.url);
      throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
    }
    if (access === "authenticated") {
      return handler({ request, params, locale, t, auth } as ContextFor<A>);
    }
    const parsedId = orgIdSchema.safeParse(params.orgId);
    if (!parsedId.success) httpError(404, t("errors.notFoundText"));
    const membership = membershipFor(auth, parsedId.data);
    if (!membership) httpError(404, t("errors.notFoundText"));
    const role = membership.role;
    if (typeof access === "object" && "jurisdiction" in access) {
      // Only an authority has sector pages; for anyone else they do not exist.
      if (membership.organization.kind !== "AUTHORITY") httpError(404, t("errors.notFoundText"));
      if (!roleCan(role, access.jurisdiction)) httpError(403, t("errors.forbiddenText"));
      const jurisdiction = await findJurisdiction(membership.organization.id);
      if (!jurisdiction) httpError(409, t("sector.noJurisdiction"));
      const context: JurisdictionContext = { request, params, locale, t, auth, org: membership.organization, role, can: (permission) => roleCan(role, permission), jurisdiction };
      return handler(context as ContextFor<A>);
    }
    if (typeof access === "object") {
      const { context, audit } = await engagementContext(access, { request, params, locale, t, auth }, membership);
      // Logged once the handler has answered: a refused request (bad input, not found, conflict)
      // reached nothing and changes nothing, not even the log.
      let outcome: R;
      try {
        outcome = await handler(context as ContextFor<A>);
      } catch (thrown) {
        if (answerStatus(thrown) < 400) await audit();
        throw thrown;
      }
      if (answerStatus(outcome) < 400) await audit();
      return outcome;
    }
    if (!roleCan(role, access as Permission)) httpError(403, t("errors.forbiddenText"));
    const context: OrgContext = {
      request,
      params,
      locale,
      t,
      auth,
      org: membership.organization,
      role,
      can: (permission) => roleCan(role, permission),
    };
    return handler(context as ContextFor<A>);
  };
}

// Several loaders of one page request reach the same client: one audit entry per request and client.
const auditedByRequest = new WeakMap<Request, Set<string>>();

/** The status a handler's answer (returned or thrown) will have; anything else thrown is a 500. */
function answerStatus(value: unknown): number {
  if (value instanceof Response) return value.status;
  if (typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit") {
    return (value as { init?: ResponseInit | null }).init?.status ?? 200;
  }
  return value instanceof Error ? 500 : 200;
}

async function engagementContext(
  access: EngagementAccess,
  base: UserContext,
  membership: Membership,
): Promise<{ context: EngagementContext; audit: () => Promise<void> }> {
  const { request, params, t, auth } = base;
  const { role, organization } = membership;
  // Only a consultancy reaches clients; for anyone else these pages do not exist.
  if (organization.kind !== "CONSULTANCY") httpError(404, t("errors.notFoundText"));
  const clientId = orgIdSchema.safeParse(params[access.param]);
  if (!clientId.success) httpError(404, t("errors.notFoundText"));
  const engagement = await findActiveEngagement(organization.id, clientId.data);
  if (!engagement) httpError(404, t("errors.notFoundText"));
  if (typeof params.assessmentId === "string" && !engagementCovers(engagement, params.assessmentId)) httpError(404, t("errors.notFoundText"));
  if (!roleCan(role, membershipPermissionFor(access.engagement)) || !scopeCan(engagement.scope, access.engagement)) {
    httpError(403, t("errors.forbiddenText"));
  }
  const audit = async () => {
    let audited = auditedByRequest.get(request);
    if (!audited) auditedByRequest.set(request, (audited = new Set()));
    if (audited.has(engagement.factory.id)) return;
    audited.add(engagement.factory.id);
    const { pathname } = new URL(request.url);
    await writeAuditEntry({
      factoryId: engagement.factory.id,
      consultancyId: organization.id,
      engagementId: engagement.id,
      userId: auth.user.id,
      userName: auth.user.displayName,
      action: request.method === "GET" || request.method === "HEAD" ? "view" : "change",
      target: `${access.engagement} ${request.method} ${pathname.replace(/\.data$/, "")}`,
    });
  };
  const context: EngagementContext = {
    ...base,
    org: organization,
    role,
    can: (permission) => roleCan(role, permission),
    client: engagement.factory,
    engagement,
    covers: (assessmentId) => engagementCovers(engagement, assessmentId),
    scopeCan: (permission) => scopeCan(engagement.scope, permission),
  };
  return { context, audit };
}
