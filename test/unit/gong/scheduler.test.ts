import * as assert from 'node:assert/strict';
import { GongError } from '../../../src/gong/errors';
import { RequestScheduler, sharedScheduler } from '../../../src/gong/scheduler';
import type { SchedulerStats } from '../../../src/gong/types';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('gong: RequestScheduler', () => {
  it('spaces sequential starts smoothly at the configured rate (no burst)', async () => {
    const s = new RequestScheduler({ requestsPerSecond: 20, spacingMargin: 0 });
    const starts: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < 11; i++) await s.schedule(async () => { starts.push(performance.now() - t0); });
    const elapsed = performance.now() - t0;
    // 10 waits of 50 ms: ~500 ms, never a burst of back-to-back starts.
    assert.ok(elapsed >= 495 && elapsed < 800, `elapsed ${elapsed}`);
    for (let i = 1; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 1]! >= 48, `gap ${i}: ${starts[i]! - starts[i - 1]!}`);
    s.dispose();
  });

  it('caps requests in flight and counts today\'s requests', async () => {
    const s = new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 2, dailyBudget: 50 });
    let running = 0;
    let peak = 0;
    await Promise.all(Array.from({ length: 8 }, () => s.schedule(async () => {
      running++; peak = Math.max(peak, running);
      await sleep(20);
      running--;
    })));
    assert.equal(peak, 2);
    const st = s.stats();
    assert.equal(st.requestsToday, 8);
    assert.equal(st.dailyBudget, 50);
    assert.equal(st.inFlight, 0);
    assert.equal(st.queued, 0);
    s.dispose();
  });

  it('resets the daily count when the local day changes', async () => {
    let now = new Date(2026, 0, 1, 23, 59, 59, 900).getTime();
    // The fake clock ticks 1 ms per reading so the pacing can move on.
    const s = new RequestScheduler({ requestsPerSecond: 1e6, now: () => (now += 1) });
    await s.schedule(async () => undefined);
    await s.schedule(async () => undefined);
    assert.equal(s.stats().requestsToday, 2);
    now = new Date(2026, 0, 2, 0, 0, 0, 5).getTime();
    assert.equal(s.stats().requestsToday, 0);
    await s.schedule(async () => undefined);
    assert.equal(s.stats().requestsToday, 1);
    s.dispose();
  });

  it('pauses every request for exactly the Retry-After time and reports it', async () => {
    const s = new RequestScheduler({ requestsPerSecond: 1000 });
    const seen: SchedulerStats[] = [];
    const off = s.onDidChange(st => seen.push(st));
    s.pauseFor(0.4);
    assert.ok(s.stats().rateLimitedUntil !== undefined);
    const t0 = performance.now();
    await Promise.all([s.schedule(async () => undefined), s.schedule(async () => undefined)]);
    const waited = performance.now() - t0;
    assert.ok(waited >= 395 && waited < 700, `waited ${waited}`);
    assert.equal(s.stats().rateLimitedUntil, undefined);
    assert.ok(seen.some(x => x.rateLimitedUntil !== undefined));
    assert.ok(seen.some(x => x.queued === 2));
    off();
    s.dispose();
  });

  it('refuses at once when Gong asks for a wait longer than the queue may hold', async () => {
    const s = new RequestScheduler({ requestsPerSecond: 1000, maxQueueWaitMs: 1000 });
    s.pauseFor(3600);
    await assert.rejects(s.acquire(), (e: unknown) => GongError.is(e, 'rateLimited') && e.retryAfterSeconds >= 3599);
    s.dispose();
  });

  it('removes a request from the queue when its signal aborts', async () => {
    const s = new RequestScheduler({ requestsPerSecond: 2, spacingMargin: 0 });
    await s.schedule(async () => undefined); // the next start is now 500 ms away
    const ac = new AbortController();
    const queued = s.acquire(ac.signal);
    assert.equal(s.stats().queued, 1);
    setTimeout(() => ac.abort(), 20);
    await assert.rejects(queued, (e: unknown) => GongError.is(e, 'cancelled'));
    assert.equal(s.stats().queued, 0);
    assert.equal(s.stats().requestsToday, 1);
    await assert.rejects(s.acquire(AbortSignal.abort()), (e: unknown) => GongError.is(e, 'cancelled'));
    s.dispose();
  });

  it('follows a new rate from configure() and counts against a new budget', async () => {
    const s = new RequestScheduler({ requestsPerSecond: 1, spacingMargin: 0 });
    assert.equal(s.spacingMs, 1000);
    s.configure({ requestsPerSecond: 50, dailyBudget: 7 });
    assert.equal(s.spacingMs, 20);
    const t0 = performance.now();
    for (let i = 0; i < 6; i++) await s.schedule(async () => undefined);
    const elapsed = performance.now() - t0;
    assert.ok(elapsed >= 95 && elapsed < 400, `elapsed ${elapsed}`);
    assert.deepEqual([s.stats().requestsToday, s.stats().dailyBudget], [6, 7]);
    assert.throws(() => s.configure({ requestsPerSecond: 0 }), RangeError);
    s.dispose();
  });

  it('shares one scheduler per process', () => {
    assert.equal(sharedScheduler(), sharedScheduler());
    assert.equal(sharedScheduler().stats().dailyBudget, 10_000);
    assert.ok(Math.abs(sharedScheduler().spacingMs - 1000 / 3) < 10);
  });
});
