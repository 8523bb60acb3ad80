/**
 * Comments (issue 11): a thread per question between the factory and the consultancies engaged on
 * the assessment; unread marks and the header badge on both sides; e-mail reminders through the
 * outbox in each recipient's language, at most one per recipient and assessment per 15 minutes;
 * every bad input answered with its status and a translated message, and nothing stored.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { commentAnchor } from "~/domain/comments/thread";
import { currentQuestionnaireVersion, loadQuestionnaireVersion } from "~/models/assessment.server";
import { loadCommentThreads, markAssessmentRead, openCommentThreads, unreadCommentCount } from "~/models/comment.server";
import * as root from "~/root";
import * as consultantRoute from "~/routes/o.$orgId.clients.$clientId.assessments.$assessmentId.comments";
import * as factoryRoute from "~/routes/o.$orgId.assessments.$assessmentId.comments";
import { BODY_LIMITS } from "~/utils/body-limits";
import { hotStatementCount, prisma } from "~/utils/db.server";
import { assessmentLabel } from "~/utils/assessment-label";
import { translator } from "~/utils/i18n";
import { createFactoryOwner, startTestDraft } from "../support/assessments";
import { createConsultancy, createEngagement, submitTestAssessment } from "../support/engagements";
import { databaseFingerprint } from "../support/fingerprint";
import { addMember, call, cookieFor, createTestUser } from "../support/routes";

const zh = translator("zh-CN");
const en = translator("en");

type User = { id: string; email: string };
let factory: { id: string; owner: User; ownerCookie: string; editor: User; editorCookie: string; viewer: User; viewerCookie: string };
let consultancy: { id: string; owner: User; cookie: string; viewer: User; viewerCookie: string };
let submitted: string;
let questionId: string;
let questionTitle: { "zh-CN": string; en: string };

beforeEach(async () => {
  const made = await createFactoryOwner("东方机床");
  const editor = await createTestUser({ displayName: "Li Editor", locale: "en" });
  const viewer = await createTestUser({ displayName: "赵查看" });
  await addMember(made.organization.id, editor.id, "EDITOR");
  await addMember(made.organization.id, viewer.id, "VIEWER");
  factory = {
    id: made.organization.id,
    owner: made.owner,
    ownerCookie: made.cookie,
    editor,
    editorCookie: await cookieFor(editor.id),
    viewer,
    viewerCookie: await cookieFor(viewer.id),
  };
  submitted = await submitTestAssessment(factory.id, made.owner.id, "2025");
  const firm = await createConsultancy("远见咨询");
  const firmViewer = await createTestUser({ displayName: "钱助理" });
  await addMember(firm.organization.id, firmViewer.id, "VIEWER");
  consultancy = { id: firm.organization.id, owner: firm.owner, cookie: firm.cookie, viewer: firmViewer, viewerCookie: await cookieFor(firmViewer.id) };
  await createEngagement({ consultancyId: consultancy.id, factoryId: factory.id, requestedById: firm.owner.id, scope: "VALIDATE" });
  const { questionnaire } = await loadQuestionnaireVersion((await currentQuestionnaireVersion()).id);
  const question = questionnaire.dimensions[0]!.capabilities[0]!.questions[0]!;
  questionId = question.id;
  questionTitle = question.title;
});

/** The e-mails name the assessment by its edition label (ADR 0022): "2025 · 第 1 版 · 11月29日". */
async function submittedLabel(locale: "zh-CN" | "en") {
  const { submittedAt } = await prisma.assessment.findUniqueOrThrow({ where: { id: submitted }, select: { submittedAt: true } });
  return assessmentLabel(translator(locale), locale, { period: "2025", edition: 1, status: "SUBMITTED", submittedAt });
}

function consultantPost(form: Record<string, string>, options: { cookie?: string; orgId?: string; clientId?: string; assessmentId?: string } = {}) {
  const orgId = options.orgId ?? consultancy.id;
  const clientId = options.clientId ?? factory.id;
  const assessmentId = options.assessmentId ?? submitted;
  return call(consultantRoute.action, {
    path: `/o/${orgId}/clients/${clientId}/assessments/${assessmentId}/comments`,
    params: { orgId, clientId, assessmentId },
    cookie: options.cookie ?? consultancy.cookie,
    form: { questionId, fetch: "1", ...form },
  });
}

