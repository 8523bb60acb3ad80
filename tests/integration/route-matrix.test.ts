/**
 * Route × actor matrix: every loader and action the app has (found like Remix finds them,
 * tests/support/route-modules.ts) is called as every actor the app knows, and must answer the
 * status declared in EXPECTED below. A route or method without a row fails with the rows to add.
 * After every refused request (4xx, or the way to the login page) the whole `public` schema must be
 * unchanged; what a successful request changed is restored before the next cell.
 */
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import remixConfig from "../../remix.config.js";
import { selectablePeriods } from "~/forms/assessment";
import type { StoredAnswers } from "~/domain/assessment/answers";
import { applicableDimension, dimensionQuestions } from "~/domain/assessment/progress";
import { questionnaireView } from "~/domain/questionnaire/view";
import { currentQuestionnaireVersion, loadQuestionnaireVersion, saveAnswers, savePlantProfile, startAssessment, submitAssessment } from "~/models/assessment.server";
import { createInvitation } from "~/models/membership.server";
import { prisma } from "~/utils/db.server";
import { completeAnswers, createFactoryOwner, uniqueCreditCode } from "../support/assessments";
import { DISCRETE_PLANT } from "../support/questionnaires";
import { changedTables, databaseFingerprint, restoreTables, send, snapshotDatabase, type RequestBody } from "../support/matrix";
import { HANDLER_NAMES, importHandlers, listRouteModules, urlFor, type HandlerName, type RouteHandler } from "../support/route-modules";
import { createConsultancy, createEngagement } from "../support/engagements";
import { addMember, cookieFor, createTestOrganization, createTestUser, TEST_PASSWORD } from "../support/routes";

// ---------------------------------------------------------------------------------------------
// Actors. Adding a role (e.g. a consultant with a grant on the factory) is one line here: its kind
// gives it the expectations of that column, and rows that differ name it explicitly.
// ---------------------------------------------------------------------------------------------
// "consultant": a consultancy member whose consultancy holds an ACTIVE engagement with the factory
// (scope and consultancy role vary); on the factory's own pages they are outsiders like anyone else.
// Consultancies with no, an ended or an expired engagement are plain outsiders everywhere.
// "authority": a member of an authority whose jurisdiction holds the factory (it reads aggregates of
// its jurisdiction on its own sector pages, and nothing of the factory's own pages).
type ActorKind = "anonymous" | "owner" | "editor" | "viewer" | "outsider" | "consultant" | "authority";

const ACTORS = {
  anonymous: { kind: "anonymous", setup: async () => null },
  owner: { kind: "owner", setup: async (w: Fixtures) => w.factoryOwner },
  editor: { kind: "editor", setup: async (w: Fixtures) => memberOf(w, "EDITOR") },
  viewer: { kind: "viewer", setup: async (w: Fixtures) => memberOf(w, "VIEWER") },
  "other-factory-owner": { kind: "outsider", setup: async (w: Fixtures) => w.otherFactoryOwner },
  "consultancy-owner": { kind: "outsider", setup: async () => ownerOfNew("CONSULTANCY") },
  /** An authority that never set its jurisdiction. */
  "authority-owner": { kind: "outsider", setup: async () => ownerOfNew("AUTHORITY") },
  /** Shanghai (31): the factory (310115) is inside. */
  "authority-in": { kind: "authority", setup: async () => authorityWith({ regionCode: "31" }) },
  /** A VIEWER of that authority: reads, does not export. */
  "authority-viewer": { kind: "authority", setup: async (w: Fixtures) => viewerOfAuthority(w, "authority-in") },
  /** Zhejiang (33): the factory is outside. */
  "authority-out": { kind: "authority", setup: async () => authorityWith({ regionCode: "33" }) },
  /** Owner of a consultancy with an ACTIVE engagement of scope VALIDATE. */
  "consultant-validate": { kind: "consultant", setup: async (w: Fixtures) => consultantWith(w, { scope: "VALIDATE" }) },
  /** A VIEWER of that same consultancy: may read the client, not validate. */
  "consultant-viewer": { kind: "consultant", setup: async (w: Fixtures) => viewerOfConsultancy(w, "consultant-validate") },
  /** Owner of a consultancy with an ACTIVE engagement of scope READ. */
  "consultant-read": { kind: "consultant", setup: async (w: Fixtures) => consultantWith(w, { scope: "READ" }) },
  /** Owner of a consultancy whose engagement was revoked by the factory. */
  "consultant-revoked": { kind: "outsider", setup: async (w: Fixtures) => consultantWith(w, { scope: "VALIDATE", state: "REVOKED" }) },
  /** Owner of a consultancy whose ACTIVE engagement expired yesterday. */
  "consultant-expired": { kind: "outsider", setup: async (w: Fixtures) => consultantWith(w, { scope: "VALIDATE", expiresAt: new Date(Date.now() - 86_400_000) }) },
} satisfies Record<string, { kind: ActorKind; setup: (w: Fixtures) => Promise<{ id: string; email: string } | null> }>;
type ActorName = keyof typeof ACTORS;

