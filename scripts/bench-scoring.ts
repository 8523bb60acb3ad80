/**
 * `npm run bench:scoring`: scores 100,000 random complete answer sets against questionnaire 2.0.0,
 * each with a random plant profile of the 54 (or, if that file is missing or invalid, a synthetic
 * questionnaire of the same shape without profiles) and
 * prints assessments per second, total time and peak memory. Answer sets are generated before
 * timing from a seeded PRNG, so runs are comparable; a warm-up on separate sets lets V8 optimise
 * the hot path first, as it would in a long-running server.
 */
import fs from "node:fs";
import os from "node:os";
import { parse } from "yaml";
import { createRandom } from "~/domain/benchmark/random";
import { allPlantProfiles, isApplicable, type PlantProfile } from "~/domain/questionnaire/profile";
import { questionnaireSchema, type Answer, type Question, type Questionnaire } from "~/domain/questionnaire/schema";
import { compileModel, explainLevel, prioritise, scoreAssessment } from "~/domain/scoring";

/** Override with BENCH_QUESTIONNAIRE=path (a missing path exercises the synthetic fallback). */
const QUESTIONNAIRE_FILE = process.env.BENCH_QUESTIONNAIRE ?? "questionnaires/future-factory/2.0.0.yaml";
const ASSESSMENTS = Number(process.argv[2] ?? 100_000);
const WARM_UP = 5_000;
const SEED = 0x5eed;
const MEMORY_SAMPLE_EVERY = 1_000;
/** explainLevel re-scores after every planned raise, so it is timed separately on fewer results. */
const EXPLAIN_SAMPLE = 1_000;
/** Share of N/A answers where a question allows N/A. */
const NA_RATE = 0.1;

const { questionnaire, source } = loadQuestionnaire();
const questions = questionnaire.dimensions.flatMap((d) => d.capabilities.flatMap((c) => c.questions));
const model = compileModel(questionnaire);

const random = createRandom(SEED).next;
const profiles = allPlantProfiles();
/** One random profile per set when the questionnaire uses one: scoring then looks up that profile's view. */
const randomSet = () => {
  const profile = model.usesPlantProfile ? profiles[Math.floor(random() * profiles.length)]! : null;
  return { profile, answers: randomAnswers(questions, random, profile) };
};
const warmUpSets = Array.from({ length: WARM_UP }, randomSet);
const answerSets = Array.from({ length: ASSESSMENTS }, randomSet);

const gc = (globalThis as { gc?: () => void }).gc;
for (const { answers, profile } of warmUpSets) scoreAssessment(model, answers, { mode: "submission", profile });
gc?.();
const baseline = process.memoryUsage();
let peakRss = baseline.rss;
let peakHeap = baseline.heapUsed;

const levels = [0, 0, 0, 0, 0, 0];
let overallSum = 0;
const started = performance.now();
const cpuStarted = process.cpuUsage();
for (let i = 0; i < answerSets.length; i++) {
  const { answers, profile } = answerSets[i]!;
  const result = scoreAssessment(model, answers, { mode: "submission", profile });
  levels[result.level]!++;
  overallSum += result.overall ?? 0; // keeps the work observable, and a checksum across runs
  if (i % MEMORY_SAMPLE_EVERY === 0) {
    const memory = process.memoryUsage();
    peakRss = Math.max(peakRss, memory.rss);
    peakHeap = Math.max(peakHeap, memory.heapUsed);
  }
}
const elapsed = performance.now() - started;
const cpu = process.cpuUsage(cpuStarted);
const cpuMs = (cpu.user + cpu.system) / 1000;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const cpus = os.cpus();
console.log(`machine        ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, Node ${process.version}`);
console.log(`questionnaire  ${source}: ${model.dimensions.length} dimensions, ${model.capabilities.length} capabilities, ${model.questions.length} questions (${questions.filter((q) => q.type === "kpi").length} KPI)`);
console.log(
  `assessments    ${ASSESSMENTS.toLocaleString("en")} complete answer sets (seed ${SEED}, ${model.usesPlantProfile ? `random plant profile of ${profiles.length}, ${model.levelRule} rule` : `N/A rate ${NA_RATE} where allowed`}), after ${WARM_UP.toLocaleString("en")} warm-up`,
);
console.log(`total          ${elapsed.toFixed(1)} ms`);
console.log(`throughput     ${Math.round(ASSESSMENTS / (elapsed / 1000)).toLocaleString("en")} assessments/s`);
// On a shared machine wall time includes waiting for a core; CPU time is what scoring itself cost.
console.log(`cpu            ${cpuMs.toFixed(1)} ms user+system: ${Math.round(ASSESSMENTS / (cpuMs / 1000)).toLocaleString("en")} assessments per CPU-second (load average ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores)`);
console.log(`memory         baseline rss ${mb(baseline.rss)}, heapUsed ${mb(baseline.heapUsed)}${gc ? " (after gc)" : " (gc not exposed: run with --expose-gc)"}`);
console.log(`               peak rss ${mb(peakRss)}, peak heapUsed ${mb(peakHeap)} (sampled every ${MEMORY_SAMPLE_EVERY.toLocaleString("en")} assessments)`);
console.log(`               scoring added at most ${mb(peakHeap - baseline.heapUsed)} heap; the baseline holds the ${(WARM_UP + ASSESSMENTS).toLocaleString("en")} pre-generated answer sets`);
console.log(`levels         ${levels.map((count, level) => `L${level} ${count}`).join(", ")}; mean overall ${(overallSum / ASSESSMENTS).toFixed(6)}`);