function factoryPost(form: Record<string, string>, options: { cookie?: string; orgId?: string; assessmentId?: string } = {}) {
  const orgId = options.orgId ?? factory.id;
  const assessmentId = options.assessmentId ?? submitted;
  return call(factoryRoute.action, {
    path: `/o/${orgId}/assessments/${assessmentId}/comments`,
    params: { orgId, assessmentId },
    cookie: options.cookie ?? factory.ownerCookie,
    form: { questionId, fetch: "1", ...form },
  });
}

const mailTo = (email: string) => prisma.outboxEmail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });

/** What comments, reads, reminders and e-mails exist: must not move on a refusal. */
async function commentState() {
  const [comments, reads, mails, reminders, audit] = await Promise.all([
    prisma.comment.count(),
    prisma.commentRead.count(),
    prisma.outboxEmail.count(),
    prisma.rateLimit.count({ where: { key: { startsWith: "comment-mail:" } } }),
    prisma.auditLogEntry.count(),
  ]);
  return { comments, reads, mails, reminders, audit };
}

describe("posting", () => {
  it("stores the consultant's message and reminds the factory's owners and editors, each in their language, with a link to the thread", async () => {
    const result = await consultantPost({ body: "  请补充 MES 系统的截图作为证据。\r\n谢谢  " });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ ok: true, comment: { questionId, side: "consultancy", organizationName: "远见咨询", body: "请补充 MES 系统的截图作为证据。\n谢谢", own: true } });
    const stored = await prisma.comment.findFirstOrThrow({ where: { assessmentId: submitted } });
    expect(stored).toMatchObject({ questionId, authorId: consultancy.owner.id, authorOrgId: consultancy.id, body: "请补充 MES 系统的截图作为证据。\n谢谢" });

    const link = `http://localhost/o/${factory.id}/assessments/${submitted}/validation#${commentAnchor(questionId)}`;
    const [toOwner] = await mailTo(factory.owner.email);
    expect(toOwner?.subject).toBe(zh("comments.email.subject", { factory: "东方机床", label: await submittedLabel("zh-CN") }));
    expect(toOwner?.body).toContain(questionTitle["zh-CN"]);
    expect(toOwner?.body).toContain("请补充 MES 系统的截图作为证据。");
    expect(toOwner?.body).toContain(link);
    const [toEditor] = await mailTo(factory.editor.email);
    expect(toEditor?.subject).toBe(en("comments.email.subject", { factory: "东方机床", label: await submittedLabel("en") }));
    expect(toEditor?.body).toContain(questionTitle.en);
    expect(toEditor?.body).toContain(link);
    // Viewers cannot answer, the author is not reminded of their own message.
    expect(await mailTo(factory.viewer.email)).toHaveLength(0);
    expect(await mailTo(consultancy.owner.email)).toHaveLength(0);
    // The named action is in the factory's audit log, then the guard's entry for the answered request.
    const audit = await prisma.auditLogEntry.findMany({ where: { factoryId: factory.id }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["comment.post", "change"]);
    expect(audit[0]).toMatchObject({ consultancyId: consultancy.id, userId: consultancy.owner.id, target: `assessment ${submitted} question ${questionId}` });
  });

  it("reminds the consultancy's working members when the factory answers, with a link to the validation workspace", async () => {
    await consultantPost({ body: "请确认设备联网率。" });
    const result = await factoryPost({ body: "已上传联网设备清单。" }, { cookie: factory.editorCookie });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ ok: true, comment: { side: "factory", organizationName: "东方机床", own: true } });
    const [mail] = await mailTo(consultancy.owner.email);
    expect(mail?.subject).toBe(zh("comments.email.subject", { factory: "东方机床", label: await submittedLabel("zh-CN") }));
    expect(mail?.body).toContain(`http://localhost/o/${consultancy.id}/clients/${factory.id}/assessments/${submitted}/validate#${commentAnchor(questionId)}`);
    expect(await mailTo(consultancy.viewer.email)).toHaveLength(0);
  });

  it("sends one reminder per recipient and assessment in 15 minutes, however many messages arrive", async () => {
    for (const body of ["第一条", "第二条", "第三条"]) expect((await consultantPost({ body })).status).toBe(200);
    expect(await mailTo(factory.owner.email)).toHaveLength(1);
    expect(await mailTo(factory.editor.email)).toHaveLength(1);
    // Once the quiet time has passed, the next message reminds again.
    await prisma.rateLimit.updateMany({ where: { key: { startsWith: "comment-mail:" } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await consultantPost({ body: "第四条" })).status).toBe(200);
    expect(await mailTo(factory.owner.email)).toHaveLength(2);
    // Another assessment has its own quiet time.
    const other = await submitTestAssessment(factory.id, factory.owner.id, "2024");
    expect((await consultantPost({ body: "另一份评估" }, { assessmentId: other })).status).toBe(200);
    expect(await mailTo(factory.owner.email)).toHaveLength(3);
  });

  it("accepts 2,000 characters of Chinese; a plain form post goes back to its page at the thread, or is refused in words", async () => {
    const full = await consultantPost({ body: "测".repeat(2000) });
    expect(full.status).toBe(200);
    const plain = await factoryPost({ body: "没有 JavaScript 也能发", fetch: "", returnTo: `/o/${factory.id}/assessments/${submitted}/validation?tab=device` });
    expect(plain.status).toBe(302);
    expect(plain.headers.get("Location")).toBe(`/o/${factory.id}/assessments/${submitted}/validation?tab=device#${commentAnchor(questionId)}`);
    // Never to another site: back to the default page instead.
    const evil = await factoryPost({ body: "再发一条", fetch: "", returnTo: "//evil.example/x" });
    expect(evil.headers.get("Location")).toBe(`/o/${factory.id}/assessments/${submitted}/validation#${commentAnchor(questionId)}`);
    // A refused plain post is a real Response (a resource route would lose data()'s status), in words.
    for (const [form, status, message] of [
      [{ body: "" }, 400, zh("comments.errors.bodyRequired")],
      [{ body: "草稿不行" }, 409, zh("comments.errors.notSubmitted")],
    ] as const) {
      const draft = await startTestDraft(factory.id, factory.owner.id, "2026");
      const refused = await factoryPost({ ...form, fetch: "" }, status === 409 ? { assessmentId: draft } : {});
      expect(refused.status).toBe(status);
      expect(refused.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
      expect(refused.data).toBe(message);
    }
  });
});

