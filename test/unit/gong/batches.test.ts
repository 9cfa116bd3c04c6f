import * as assert from 'node:assert/strict';
import { fetchInShrinkingBatches, nextBatchSize } from '../../../src/gong/batches';
import { GongClient } from '../../../src/gong/client';
import { RequestScheduler } from '../../../src/gong/scheduler';
import type { GongResponse } from '../../../src/gong/types';
import { startLocalGong } from '../../../src/localGong/index';
import type { LocalGongHandle } from '../../../src/localGong/index';
import { transcriptRequest } from '../../../src/data/index';

describe('gong: transcript batches that shrink', function () {
  this.timeout(60_000);
  let gong: LocalGongHandle;
  let scheduler: RequestScheduler;
  const client = (maxResponseBytes?: number) => new GongClient(
    { baseUrl: gong.baseUrl, auth: { kind: 'bearer', token: gong.bearerToken } },
    { scheduler, ...(maxResponseBytes ? { maxResponseBytes } : {}) },
  );
  before(async () => { gong = await startLocalGong({ rateLimit: false, calls: 150 }); });
  after(async () => { await gong.close(); });
  beforeEach(() => { scheduler = new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 4 }); });
  afterEach(() => scheduler.dispose());

  it('sizes the next batch from the bytes per id seen so far', () => {
    assert.equal(nextBatchSize(0, 0, 100, 1000), 100);
    assert.equal(nextBatchSize(50_000, 10, 100, 20_000), 4);
    assert.equal(nextBatchSize(50_000_000, 10, 100, 20_000), 1, 'never below one id');
    assert.equal(nextBatchSize(10, 10, 100, 1e9), 100, 'never above the most Gong takes');
  });

  it('shrinks batches after a large answer and still fetches every transcript once', async () => {
    const ids = gong.world.calls.map(c => c.id);
    const got = new Map<string, number>();
    const pages: GongResponse[] = [];
    const onPage = (p: GongResponse) => {
      pages.push(p);
      for (const t of (p.data as { callTranscripts?: Array<{ callId: string }> }).callTranscripts ?? []) got.set(t.callId, (got.get(t.callId) ?? 0) + 1);
    };
    // Target a quarter of what 100 transcripts weigh here, so the batches after the first must be smaller.
    const probe: GongResponse[] = [];
    await fetchInShrinkingBatches(client(), ids.slice(0, 100), b => transcriptRequest(b), p => probe.push(p));
    const hundred = probe.reduce((n, p) => n + (p.bytes ?? 0), 0);
    assert.ok(hundred > 100_000, `100 transcripts weigh ${hundred} bytes`);
    const sizes = await fetchInShrinkingBatches(client(), ids, b => transcriptRequest(b), onPage, { targetBytes: hundred / 4 });
    assert.equal(sizes[0], 100);
    assert.ok(sizes.slice(1).every(s => s < 60), `later batches are smaller: ${sizes.join(', ')}`);
    assert.equal(sizes.reduce((a, b) => a + b, 0), ids.length);
    assert.equal(got.size, ids.length);
    assert.ok([...got.values()].every(n => n === 1), 'each transcript arrived once');
    assert.ok(pages.slice(1).every(p => (p.bytes ?? 0) < hundred / 2), 'no later answer is as large as the first');
  });

  it('splits a batch whose answer is over the client cap and asks again', async () => {
    const ids = gong.world.calls.slice(0, 100).map(c => c.id);
    const probe: GongResponse[] = [];
    await fetchInShrinkingBatches(client(), ids, b => transcriptRequest(b), p => probe.push(p));
    const hundred = probe.reduce((n, p) => n + (p.bytes ?? 0), 0);
    const before = gong.requestCount;
    const got = new Set<string>();
    // A cap of 40% of the whole: 100 and 50 ids are refused, 25 fit.
    const sizes = await fetchInShrinkingBatches(client(Math.floor(hundred * 0.4)), ids, b => transcriptRequest(b), p => {
      for (const t of (p.data as { callTranscripts?: Array<{ callId: string }> }).callTranscripts ?? []) got.add(t.callId);
    }, { targetBytes: 1e12 });
    assert.equal(got.size, 100);
    assert.ok(sizes.every(s => s <= 50), `batches after the refusal are at most half: ${sizes.join(', ')}`);
    assert.ok(gong.requestCount - before >= sizes.length + 1, 'the refused batch was asked again in pieces');
  });
});
