/**
 * Turns what a person typed into the value of one input field, with a message naming the rule
 * when it does not fit. The field's own `validate` (from the catalog's zod schema) runs after the
 * kind-level parsing, so its messages reach the user too. No `vscode` here.
 */
import { isSafeNumber, parse as parseLossless } from 'lossless-json';
import type { FieldSpec, IdKind } from '../catalog/types';
import { textOf } from '../shared/textOf';

export type ParseResult =
  | { ok: true; value: unknown }
  /** An empty answer to an optional field: leave it out of the input. */
  | { ok: true; omit: true }
  | { ok: false; message: string };

type Kind = FieldSpec['kind'];

/** Kinds of ids Gong issues as numeric strings of up to 20 digits. */
const NUMERIC_ID_KINDS: ReadonlySet<IdKind> = new Set(['user', 'workspace', 'call', 'folder', 'flow', 'meeting', 'profile', 'scorecard', 'tracker']);

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function validCalendarDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** JSON text parsed so that integers beyond 2^53 become digit strings (Gong wants ids as strings). */
export function parseJsonExact(text: string): unknown {
  return parseLossless(text, null, (s: string) => (isSafeNumber(s) ? Number(s) : s));
}

/** Splits a comma or newline separated list, dropping empty entries. */
export function splitList(text: string): string[] {
  return text.split(/[,\n\r;]+/).map(s => s.trim()).filter(s => s.length > 0);
}

/** Parses one scalar of a given kind (no required/optional handling, no field validate). */
export function parseScalar(kind: Kind, text: string, spec: Pick<FieldSpec, 'enumValues' | 'idKind' | 'label'>): { ok: true; value: unknown } | { ok: false; message: string } {
  const t = text.trim();
  switch (kind) {
    case 'string':
    case 'file':
      return { ok: true, value: kind === 'file' ? t : text };
    case 'id':
      if (spec.idKind && NUMERIC_ID_KINDS.has(spec.idKind) && !/^\d{1,20}$/.test(t)) {
        return { ok: false, message: `A Gong ${spec.idKind} id is 1 to 20 digits ("${t}" is not)` };
      }
      if (t.length === 0) return { ok: false, message: 'An id cannot be blank' };
      // Ids stay strings: most exceed Number.MAX_SAFE_INTEGER.
      return { ok: true, value: t };
    case 'email':
      return EMAIL_RE.test(t) ? { ok: true, value: t } : { ok: false, message: `Not an email address: "${t}" (expected name@domain)` };
    case 'phone': {
      const compact = t.replace(/[\s().-]/g, '');
      if (!/^\+?\d{5,15}$/.test(compact)) return { ok: false, message: `Not a phone number: "${t}" (digits, optionally starting with +, at most 15)` };
      return { ok: true, value: compact };
    }
    case 'date': {
      const m = DATE_RE.exec(t);
      if (!m || !validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return { ok: false, message: `A date is YYYY-MM-DD ("${t}" is not a calendar date)` };
      return { ok: true, value: t };
    }
    case 'dateTime': {
      // A bare date is taken as midnight UTC, the way Gong's own examples write range starts.
      if (DATE_RE.test(t)) {
        const d = DATE_RE.exec(t);
        if (d && validCalendarDate(Number(d[1]), Number(d[2]), Number(d[3]))) return { ok: true, value: `${t}T00:00:00Z` };
      }
      const m = DATE_TIME_RE.exec(t);
      if (!m) {
        if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(t)) return { ok: false, message: 'A date-time needs Z or an offset such as +02:00' };
        return { ok: false, message: `A date-time is ISO-8601, e.g. 2026-01-31T09:00:00Z ("${t}" is not)` };
      }
      if (!validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) || Number(m[4]) > 23 || Number(m[5]) > 59) {
        return { ok: false, message: `Not a real date and time: "${t}"` };
      }
      return { ok: true, value: t };
    }
    case 'enum': {
      const values = spec.enumValues ?? [];
      const hit = values.find(v => v === t) ?? values.find(v => v.toLowerCase() === t.toLowerCase());
      return hit !== undefined ? { ok: true, value: hit } : { ok: false, message: `Must be one of: ${values.join(', ')}` };
    }
    case 'boolean': {
      const l = t.toLowerCase();
      if (['true', 'yes', 'y', '1'].includes(l)) return { ok: true, value: true };
      if (['false', 'no', 'n', '0'].includes(l)) return { ok: true, value: false };
      return { ok: false, message: 'Must be true or false' };
    }
    case 'number': {
      const n = Number(t);
      return t.length > 0 && Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: `Not a number: "${t}"` };
    }
    case 'integer': {
      if (!/^-?\d+$/.test(t)) return { ok: false, message: `Must be a whole number ("${t}" is not)` };
      const n = Number(t);
      if (!Number.isSafeInteger(n)) return { ok: false, message: 'Too large for a whole number; ids belong in id fields' };
      return { ok: true, value: n };
    }
    case 'object':
    case 'json':
    case 'array': {
      try {
        return { ok: true, value: parseJsonExact(t) };
      } catch (e) {
        return { ok: false, message: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
      }
    }
  }
}

/**
 * Parses an answer for a field. An empty answer omits an optional field and is refused for a
 * required one. Arrays are comma/newline lists of `itemKind` (or JSON when the text starts with `[`),
 * checked against minItems/maxItems. The field's own `validate` has the last word.
 */
export function parseAnswer(field: FieldSpec, text: string): ParseResult {
  const t = text.trim();
  if (t.length === 0) {
    if (!field.required) return { ok: true, omit: true };
    return { ok: false, message: `${field.label} is required (Escape cancels)` };
  }
  let value: unknown;
  if (field.kind === 'array') {
    const structured = field.itemKind === 'object' || field.itemKind === 'json' || field.itemKind === 'array';
    if (t.startsWith('[') || structured) {
      const r = parseScalar('json', t, field);
      if (!r.ok) return structured ? { ok: false, message: `Enter a JSON list of objects, e.g. [{"email":"ana@example.com"}] (${r.message})` } : r;
      // One object typed on its own is a list of one.
      if (structured && typeof r.value === 'object' && r.value !== null && !Array.isArray(r.value)) value = [r.value];
      else if (!Array.isArray(r.value)) return { ok: false, message: 'Expected a JSON array' };
      else value = r.value;
    } else {
      const itemKind = field.itemKind ?? 'string';
      const items: unknown[] = [];
      for (const [i, part] of splitList(t).entries()) {
        const r = parseScalar(itemKind === 'array' ? 'string' : itemKind, part, field);
        if (!r.ok) return { ok: false, message: `Item ${i + 1}: ${r.message}` };
        items.push(r.value);
      }
      value = items;
    }
    const n = (value as unknown[]).length;
    if (field.minItems !== undefined && n < field.minItems) return { ok: false, message: `At least ${field.minItems} item${field.minItems === 1 ? '' : 's'} (got ${n})` };
    if (field.maxItems !== undefined && n > field.maxItems) return { ok: false, message: `At most ${field.maxItems} items (got ${n})` };
  } else {
    const r = parseScalar(field.kind, t, field);
    if (!r.ok) return r;
    value = r.value;
  }
  const rule = field.validate(value);
  if (rule) return { ok: false, message: `${field.label} ${rule}` };
  return { ok: true, value };
}

/** Shows a value the way a person would type it back (for pre-filling an input box when going Back). */
export function formatAnswer(field: FieldSpec, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field.kind === 'array' && Array.isArray(value) && value.every(v => typeof v === 'string' || typeof v === 'number')) return value.join(', ');
  return textOf(value);
}