/** "login": 302 to /login?redirectTo=…; a number: that status (302 meaning any other redirect). */
type Expected = number | "login";
type Expectations = Record<ActorKind, Expected> & Partial<Record<ActorName, Expected>>;

interface Row {
  expect: Expectations;
  /**
   * A consultancy page (`/o/:orgId/clients/…`, `orgId` = a consultancy): each actor requests it under
   * their own consultancy if they have one, everyone else under the engaged consultancy (of which
   * they are not members). `clientId` is the factory.
   */
  consultancy?: true;
  /** An authority page (`/o/:orgId/sector/…`, `orgId` = an authority): as `consultancy`, for authorities. */
  authority?: true;
  /** Route params beyond the defaults (orgId = the factory, assessmentId = its draft, …). */
  params?: (w: World) => Record<string, string>;
  query?: (w: World) => string;
  /** What the page's form sends (actions only): one body, or one per intent of the form. */
  body?: Body | Record<string, Body>;
}
type Body = (w: World) => RequestBody;

// Shorthands for the common columns.
const LOGIN = "login" as const;
const ALL = (status: Expected): Expectations => ({ anonymous: status, owner: status, editor: status, viewer: status, outsider: status, consultant: status, authority: status });
const SIGNED_IN = (status: Expected): Expectations => ({ ...ALL(status), anonymous: LOGIN });
/** Organisation pages: members read, non-members are told nothing exists. */
const MEMBERS_READ = (status: Expected): Expectations => ({ anonymous: LOGIN, owner: status, editor: status, viewer: status, outsider: 404, consultant: 404, authority: 404 });
const EDITORS_WRITE = (status: Expected): Expectations => ({ anonymous: LOGIN, owner: status, editor: status, viewer: 403, outsider: 404, consultant: 404, authority: 404 });
const OWNERS_WRITE = (status: Expected): Expectations => ({ anonymous: LOGIN, owner: status, editor: 403, viewer: 403, outsider: 404, consultant: 404, authority: 404 });
/** A client's data through an engagement: every engaged consultant reads; nobody else learns it exists. */
const CLIENT_READ = (status: Expected): Expectations => ({ anonymous: LOGIN, owner: 404, editor: 404, viewer: 404, outsider: 404, consultant: status, authority: 404 });
/** Validation work: VALIDATE scope and a consultancy role that may work; READ scope or a consultancy viewer get 403. */
const CLIENT_VALIDATE = (status: Expected): Expectations => ({ ...CLIENT_READ(status), "consultant-read": 403, "consultant-viewer": 403 });
/** The consultancy's own pages (portfolio, bias view): its members, whatever their engagements. */
const CONSULTANCY_READ = (status: Expected): Expectations => ({
  anonymous: LOGIN,
  owner: 404,
  editor: 404,
  viewer: 404,
  outsider: 404,
  consultant: status,
  authority: 404,
  "consultancy-owner": status,
  "consultant-revoked": status,
  "consultant-expired": status,
});
/**
 * An authority's sector pages (rows with `authority: true`, requested under the actor's own authority,
 * everyone else under "authority-in"'s): its members read; an authority without a jurisdiction gets 409.
 */
