/**
 * The one request scheduler of the process. Gong's limits (3 requests/s, 10,000/day by default) are
 * per company, so every client of the process must share one pacing: requests start at a smooth
 * rate (never in bursts), only a few are in flight, a 429 pauses every request to the same base URL
 * (one company) for exactly Retry-After, at most a day, and today's count is kept for the status bar.
 *
 * Requests wait in the order people need them: what the person asked for (an opened panel, a
 * clicked row, a command) first, then what is on screen, then background refreshes, then prefetch.
 * The priority travels with the work that causes the request (`withPriority`), so code between a
 * click and the HTTP call never has to pass it along; the lowest class leaves one slot free so a
 * click never waits behind prefetch already in flight.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestPriority, SchedulerStats } from './types';
import { GongError, GongRateLimitedError, MAX_RETRY_AFTER_SECONDS } from './errors';

export type { RequestPriority };

const RANK: Record<RequestPriority, number> = { interactive: 0, visible: 1, background: 2, prefetch: 3 };

/** The priority of work that names none. */
export const DEFAULT_PRIORITY: RequestPriority = 'visible';

interface PriorityContext {
  priority: RequestPriority;
  /** Who the work is for (e.g. a view id), so `promote` can raise its queued requests later. */
  group: string | undefined;
}

const priorityContext = new AsyncLocalStorage<PriorityContext>();

/**
 * Runs `fn` so that every Gong request it causes, however deep and however many awaits later,
 * queues with `priority` (and under `group`, when given; an inner call without a group keeps the
 * outer one).
 */
export function withPriority<T>(priority: RequestPriority, fn: () => T, group?: string): T {
  const outer = priorityContext.getStore();
  return priorityContext.run({ priority, group: group ?? outer?.group }, fn);
}

/** The priority of the work running now (`DEFAULT_PRIORITY` outside any `withPriority`). */
export function currentPriority(): RequestPriority {
  return priorityContext.getStore()?.priority ?? DEFAULT_PRIORITY;
}

/** Whether a outranks b (is served earlier). */
export function outranks(a: RequestPriority, b: RequestPriority): boolean {
  return RANK[a] < RANK[b];
}

export interface SchedulerOptions {
  /** Most request starts per second (default 3). */
  requestsPerSecond?: number;
  /** Most requests in flight (default 2). */
  maxInFlight?: number;
  /** Requests per local day the company may make (default 10,000); only counted, never enforced here. */
  dailyBudget?: number;
  /**
   * Extra spacing added to 1/rate, as a fraction (default 0.01). Timers and the network add jitter
   * between our start and Gong's arrival time; a hair of margin keeps a strict server-side bucket
   * from ever seeing two requests closer than it allows.
   */
  spacingMargin?: number;
  /**
   * A queued request is refused at once (rateLimited) when Gong asked us to wait longer than this
   * (default 120 s): the daily limit answers with hours, and nobody should sit in a queue that long.
   */
  maxQueueWaitMs?: number;
  /** One clock for pacing and the calendar day, for tests (default: a monotonic clock for pacing, Date.now for the day). */
  now?: () => number;
}