describe("unread marks and the badge", () => {
  it("counts what the other side wrote until the user opens the page, on both sides, and links to the oldest unread thread", async () => {
    await consultantPost({ body: "问题一" });
    expect(await unreadCommentCount(factory.owner.id)).toEqual({
      count: 1,
      href: `/o/${factory.id}/assessments/${submitted}/validation#${commentAnchor(questionId)}`,
    });
    expect(await unreadCommentCount(factory.viewer.id)).toMatchObject({ count: 1 });
    // Your own messages are never unread for you.
    expect(await unreadCommentCount(consultancy.owner.id)).toEqual({ count: 0, href: null });

    await factoryPost({ body: "回复一" });
    await factoryPost({ body: "回复二" }, { cookie: factory.editorCookie });
    expect(await unreadCommentCount(consultancy.owner.id)).toEqual({
      count: 2,
      href: `/o/${consultancy.id}/clients/${factory.id}/assessments/${submitted}/validate#${commentAnchor(questionId)}`,
    });
    // A consultancy viewer reads (their colleague's message is unread for them too), so their badge points at the read view.
    expect(await unreadCommentCount(consultancy.viewer.id)).toEqual({
      count: 3,
      href: `/o/${consultancy.id}/clients/${factory.id}/assessments/${submitted}#${commentAnchor(questionId)}`,
    });
    // The owner sees the editor's reply as unread, not their own.
    expect(await unreadCommentCount(factory.owner.id)).toMatchObject({ count: 2 });

    const threads = await openCommentThreads(submitted, consultancy.owner.id, { consultancyId: consultancy.id });
    expect(threads[questionId]!.map((m) => [m.body, m.unread, m.own])).toEqual([
      ["问题一", false, true],
      ["回复一", true, false],
      ["回复二", true, false],
    ]);
    expect(await unreadCommentCount(consultancy.owner.id)).toEqual({ count: 0, href: null });
    // Opened once: the flags are gone the next time.
    expect((await loadCommentThreads(submitted, consultancy.owner.id, { consultancyId: consultancy.id }))[questionId]!.every((m) => !m.unread)).toBe(true);
    // Reading is per user.
    expect(await unreadCommentCount(consultancy.viewer.id)).toMatchObject({ count: 3 });
  });

  it("never moves the read mark backwards", async () => {
    await consultantPost({ body: "问题" });
    await markAssessmentRead(factory.owner.id, submitted);
    await markAssessmentRead(factory.owner.id, submitted, new Date(Date.now() - 86_400_000));
    expect(await unreadCommentCount(factory.owner.id)).toEqual({ count: 0, href: null });
  });

  it("shows the badge in the header through the root loader", async () => {
    await consultantPost({ body: "请看这里" });
    const result = await call(root.loader, { path: `/o/${factory.id}`, params: { orgId: factory.id }, cookie: factory.ownerCookie });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ unreadComments: { count: 1, href: expect.stringContaining(`/assessments/${submitted}/validation#`) } });
    const none = await call(root.loader, { path: `/o/${consultancy.id}`, params: { orgId: consultancy.id }, cookie: consultancy.cookie });
    expect(none.data).toMatchObject({ unreadComments: null });
    const anonymous = await call(root.loader, { path: "/" });
    expect(anonymous.data).toMatchObject({ unreadComments: null });
    // On the page that shows (and marks read) that thread, the header does not count it as unread.
    const opening = await call(root.loader, { path: `/o/${factory.id}/assessments/${submitted}/validation`, params: { orgId: factory.id, assessmentId: submitted }, cookie: factory.ownerCookie });
    expect(opening.data).toMatchObject({ unreadComments: null });
  });

  it("reads the badge with the session on a page request: one statement for the guard and the header, the same badge as on its own", async () => {
    await consultantPost({ body: "请看这里" });
    await factoryPost({ body: "回复" }, { cookie: factory.editorCookie });
    const pages = [
      { userId: factory.owner.id, cookie: factory.ownerCookie, orgId: factory.id, path: `/o/${factory.id}`, opening: null },
      { userId: consultancy.viewer.id, cookie: consultancy.viewerCookie, orgId: consultancy.id, path: `/o/${consultancy.id}`, opening: null },
      { userId: consultancy.owner.id, cookie: consultancy.cookie, orgId: consultancy.id, path: `/o/${consultancy.id}/assessments`, opening: null },
      // The page that opens the thread leaves it out, as the badge's own statement does.
      { userId: factory.owner.id, cookie: factory.ownerCookie, orgId: factory.id, path: `/o/${factory.id}/assessments/${submitted}/validation`, opening: submitted },
    ];
    for (const page of pages) {
      const before = hotStatementCount();
      const result = await call(root.loader, { path: page.path, params: { orgId: page.orgId }, cookie: page.cookie });
      expect({ path: page.path, statements: hotStatementCount() - before }).toEqual({ path: page.path, statements: 1 });
      const own = await unreadCommentCount(page.userId, { opening: page.opening });
      expect((result.data as { unreadComments: unknown }).unreadComments).toEqual(own.count > 0 ? own : null);
    }
    // Both sides have something unread here, so the comparison above was not between two empty badges.
    expect((await unreadCommentCount(factory.owner.id)).count).toBe(2);
    expect((await unreadCommentCount(consultancy.owner.id)).count).toBe(1);
  });

  it("keeps two consultancies on the same assessment apart; the factory sees both", async () => {
    const rival = await createConsultancy("另一家咨询");
    await createEngagement({ consultancyId: rival.organization.id, factoryId: factory.id, requestedById: rival.owner.id, scope: "VALIDATE" });
    await consultantPost({ body: "远见的意见" });
    await consultantPost({ body: "另一家的意见" }, { orgId: rival.organization.id, cookie: rival.cookie });
    await factoryPost({ body: "企业的回复" });

    const ours = await loadCommentThreads(submitted, consultancy.owner.id, { consultancyId: consultancy.id });
    expect(ours[questionId]!.map((m) => m.body)).toEqual(["远见的意见", "企业的回复"]);
    const theirs = await loadCommentThreads(submitted, rival.owner.id, { consultancyId: rival.organization.id });
    expect(theirs[questionId]!.map((m) => m.body)).toEqual(["另一家的意见", "企业的回复"]);
    expect(await unreadCommentCount(rival.owner.id)).toMatchObject({ count: 1 });
    const all = await loadCommentThreads(submitted, factory.owner.id);
    expect(all[questionId]!.map((m) => m.organizationName)).toEqual(["远见咨询", "另一家咨询", "东方机床"]);
    // The rival's owner was not reminded of the first consultancy's message; both were of the factory's.
    expect(await mailTo(rival.owner.email)).toHaveLength(1);
  });

  it("stops counting a client's messages once the engagement is revoked or expired", async () => {
    await factoryPost({ body: "请核验" });
    expect(await unreadCommentCount(consultancy.owner.id)).toMatchObject({ count: 1 });
    await prisma.engagement.updateMany({ where: { consultancyId: consultancy.id }, data: { state: "REVOKED" } });
    expect(await unreadCommentCount(consultancy.owner.id)).toEqual({ count: 0, href: null });
    await prisma.engagement.updateMany({ where: { consultancyId: consultancy.id }, data: { state: "ACTIVE", expiresAt: new Date(Date.now() - 1000) } });
    expect(await unreadCommentCount(consultancy.owner.id)).toEqual({ count: 0, href: null });
  });

  it("counts only the assessments a chosen-assessments engagement covers", async () => {
    const other = await submitTestAssessment(factory.id, factory.owner.id, "2024");
    const firm = await createConsultancy("只看 2025");
    await createEngagement({ consultancyId: firm.organization.id, factoryId: factory.id, requestedById: firm.owner.id, scope: "VALIDATE", assessmentIds: [submitted] });
    await factoryPost({ body: "2025 的问题" });
    await factoryPost({ body: "2024 的问题" }, { assessmentId: other });
    expect(await unreadCommentCount(firm.owner.id)).toMatchObject({ count: 1, href: expect.stringContaining(`/assessments/${submitted}/validate#`) });
    const refused = await consultantPost({ body: "看不到 2024" }, { orgId: firm.organization.id, cookie: firm.cookie, assessmentId: other });
    expect(refused.status).toBe(404);
  });
});

