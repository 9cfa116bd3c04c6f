/**
 * The retype check for destructive actions: the person types the target again (an email, a phone
 * number, a meeting id...) and nothing is sent unless it matches. No `vscode` here.
 */
import { catalog, getPath } from '../catalog/index';
import type { ActionDef } from '../catalog/types';
import { oneLine } from '../shared/safeText';
import { textOf } from '../shared/textOf';

/** The text a person must retype, from the input at `confirmField`; undefined when there is none. */
export function confirmTarget(input: Record<string, unknown>, confirmField: string | undefined): string | undefined {
  if (!confirmField) return undefined;
  const v = getPath(input, confirmField);
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.map(x => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return textOf(v);
}

function normalise(s: string): string {
  return s.trim().replace(/\s*,\s*/g, ', ').replace(/\s+/g, ' ');
}

/**
 * Whether the retyped text matches the target. Emails compare case-insensitively (Gong treats them
 * so); phone numbers ignore spacing and punctuation; everything else must match exactly after trimming.
 */
export function confirmMatches(target: string, typed: string): boolean {
  const a = normalise(target);
  const b = normalise(typed);
  if (a.length === 0) return false;
  if (a === b) return true;
  if (a.includes('@')) return a.toLowerCase() === b.toLowerCase();
  const digits = (s: string) => s.replace(/[\s().-]/g, '');
  if (/^\+?[\d\s().-]+$/.test(a) && /^\+?[\d\s().-]+$/.test(b)) return digits(a) === digits(b) && digits(a).length > 0;
  return false;
}

/** Longest value shown per field in a write's summary (the rest is cut with an ellipsis). */
const SUMMARY_VALUE_MAX = 200;
/** Fields listed in a summary; the rest are counted. */
const SUMMARY_FIELDS_MAX = 30;

/**
 * What a write will send, for the one confirmation it gets when nobody went through its steps (every
 * field prefilled from a tree row, the command's arguments or a recent run): the request, each field
 * with its value (one bounded line), files to upload named as such.
 */
export function writeSummary(action: ActionDef, input: Record<string, unknown>): string {
  const lines = [`${action.method} ${action.path}`];
  const shown = catalog.fields(action).filter(f => getPath(input, f.path) !== undefined);
  for (const f of shown.slice(0, SUMMARY_FIELDS_MAX)) {
    const v = getPath(input, f.path);
    const text = typeof v === 'string' ? v : JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? String(v);
    lines.push(f.kind === 'file' ? `${f.path}: upload the file ${oneLine(text, SUMMARY_VALUE_MAX)}` : `${f.path}: ${oneLine(text, SUMMARY_VALUE_MAX)}`);
  }
  if (shown.length > SUMMARY_FIELDS_MAX) lines.push(`and ${shown.length - SUMMARY_FIELDS_MAX} more fields`);
  return lines.join('\n');
}

/** True when a run must be confirmed with its summary first: it writes, and no one went through its steps. */
export function needsWriteConfirmation(action: ActionDef, reviewed: boolean): boolean {
  // Destructive actions have their own modal and retype, which shows the target.
  return !action.readOnly && !action.destructive && !reviewed;
}
