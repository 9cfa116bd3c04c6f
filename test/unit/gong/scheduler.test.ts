import * as assert from 'node:assert/strict';
import { GongError } from '../../../src/gong/errors';
import { RequestScheduler, currentPriority, sharedScheduler, withPriority, type RequestPriority } from '../../../src/gong/scheduler';
import type { SchedulerStats } from '../../../src/gong/types';
import { GongClient } from '../../../src/gong/client';
import { startLocalGong } from '../../../src/localGong/index';
import { createTreeModels, type TreeHost } from '../../../src/tree/index';

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

  describe('priority', () => {
    /** One slot, held until `open()`: everything after queues, and the order of starts is the queue order. */
    function held(s: RequestScheduler) {
      let open!: () => void;
      const gate = new Promise<void>(r => { open = r; });
      const first = s.schedule(() => gate);
      return { open, first };
    }

    it('serves interactive, then visible, then background, then prefetch; first come first served within one', async () => {
      const s = new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 1 });
      const { open, first } = held(s);
      const order: string[] = [];
      const queued = (name: string, p: RequestPriority) => s.schedule(async () => { order.push(name); }, undefined, p);
      const all = [
        queued('prefetch1', 'prefetch'), queued('background1', 'background'), queued('visible1', 'visible'),
        queued('interactive1', 'interactive'), queued('visible2', 'visible'), queued('prefetch2', 'prefetch'),
        queued('interactive2', 'interactive'),
      ];
      assert.equal(s.stats().queued, 7);
      open();
      await Promise.all([first, ...all]);
      assert.deepEqual(order, ['interactive1', 'interactive2', 'visible1', 'visible2', 'background1', 'prefetch1', 'prefetch2']);
      s.dispose();
    });

    it('takes the priority of the work that sends the request, across awaits', async () => {
      const s = new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 1 });
      const { open, first } = held(s);
      const order: string[] = [];
      // A request sent deep inside the work, after awaits, as a tree model does.
      const deep = async (name: string) => { await sleep(1); await Promise.resolve(); await s.schedule(async () => { order.push(name); }); };
      const bg = withPriority('background', () => deep('background'));
      const vis = deep('default');
      await sleep(5);
      const click = withPriority('interactive', () => { assert.equal(currentPriority(), 'interactive'); return deep('click'); });
      await sleep(5);
      assert.equal(currentPriority(), 'visible');
      open();
      await Promise.all([first, bg, vis, click]);
      assert.deepEqual(order, ['click', 'default', 'background']);
      s.dispose();
    });

    it('promote() raises the queued requests of one group only', async () => {
      const s = new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 1 });
      const { open, first } = held(s);
      const order: string[] = [];
      const send = (name: string, group: string) => withPriority('background', () => s.schedule(async () => { order.push(name); }), group);
      const all = [send('a1', 'viewA'), send('b1', 'viewB'), send('a2', 'viewA'), send('b2', 'viewB')];
      const visible = withPriority('visible', () => s.schedule(async () => { order.push('v'); }), 'viewC');
      assert.equal(s.promote('viewB', 'interactive'), 2);
      assert.equal(s.promote('viewB', 'visible'), 0, 'never lowers');
      open();
      await Promise.all([first, visible, ...all]);
      assert.deepEqual(order, ['b1', 'b2', 'v', 'a1', 'a2']);
      s.dispose();
    });

    it('prefetch leaves the last free slot to what a person asks for', async () => {
      const s = new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 2 });
      let running = 0;
      let peak = 0;
      let release!: () => void;
      const gate = new Promise<void>(r => { release = r; });
      const prefetches = Array.from({ length: 3 }, () => s.schedule(async () => {
        running++; peak = Math.max(peak, running); await gate; running--;
      }, undefined, 'prefetch'));
      await sleep(20);
      assert.equal(s.stats().inFlight, 1, 'one prefetch in flight, one slot kept free');
      let clickStartedWhile = -1;
      const click = s.schedule(async () => { clickStartedWhile = running; }, undefined, 'interactive');
      await click;
      assert.equal(clickStartedWhile, 1, 'the click ran beside the prefetch, not after it');
      release();
      await Promise.all(prefetches);
      assert.equal(peak, 1);
      s.dispose();
    });

    it('with seven views loading at once at 3 requests/s, the view the person opened gets its rows after at most one other request', async function () {
      this.timeout(20_000);
      const gong = await startLocalGong({ rateLimit: false, now: new Date('2026-11-20T12:00:00Z'), users: 30, calls: 40 });
      const s = new RequestScheduler({ requestsPerSecond: 3 });
      const served: string[] = [];
      const client = new GongClient({ baseUrl: gong.baseUrl, auth: { kind: 'basic', accessKey: gong.accessKey, accessKeySecret: gong.accessKeySecret } }, {
        scheduler: s, maxRetries: 0, log: e => served.push(e.path),
      });
      const host: TreeHost = { api: () => client, profile: () => 'p', authFailed: () => false, reportAuthFailure: () => undefined };
      const { models } = createTreeModels(host);
      models.flows.setOwnerEmail(String((gong.world.users[0] as { emailAddress?: string }).emailAddress ?? 'a@example.com'));
      try {
        // Every view expands at once (the sidebar opens); the person then opens Scorecards, the last one.
        const loads = (['workspaces', 'users', 'library', 'calls', 'flows', 'trackers'] as const)
          .map(k => withPriority('visible', () => models[k].getChildren(), k));
        let before = -1;
        const opened = withPriority('interactive', () => models.scorecards.getChildren(), 'scorecards')
          .then(rows => { before = served.filter(p => p !== '/v2/settings/scorecards').length; return rows; });
        const rows = await opened;
        assert.ok(rows.some(r => r.item?.kind === 'scorecard'), 'the opened view shows its rows');
        assert.ok(before <= 1, `requests answered before the opened view's rows: ${before} (${served.join(', ')})`);
        const all = await Promise.all(loads);
        assert.ok(all.every(r => r.length > 0), 'every view still loads');
        // The views that show workspaces share one list (src/data), so it is asked for once.
        assert.equal(served.filter(p => p === '/v2/workspaces').length, 1, served.join(', '));
      } finally {
        s.dispose();
        await gong.close();
      }
    });
  });
});
