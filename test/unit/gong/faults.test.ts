/**
 * Hostile conditions from the local Gong's fault scripting while transcripts load: drops, 5xx, slow
 * answers, huge answers and an absurd Retry-After. Each either recovers with every transcript or
 * fails with its own clear kind, quickly, and what was loaded before stays loaded.
 */
import * as assert from 'node:assert/strict';
import { GongClient } from '../../../src/gong/client';
import { GongError } from '../../../src/gong/errors';
import { MAX_RETRY_AFTER_SECONDS } from '../../../src/gong/errors';
import { RequestScheduler } from '../../../src/gong/scheduler';
import { fetchTranscripts } from '../../../src/data/index';
import { startLocalGong } from '../../../src/localGong/index';
import type { LocalGongHandle } from '../../../src/localGong/index';

describe('gong: faults while transcripts load', function () {
  this.timeout(60_000);
  let gong: LocalGongHandle;
  let scheduler: RequestScheduler;
  let ids: string[];
  const client = (extra: { timeoutMs?: number; maxResponseBytes?: number } = {}) => new GongClient(
    { baseUrl: gong.baseUrl, auth: { kind: 'bearer', token: gong.bearerToken } },
    { scheduler, retryBaseDelayMs: 10, maxRetries: 3, ...extra },
  );
  before(async () => {
    gong = await startLocalGong({ rateLimit: false, users: 5, calls: 30 });
    ids = gong.world.calls.map(c => c.id);
  });
  after(async () => { await gong.close(); });
  beforeEach(() => { scheduler = new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 4, maxQueueWaitMs: 5_000 }); gong.faults.clear(); });
  afterEach(() => scheduler.dispose());

  const path = '/v2/calls/transcript';

  it('recovers every transcript from dropped connections and 5xx answers', async () => {
    gong.faults.add({ method: 'POST', path, status: 0, destroySocket: true });
    gong.faults.add({ method: 'POST', path, status: 503, times: 2 });
    const got = await fetchTranscripts(client(), ids);
    assert.equal(got.size, ids.length);
    assert.equal(gong.faults.pending, 0, 'all three faults fired');
  });

  it('a slow answer times out with its own kind, and the next load gets everything', async () => {
    gong.faults.add({ method: 'POST', path, status: 200, delayMs: 3_000, times: 4 });
    const t0 = performance.now();
    const err = await fetchTranscripts(client({ timeoutMs: 300 }), ids).then(() => undefined, (e: unknown) => e);
    assert.ok(GongError.is(err, 'timeout'), String(err));
    assert.ok(performance.now() - t0 < 5_000);
    gong.faults.clear();
    assert.equal((await fetchTranscripts(client(), ids)).size, ids.length);
  });

  it('a huge answer is refused unread and the batch is asked again in halves', async () => {
    gong.faults.add({ method: 'POST', path, status: 200, body: JSON.stringify({ blob: 'z'.repeat(3_000_000) }) });
    const got = await fetchTranscripts(client({ maxResponseBytes: 2_000_000 }), ids);
    assert.equal(got.size, ids.length, 'every transcript arrived after the split');
  });

  it('an absurd Retry-After fails fast, pauses at most a day, and keeps what was loaded', async () => {
    const api = client();
    const first = await fetchTranscripts(api, ids.slice(0, 10));
    gong.faults.add({ method: 'POST', path, status: 429, retryAfter: 999_999_999 });
    const t0 = performance.now();
    const err = await fetchTranscripts(api, ids.slice(10)).then(() => undefined, (e: unknown) => e);
    assert.ok(GongError.is(err, 'rateLimited') && err.retryAfterSeconds === MAX_RETRY_AFTER_SECONDS, String(err));
    assert.ok(performance.now() - t0 < 2_000, 'no wait for years');
    assert.equal(first.size, 10, 'the transcripts loaded before are still there');
    assert.ok((scheduler.stats(gong.baseUrl).rateLimitedUntil ?? 0) <= Date.now() + MAX_RETRY_AFTER_SECONDS * 1000 + 1000);
    scheduler.clearPause(gong.baseUrl);
    assert.equal((await fetchTranscripts(api, ids.slice(10))).size, ids.length - 10);
  });
});