interface Waiter {
  rank: number;
  /** The base URL the request goes to: a pause of one company's API does not hold another's. */
  key: string | undefined;
  group: string | undefined;
  resolve: (release: () => void) => void;
  reject: (e: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

type Listener = (stats: SchedulerStats) => void;

/** The pause key that holds every request (a pause given no base URL). */
const ANY_KEY = '*';

function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

function cancelledError(signal: AbortSignal | undefined): GongError {
  return new GongError('cancelled', 'Request cancelled while waiting for its turn', { cause: signal?.reason });
}

/** Paces requests to Gong; see the module comment. */
export class RequestScheduler {
  private intervalMs = 0;
  private maxInFlight = 2;
  private dailyBudget = 10_000;
  private spacingMargin = 0.01;
  private maxQueueWaitMs = 120_000;
  /** Pacing runs on a monotonic clock: a wall clock set back an hour must not stall every request for an hour. */
  private readonly mono: () => number;
  /** Wall clock, for the local calendar day and the epoch time reported in stats. */
  private readonly wall: () => number;
  private readonly queue: Waiter[] = [];
  private inFlight = 0;
  private lastStart = Number.NEGATIVE_INFINITY;
  /** When each base URL may be asked again, on the `mono` clock; ANY_KEY holds every request. */
  private readonly pauses = new Map<string, number>();
  private today: string;
  private requestsToday = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = 0;
  private midnightTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<Listener>();

  constructor(options: SchedulerOptions = {}) {
    this.mono = options.now ?? (() => performance.now());
    this.wall = options.now ?? Date.now;
    this.today = dayKey(this.wall());
    this.configure(options);
  }

  /** Changes the limits (e.g. when settings change); queued requests follow the new pace. */
  configure(options: Omit<SchedulerOptions, 'now'>): void {
    const rps = options.requestsPerSecond ?? (this.intervalMs > 0 ? 1000 / this.intervalMs * (1 + this.spacingMargin) : 3);
    if (options.spacingMargin !== undefined) this.spacingMargin = Math.max(0, options.spacingMargin);
    if (!(rps > 0)) throw new RangeError('requestsPerSecond must be positive');
    this.intervalMs = (1000 / rps) * (1 + this.spacingMargin);
    if (options.maxInFlight !== undefined) this.maxInFlight = Math.max(1, Math.floor(options.maxInFlight));
    if (options.dailyBudget !== undefined) this.dailyBudget = Math.max(1, Math.floor(options.dailyBudget));
    if (options.maxQueueWaitMs !== undefined) this.maxQueueWaitMs = Math.max(0, options.maxQueueWaitMs);
    this.emit();
    this.pump();
  }

  /** Minimum ms between two request starts. */
  get spacingMs(): number { return this.intervalMs; }

  /**
   * Today's figures; `rateLimitedUntil` is the pause of `key` (a base URL) when given, else the
   * latest pause of any.
   */
  stats(key?: string): SchedulerStats {
    this.rollDay();
    const left = (key === undefined ? Math.max(0, ...this.pauses.values()) : this.pausedUntil(key)) - this.mono();
    const until = left > 0 ? Math.round(this.wall() + left) : undefined;
    return { requestsToday: this.requestsToday, dailyBudget: this.dailyBudget, inFlight: this.inFlight, queued: this.queue.length, rateLimitedUntil: until };
  }

  /** Calls `listener` whenever the stats change; returns the unsubscribe function. */
  onDidChange(listener: Listener): () => void {
    this.listeners.add(listener);
    this.armMidnight();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.midnightTimer) { clearTimeout(this.midnightTimer); this.midnightTimer = undefined; }
    };
  }

