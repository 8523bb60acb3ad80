/**
 * Everything the results page, the printable report and the Excel export show about a submitted
 * assessment, in the user's language: scores, level, explanation and roadmap. One function, so the
 * three views can never disagree.
 */
import { levelLabel, questionnaireView, type QuestionView } from "~/domain/questionnaire/view";
import { explainLevel, prioritise, type AnswerChange, type LevelExplanation } from "~/domain/scoring";
import { industryName } from "~/domain/reference/industries";
import { regionLabel } from "~/domain/reference/regions";
import { prisma } from "~/utils/db.server";
import { assessmentLabel } from "~/utils/assessment-label";
import { translator, type AppLocale } from "~/utils/i18n";
import { assessmentEdition, getAssessment, loadQuestionnaireVersion } from "./assessment.server";

export type ReportOutcome = { status: "ok"; report: AssessmentReport } | { status: "not-found" } | { status: "not-submitted" };

export type AssessmentReport = Awaited<ReturnType<typeof buildReport>>;

export async function assessmentReport(
  organizationId: string,
  assessmentId: string,
  locale: AppLocale,
  options: { peerGap?: ReadonlyMap<string, number> } = {},
): Promise<ReportOutcome> {
  const assessment = await getAssessment(organizationId, assessmentId);
  if (!assessment) return { status: "not-found" };
  if (assessment.status !== "SUBMITTED" || !assessment.result) return { status: "not-submitted" };
  return { status: "ok", report: await buildReport(organizationId, assessment, locale, options.peerGap) };
}

/**
 * The report of one assessment row as given: the diagnostic report (issue 11) passes the factory's
 * assessment with a consultant's validated answers and result in place of its own.
 */
