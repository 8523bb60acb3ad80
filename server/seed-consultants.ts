/**
 * The demo consultancy's client portfolio (issue 11), so consultants see a live portfolio on first
 * start: engagements in every state, one client validated with differences and comments, one
 * validation in progress, one client with a draft in progress. Runs after the demo factories'
 * assessments exist; idempotent (a consultancy that has any engagement is left alone).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseStoredAnswers, parseStoredProfile, parseStoredQuestionnaire, parseStoredResult, storeResult } from "../app/domain/assessment/stored";
import { toEngineAnswers } from "../app/domain/assessment/answers";
import { makeCreditCode } from "../app/domain/reference/credit-code";
import { compileModel, scoreAssessment } from "../app/domain/scoring";
import { validatedAnswers, type ValidationReviews } from "../app/domain/validation/reviews";
import type { PrismaClient } from "../app/generated/prisma/client";
import { DEMO_ORGANIZATIONS } from "./seed";

const DAY = 24 * 60 * 60 * 1000;

export const DEMO_CONSULTANCY_ID = "0b9e3c1e-0000-4000-8000-000000000005";
const DEMO_CONSULTANCY_CREDIT_PREFIX = "91310104MA1FR5C3X";
/** The demo consultancy's report logo (rendered once from HTML; 12 KB PNG). */
const DEMO_LOGO = path.join(import.meta.dirname, "demo-assets", "consultancy-logo.png");

type Plan = {
  factoryId: string;
  state: "REQUESTED" | "ACTIVE" | "REVOKED";
  scope: "READ" | "VALIDATE";
  initiatedBy: "CONSULTANCY" | "FACTORY";
  /** Days from now: start (negative = past) and expiry. */
  startsIn: number;
  expiresIn: number;
  message?: string;
  extra?: "issued-validation" | "validation-in-progress" | "draft-in-progress";
};

/**
 * 绿源食品 (…0004) has no engagement: the E2E journey requests access to it by its credit code.
 */
export const DEMO_ENGAGEMENT_PLANS: Plan[] = [
  // 智造精密机械: invited by the factory, validated with three differences and a comment thread.
  { factoryId: "0b9e3c1e-0000-4000-8000-000000000001", state: "ACTIVE", scope: "VALIDATE", initiatedBy: "FACTORY", startsIn: -60, expiresIn: 305, message: "请协助核验 2026 年度自评估，准备申报智能工厂。", extra: "issued-validation" },
  // 华芯电子: read-only access for a benchmarking project.
  { factoryId: "0b9e3c1e-0000-4000-8000-000000000002", state: "ACTIVE", scope: "READ", initiatedBy: "CONSULTANCY", startsIn: -30, expiresIn: 150, message: "智改数转诊断项目：查阅贵司自评估结果。" },
  // 甬江汽配: validation in progress.
  { factoryId: "0b9e3c1e-0000-4000-8000-000000000003", state: "ACTIVE", scope: "VALIDATE", initiatedBy: "CONSULTANCY", startsIn: -10, expiresIn: 170, message: "区里免费诊断服务：对贵司自评估进行现场核验。", extra: "validation-in-progress" },
  // 金陵化工: our request waits for the factory's decision.
  { factoryId: "0b9e3c1e-0000-4000-8000-000000000007", state: "REQUESTED", scope: "VALIDATE", initiatedBy: "CONSULTANCY", startsIn: 0, expiresIn: 365, message: "申请为贵司提供智能制造成熟度核验服务。" },
  // 钱塘药业: the factory invited us; we have not answered yet.
  { factoryId: "0b9e3c1e-0000-4000-8000-000000000008", state: "REQUESTED", scope: "READ", initiatedBy: "FACTORY", startsIn: 0, expiresIn: 180, message: "希望贵机构先查阅我们的自评估，再商定诊断方案。" },
  // 闵电电气: active, submitted, not validated yet; access ends soon.
  { factoryId: "0b9e3c1e-0000-4000-8000-000000000009", state: "ACTIVE", scope: "VALIDATE", initiatedBy: "CONSULTANCY", startsIn: -345, expiresIn: 20 },
  // 锡山金属: the engagement expired a month ago.
  { factoryId: "0b9e3c1e-0000-4000-8000-00000000000a", state: "ACTIVE", scope: "VALIDATE", initiatedBy: "CONSULTANCY", startsIn: -395, expiresIn: -30 },
  // 龙城装备: revoked by the factory after the project.
  { factoryId: "0b9e3c1e-0000-4000-8000-00000000000b", state: "REVOKED", scope: "VALIDATE", initiatedBy: "FACTORY", startsIn: -200, expiresIn: 165 },
  // 嘉定车桥: working on a new draft.
  { factoryId: "0b9e3c1e-0000-4000-8000-00000000000c", state: "ACTIVE", scope: "VALIDATE", initiatedBy: "CONSULTANCY", startsIn: -20, expiresIn: 345, extra: "draft-in-progress" },
];

