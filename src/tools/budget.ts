/**
 * Answers sized for a model: text is cut at line boundaries to a stated budget of characters, and
 * every cut says what was left out and how to ask for the next part. No `vscode` here.
 */

/** Characters a list answer may hold unless the caller asks otherwise (about 2,000 tokens). */
export const LIST_BUDGET = 8_000;
/** Characters a transcript answer may hold unless the caller asks otherwise (about 5,000 tokens). */
export const TRANSCRIPT_BUDGET = 20_000;
/** The most any answer may hold, whatever the caller asks. */
export const MAX_BUDGET = 200_000;
/** The least a caller may ask for: below it a note and one line would not fit. */
export const MIN_BUDGET = 1_000;

/** `1234` as `1,234`, the same on every machine. */
export function count(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** One field of a line, clipped to `max` characters with a note of how many were left out. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  return `${flat.slice(0, Math.max(0, max - 1))}… [${count(flat.length - max + 1)} more characters]`;
}

/**
 * Keeps whole lines from the start while the total (lines joined by newlines) stays within `budget`.
 * Returns the text and how many lines it holds; a first line longer than the budget is clipped so an
 * answer is never empty when there was something to say.
 */
export function fitLines(lines: readonly string[], budget: number): { text: string; kept: number } {
  let used = 0;
  const out: string[] = [];
  for (const line of lines) {
    const cost = line.length + (out.length > 0 ? 1 : 0);
    if (used + cost > budget) {
      if (out.length === 0) {
        out.push(clip(line, budget - 40));
        return { text: out.join('\n'), kept: 1 };
      }
      break;
    }
    out.push(line);
    used += cost;
  }
  return { text: out.join('\n'), kept: out.length };
}

/** Clamps a requested budget to [MIN_BUDGET, MAX_BUDGET], `fallback` when none was asked for. */
export function budgetOf(requested: number | undefined, fallback: number): number {
  if (requested === undefined || !Number.isFinite(requested)) return fallback;
  return Math.min(MAX_BUDGET, Math.max(MIN_BUDGET, Math.floor(requested)));
}