export async function buildReport(
  organizationId: string,
  assessment: NonNullable<Awaited<ReturnType<typeof getAssessment>>>,
  locale: AppLocale,
  peerGap: ReadonlyMap<string, number> | undefined,
) {
  const { questionnaire, model } = await loadQuestionnaireVersion(assessment.questionnaireVersionId);
  const view = questionnaireView(questionnaire, locale);
  // getAssessment parsed both at the stored-data boundary; a submitted assessment always has a result.
  const { result, answers } = assessment;
  if (!result) throw new Error(`submitted assessment ${assessment.id} has no result`);
  const [organization, edition] = await Promise.all([
    prisma.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { name: true, factory: { select: { legalName: true, industryCode: true, regionCode: true, sizeBand: true } } },
    }),
    assessmentEdition(organizationId, assessment),
  ]);

  const questionById = new Map<string, QuestionView>(view.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions.map((q) => [q.id, q] as const))));
  const capabilityById = new Map(view.dimensions.flatMap((d) => d.capabilities.map((c) => [c.id, c] as const)));
  const dimensionById = new Map(view.dimensions.map((d) => [d.id, d] as const));

  const dimensions = result.dimensions.map((d) => ({ id: d.dimensionId, name: dimensionById.get(d.dimensionId)!.name, score: d.status === "scored" ? d.score : null }));
  const capabilities = result.capabilities.map((c) => ({
    id: c.capabilityId,
    dimensionId: c.dimensionId,
    name: capabilityById.get(c.capabilityId)!.name,
    score: c.status === "scored" ? c.score : null,
  }));
  const scored = capabilities.filter((c): c is typeof c & { score: number } => c.score !== null).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));

  const explanation = explainLevel(model, result);
  const roadmap = prioritise(model, result, { peerGap }).map((priority) => {
    const capability = capabilityById.get(priority.capabilityId)!;
    return {
      rank: priority.rank,
      capabilityId: priority.capabilityId,
      dimensionId: priority.dimensionId,
      name: capability.name,
      score: priority.score,
      expectedGain: priority.expectedGain,
      peerGap: priority.peerGap,
      advice: capability.advice[priority.adviceStep] ?? null,
    };
  });

  const changeView = (change: AnswerChange) => {
    const question = questionById.get(change.questionId)!;
    return change.type === "level"
      ? { questionId: change.questionId, number: question.number, title: question.title, type: "level" as const, from: change.from, to: change.to }
      : { questionId: change.questionId, number: question.number, title: question.title, type: "kpi" as const, from: change.fromValue, to: change.targetValue, unit: question.unit ?? "" };
  };
  // The level explanation differs by level rule: 1.0.0's overall and dimension floor, 2.0.0's requirement score and vetoes.
  const explanationView = (explanation: LevelExplanation) => {
    if (explanation.status === "at-top") return { status: "at-top" } as const;
    if (explanation.status === "next-requirements") {
      return {
        status: "next-requirements" as const,
        nextLevel: explanation.nextLevel,
        nextLevelName: levelLabel(view, explanation.nextLevel),
        levelScore: explanation.levelScore,
        threshold: explanation.threshold,
        blockingVetoes: explanation.blockingVetoes.map((veto) => ({ ...veto, name: capabilityById.get(veto.capabilityId)!.name })),
        reachable: explanation.reachable,
        changes: explanation.changes.map(changeView),
      };
    }
    return {
      status: "next-level" as const,
      nextLevel: explanation.nextLevel,
      nextLevelName: levelLabel(view, explanation.nextLevel),
      requiredOverall: explanation.requirement.overall,
      requiredFloor: explanation.requirement.everyDimension,
      overallGap: explanation.overallGap,
      reachable: explanation.reachable,
      holdingBack: explanation.holdingBack.map((h) => ({
        dimensionId: h.dimensionId,
        name: dimensionById.get(h.dimensionId)!.name,
        score: h.score,
        floorGap: h.floorGap,
        weakestQuestions: h.weakestQuestions.map((q) => ({ id: q.questionId, number: questionById.get(q.questionId)!.number, title: questionById.get(q.questionId)!.title, score: q.score })),
      })),
      changes: explanation.changes.map(changeView),
    };
  };

  // Estimates against outside schemes, each with its source text from the questionnaire.
  const crosswalksView = () => {
    const definitions = questionnaire.crosswalks;
    const estimates = result.crosswalks;
    if (!definitions || !estimates) return null;
    return {
      cmmm: { ...estimates.cmmm, source: definitions.cmmm.source[locale] },
      gradient: {
        source: definitions.gradient.source[locale],
        highest: definitions.gradient.tiers.find((tier) => tier.id === estimates.gradient.highest)?.name[locale] ?? null,
        tiers: estimates.gradient.tiers.map((tier) => {
          const definition = definitions.gradient.tiers.find((d) => d.id === tier.id)!;
          return {
            id: tier.id,
            name: definition.name[locale],
            minCmmmLevel: definition.minCmmmLevel,
            met: tier.met,
            levelMet: tier.levelMet,
            failedItems: tier.failedItems.map((questionId) => definition.items.find((item) => item.question === questionId)?.label[locale] ?? questionId),
          };
        }),
      },
      digitalLevel: {
        source: definitions.digitalLevel.source[locale],
        index: estimates.digitalLevel.index,
        targets: estimates.digitalLevel.targets.map((target, index) => ({ ...target, label: definitions.digitalLevel.targets[index]?.label[locale] ?? String(target.value) })),
      },
    };
  };

  return {
    id: assessment.id,
    period: assessment.period,
    edition,
    /** "2026 · 第 2 版 · 11月29日": names this assessment among several of the same year. */
    label: assessmentLabel(translator(locale), locale, { period: assessment.period, edition, status: "SUBMITTED", submittedAt: assessment.submittedAt! }),
    /** "2026 第2版": for column headers and chart series where the full label does not fit. */
    shortLabel: assessmentLabel(translator(locale), locale, { period: assessment.period, edition, status: "SUBMITTED", submittedAt: null }, "short"),
    version: view.version,
    submittedAt: assessment.submittedAt!,
    revisedFromId: assessment.revisedFromId,
    organization: {
      name: organization.name,
      legalName: organization.factory?.legalName ?? organization.name,
      industry: organization.factory ? `${organization.factory.industryCode} ${industryName(organization.factory.industryCode, locale)}` : null,
      region: organization.factory ? regionLabel(organization.factory.regionCode, locale) : null,
      sizeBand: organization.factory?.sizeBand ?? null,
    },
    overall: result.overall!,
    level: result.level,
    levelName: levelLabel(view, result.level),
    levels: view.levels,
    dimensions,
    capabilities,
    strengths: scored.slice(0, 3),
    gaps: scored.slice(-3).reverse(),
    explanation: explanationView(explanation),
    /** 2.0.0 on: the plant profile scored against, vetoes, plausibility flags and crosswalk estimates. */
    profile: result.profile,
    levelBeforeVetoes: result.levelBeforeVetoes,
    levelBeforeVetoesName: levelLabel(view, result.levelBeforeVetoes),
    vetoes: result.vetoes.map((veto) => ({
      ...veto,
      name: capabilityById.get(veto.capabilityId)!.name,
      reason: questionnaire.vetoes?.find((v) => v.capability === veto.capabilityId)?.reason[locale] ?? "",
    })),
    plausibility: result.plausibility.map((flag) => {
      const question = questionById.get(flag.questionId)!;
      const kpi = questionById.get(flag.kpiId)!;
      return {
        ruleId: flag.ruleId,
        message: questionnaire.plausibility?.find((rule) => rule.id === flag.ruleId)?.message[locale] ?? "",
        question: { number: question.number, title: question.title },
        kpi: { number: kpi.number, title: kpi.title, unit: kpi.unit ?? "" },
        band: flag.band,
        kpiValue: flag.kpiValue,
      };
    }),
    crosswalks: crosswalksView(),
    roadmap,
    /** Every question with its answer, for the report's appendix and the Excel export. */
    answers: view.dimensions.flatMap((d) =>
      d.capabilities.flatMap((c) =>
        c.questions.map((q) => {
          const questionResult = result.questions.find((r) => r.questionId === q.id);
          // Excluded by the plant profile: shown as not applicable with the questionnaire's reason;
          // an answer kept from an earlier profile was not scored and is not shown.
          const excluded = questionResult?.status === "excluded";
          const stored = excluded ? { na: true as const, naReason: q.notApplicableNote ?? "" } : answers[q.id];
          return {
            dimension: d.name,
            capability: c.name,
            id: q.id,
            number: q.number,
            title: q.title,
            type: q.type,
            unit: q.unit ?? null,
            value: stored?.value ?? null,
            descriptor: q.type === "level" && stored?.value !== undefined ? (q.descriptors?.[stored.value] ?? null) : null,
            band: questionResult?.status === "answered" ? questionResult.score : null,
            na: stored?.na === true,
            naReason: stored?.naReason ?? null,
            note: stored?.note ?? null,
            evidence: stored?.evidence ?? [],
          };
        }),
      ),
    ),
  };
}
