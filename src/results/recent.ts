/**
 * Recent runs, per profile: the action and the input that was sent, never the response body, so a
 * run can be repeated or copied as curl. Bounded to the last 20 per profile. Runs of the data-privacy
 * actions (whose input is a person's email address or phone number) are never kept. No `vscode` here.
 */
import { catalog } from '../catalog/index';

/**
 * True for actions whose input is personal data of the kind data-privacy requests are about (a
 * person's email address or phone number): their runs are not recorded, and any stored before are dropped.
 */
export function keepsNoHistory(actionId: string): boolean {
  const action = catalog.find(actionId);
  return action?.category === 'Data privacy';
}

export const RECENT_LIMIT = 20;

export interface RecentRun {
  actionId: string;
  /** The input as it was validated and sent (ids as strings). */
  input: Record<string, unknown>;
  /** ISO-8601 time of the run. */
  at: string;
}

/** Everything stored: profile name -> runs, newest first. */
export type RecentStore = Record<string, RecentRun[]>;

/** Key order independent JSON, so the same input typed twice counts as one entry. */
export function stableKey(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableKey).join(',')}]`;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableKey(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Only JSON-safe data goes into globalState: bigint becomes its digit string. */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) out[k] = plain(x);
    return out;
  }
  return v;
}

/**
 * The store with a run added at the front of its profile's list: an identical earlier run (same
 * action and input) moves up instead of repeating, and the list keeps the newest `limit` entries.
 * Returns a new object; the old one is not changed.
 */
export function addRecent(store: RecentStore | undefined, profile: string, run: RecentRun, limit = RECENT_LIMIT): RecentStore {
  if (keepsNoHistory(run.actionId)) return { ...(store ?? {}), [profile]: recentFor(store, profile) };
  const entry: RecentRun = { actionId: run.actionId, input: plain(run.input) as Record<string, unknown>, at: run.at };
  const key = stableKey([entry.actionId, entry.input]);
  const old = (store?.[profile] ?? []).filter(r => stableKey([r.actionId, r.input]) !== key);
  return { ...(store ?? {}), [profile]: [entry, ...old].slice(0, Math.max(0, limit)) };
}

/** A profile's runs, newest first; tolerant of a malformed stored value. */
export function recentFor(store: unknown, profile: string): RecentRun[] {
  if (typeof store !== 'object' || store === null) return [];
  const list = (store as Record<string, unknown>)[profile];
  if (!Array.isArray(list)) return [];
  return list.filter((r): r is RecentRun =>
    typeof r === 'object' && r !== null && typeof (r as RecentRun).actionId === 'string'
    && typeof (r as RecentRun).input === 'object' && (r as RecentRun).input !== null && typeof (r as RecentRun).at === 'string'
    && !keepsNoHistory((r as RecentRun).actionId));
}

/** A short description of an input for a quick pick row: `filter.fromDateTime=2026-01-01…, workspaceId=123`. */
export function describeInput(input: Record<string, unknown>, maxLength = 90): string {
  const parts: string[] = [];
  const walk = (v: unknown, prefix: string) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, prefix ? `${prefix}.${k}` : k);
    } else {
      const text = Array.isArray(v) ? `[${v.length}]` : String(v);
      parts.push(`${prefix}=${text}`);
    }
  };
  walk(input, '');
  const s = parts.join(', ');
  return s.length > maxLength ? `${s.slice(0, maxLength - 1)}…` : s || '(no input)';
}

/** The store without runs that keep personal data (written by earlier versions); unchanged when none. */
export function withoutPersonalData(store: unknown): RecentStore | undefined {
  if (typeof store !== 'object' || store === null) return undefined;
  let changed = false;
  const out: RecentStore = {};
  for (const profile of Object.keys(store)) {
    const list = recentFor(store, profile);
    const raw = (store as Record<string, unknown>)[profile];
    if (!Array.isArray(raw) || raw.length !== list.length) changed = true;
    out[profile] = list;
  }
  return changed ? out : undefined;
}