const SECTOR_READ = (status: Expected): Expectations => ({ anonymous: LOGIN, owner: 404, editor: 404, viewer: 404, outsider: 404, consultant: 404, authority: status, "authority-owner": 409 });
/** Exports: as SECTOR_READ, but an authority's VIEWER may not download. */
const SECTOR_EXPORT = (status: Expected): Expectations => ({ ...SECTOR_READ(status), "authority-viewer": 403 });

const submittedParams = (w: World) => ({ assessmentId: w.submittedB });

// ---------------------------------------------------------------------------------------------
// THE table: route id → loader/action → expected status per actor.
// ---------------------------------------------------------------------------------------------
const EXPECTED: Record<string, Partial<Record<HandlerName, Row>>> = {
  root: { loader: { expect: ALL(200) } },
  "routes/$": { loader: { expect: ALL(404) } },
  "routes/_index": { loader: { expect: { ...ALL(302), anonymous: 200 } } },
  "routes/healthz": { loader: { expect: ALL(200) } },
  "routes/login": {
    loader: { expect: { ...ALL(302), anonymous: 200 } },
    action: { expect: ALL(302), body: (w) => ({ form: { email: w.factoryOwner.email, password: TEST_PASSWORD, redirectTo: "/orgs" } }) },
  },
  "routes/logout": { loader: { expect: ALL(302) }, action: { expect: ALL(302), body: () => ({ form: {} }) } },
  "routes/signup": {
    loader: { expect: { ...ALL(302), anonymous: 200 } },
    action: {
      expect: ALL(302),
      body: () => ({ form: { email: `new-${crypto.randomUUID()}@example.com`, displayName: "新用户", password: TEST_PASSWORD, organizationKind: "FACTORY", organizationName: "新工厂" } }),
    },
  },
  "routes/locale": { loader: { expect: ALL(302) }, action: { expect: ALL(302), body: () => ({ form: { locale: "en", redirectTo: "/orgs" } }) } },
  "routes/account": {
    loader: { expect: SIGNED_IN(200) },
    action: {
      expect: SIGNED_IN(200),
      body: {
        details: () => ({ form: { intent: "details", displayName: "改过的名字", locale: "zh-CN" } }),
        password: () => ({ form: { intent: "password", currentPassword: TEST_PASSWORD, newPassword: "another-long-passphrase", confirmPassword: "another-long-passphrase" } }),
        "logout-others": () => ({ form: { intent: "logout-others" } }),
      },
    },
  },
  "routes/invitations.$token": {
    // Anyone with the link may see it; only the invited account (the other factory's owner) may accept.
    loader: { expect: ALL(200) },
    action: { expect: { ...SIGNED_IN(403), "other-factory-owner": 302 }, body: () => ({ form: {} }) },
  },
  // With exactly one organisation (every actor here) the list forwards to it.
  "routes/orgs._index": { loader: { expect: SIGNED_IN(302) } },
  "routes/orgs.new": {
    loader: { expect: SIGNED_IN(200) },
    action: { expect: SIGNED_IN(302), body: () => ({ form: { kind: "FACTORY", name: "又一家工厂" } }) },
  },
  "routes/orgs.switch": { loader: { expect: { ...SIGNED_IN(302), outsider: 404, consultant: 404, authority: 404 }, query: (w) => `?to=${w.factory}` } },
  "routes/o.$orgId._index": { loader: { expect: MEMBERS_READ(200) } },
  "routes/o.$orgId.whoami": { loader: { expect: MEMBERS_READ(200) } },
  "routes/o.$orgId.profile": {
    loader: { expect: MEMBERS_READ(200) },
    action: {
      expect: OWNERS_WRITE(200),
      body: () => ({
        form: { name: "东方机床", legalName: "上海东方机床有限公司", creditCode: uniqueCreditCode(), industryCode: "34", regionCode: "310115", employees: "1200", revenueWan: "30000" },
      }),
    },
  },
  "routes/o.$orgId.members": {
    loader: { expect: MEMBERS_READ(200) },
    action: {
      expect: OWNERS_WRITE(200),
      body: {
        invite: () => ({ form: { intent: "invite", email: `invitee-${crypto.randomUUID()}@example.com`, role: "EDITOR" } }),
        role: (w) => ({ form: { intent: "role", userId: w.users.viewer!, role: "EDITOR" } }),
        remove: (w) => ({ form: { intent: "remove", userId: w.users.editor! } }),
        revoke: (w) => ({ form: { intent: "revoke", invitationId: w.invitationId } }),
      },
    },
  },
  "routes/o.$orgId.assessments._index": {
    loader: { expect: MEMBERS_READ(200) },
    action: { expect: EDITORS_WRITE(302), body: () => ({ form: { intent: "start", period: selectablePeriods()[3]! } }) },
  },
  "routes/o.$orgId.assessments.compare": { loader: { expect: MEMBERS_READ(200), query: (w) => `?a=${w.submittedA}&b=${w.submittedB}` } },
  "routes/o.$orgId.assessments.$assessmentId": { loader: { expect: MEMBERS_READ(200) } },
  "routes/o.$orgId.assessments.$assessmentId._index": { loader: { expect: MEMBERS_READ(302) } },
  "routes/o.$orgId.assessments.$assessmentId.d.$dimensionId": {
    loader: { expect: MEMBERS_READ(200) },
    action: { expect: EDITORS_WRITE(302), body: (w) => ({ form: w.dimensionForm }) },
  },
  "routes/o.$orgId.assessments.$assessmentId.answers": {
    loader: { expect: MEMBERS_READ(404) },
    action: { expect: EDITORS_WRITE(200), body: (w) => ({ json: { revision: w.draftRevision, changes: { [w.levelQuestion]: { value: 1 } } } }) },
  },
  "routes/o.$orgId.assessments.$assessmentId.profile": {
    loader: { expect: MEMBERS_READ(200) },
    action: { expect: EDITORS_WRITE(302), body: () => ({ form: { productionType: "process", markets: "both", productVariety: "low", sites: "multiple" } }) },
  },
  "routes/o.$orgId.assessments.$assessmentId.submit": {
    loader: { expect: MEMBERS_READ(200) },
    action: { expect: EDITORS_WRITE(302), body: () => ({ form: {} }) },
  },
  "routes/o.$orgId.assessments.$assessmentId.results": {
    loader: { expect: MEMBERS_READ(200), params: submittedParams },
    // "Revise": a new draft from a submitted assessment.
    action: { expect: EDITORS_WRITE(302), params: submittedParams, body: () => ({ form: {} }) },
  },
  "routes/o.$orgId.assessments.$assessmentId.report": { loader: { expect: MEMBERS_READ(200), params: submittedParams } },
  "routes/o.$orgId.assessments.$assessmentId.export[.xlsx]": { loader: { expect: MEMBERS_READ(200), params: submittedParams } },
  "routes/o.$orgId.assessments.$assessmentId.benchmark": { loader: { expect: MEMBERS_READ(200), params: submittedParams } },

  // --- engagements (both sides), audit log, consultancy profile ------------------------------
  // Requested as the factory (orgId = the factory); the consultancy side of the same routes is in
  // tests/integration/engagements.test.ts. The world holds no engagement id, consultancy credit code or
  // consultant e-mail, so owners reach the model and get its refusal: 404 for an engagement that is not
  // theirs, 400 for an invitation without a valid code (a well-formed code would count a look-up
  // against the rate limit, which a refused request may not change here).
  "routes/o.$orgId.engagements._index": {
    loader: { expect: MEMBERS_READ(200) },
    action: {
      expect: OWNERS_WRITE(404),
      body: {
        approve: () => ({ form: { intent: "approve", engagementId: crypto.randomUUID(), scope: "READ" } }),
        decline: () => ({ form: { intent: "decline", engagementId: crypto.randomUUID() } }),
        revoke: () => ({ form: { intent: "revoke", engagementId: crypto.randomUUID() } }),
        end: () => ({ form: { intent: "end", engagementId: crypto.randomUUID() } }),
      },
    },
  },
  "routes/o.$orgId.engagements.new": {
    loader: { expect: OWNERS_WRITE(200) },
    action: { expect: OWNERS_WRITE(400), body: () => ({ form: { intent: "invite", by: "code", creditCode: "91310115", scope: "VALIDATE", months: "12", coverage: "all" } }) },
  },
  "routes/o.$orgId.engagements.audit": { loader: { expect: OWNERS_WRITE(200) } },



  // --- portfolio, comparison, export, bias view, client overview -----------------------------
  "routes/o.$orgId.clients._index": { loader: { expect: CONSULTANCY_READ(200), consultancy: true } },
  // The ids must be live clients of the actor's consultancy: 404 for revoked, expired or none.
  "routes/o.$orgId.clients.compare": { loader: { expect: CLIENT_READ(200), consultancy: true, query: (w) => `?ids=${w.factory}` } },
  "routes/o.$orgId.clients.export[.xlsx]": { loader: { expect: CONSULTANCY_READ(200), consultancy: true } },
  "routes/o.$orgId.clients.bias": { loader: { expect: CONSULTANCY_READ(200), consultancy: true } },
  "routes/o.$orgId.clients.$clientId._index": { loader: { expect: CLIENT_READ(200), consultancy: true } },



  // --- validation (consultant workspace, factory's side-by-side view) ------------------------
  "routes/o.$orgId.clients.$clientId.assessments.$assessmentId._index": { loader: { expect: CLIENT_READ(200), consultancy: true, params: submittedParams } },
  "routes/o.$orgId.clients.$clientId.assessments.$assessmentId.validate": {
    loader: { expect: CLIENT_VALIDATE(200), consultancy: true, params: submittedParams },
    // The first save opens validation version 1 (revision 0). Issuing needs every question reviewed
    // first: tests/integration/validation.test.ts walks it.
    action: {
      expect: CLIENT_VALIDATE(200),
      consultancy: true,
      params: submittedParams,
      body: {
        review: (w) => ({ form: { intent: "review", version: "1", revision: "0", questionId: w.levelQuestion, decision: "changed", value: "1", comment: "现场核查不符" } }),
        "confirm-remaining": () => ({ form: { intent: "confirm-remaining", version: "1", revision: "0" } }),
      },
    },
  },
  "routes/o.$orgId.assessments.$assessmentId.validation": { loader: { expect: MEMBERS_READ(200), params: submittedParams } },



  // --- comments ------------------------------------------------------------------------------
  // Comments open on a submitted assessment a consultancy works on (VALIDATE, all assessments).
  // The factory's owners and editors write, viewers read only; on the consultancy's side the
  // guard decides (validate scope and a working role).
  "routes/o.$orgId.assessments.$assessmentId.comments": {
    action: { expect: EDITORS_WRITE(200), params: submittedParams, body: (w) => ({ form: { questionId: w.levelQuestion, body: "证据已上传，请查看。", fetch: "1" } }) },
  },
  "routes/o.$orgId.clients.$clientId.assessments.$assessmentId.comments": {
    action: {
      consultancy: true,
      expect: CLIENT_VALIDATE(200),
      params: submittedParams,
      body: (w) => ({ form: { questionId: w.levelQuestion, body: "请补充设备联网清单。", fetch: "1" } }),
    },
  },



  // --- sector overview & breakdowns (issue 12) -----------------------------------------------
  "routes/o.$orgId.sector._index": { loader: { authority: true, expect: SECTOR_READ(200) } },
  "routes/o.$orgId.sector.industries": { loader: { authority: true, expect: SECTOR_READ(200) } },
  "routes/o.$orgId.sector.sizes": { loader: { authority: true, expect: SECTOR_READ(200) } },

  // --- sector map, programmes & exports (issue 12) -------------------------------------------
  "routes/o.$orgId.sector.regions": { loader: { expect: SECTOR_READ(200), authority: true } },
  "routes/o.$orgId.sector.programmes": { loader: { expect: SECTOR_READ(200), authority: true } },
  // Downloads: owners and editors of the authority; its viewer gets 403.
  "routes/o.$orgId.sector.export[.csv]": { loader: { expect: SECTOR_EXPORT(200), authority: true, query: () => "?table=medians-by-region" } },
  "routes/o.$orgId.sector.export[.xlsx]": { loader: { expect: SECTOR_EXPORT(200), authority: true, query: () => "?table=programmes-by-size&size=SMALL" } },

  // --- diagnostic report, recommendations, logo ----------------------------------------------
  "routes/o.$orgId.clients.$clientId.assessments.$assessmentId.diagnostic": { loader: { expect: CLIENT_READ(200), consultancy: true, params: submittedParams } },
  "routes/o.$orgId.clients.$clientId.assessments.$assessmentId.diagnostic[.xlsx]": { loader: { expect: CLIENT_READ(200), consultancy: true, params: submittedParams } },
  "routes/o.$orgId.clients.$clientId.assessments.$assessmentId.recommendations": {
    loader: { expect: CLIENT_VALIDATE(200), consultancy: true, params: submittedParams },
    action: { expect: CLIENT_VALIDATE(200), consultancy: true, params: submittedParams, body: () => ({ form: { "recommendation.device.connectivity": "先完成关键设备联网" } }) },
  },
  // The factory's copy exists once a consultancy has issued a validation; the world has none, so members are told so (404).
  "routes/o.$orgId.assessments.$assessmentId.diagnostic": { loader: { expect: MEMBERS_READ(404), params: submittedParams } },
  "routes/o.$orgId.assessments.$assessmentId.diagnostic[.xlsx]": { loader: { expect: MEMBERS_READ(404), params: submittedParams } },
  // The consultancy's own page: its members see the logo, its owners change it.
  "routes/o.$orgId.profile_.logo": {
    loader: { expect: CONSULTANCY_READ(200), consultancy: true },
    action: { expect: { ...CONSULTANCY_READ(200), "consultant-viewer": 403 }, consultancy: true, body: { remove: () => ({ form: { intent: "remove" } }) } },
  },



};

