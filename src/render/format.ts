/** Small formatting helpers shared by the view models and the exporters. Pure, no locale surprises. */

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

export { clock } from '../shared/time';

/** A duration in seconds as `1h 05m`, `12m 30s` or `45s`. */
export function duration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${pad2(m)}m`;
  if (m > 0) return s > 0 ? `${m}m ${pad2(s)}s` : `${m}m`;
  return `${s}s`;
}

/** SRT cue time `hh:mm:ss,mmm` (comma before the milliseconds, as the format requires). */
export function srtTime(ms: number): string {
  return cueTime(ms, ',');
}

/** WebVTT cue time `hh:mm:ss.mmm`. */
export function vttTime(ms: number): string {
  return cueTime(ms, '.');
}

function cueTime(ms: number, sep: string): string {
  const t = Math.max(0, Math.round(ms));
  const h = Math.floor(t / 3_600_000);
  const m = Math.floor((t % 3_600_000) / 60_000);
  const s = Math.floor((t % 60_000) / 1000);
  return `${pad2(h)}:${pad2(m)}:${pad2(s)}${sep}${pad3(t % 1000)}`;
}

/**
 * An ISO-8601 timestamp shown as written by Gong, in the company's offset: `2025-05-06 10:01 (-07:00)`.
 * Converting to the viewer's zone would silently shift the day of a call; the offset keeps it honest.
 */
export function dateTime(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (!m) return iso;
  const zone = m[3] === undefined ? '' : m[3] === 'Z' ? ' (UTC)' : ` (${m[3]})`;
  return `${m[1]} ${m[2]}${zone}`;
}

/** True for an absolute http(s) URL; everything else (javascript:, data:, relative) is refused. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 8192) return false;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Percent with no decimals for shares 0..1. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
