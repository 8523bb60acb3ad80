/**
 * `npm run questionnaire:check` — validates every questionnaires/<key>/<version>.yaml and checks
 * published versions against questionnaires/published.lock.json (published files are immutable).
 * `npm run questionnaire:check -- --publish` also locks valid versions that are not published yet.
 * Exits 1 on any error, 2 on bad arguments.
 */
import { checkQuestionnaires } from "../app/domain/questionnaire/files.server";

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== "--publish");
if (unknown.length > 0) {
  console.error(`Unknown argument(s): ${unknown.join(" ")}\nUsage: npm run questionnaire:check [-- --publish]`);
  process.exit(2);
}

const report = checkQuestionnaires({ publish: args.includes("--publish") });

for (const file of report.files) {
  const { questionnaire } = file;
  const capabilities = questionnaire.dimensions.reduce((sum, dimension) => sum + dimension.capabilities.length, 0);
  const questions = questionnaire.dimensions.flatMap((dimension) => dimension.capabilities.flatMap((capability) => capability.questions));
  const kpis = questions.filter((question) => question.type === "kpi").length;
  const changed = report.errors.some((error) => error.startsWith(`${file.key}@${file.version} `));
  console.log(
    `${changed ? "✗" : "✓"} ${file.file}  ${questionnaire.dimensions.length} dimensions, ${capabilities} capabilities, ` +
      `${questions.length} questions (${kpis} KPI)  sha256 ${file.contentHash.slice(0, 12)}…`,
  );
}
for (const notice of report.notices) console.log(`• ${notice}`);

const { summary } = report;
console.log(
  `\n${summary.files} file(s): ${summary.dimensions} dimensions, ${summary.capabilities} capabilities, ` +
    `${summary.questions} questions, ${summary.kpiQuestions} KPI questions.`,
);

if (!report.ok) {
  console.error(`\n✗ ${report.errors.length} error(s):`);
  for (const error of report.errors) console.error(`  ${error}`);
  process.exit(1);
}
console.log("Questionnaire check passed.");