// ---------------------------------------------------------------------------------------------
// Fixtures: a factory with profile, editor and viewer, two submitted assessments and a complete
// draft, a pending invitation (for the other factory's owner); one owner per other organisation kind.
// ---------------------------------------------------------------------------------------------
interface Fixtures {
  factory: string;
  factoryOwner: { id: string; email: string };
  otherFactoryOwner: { id: string; email: string };
  /** Filled while actors are set up: actor name → consultancy id. */
  consultancyOf: Record<string, string | undefined>;
  /** Filled while actors are set up: actor name → authority id. */
  authorityOf: Record<string, string | undefined>;
}
interface World extends Fixtures {
  cookies: Record<ActorName, string | undefined>;
  users: Record<ActorName, string | undefined>;
  /** The engaged (VALIDATE) consultancy: where non-consultants are sent on consultancy pages. */
  consultancy: string;
  /** The authority whose jurisdiction holds the factory: where non-authorities are sent on sector pages. */
  authority: string;
  submittedA: string;
  submittedB: string;
  draft: string;
  draftRevision: number;
  dimensionId: string;
  dimensionForm: Record<string, string>;
  levelQuestion: string;
  invitationToken: string;
  invitationId: string;
}

async function memberOf(w: Fixtures, role: "EDITOR" | "VIEWER") {
  const user = await createTestUser();
  await addMember(w.factory, user.id, role);
  return user;
}

