/** Time formatting used by both the host (exports, view models) and the pages (search, copy). */

/** A transcript timestamp: `m:ss` below an hour, `h:mm:ss` from an hour on. Input in milliseconds. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const p = (n: number): string => (n < 10 ? `0${n}` : String(n));
  return h > 0 ? `${h}:${p(m)}:${p(s)}` : `${m}:${p(s)}`;
}