  /**
   * Waits for a turn and returns the function that ends it (call it when the answer has been read).
   * Rejects with kind 'cancelled' when `signal` aborts while queued (the request leaves the queue).
   * The turn comes after every queued request of a higher priority and after those of the same
   * priority queued earlier; `priority` defaults to that of the calling work (`withPriority`).
   */
  acquire(signal?: AbortSignal, priority?: RequestPriority, key?: string): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(cancelledError(signal));
    const longWait = this.longWaitError(key);
    if (longWait) return Promise.reject(longWait);
    const ctx = priorityContext.getStore();
    const rank = RANK[priority ?? ctx?.priority ?? DEFAULT_PRIORITY];
    return new Promise<() => void>((resolve, reject) => {
      const waiter: Waiter = { rank, key, group: ctx?.group, resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) {
            this.queue.splice(i, 1);
            reject(cancelledError(signal));
            this.emit();
            this.pump();
          }
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.enqueue(waiter);
      this.emit();
      this.pump();
    });
  }

  /** Runs `task` in a turn. */
  async schedule<T>(task: () => Promise<T>, signal?: AbortSignal, priority?: RequestPriority): Promise<T> {
    const release = await this.acquire(signal, priority);
    try { return await task(); } finally { release(); }
  }

  /**
   * Raises the queued requests of `group` to at least `priority` (a view the person just opened,
   * a row just clicked while its view was still loading in the background). Returns how many moved.
   */
  promote(group: string, priority: RequestPriority): number {
    const rank = RANK[priority];
    const raised = this.queue.filter(w => w.group === group && w.rank > rank);
    if (raised.length === 0) return 0;
    for (const w of raised) {
      this.queue.splice(this.queue.indexOf(w), 1);
      w.rank = rank;
      this.enqueue(w);
    }
    this.pump();
    return raised.length;
  }

  /** Behind every waiter of the same or a higher priority, ahead of every lower one. */
  private enqueue(w: Waiter): void {
    let i = this.queue.length;
    while (i > 0 && (this.queue[i - 1] as Waiter).rank > w.rank) i--;
    this.queue.splice(i, 0, w);
  }

  /**
   * Gong answered 429: no request to `key` (a base URL; every request when omitted) starts for
   * `seconds`, bounded to 0..MAX_RETRY_AFTER_SECONDS (a NaN is 0).
   */
  pauseFor(seconds: number, key?: string): void {
    const bounded = Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, Number.isNaN(seconds) ? 0 : seconds));
    const k = key ?? ANY_KEY;
    const until = this.mono() + bounded * 1000;
    if (until > (this.pauses.get(k) ?? 0)) this.pauses.set(k, until);
    this.emit();
    this.pump();
  }

  /** Ends the pause of `key`, or every pause when omitted (sign-out, a profile switch). */
  clearPause(key?: string): void {
    if (key === undefined) this.pauses.clear(); else this.pauses.delete(key);
    this.emit();
    this.pump();
  }

  /** When a request to `key` may start (mono clock): its own pause or the pause of every request. */
  private pausedUntil(key: string | undefined): number {
    const all = this.pauses.get(ANY_KEY) ?? 0;
    return key === undefined ? all : Math.max(all, this.pauses.get(key) ?? 0);
  }

  /** Stops timers and rejects everything queued (for shutdown and tests). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.midnightTimer) clearTimeout(this.midnightTimer);
    this.timer = undefined;
    this.midnightTimer = undefined;
    for (const w of this.queue.splice(0)) this.settle(w, undefined, cancelledError(undefined));
    this.listeners.clear();
  }

  private longWaitError(key: string | undefined): GongRateLimitedError | undefined {
    const wait = this.pausedUntil(key) - this.mono();
    if (wait <= this.maxQueueWaitMs) return undefined;
    const retryAfterSeconds = Math.ceil(wait / 1000);
    return new GongRateLimitedError(`Gong's rate limit asks to wait ${retryAfterSeconds} s`, { retryAfterSeconds });
  }

  private settle(w: Waiter, release: (() => void) | undefined, error?: unknown): void {
    if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
    if (release) w.resolve(release); else w.reject(error);
  }

  private pump(): void {
    // Bounded: each pass starts one request or refuses some (the queue shrinks), or returns.
    while (this.queue.length > 0) {
      // Requests to a base URL whose pause is longer than anyone should queue for are refused at once.
      const refused = this.queue.filter(w => this.longWaitError(w.key) !== undefined);
      if (refused.length > 0) {
        for (const w of refused) {
          this.queue.splice(this.queue.indexOf(w), 1);
          this.settle(w, undefined, this.longWaitError(w.key));
        }
        this.emit();
        continue;
      }
      if (this.inFlight >= this.maxInFlight) return; // release() pumps again
      const now = this.mono();
      const paced = this.lastStart + this.intervalMs;
      // The first waiter in queue order whose base URL is not paused; a paused one keeps its place.
      let w: Waiter | undefined;
      let wakeAt = Number.POSITIVE_INFINITY;
      for (const x of this.queue) {
        const at = Math.max(paced, this.pausedUntil(x.key));
        if (at <= now) { w = x; break; }
        wakeAt = Math.min(wakeAt, at);
      }
      if (w === undefined) { this.wakeAt(wakeAt); return; }
      // Prefetch gives way: it never takes the last free slot, which stays for what a person asks.
      if (w.rank >= RANK.prefetch && this.maxInFlight > 1 && this.inFlight >= this.maxInFlight - 1) return;
      this.queue.splice(this.queue.indexOf(w), 1);
      this.lastStart = now;
      this.inFlight++;
      this.rollDay();
      this.requestsToday++;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.emit();
        this.pump();
      };
      this.settle(w, release);
      this.emit();
    }
  }

  private wakeAt(at: number): void {
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    // Timers fire at least `ms` late, never early, so the spacing is never shorter than asked.
    this.timer = setTimeout(() => { this.timer = undefined; this.pump(); }, Math.max(0, Math.ceil(at - this.mono())));
  }

  private rollDay(): void {
    const key = dayKey(this.wall());
    if (key !== this.today) { this.today = key; this.requestsToday = 0; }
  }

  /** Tells listeners at local midnight that the day's count went back to zero. */
  private armMidnight(): void {
    if (this.midnightTimer || this.listeners.size === 0) return;
    const d = new Date(this.wall());
    const next = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, 0, 0, 1).getTime();
    this.midnightTimer = setTimeout(() => {
      this.midnightTimer = undefined;
      this.emit();
      this.armMidnight();
    }, Math.min(next - this.wall(), 2 ** 31 - 1));
    this.midnightTimer.unref?.();
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const s = this.stats();
    for (const l of [...this.listeners]) {
      try { l(s); } catch { /* a listener's failure must not stall requests */ }
    }
  }
}

let shared: RequestScheduler | undefined;

/** The process-wide scheduler every client uses unless given another one. */
export function sharedScheduler(): RequestScheduler {
  shared ??= new RequestScheduler();
  return shared;
}
