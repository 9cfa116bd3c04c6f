/**
 * The retype check for destructive actions: the person types the target again (an email, a phone
 * number, a meeting id...) and nothing is sent unless it matches. No `vscode` here.
 */
import { getPath } from '../catalog/index';

/** The text a person must retype, from the input at `confirmField`; undefined when there is none. */
export function confirmTarget(input: Record<string, unknown>, confirmField: string | undefined): string | undefined {
  if (!confirmField) return undefined;
  const v = getPath(input, confirmField);
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.map(x => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
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
