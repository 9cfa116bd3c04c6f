/**
 * The network settings, clamped to sane ranges where they are used. Settings files are edited by
 * hand: a timeout of "60" (a string), 0 or 1e9 must not make every request fail at once or never end,
 * and a rate of 0 or 5000 must not stall or flood. No `vscode` here; the extension and the CLI both
 * read through `clampSetting`.
 */

export interface SettingRange {
  min: number;
  max: number;
  /** Used when the value is not a finite number at all. */
  fallback: number;
}

export const SETTING_RANGES = {
  /** Gong's default company limit is 3; a company can have more, but not hundreds. */
  requestsPerSecond: { min: 0.1, max: 100, fallback: 3 },
  /** Below 5 s a busy Gong answer times out; over an hour nobody is waiting any more. */
  requestTimeoutSeconds: { min: 5, max: 3600, fallback: 60 },
  dailyRequestBudget: { min: 1, max: 10_000_000, fallback: 10_000 },
} as const satisfies Record<string, SettingRange>;

export type ClampedSetting = keyof typeof SETTING_RANGES;

/**
 * The value to use for `name`: a finite number (or a string of one) within its range, out-of-range
 * values moved to the nearest bound, anything else the fallback. Whole numbers for the budget.
 */
export function clampSetting(name: ClampedSetting, value: unknown): number {
  const r: SettingRange = SETTING_RANGES[name];
  const n = typeof value === 'number' ? value
    : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value)
      : Number.NaN;
  if (!Number.isFinite(n)) return r.fallback;
  const bounded = Math.min(r.max, Math.max(r.min, n));
  return name === 'dailyRequestBudget' ? Math.floor(bounded) : bounded;
}
