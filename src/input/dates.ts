/**
 * Date presets for date and date-time fields, computed from an injected clock and UTC offset so
 * they are exact in tests. Gong's ranges are half-open ([from, to)), and stats' date-only `toDate`
 * must not be after today, so date-only ends are clamped to today. No `vscode` here.
 */

export type DatePresetId = 'today' | 'last7' | 'thisMonth' | 'thisQuarter';

export const DATE_PRESETS: ReadonlyArray<{ id: DatePresetId; label: string }> = [
  { id: 'today', label: 'Today' },
  { id: 'last7', label: 'Last 7 days' },
  { id: 'thisMonth', label: 'This month' },
  { id: 'thisQuarter', label: 'This quarter' },
];

/** Which end of a range a field is, judged from its name (`fromDateTime`, `toDate`, `startTime`...). */
export type DateRole = 'from' | 'to' | 'single';

export function dateRole(path: string): DateRole {
  const name = (path.split('.').pop() ?? path);
  if (/^(from|start|after|created_?from|since)/i.test(name) || /From(Date|DateTime|Time)?$/.test(name) || /^callFrom|^reviewFrom/.test(name)) return 'from';
  if (/^(to|end|before|until)/i.test(name) || /To(Date|DateTime|Time)?$/.test(name) || /^callTo|^reviewTo/.test(name)) return 'to';
  return 'single';
}

/** The other end of a from/to pair (`filter.fromDateTime` -> `filter.toDateTime`), if the name follows the pattern. */
export function siblingPath(path: string): string | undefined {
  const segs = path.split('.');
  const name = segs.pop() ?? '';
  const swaps: Array<[RegExp, string]> = [
    [/^from(?=[A-Z]|$)/, 'to'], [/^to(?=[A-Z]|$)/, 'from'],
    [/From(?=[A-Z]|$)/, 'To'], [/To(?=[A-Z]|$)/, 'From'],
    [/^start(?=[A-Z]|$)/, 'end'], [/^end(?=[A-Z]|$)/, 'start'],
  ];
  for (const [re, rep] of swaps) {
    if (re.test(name)) return [...segs, name.replace(re, rep)].join('.');
  }
  return undefined;
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** The calendar date (year, month 0-11, day) at `ms` in a zone `offsetMinutes` east of UTC. */
function localParts(ms: number, offsetMinutes: number): { y: number; m: number; d: number } {
  const t = new Date(ms + offsetMinutes * 60_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth(), d: t.getUTCDate() };
}

/** Epoch ms of local midnight for a calendar date (normalises overflowing days/months). */
function localMidnight(y: number, m: number, d: number, offsetMinutes: number): number {
  return Date.UTC(y, m, d) - offsetMinutes * 60_000;
}

/** `2026-11-21T00:00:00+01:00` (or `Z` for offset 0). */
export function formatDateTime(ms: number, offsetMinutes: number): string {
  const t = new Date(ms + offsetMinutes * 60_000);
  const base = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  if (offsetMinutes === 0) return `${base}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  return `${base}${sign}${pad(Math.trunc(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
}

/** `2026-11-21`. */
export function formatDate(ms: number, offsetMinutes: number): string {
  const { y, m, d } = localParts(ms, offsetMinutes);
  return `${y}-${pad(m + 1)}-${pad(d)}`;
}

export interface PresetRange { from: string; to: string }

/**
 * A preset as a [from, to) range. `dateOnly` gives `YYYY-MM-DD` with `to` clamped to today (Gong's
 * stats refuse a later `toDate`); otherwise ISO date-times with the given offset, `to` = next midnight.
 * `offsetMinutes` is minutes east of UTC (the negation of Date#getTimezoneOffset()).
 */
export function presetRange(id: DatePresetId, now: Date, offsetMinutes: number, dateOnly: boolean): PresetRange {
  const { y, m, d } = localParts(now.getTime(), offsetMinutes);
  let fromMs: number;
  switch (id) {
    case 'today': fromMs = localMidnight(y, m, d, offsetMinutes); break;
    case 'last7': fromMs = localMidnight(y, m, d - 6, offsetMinutes); break;
    case 'thisMonth': fromMs = localMidnight(y, m, 1, offsetMinutes); break;
    case 'thisQuarter': fromMs = localMidnight(y, m - (m % 3), 1, offsetMinutes); break;
  }
  const tomorrow = localMidnight(y, m, d + 1, offsetMinutes);
  if (dateOnly) {
    // A date-only range ends at today (exclusive), so "last 7 days" is the 7 full days before today.
    const fromDay = id === 'last7' ? localMidnight(y, m, d - 7, offsetMinutes) : fromMs;
    return { from: formatDate(fromDay, offsetMinutes), to: formatDate(localMidnight(y, m, d, offsetMinutes), offsetMinutes) };
  }
  return { from: formatDateTime(fromMs, offsetMinutes), to: formatDateTime(tomorrow, offsetMinutes) };
}

/** The value a preset gives one field: its end of the range (a lone date takes the start). */
export function presetValue(id: DatePresetId, path: string, now: Date, offsetMinutes: number, dateOnly: boolean): string {
  const r = presetRange(id, now, offsetMinutes, dateOnly);
  return dateRole(path) === 'to' ? r.to : r.from;
}