async function ownerOfNew(kind: "CONSULTANCY" | "AUTHORITY") {
  const user = await createTestUser();
  await createTestOrganization(user.id, kind, kind === "CONSULTANCY" ? "测试咨询公司" : "测试主管部门");
  return user;
}

/** The owner of a new consultancy with an engagement on the factory (covering all its assessments). */
async function consultantWith(w: Fixtures, options: { scope: "READ" | "VALIDATE"; state?: "ACTIVE" | "REVOKED"; expiresAt?: Date }) {
  const { owner, organization } = await createConsultancy();
  await createEngagement({ consultancyId: organization.id, factoryId: w.factory, requestedById: owner.id, ...options });
  return owner;
}

/** The owner of a new authority with the given jurisdiction. */
async function authorityWith(jurisdiction: { regionCode: string; industryCode?: string }) {
  const user = await createTestUser();
  const organization = await createTestOrganization(user.id, "AUTHORITY", "测试经信委");
  await prisma.authorityJurisdiction.create({ data: { organizationId: organization.id, regionCode: jurisdiction.regionCode, industryCode: jurisdiction.industryCode ?? null } });
  return user;
}

async function viewerOfAuthority(w: Fixtures, of: string) {
  const authority = w.authorityOf[of];
  if (!authority) throw new Error(`${of} must be set up first`);
  const user = await createTestUser();
  await addMember(authority, user.id, "VIEWER");
  return user;
}

