/**
 * Gong's company-wide limits: a requests-per-second token bucket and a daily quota. Uses the real
 * clock (a fixed `now` for data must not freeze the bucket).
 */

export interface RateLimitConfig {
  perSecond: number;
  daily: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { perSecond: 3, daily: 10_000 };

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number; reason: 'rate' | 'daily' };

export class RateLimiter {
  private tokens: number;
  private last: number;
  private day: number;
  private usedToday = 0;

  constructor(readonly config: RateLimitConfig, private readonly clock: () => number = Date.now) {
    if (!(config.perSecond > 0) || !(config.daily >= 1)) throw new Error('rate limit needs perSecond > 0 and daily >= 1');
    this.tokens = config.perSecond;
    this.last = clock();
    this.day = Math.floor(this.last / 86_400_000);
  }

  /** Takes one request's worth of budget, or says how long to wait. */
  take(): RateDecision {
    const now = this.clock();
    const today = Math.floor(now / 86_400_000);
    if (today !== this.day) {
      this.day = today;
      this.usedToday = 0;
    }
    if (this.usedToday >= this.config.daily) {
      const untilMidnight = (today + 1) * 86_400_000 - now;
      return { ok: false, reason: 'daily', retryAfterSeconds: Math.max(1, Math.ceil(untilMidnight / 1000)) };
    }
    const capacity = Math.max(1, this.config.perSecond);
    this.tokens = Math.min(capacity, this.tokens + ((now - this.last) / 1000) * this.config.perSecond);
    this.last = now;
    if (this.tokens < 1) {
      const wait = (1 - this.tokens) / this.config.perSecond;
      return { ok: false, reason: 'rate', retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
    }
    this.tokens -= 1;
    this.usedToday += 1;
    return { ok: true };
  }

  /** Requests counted against today's quota. */
  get requestsToday(): number {
    return this.usedToday;
  }
}
