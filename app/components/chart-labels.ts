/**
 * Axis labels wrapped by a fixed rule, the same on the server and in the browser. Recharts wraps
 * by measuring text in the DOM, which the server cannot do: server and browser then drew different
 * lines and English pages failed hydration (issue 13). Widths are estimated in "units": a CJK
 * character counts 2, anything else 1 (about 6.5 px each at 12 px).
 */
const isWide = (char: string) => /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(char);
const widthOf = (text: string) => [...text].reduce((sum, char) => sum + (isWide(char) ? 2 : 1), 0);

/** Splits `text` into at most `maxLines` lines of at most `maxUnits` units; the last line ends in "…" if cut. */
export function wrapLabel(text: string, maxUnits: number, maxLines = 2): string[] {
  const lines: string[] = [];
  let current = "";
  // Latin text breaks at spaces; CJK text between any two characters.
  const tokens = text.match(/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+|\s+/g) ?? [];
  for (const token of tokens) {
    if (/^\s+$/.test(token)) {
      if (current) current += " ";
      continue;
    }
    const candidate = current + token;
    if (widthOf(candidate.trimEnd()) <= maxUnits || current.trim() === "") {
      current = candidate;
      continue;
    }
    lines.push(current.trimEnd());
    current = token;
  }
  if (current.trim()) lines.push(current.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (widthOf(`${last}…`) > maxUnits && last.length > 1) last = [...last].slice(0, -1).join("").trimEnd();
  kept[maxLines - 1] = `${last}…`;
  return kept;
}