async function viewerOfConsultancy(w: Fixtures, of: string) {
  const consultancy = w.consultancyOf[of];
  if (!consultancy) throw new Error(`${of} must be set up first`);
  const user = await createTestUser();
  await addMember(consultancy, user.id, "VIEWER");
  return user;
}

let answers: StoredAnswers;

async function submitted(orgId: string, userId: string, period: string) {
  const started = await startAssessment(orgId, userId, period);
  if (started.status !== "created" && started.status !== "existing") throw new Error(`could not start: ${started.status}`);
  await savePlantProfile(orgId, started.id, userId, DISCRETE_PLANT);
  await saveAnswers(orgId, started.id, userId, { revision: 1, changes: answers });
  const outcome = await submitAssessment(orgId, started.id, userId);
  if (outcome.status !== "submitted") throw new Error(`could not submit: ${outcome.status}`);
  return started.id;
}

async function buildWorld(): Promise<World> {
  // Every assessment here is on 2.0.0 (the latest version, with a plant profile).
  answers ??= await completeAnswers();
  const { owner, organization } = await createFactoryOwner();
  const other = await createFactoryOwner("另一家工厂");
  const fixtures: Fixtures = { factory: organization.id, factoryOwner: owner, otherFactoryOwner: other.owner, consultancyOf: {}, authorityOf: {} };
  const [year, lastYear, twoYearsAgo] = selectablePeriods();
  const submittedA = await submitted(organization.id, owner.id, twoYearsAgo!);
  const submittedB = await submitted(organization.id, owner.id, lastYear!);
  const draft = await startAssessment(organization.id, owner.id, year!);
  if (draft.status !== "created" && draft.status !== "existing") throw new Error(`could not start: ${draft.status}`);
  await savePlantProfile(organization.id, draft.id, owner.id, DISCRETE_PLANT);
  const saved = await saveAnswers(organization.id, draft.id, owner.id, { revision: 1, changes: answers });
  if (saved.status !== "saved") throw new Error(`could not save: ${saved.status}`);
  const invitation = await createInvitation(organization.id, owner.id, other.owner.email, "VIEWER");
  if (invitation.status !== "created") throw new Error(`could not invite: ${invitation.status}`);

  const { questionnaire } = await loadQuestionnaireVersion((await currentQuestionnaireVersion()).id);
  const dimension = questionnaire.dimensions[0]!;
  // The page's form holds the questions that apply to the plant, in page order.
  const questions = dimensionQuestions(applicableDimension(questionnaireView(questionnaire, "zh-CN").dimensions[0]!, DISCRETE_PLANT).dimension);
  const dimensionForm: Record<string, string> = { revision: String(saved.revision) };
  questions.forEach((question, index) => (dimensionForm[`answers.${index}.value`] = String(answers[question.id]!.value)));

  const cookies = {} as Record<ActorName, string | undefined>;
  const users = {} as Record<ActorName, string | undefined>;
  for (const [name, actor] of Object.entries(ACTORS) as [ActorName, (typeof ACTORS)[ActorName]][]) {
    const user = await actor.setup(fixtures);
    users[name] = user?.id;
    cookies[name] = user ? await cookieFor(user.id) : undefined;
    if (user) {
      const consultancy = await prisma.membership.findFirst({ where: { userId: user.id, organization: { kind: "CONSULTANCY" } }, select: { organizationId: true } });
      if (consultancy) fixtures.consultancyOf[name] = consultancy.organizationId;
      const authority = await prisma.membership.findFirst({ where: { userId: user.id, organization: { kind: "AUTHORITY" } }, select: { organizationId: true } });
      if (authority) fixtures.authorityOf[name] = authority.organizationId;
    }
  }
  const { id: invitationId } = await prisma.invitation.findFirstOrThrow({ where: { organizationId: organization.id, email: other.owner.email }, select: { id: true } });
  return {
    ...fixtures,
    cookies,
    users,
    consultancy: fixtures.consultancyOf["consultant-validate"]!,
    authority: fixtures.authorityOf["authority-in"]!,
    submittedA,
    submittedB,
    draft: draft.id,
    draftRevision: saved.revision,
    dimensionId: dimension.id,
    dimensionForm,
    levelQuestion: questions.find((q) => q.type === "level")!.id,
    invitationToken: invitation.token,
    invitationId,
  };
}

