/** Grouping for the report's answer appendix. */

/**
 * Consecutive answers of the same dimension in one group, in the given (questionnaire) order. Only
 * neighbours are merged, so the order of the appendix is always the order of the answers.
 */
export function groupByDimension<T extends { dimension: string }>(answers: readonly T[]): { dimension: string; answers: T[] }[] {
  const groups: { dimension: string; answers: T[] }[] = [];
  for (const answer of answers) {
    const last = groups.at(-1);
    if (last && last.dimension === answer.dimension) last.answers.push(answer);
    else groups.push({ dimension: answer.dimension, answers: [answer] });
  }
  return groups;
}