const explainResults = answerSets.slice(0, EXPLAIN_SAMPLE).map(({ answers, profile }) => scoreAssessment(model, answers, { mode: "submission", profile }));
const explainStarted = performance.now();
let plannedRaises = 0;
for (const result of explainResults) {
  const explanation = explainLevel(model, result);
  if (explanation.status !== "at-top") plannedRaises += explanation.changes.reduce((sum, change) => sum + change.to - change.from, 0);
  prioritise(model, result);
}
const explainElapsed = performance.now() - explainStarted;
console.log(
  `explain        explainLevel + prioritise: ${(explainElapsed / EXPLAIN_SAMPLE).toFixed(3)} ms per result over ${EXPLAIN_SAMPLE.toLocaleString("en")} (mean ${(plannedRaises / EXPLAIN_SAMPLE).toFixed(2)} band raises to the next level)`,
);

function loadQuestionnaire(): { questionnaire: Questionnaire; source: string } {
  try {
    return { questionnaire: questionnaireSchema.parse(parse(fs.readFileSync(QUESTIONNAIRE_FILE, "utf8"))), source: QUESTIONNAIRE_FILE };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { questionnaire: syntheticQuestionnaire(), source: `synthetic (could not use ${QUESTIONNAIRE_FILE}: ${reason})` };
  }
}

/** 4 dimensions × 5 capabilities × 3 questions; every fourth question a KPI, every seventh N/A-able. */
function syntheticQuestionnaire(): Questionnaire {
  const text = (value: string) => ({ "zh-CN": value, en: value });
  let n = 0;
  const question = (id: string): Question => {
    n++;
    const base = { id, title: text(id), help: text(id), evidence: text(id), weight: 1 + (n % 3), allowNa: n % 7 === 0 };
    return n % 4 === 0
      ? { ...base, type: "kpi", unit: text("%"), min: 0, max: 100, thresholds: [20, 40, 60, 75, 90] }
      : { ...base, type: "level", descriptors: [0, 1, 2, 3, 4, 5].map((band) => text(`band ${band}`)) };
  };
  return {
    key: "synthetic",
    version: "0.0.0",
    publishedAt: "2025-01-01",
    title: text("synthetic"),
    description: text("synthetic"),
    belowFirstLevel: text("未达级"),
    levels: [1, 2, 3, 4, 5].map((level) => ({ level, name: text(`L${level}`), description: text(`L${level}`) })),
    dimensions: [0, 1, 2, 3].map((d) => ({
      id: `d${d}`,
      name: text(`d${d}`),
      description: text(`d${d}`),
      weight: 1 + (d % 2),
      capabilities: [0, 1, 2, 3, 4].map((c) => ({
        id: `d${d}.c${c}`,
        name: text(`c${c}`),
        description: text(`c${c}`),
        weight: 1 + (c % 2),
        advice: [0, 1, 2, 3, 4].map((step) => text(`step ${step}`)),
        questions: [0, 1, 2].map((q) => question(`d${d}.c${c}.q${q}`)),
      })),
    })),
  };
}

function randomAnswers(all: readonly Question[], next: () => number, profile: PlantProfile | null): Answer[] {
  return all.filter((question) => profile === null || isApplicable(question.appliesTo, profile)).map((question): Answer => {
    if (question.allowNa && next() < NA_RATE) return { questionId: question.id, na: true, naReason: "not on this site" };
    if (question.type === "level") return { questionId: question.id, value: Math.floor(next() * 6) };
    return { questionId: question.id, value: question.min + next() * (question.max - question.min) };
  });
}