// Built once; a cell that changed the database is undone table by table from a snapshot, and the
// fingerprint must then be the baseline again, so every cell starts from the same data.
let world: World;
let baseline: Record<string, string>;
beforeAll(async () => {
  world = await buildWorld();
  await snapshotDatabase();
  baseline = await databaseFingerprint();
});

// ---------------------------------------------------------------------------------------------

const routes = listRouteModules(undefined, remixConfig.ignoredRouteFiles);
const handlers = new Map(await Promise.all(routes.map(async (route) => [route.id, await importHandlers(route)] as const)));

describe("the expectation table", () => {
  it("covers every loader and action of every route, and nothing else", () => {
    const present = routes.flatMap((route) => HANDLER_NAMES.filter((name) => handlers.get(route.id)![name]).map((name) => `${route.id} ${name}`));
    const declared = Object.entries(EXPECTED).flatMap(([id, row]) => HANDLER_NAMES.filter((name) => row[name]).map((name) => `${id} ${name}`));
    const missing = present.filter((key) => !declared.includes(key));
    const stale = declared.filter((key) => !present.includes(key));
    expect(missing, `add expectations to EXPECTED in route-matrix.test.ts for: ${missing.join(", ")}`).toEqual([]);
    expect(stale, `EXPECTED names handlers the app does not have: ${stale.join(", ")}`).toEqual([]);
  });

  it("gives every action a body", () => {
    const without = Object.entries(EXPECTED)
      .filter(([, row]) => row.action && typeof row.action.body !== "function" && Object.keys(row.action.body ?? {}).length === 0)
      .map(([id]) => id);
    expect(without).toEqual([]);
  });
});

