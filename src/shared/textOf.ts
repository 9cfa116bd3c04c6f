/**
 * The text of a value read from JSON or typed by a person: strings as they are, numbers, bigints and
 * booleans written out, nothing as the fallback, objects with a text of their own (lossless numbers,
 * dates) as that text, and other objects and arrays as JSON, never as `[object Object]`.
 * Pure (no vscode, no node): the host, the local Gong and the pages share it.
 */
export function textOf(v: unknown, fallback = ''): string {
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || typeof v === 'symbol') return v.toString();
  if (typeof v === 'function') return fallback;
  // Objects that say how they read (lossless numbers, dates, URLs) keep their own text.
  if (!Array.isArray(v) && typeof (v as { toString?: unknown }).toString === 'function' && (v as { toString: unknown }).toString !== Object.prototype.toString) {
    return (v as { toString(): string }).toString();
  }
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? fallback;
  } catch {
    return fallback;
  }
}
