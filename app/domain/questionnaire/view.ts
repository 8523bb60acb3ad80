/**
 * The questionnaire in one language, as the pages need it: only the strings of the user's locale
 * travel to the browser (the bilingual file is several times larger).
 */
import type { Applicability } from "./profile";
import type { Locale, Questionnaire } from "./schema";

export interface QuestionView {
  id: string;
  /** 1-based number across the whole questionnaire, as printed on the report. */
  number: number;
  type: "level" | "kpi";
  title: string;
  help: string;
  evidence: string;
  weight: number;
  allowNa: boolean;
  descriptors?: string[];
  unit?: string;
  min?: number;
  max?: number;
  thresholds?: number[];
  /** Process-plant thresholds (流程型), where they differ. */
  processThresholds?: number[];
  /** A percentage asked as numerator and denominator: their labels. */
  basis?: { numerator: string; denominator: string };
  /** The plant profiles the question applies to (absent = all), and what is shown when it does not. */
  appliesTo?: Applicability;
  notApplicableNote?: string;
}

export interface CapabilityView {
  id: string;
  name: string;
  description: string;
  advice: string[];
  questions: QuestionView[];
}

export interface DimensionView {
  id: string;
  name: string;
  description: string;
  capabilities: CapabilityView[];
}

export interface QuestionnaireView {
  key: string;
  version: string;
  title: string;
  belowFirstLevel: string;
  /** Answered after a plant profile (2.0.0 on): the profile decides which questions apply. */
  usesPlantProfile: boolean;
  levels: { level: number; name: string; description: string }[];
  dimensions: DimensionView[];
}

// Published questionnaires are parsed once per version and never change, so each view is built once
// per questionnaire object and locale (every assessment page asks for it, twice); views are read-only.
const views = new WeakMap<Questionnaire, Partial<Record<Locale, QuestionnaireView>>>();

export function questionnaireView(questionnaire: Questionnaire, locale: Locale): QuestionnaireView {
  let byLocale = views.get(questionnaire);
  if (!byLocale) views.set(questionnaire, (byLocale = {}));
  return (byLocale[locale] ??= buildView(questionnaire, locale));
}

function buildView(questionnaire: Questionnaire, locale: Locale): QuestionnaireView {
  let number = 0;
  return {
    key: questionnaire.key,
    version: questionnaire.version,
    title: questionnaire.title[locale],
    belowFirstLevel: questionnaire.belowFirstLevel[locale],
    usesPlantProfile: questionnaire.usesPlantProfile === true,
    levels: questionnaire.levels.map((level) => ({ level: level.level, name: level.name[locale], description: level.description[locale] })),
    dimensions: questionnaire.dimensions.map((dimension) => ({
      id: dimension.id,
      name: dimension.name[locale],
      description: dimension.description[locale],
      capabilities: dimension.capabilities.map((capability) => ({
        id: capability.id,
        name: capability.name[locale],
        description: capability.description[locale],
        advice: capability.advice.map((step) => step[locale]),
        questions: capability.questions.map((question): QuestionView => {
          number += 1;
          const base = {
            id: question.id,
            number,
            title: question.title[locale],
            help: question.help[locale],
            evidence: question.evidence[locale],
            weight: question.weight,
            allowNa: question.allowNa,
            ...(question.appliesTo ? { appliesTo: question.appliesTo } : {}),
            ...(question.notApplicableNote ? { notApplicableNote: question.notApplicableNote[locale] } : {}),
          };
          return question.type === "level"
            ? { ...base, type: "level", descriptors: question.descriptors.map((d) => d[locale]) }
            : {
                ...base,
                type: "kpi",
                unit: question.unit[locale],
                min: question.min,
                max: question.max,
                thresholds: question.thresholds,
                ...(question.thresholdsByPath ? { processThresholds: question.thresholdsByPath.process } : {}),
                ...(question.basis ? { basis: { numerator: question.basis.numerator[locale], denominator: question.basis.denominator[locale] } } : {}),
              };
        }),
      })),
    })),
  };
}

export function levelLabel(view: QuestionnaireView, level: number): string {
  return level === 0 ? view.belowFirstLevel : (view.levels.find((l) => l.level === level)?.name ?? String(level));
}
