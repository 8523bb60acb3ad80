/**
 * A child process of seedPopulation with `workers`: compiles the questionnaire versions it is
 * sent once, then answers each requested range of factories with its COPY rows
 * (server/population-copy.ts). It never touches the database: the parent writes every batch in
 * its one transaction, so a failed seeding still leaves nothing behind.
 */
import { parseStoredQuestionnaire } from "../app/domain/assessment/stored";
import { compileModel } from "../app/domain/scoring";
import { populationCopyBatch, type ContributionPlan, type PopulationModels } from "./population-copy";

export interface WorkerSetup {
  current: { versionId: string; content: unknown };
  previous: { versionId: string; content: unknown } | null;
  seed: number;
  anchor: string;
  plan: ContributionPlan | null;
}
export type WorkerRequest = { kind: "setup"; setup: WorkerSetup } | { kind: "batch"; batch: number; from: number; to: number };

let models: PopulationModels | undefined;
let setup: WorkerSetup | undefined;

process.on("message", (request: WorkerRequest) => {
  if (request.kind === "setup") {
    setup = request.setup;
    const compiled = (version: WorkerSetup["current"]) => ({ versionId: version.versionId, model: compileModel(parseStoredQuestionnaire(version.content)) });
    models = { current: compiled(setup.current), previous: setup.previous ? compiled(setup.previous) : null };
    return;
  }
  if (!models || !setup) throw new Error("population worker: a batch before the setup");
  const rows = populationCopyBatch(models, setup.seed, request.from, request.to, new Date(setup.anchor), setup.plan);
  process.send!({ batch: request.batch, rows });
});
process.on("disconnect", () => process.exit(0));
