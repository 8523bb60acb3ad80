/**
 * Ranks scored capabilities by the overall score an improvement there is expected to buy:
 *
 *   expectedGain = share × gap
 *   share        = the capability's weight in the overall score (capability weight within its
 *                  dimension's scored capabilities × dimension weight within scored dimensions)
 *   gap          = min(5, ⌊score⌋ + 1) − score           (to the next band), or
 *                  max(0, min(5, target) − score)          (when a target is given)
 *
 * With a peer gap p (peer median − own score) for the capability, the gap is blended:
 *   gap' = (1 − α)·gap + α·max(0, p), α = peerWeight (default 0.5)
 * Capabilities without a peer figure keep their own gap. Ordering is stable: gain, then id.
 */
import { MAX_SCORE } from "~/domain/questionnaire/schema";
import { SCORE_TOLERANCE } from "./level";
import type { CompiledModel } from "./model";
import type { AssessmentResult } from "./score";
import { weightShares } from "./shares";

export interface PrioritiseOptions {
  /** Per capability id: peer median − own score; ≤ 0 (at or above peers) adds nothing. */
  peerGap?: ReadonlyMap<string, number>;
  /** Weight α of the peer gap in the blend, 0…1 (default 0.5). */
  peerWeight?: number;
  /** Per capability id: a target score that replaces the next-band gap. */
  targets?: ReadonlyMap<string, number>;
}

export interface CapabilityPriority {
  rank: number;
  capabilityId: string;
  dimensionId: string;
  score: number;
  /** The capability's weight in the overall score (all shares sum to 1). */
  share: number;
  /** Gap to the next band, or to the target. */
  gap: number;
  peerGap: number | null;
  /** The gap after blending with the peer gap (equal to `gap` without a peer figure). */
  blendedGap: number;
  expectedGain: number;
  /** Index into the capability's `advice` (advice[n] leads from band n to n+1). */
  adviceStep: number;
}

export function prioritise(model: CompiledModel, result: AssessmentResult, options: PrioritiseOptions = {}): CapabilityPriority[] {
  const peerWeight = options.peerWeight ?? 0.5;
  if (!(peerWeight >= 0 && peerWeight <= 1)) throw new RangeError(`peerWeight must lie in [0, 1], got ${peerWeight}`);
  const shares = weightShares(model, result);

  const priorities: Omit<CapabilityPriority, "rank">[] = [];
  result.capabilities.forEach((capability, index) => {
    if (capability.status !== "scored") return;
    const { capabilityId, dimensionId, score } = capability;
    const band = Math.min(MAX_SCORE, Math.floor(score + SCORE_TOLERANCE));
    const target = options.targets?.get(capabilityId);
    const gap = target === undefined ? Math.max(0, Math.min(MAX_SCORE, band + 1) - score) : Math.max(0, Math.min(MAX_SCORE, target) - score);
    const peerGap = options.peerGap?.get(capabilityId) ?? null;
    const blendedGap = peerGap === null ? gap : (1 - peerWeight) * gap + peerWeight * Math.max(0, peerGap);
    const share = shares.capabilityInOverall[index]!;
    priorities.push({
      capabilityId,
      dimensionId,
      score,
      share,
      gap,
      peerGap,
      blendedGap,
      expectedGain: share * blendedGap,
      adviceStep: Math.min(band, MAX_SCORE - 1),
    });
  });
  priorities.sort(byGainThenId);
  return priorities.map((priority, index) => ({ rank: index + 1, ...priority }));
}

/** Gains equal up to float noise (0.12 × 0.5 vs 0.06) count as ties, so ids decide and ranks are stable. */
function byGainThenId(a: { expectedGain: number; capabilityId: string }, b: typeof a): number {
  const difference = b.expectedGain - a.expectedGain;
  if (Math.abs(difference) > SCORE_TOLERANCE) return difference;
  return a.capabilityId < b.capabilityId ? -1 : 1;
}
