import * as assert from 'node:assert/strict';
import { GongClient } from '../../../src/gong/client';
import { GongError, MAX_RETRY_AFTER_SECONDS, errorFromResponse, parseRetryAfter } from '../../../src/gong/errors';
import { RequestScheduler } from '../../../src/gong/scheduler';
import { startLocalGong } from '../../../src/localGong/index';
import type { LocalGongHandle } from '../../../src/localGong/index';
import { endTime, statusText } from '../../../src/status/text';
import { sendJson, startTestServer } from './testServer';
import type { TestServer } from './testServer';

describe('gong: Retry-After within bounds, held per base URL', function () {
  this.timeout(20_000);

  it('reads delay seconds and HTTP dates, bounded to a day; garbage and negatives are not read', () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    const cases: Array<[string | undefined, number | undefined]> = [
      ['3', 3], ['0', 0], [' 1.5 ', 1.5], ['86400', 86_400],
      ['999999999', MAX_RETRY_AFTER_SECONDS], ['9'.repeat(400), MAX_RETRY_AFTER_SECONDS],
      ['-5', undefined], ['-0', undefined], ['+5', undefined], ['1e9', undefined], ['0x10', undefined], ['5 s', undefined],
      ['soon', undefined], ['', undefined], ['   ', undefined], [undefined, undefined], ['2026-01-01T00:00:05Z', undefined],
      ['12 Jan', undefined], ['x'.repeat(100), undefined],
      ['Thu, 01 Jan 2026 00:00:05 GMT', 5],
      ['Thursday, 01-Jan-26 00:01:00 GMT', 60],
      ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
      ['Fri, 31 Dec 9999 23:59:59 GMT', MAX_RETRY_AFTER_SECONDS],
      ['Thu, 99 Foo 2026 25:61:61 GMT', undefined],
    ];
    for (const [v, want] of cases) assert.equal(parseRetryAfter(v, now), want, `Retry-After ${JSON.stringify(v)}`);
    const limited = errorFromResponse({ status: 429, method: 'GET', path: '/v2/users', body: {}, text: '{}', requestId: 'r', retryAfter: 'garbage' });
    assert.ok(GongError.is(limited, 'rateLimited') && limited.retryAfterSeconds === 1, 'an unreadable Retry-After waits one second');
  });

  it('bounds a pause given to the scheduler directly, NaN and Infinity included', () => {
    let t = 1_000_000;
    const s = new RequestScheduler({ now: () => t });
    s.pauseFor(Number.POSITIVE_INFINITY, 'https://a');
    assert.equal(s.stats('https://a').rateLimitedUntil, t + MAX_RETRY_AFTER_SECONDS * 1000);
    s.pauseFor(Number.NaN, 'https://b');
    s.pauseFor(-50, 'https://c');
    assert.equal(s.stats('https://b').rateLimitedUntil, undefined);
    assert.equal(s.stats('https://c').rateLimitedUntil, undefined);
    t += 10;
    s.dispose();
  });

  describe('over HTTP', () => {
    let gong: LocalGongHandle;
    let other: TestServer;
    let scheduler: RequestScheduler;
    const client = (baseUrl: string) => new GongClient({ baseUrl, auth: { kind: 'bearer', token: gong.bearerToken } }, { scheduler, retryBaseDelayMs: 10 });
    beforeEach(async () => {
      gong = await startLocalGong({ rateLimit: false, users: 3, calls: 3 });
      other = await startTestServer();
      scheduler = new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 4, maxQueueWaitMs: 5_000 });
    });
    afterEach(async () => {
      scheduler.dispose();
      await gong.close();
      await other.close();
    });

    it('an absurd Retry-After pauses only that base URL, for a day at most, until cleared', async () => {
      gong.faults.add({ method: 'GET', path: '/v2/users', status: 429, retryAfter: 999_999_999 });
      const before = Date.now();
      const err = await client(gong.baseUrl).request({ method: 'GET', path: '/v2/users' }).then(() => undefined, (e: unknown) => e);
      assert.ok(GongError.is(err, 'rateLimited'), String(err));
      assert.equal(err.retryAfterSeconds, MAX_RETRY_AFTER_SECONDS);
      const until = scheduler.stats(gong.baseUrl).rateLimitedUntil ?? 0;
      assert.ok(until > before + 86_000_000 && until <= Date.now() + 86_400_000 + 1000, `paused until ${new Date(until).toISOString()}`);

      // The same company is refused at once (no request sent), another base URL goes ahead.
      const sent = gong.requestCount;
      const refused = await client(gong.baseUrl).request({ method: 'GET', path: '/v2/workspaces' }).then(() => undefined, (e: unknown) => e);
      assert.ok(GongError.is(refused, 'rateLimited'));
      assert.equal(gong.requestCount, sent, 'nothing was sent to the paused host');
      other.handle((_r, res) => sendJson(res, 200, { requestId: 'ok' }));
      const t0 = performance.now();
      const ok = await client(other.baseUrl).request({ method: 'GET', path: '/v2/users' });
      assert.equal(ok.requestId, 'ok');
      assert.ok(performance.now() - t0 < 2000, 'the other host was not held');
      assert.equal(scheduler.stats(other.baseUrl).rateLimitedUntil, undefined);

      // Sign-out and profile switch clear the pause (Session calls clearPause()).
      scheduler.clearPause();
      assert.equal(scheduler.stats(gong.baseUrl).rateLimitedUntil, undefined);
      const again = await client(gong.baseUrl).request<{ users: unknown[] }>({ method: 'GET', path: '/v2/users' });
      assert.ok(again.data.users.length > 0);
    });

    it('a queued request to a paused host lets requests to other hosts pass it', async () => {
      gong.faults.add({ method: 'GET', path: '/v2/users', status: 429, retryAfter: 1 });
      other.handle((_r, res) => sendJson(res, 200, { requestId: 'ok' }));
      const slow = client(gong.baseUrl).request({ method: 'GET', path: '/v2/users' }); // 429, then waits 1 s and retries
      await new Promise(r => setTimeout(r, 150));
      const t0 = performance.now();
      await client(other.baseUrl).request({ method: 'GET', path: '/v2/users' });
      const otherMs = performance.now() - t0;
      const res = await slow;
      assert.equal(res.retries, 1);
      assert.ok(otherMs < 500, `the other host answered in ${otherMs} ms while the first waited`);
    });

    it('an HTTP date Retry-After in the past retries at once, one in 9999 is a day', async () => {
      let n = 0;
      other.handle((_r, res) => {
        n++;
        if (n === 1) sendJson(res, 429, { requestId: 'a', errors: ['API request limit exceeded'] }, { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' });
        else if (n === 2) sendJson(res, 200, { requestId: 'b' });
        else sendJson(res, 429, { requestId: 'c', errors: ['API request limit exceeded'] }, { 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' });
      });
      const t0 = performance.now();
      const res = await client(other.baseUrl).request({ method: 'GET', path: '/v2/users' });
      assert.equal(res.retries, 1);
      assert.ok(performance.now() - t0 < 1000);
      const err = await client(other.baseUrl).request({ method: 'GET', path: '/v2/x' }).then(() => undefined, (e: unknown) => e);
      assert.ok(GongError.is(err, 'rateLimited') && err.retryAfterSeconds === MAX_RETRY_AFTER_SECONDS, String(err));
    });
  });

  it('the status bar names the time the pause ends and warns near the daily budget', () => {
    const p = { name: 'prod', baseUrl: 'https://api.gong.io', authKind: 'basic' as const };
    const now = new Date(2026, 5, 1, 14, 30, 0).getTime();
    const stats = { requestsToday: 123, dailyBudget: 10_000, inFlight: 0, queued: 0, rateLimitedUntil: now + 125_000 };
    const s = statusText(p, stats, false, now);
    assert.match(s.text, /rate limited until 14:32:05 \(125 s\)$/);
    assert.match(s.tooltip, /until 14:32:05/);
    assert.equal(endTime(new Date(2026, 5, 2, 9, 0, 0).getTime(), now), 'tomorrow 09:00:00');
    const calm = statusText(p, { ...stats, rateLimitedUntil: undefined }, false, now);
    assert.equal(calm.warning, false);
    assert.match(calm.text, /\$\(pulse\) Gong: prod · 123\/10,000$/);
    const near = statusText(p, { ...stats, requestsToday: 9_200, rateLimitedUntil: undefined }, false, now);
    assert.equal(near.warning, true);
    assert.match(near.text, /\$\(warning\)/);
    assert.match(near.tooltip, /Near the daily request budget: 800 left today/);
    const over = statusText(p, { ...stats, requestsToday: 10_001, rateLimitedUntil: undefined }, false, now);
    assert.match(over.tooltip, /used up/);
  });
});

describe('gong: network settings clamped at use', () => {
  it('keeps numbers within range, moves others to the nearest bound, and ignores non-numbers', async () => {
    const { clampSetting } = await import('../../../src/gong/settings');
    assert.equal(clampSetting('requestTimeoutSeconds', 60), 60);
    assert.equal(clampSetting('requestTimeoutSeconds', 0), 5);
    assert.equal(clampSetting('requestTimeoutSeconds', -1), 5);
    assert.equal(clampSetting('requestTimeoutSeconds', 1e12), 3600);
    assert.equal(clampSetting('requestTimeoutSeconds', 'abc'), 60, 'a non-number timeout no longer times every request out at once');
    assert.equal(clampSetting('requestTimeoutSeconds', '90'), 90);
    assert.equal(clampSetting('requestTimeoutSeconds', null), 60);
    assert.equal(clampSetting('requestTimeoutSeconds', { a: 1 }), 60);
    assert.equal(clampSetting('requestTimeoutSeconds', Number.NaN), 60);
    assert.equal(clampSetting('requestsPerSecond', 0), 0.1);
    assert.equal(clampSetting('requestsPerSecond', 5000), 100);
    assert.equal(clampSetting('requestsPerSecond', Number.POSITIVE_INFINITY), 3);
    assert.equal(clampSetting('requestsPerSecond', true), 3);
    assert.equal(clampSetting('dailyRequestBudget', 0), 1);
    assert.equal(clampSetting('dailyRequestBudget', 2500.7), 2500);
    assert.equal(clampSetting('dailyRequestBudget', '-3'), 10_000);
  });
});
