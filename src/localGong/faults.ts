/**
 * Scripted failures for client tests: the next matching requests get a chosen status, delay,
 * Retry-After, body or a dropped connection, before auth and routing run.
 */

export interface FaultSpec {
  /** Only requests with this method (any when omitted). */
  method?: string;
  /** Exact path, a template with `:param` segments, or a RegExp tested against the path. */
  path: string | RegExp;
  /**
   * Status to answer with (ignored with destroySocket). A 2xx status without a body makes a slow
   * answer: the request is answered as usual after delayMs.
   */
  status: number;
  /** How many matching requests this fault answers (default 1). */
  times?: number;
  /**
   * Lets this many matching requests through untouched before the fault starts answering (default 0):
   * a failure on page 3 of a cursor walk, after two good pages.
   */
  after?: number;
  /** Seconds for a Retry-After header. */
  retryAfter?: number;
  /** Wait this long before answering (or before dropping the connection). */
  delayMs?: number;
  /** Body to send instead of the error envelope; `requestId` is added when it is an object. */
  body?: Record<string, unknown> | string;
  /** Drop the connection instead of answering. */
  destroySocket?: boolean;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
  /** Matching requests still to let through before the fault answers. */
  skip: number;
  matcher: (path: string) => boolean;
}

function pathMatcher(path: string | RegExp): (p: string) => boolean {
  if (path instanceof RegExp) return p => path.test(p);
  if (!path.includes('/:')) return p => p === path;
  const segs = path.split('/');
  return p => {
    const got = p.split('/');
    return got.length === segs.length && segs.every((s, i) => s.startsWith(':') ? (got[i] ?? '') !== '' : s === got[i]);
  };
}

export class Faults {
  private readonly list: ActiveFault[] = [];

  /** Queues a fault; faults are consumed in the order they were added. */
  add(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1 || times > 1_000_000) throw new Error('fault times must be a positive integer');
    if (spec.delayMs !== undefined && (spec.delayMs < 0 || spec.delayMs > 600_000)) throw new Error('fault delayMs must be within 0..600000');
    const after = spec.after ?? 0;
    if (!Number.isInteger(after) || after < 0 || after > 1_000_000) throw new Error('fault after must be a non-negative integer');
    this.list.push({ spec, remaining: times, skip: after, matcher: pathMatcher(spec.path) });
  }

  /** Removes every queued fault. */
  clear(): void {
    this.list.length = 0;
  }

  /** Faults still waiting to fire (sum of their remaining uses). */
  get pending(): number {
    return this.list.reduce((n, f) => n + f.remaining, 0);
  }

  /**
   * The first queued fault matching the request, consuming one of its uses. A matching fault still
   * letting requests through (`after`) counts this one and lets it pass.
   */
  take(method: string, path: string): FaultSpec | undefined {
    const i = this.list.findIndex(f => (f.spec.method === undefined || f.spec.method.toUpperCase() === method) && f.matcher(path));
    if (i < 0) return undefined;
    const f = this.list[i];
    if (f === undefined) return undefined;
    if (f.skip > 0) { f.skip -= 1; return undefined; }
    f.remaining -= 1;
    if (f.remaining <= 0) this.list.splice(i, 1);
    return f.spec;
  }
}
