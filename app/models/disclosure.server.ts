/**
 * The server side of disclosure control: the rules in force. k is the operator's BENCHMARK_MIN_GROUP
 * (default 5), the same k the peer groups' fallback uses (docs/privacy.md).
 */
import type { DisclosureRules } from "~/domain/disclosure";
import { benchmarkMinGroup } from "~/models/benchmark.server";

export function disclosureRules(): DisclosureRules {
  return { minGroup: benchmarkMinGroup() };
}
