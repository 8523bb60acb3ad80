/**
 * Prints the slowest tests at the end of every Vitest run, with the share of its timeout each one
 * used, so a test creeping towards its limit is seen long before it fails CI on a slower machine.
 */
import type { Reporter, TestModule } from "vitest/node";

const SHOWN = 12;
/** Tests using more than this share of their timeout are flagged. */
const WARN_SHARE = 0.25;

export default class SlowestTestsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const tests = testModules.flatMap((module) =>
      [...module.children.allTests()].map((test) => {
        const duration = test.diagnostic()?.duration ?? 0;
        const timeout = test.options.timeout ?? 0;
        return { name: `${test.project.name} › ${module.relativeModuleId} › ${test.fullName}`, duration, timeout };
      }),
    );
    if (tests.length === 0) return;
    tests.sort((a, b) => b.duration - a.duration);
    const line = (test: (typeof tests)[number]) => {
      const share = test.timeout > 0 ? ` (${Math.round((test.duration / test.timeout) * 100)} % of its ${test.timeout / 1000} s timeout)` : "";
      return `  ${(test.duration / 1000).toFixed(2).padStart(6)} s  ${test.name}${share}`;
    };
    console.log(`\nSlowest ${Math.min(SHOWN, tests.length)} of ${tests.length} tests:`);
    for (const test of tests.slice(0, SHOWN)) console.log(line(test));
    const nearTimeout = tests.filter((test) => test.timeout > 0 && test.duration > test.timeout * WARN_SHARE);
    if (nearTimeout.length > 0) {
      console.log(`\nWARNING: ${nearTimeout.length} test(s) used more than ${WARN_SHARE * 100} % of their timeout; make them faster:`);
      for (const test of nearTimeout) console.log(line(test));
    }
  }
}