// What a consultant writes when a claimed band is not borne out on site (three differences).
const CHANGE_COMMENTS = [
  "现场核查：该项仅在一条产线落地，其余产线仍以纸质记录为主，证据不足以支撑自评等级，按低一级认定。",
  "查阅系统记录：数据采集为每日人工导入，未实现自动实时采集，按低一级认定。",
  "抽查三个月的记录：流程已制度化，但跨部门协同仍依赖邮件和表格，尚未系统集成，按低一级认定。",
];

export async function seedDemoConsultancy(prisma: PrismaClient, anchor = new Date()): Promise<number> {
  const consultancy = await prisma.organization.findUnique({ where: { id: DEMO_CONSULTANCY_ID }, select: { id: true, name: true } });
  if (!consultancy) return 0;
  if ((await prisma.engagement.count({ where: { consultancyId: consultancy.id } })) > 0) return 0;
  const consultant = await prisma.membership.findFirst({ where: { organizationId: consultancy.id, role: "OWNER" }, select: { user: { select: { id: true, displayName: true } } } });
  if (!consultant) return 0;
  await prisma.consultancyProfile.upsert({
    where: { organizationId: consultancy.id },
    create: { organizationId: consultancy.id, creditCode: makeCreditCode(DEMO_CONSULTANCY_CREDIT_PREFIX), logo: fs.readFileSync(DEMO_LOGO), logoType: "image/png" },
    update: {},
  });

  let created = 0;
  for (const plan of DEMO_ENGAGEMENT_PLANS) {
    if (!DEMO_ORGANIZATIONS.some((demo) => demo.id === plan.factoryId)) continue;
    const owner = await prisma.membership.findFirst({ where: { organizationId: plan.factoryId, role: "OWNER" }, select: { user: { select: { id: true, displayName: true } } } });
    if (!owner) continue;
    const at = (days: number) => new Date(anchor.getTime() + days * DAY);
    const requester = plan.initiatedBy === "CONSULTANCY" ? consultant.user : owner.user;
    const decider = plan.initiatedBy === "CONSULTANCY" ? owner.user : consultant.user;
    const decided = plan.state !== "REQUESTED";
    const engagement = await prisma.engagement.create({
      data: {
        consultancyId: consultancy.id,
        factoryId: plan.factoryId,
        scope: plan.scope,
        state: plan.state,
        initiatedBy: plan.initiatedBy,
        requestedById: requester.id,
        message: plan.message ?? null,
        startsAt: at(plan.startsIn),
        expiresAt: at(plan.expiresIn),
        decidedById: decided ? decider.id : null,
        decidedAt: decided ? at(plan.startsIn) : null,
        endedById: plan.state === "REVOKED" ? owner.user.id : null,
        endedAt: plan.state === "REVOKED" ? at(-15) : null,
        createdAt: at(plan.startsIn - 2),
      },
    });
    created++;
    if (plan.state !== "ACTIVE") continue;
    const latest = await prisma.assessment.findFirst({
      where: { organizationId: plan.factoryId, status: "SUBMITTED" },
      orderBy: { submittedAt: "desc" },
      select: { id: true, answers: true, profile: true, result: true, questionnaireVersion: { select: { content: true } } },
    });
    if (!latest) continue;
    const audit = (action: string, target: string, daysAgo: number) =>
      prisma.auditLogEntry.create({
        data: { factoryId: plan.factoryId, consultancyId: consultancy.id, engagementId: engagement.id, userId: consultant.user.id, userName: consultant.user.displayName, action, target, createdAt: at(-daysAgo) },
      });
    await audit("view", `assessment:read GET /o/${consultancy.id}/clients/${plan.factoryId}`, Math.max(1, -plan.startsIn - 1));

    if (plan.extra === "draft-in-progress") {
      const answers = parseStoredAnswers(latest.answers);
      const someAnswers = Object.fromEntries(Object.entries(answers).slice(0, 20));
      await prisma.assessment.create({
        data: {
          organizationId: plan.factoryId,
          questionnaireVersionId: (await prisma.assessment.findUniqueOrThrow({ where: { id: latest.id }, select: { questionnaireVersionId: true } })).questionnaireVersionId,
          period: String(anchor.getUTCFullYear()),
          status: "DRAFT",
          revision: 3,
          answers: someAnswers,
          profile: parseStoredProfile(latest.profile) ?? undefined,
          revisedFromId: latest.id,
          createdById: owner.user.id,
          updatedById: owner.user.id,
          createdAt: at(-4),
        },
      });
      continue;
    }
    if (plan.extra !== "issued-validation" && plan.extra !== "validation-in-progress") continue;

    const questionnaire = parseStoredQuestionnaire(latest.questionnaireVersion.content);
    const model = compileModel(questionnaire);
    const answers = parseStoredAnswers(latest.answers);
    const selfResult = parseStoredResult(latest.result);
    const levelQuestionIds = new Set(questionnaire.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions.filter((q) => q.type === "level").map((q) => q.id))));
    const answered = selfResult.questions.filter((q) => q.status === "answered").map((q) => q.questionId);

    if (plan.extra === "validation-in-progress") {
      const reviews: ValidationReviews = Object.fromEntries(answered.slice(0, 12).map((id) => [id, { decision: "confirmed", evidenceChecked: (answers[id]?.evidence?.length ?? 0) > 0 }]));
      await prisma.validation.create({
        data: {
          assessmentId: latest.id,
          engagementId: engagement.id,
          consultancyId: consultancy.id,
          factoryId: plan.factoryId,
          version: 1,
          status: "DRAFT",
          revision: 4,
          reviews,
          createdById: consultant.user.id,
          createdAt: at(-3),
        },
      });
      continue;
    }

    // Three claimed bands lowered by one, in three different dimensions; every other answer confirmed.
    const changed: string[] = [];
    const dimensionsUsed = new Set<string>();
    for (const dimension of questionnaire.dimensions) {
      const candidate = dimension.capabilities
        .flatMap((c) => c.questions)
        .find((q) => levelQuestionIds.has(q.id) && answered.includes(q.id) && (answers[q.id]?.value ?? 0) >= 2);
      if (candidate && !dimensionsUsed.has(dimension.id) && changed.length < CHANGE_COMMENTS.length) {
        changed.push(candidate.id);
        dimensionsUsed.add(dimension.id);
      }
    }
    const reviews: ValidationReviews = {};
    for (const id of answered) {
      const index = changed.indexOf(id);
      reviews[id] =
        index >= 0
          ? { decision: "changed", value: answers[id]!.value! - 1, comment: CHANGE_COMMENTS[index]!, evidenceChecked: true }
          : { decision: "confirmed", evidenceChecked: (answers[id]?.evidence?.length ?? 0) > 0 };
    }
    const validated = scoreAssessment(model, toEngineAnswers(validatedAnswers(answers, reviews)), { mode: "submission", profile: parseStoredProfile(latest.profile) });
    await prisma.validation.create({
      data: {
        id: crypto.randomUUID(),
        assessmentId: latest.id,
        engagementId: engagement.id,
        consultancyId: consultancy.id,
        factoryId: plan.factoryId,
        version: 1,
        status: "ISSUED",
        revision: 6,
        reviews,
        result: storeResult(validated),
        overall: validated.overall,
        level: validated.level,
        createdById: consultant.user.id,
        issuedById: consultant.user.id,
        issuedByName: consultant.user.displayName,
        consultancyName: consultancy.name,
        issuedAt: at(-5),
        createdAt: at(-12),
      },
    });
    await audit("validation.issue", `assessment:validate POST /o/${consultancy.id}/clients/${plan.factoryId}/assessments/${latest.id}/validate`, 5);
    // A short exchange on the first difference, the factory's reply not read by the consultant yet.
    if (changed[0]) {
      await prisma.comment.create({
        data: { assessmentId: latest.id, questionId: changed[0], authorId: consultant.user.id, authorName: consultant.user.displayName, authorOrgId: consultancy.id, body: "现场只看到一号线在用，二号、三号线的记录还是纸质的。能否补充其他产线的系统截图？", createdAt: at(-6) },
      });
      await prisma.comment.create({
        data: { assessmentId: latest.id, questionId: changed[0], authorId: owner.user.id, authorName: owner.user.displayName, authorOrgId: plan.factoryId, body: "二号线下月上线，届时补充截图。同意本次按低一级认定。", createdAt: at(-4) },
      });
    }
    if (changed[1]) {
      await prisma.comment.create({
        data: { assessmentId: latest.id, questionId: changed[1], authorId: consultant.user.id, authorName: consultant.user.displayName, authorOrgId: consultancy.id, body: "建议先打通设备数据的自动采集，这是达到下一等级的前提。", createdAt: at(-5) },
      });
    }
  }
  return created;
}