describe("bad input: the right status, a translated message, nothing stored", () => {
  it("refuses empty, blank and over-long bodies, unknown questions, drafts and assessments nobody works on (factory side)", async () => {
    const draft = await startTestDraft(factory.id, factory.owner.id, "2026");
    const lonely = await createFactoryOwner("无人问津");
    const lonelySubmitted = await submitTestAssessment(lonely.organization.id, lonely.owner.id, "2025");
    const before = await databaseFingerprint();
    const cases: [Promise<Awaited<ReturnType<typeof call>>>, number, string][] = [
      [factoryPost({ body: "" }), 400, zh("comments.errors.bodyRequired")],
      [factoryPost({ body: " \r\n\t " }), 400, zh("comments.errors.bodyRequired")],
      [factoryPost({ body: "x".repeat(2001) }), 400, zh("comments.errors.bodyTooLong")],
      [factoryPost({ body: "你好", questionId: "no.such.question" }), 400, zh("comments.errors.questionUnknown")],
      [factoryPost({ body: "你好", questionId: "" }), 400, zh("comments.errors.questionUnknown")],
      [factoryPost({ body: "你好" }, { assessmentId: draft }), 409, zh("comments.errors.notSubmitted")],
      [factoryPost({ body: "你好" }, { orgId: lonely.organization.id, cookie: lonely.cookie, assessmentId: lonelySubmitted }), 409, zh("comments.errors.noConsultancy")],
      // English for an English user.
      [factoryPost({ body: "" }, { cookie: factory.editorCookie }), 400, en("comments.errors.bodyRequired")],
    ];
    for (const [pending, status, message] of cases) {
      const result = await pending;
      expect(result.status, JSON.stringify(result.data)).toBe(status);
      expect(JSON.stringify(result.data)).toContain(message);
    }
    expect(await databaseFingerprint()).toBe(before);
  });

  it("answers 413 past the body limit and 400 for text the database cannot store", async () => {
    const before = await databaseFingerprint();
    const huge = await factoryPost({ body: "测".repeat(BODY_LIMITS.form) });
    expect(huge.status).toBe(413);
    const nul = await factoryPost({ body: "a\u0000b" });
    expect(nul.status).toBe(400);
    expect(JSON.stringify(nul.data)).toContain(zh("errors.invalidCharacters", { field: "body" }));
    expect(await databaseFingerprint()).toBe(before);
  });

  it("refuses factory viewers (403) and other organisations' members (404)", async () => {
    const other = await createFactoryOwner("别家工厂");
    const before = await databaseFingerprint();
    expect((await factoryPost({ body: "我只是查看者" }, { cookie: factory.viewerCookie })).status).toBe(403);
    expect((await factoryPost({ body: "我是别家的" }, { cookie: other.cookie })).status).toBe(404);
    // Their own organisation in the path, this factory's assessment: not theirs, not found.
    expect((await factoryPost({ body: "换个路径" }, { cookie: other.cookie, orgId: other.organization.id })).status).toBe(404);
    // A consultant cannot use the factory's route either.
    expect((await factoryPost({ body: "走错门" }, { cookie: consultancy.cookie })).status).toBe(404);
    expect(await databaseFingerprint()).toBe(before);
  });

  it("refuses consultants without an engagement, with a revoked, ended or expired one (404), and read scope or viewers (403)", async () => {
    const stranger = await createConsultancy("没有授权");
    const reader = await createConsultancy("只读咨询");
    await createEngagement({ consultancyId: reader.organization.id, factoryId: factory.id, requestedById: reader.owner.id, scope: "READ" });
    const before = await databaseFingerprint();
    expect((await consultantPost({ body: "没有授权" }, { orgId: stranger.organization.id, cookie: stranger.cookie })).status).toBe(404);
    expect((await consultantPost({ body: "只读" }, { orgId: reader.organization.id, cookie: reader.cookie })).status).toBe(403);
    expect((await consultantPost({ body: "查看者" }, { cookie: consultancy.viewerCookie })).status).toBe(403);
    // The factory's own members have no consultancy path.
    expect((await consultantPost({ body: "企业" }, { orgId: factory.id, cookie: factory.ownerCookie })).status).toBe(404);
    for (const change of [{ state: "REVOKED" as const }, { state: "ENDED" as const }, { state: "ACTIVE" as const, expiresAt: new Date(Date.now() - 1000) }]) {
      await prisma.engagement.updateMany({ where: { consultancyId: consultancy.id }, data: change });
      const result = await consultantPost({ body: "授权已结束" });
      expect(result.status).toBe(404);
      expect(JSON.stringify(result.data)).not.toContain(factory.id);
    }
    // Only the engagement row this test changed itself differs; nothing else moved.
    const after = await databaseFingerprint();
    expect(after.split("|").filter((part) => !part.startsWith("Engagement:"))).toEqual(before.split("|").filter((part) => !part.startsWith("Engagement:")));
  });

  it("refuses a consultant's bad input like the factory's, storing no comment, read mark, e-mail or audit entry", async () => {
    const draft = await startTestDraft(factory.id, factory.owner.id, "2026");
    const otherFactory = await createFactoryOwner("别家工厂");
    const foreign = await submitTestAssessment(otherFactory.organization.id, otherFactory.owner.id, "2025");
    const before = await commentState();
    const cases: [Promise<Awaited<ReturnType<typeof call>>>, number, string][] = [
      [consultantPost({ body: "" }), 400, zh("comments.errors.bodyRequired")],
      [consultantPost({ body: "y".repeat(2001) }), 400, zh("comments.errors.bodyTooLong")],
      [consultantPost({ body: "你好", questionId: "no.such.question" }), 400, zh("comments.errors.questionUnknown")],
      [consultantPost({ body: "草稿" }, { assessmentId: draft }), 409, zh("comments.errors.notSubmitted")],
      // Another factory's assessment under this client's path: it does not exist here.
      [consultantPost({ body: "别家的" }, { assessmentId: foreign }), 404, zh("errors.notFoundText")],
    ];
    for (const [pending, status, message] of cases) {
      const result = await pending;
      expect(result.status, JSON.stringify(result.data)).toBe(status);
      expect(JSON.stringify(result.data)).toContain(message);
    }
    expect(await commentState()).toEqual(before);
  });
});