for (const route of routes) {
  for (const name of HANDLER_NAMES) {
    const handler: RouteHandler | undefined = handlers.get(route.id)![name];
    const row = EXPECTED[route.id]?.[name];
    // A missing row is reported by "the expectation table" above, by name.
    if (!handler || !row) continue;
    const bodies: [string, Body | undefined][] =
      name === "loader" ? [["", undefined]] : typeof row.body === "function" ? [["", row.body]] : Object.entries(row.body ?? {}).map(([intent, body]) => [` (${intent})`, body]);
    for (const [variant, body] of bodies) {
      describe(`${route.id} ${name}${variant}`, () => {
        it.each(Object.keys(ACTORS) as ActorName[])("as %s", async (actorName) => {
          const w = world;
          const expected = row.expect[actorName] ?? row.expect[ACTORS[actorName].kind];
          const orgId = row.consultancy ? (w.consultancyOf[actorName] ?? w.consultancy) : row.authority ? (w.authorityOf[actorName] ?? w.authority) : w.factory;
          const params = { orgId, clientId: w.factory, assessmentId: w.draft, dimensionId: w.dimensionId, token: w.invitationToken, "*": "no-such-page", ...row.params?.(w) };
          const path = urlFor(route.pattern, params) + (row.query?.(w) ?? "");
          const result = await send(handler, { path, params, cookie: w.cookies[actorName], body: body?.(w) });
          const actual: Expected = result.status === 302 && result.location?.startsWith("/login?redirectTo=") ? LOGIN : result.status;
          const changed = changedTables(baseline, await databaseFingerprint());
          if (changed.length > 0) {
            await restoreTables(changed);
            expect(changedTables(baseline, await databaseFingerprint()), "restored from the snapshot").toEqual([]);
          }
          expect(actual, `${name} ${path} as ${actorName}: ${result.body.slice(0, 200)}`).toBe(expected);
          const refused = actual === LOGIN || actual >= 400;
          if (refused) expect(changed, `a refused request changed ${changed.join(", ")}`).toEqual([]);
          // Whatever they get, people outside the factory never see its ids in an answer.
          if (ACTORS[actorName].kind === "anonymous" || ACTORS[actorName].kind === "outsider" || ACTORS[actorName].kind === "authority") {
            for (const id of [w.factory, w.draft, w.submittedA, w.submittedB]) expect(result.body, `${actorName} sees ${id}`).not.toContain(id);
          }
        });
      });
    }
  }
}
