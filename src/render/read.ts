/**
 * Defensive readers for Gong's JSON. Answers are read as `unknown` and every field is checked as it
 * is taken, so a missing block, a null, or a field of the wrong type leaves a section out instead of
 * breaking the panel.
 */

export type Obj = Record<string, unknown>;

export function obj(v: unknown): Obj | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function objs(v: unknown): Obj[] {
  return arr(v).map(obj).filter((o): o is Obj => o !== undefined);
}

/** A non-empty string; numbers and bigints (lossless ids) are turned into their decimal text. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return v.toString();
  // lossless-json's LosslessNumber keeps the digits in `value`.
  const o = obj(v);
  if (o && typeof o['value'] === 'string' && o['isLosslessNumber'] === true) return o['value'];
  return undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  const s = str(v);
  return s !== undefined && Number.isFinite(Number(s)) ? Number(s) : undefined;
}

export function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}
