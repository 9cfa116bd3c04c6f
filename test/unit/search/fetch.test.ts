import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerBackend } from '../../../src/search/backend';
import { planFetch, runFetch, type SearchScope } from '../../../src/search/fetch';
import { parseQuery } from '../../../src/search/query';
import { startTestGong, type TestGong } from '../render/localGongHelpers';

const WORKER = join(__dirname, '../../../src/search/worker.js');

describe('search fetch (local Gong over HTTP)', function () {
  this.timeout(120_000);
  let tg: TestGong;
  let dir: string;
  let scope: SearchScope;
  before(async () => {
    tg = await startTestGong({ calls: 250, seed: 5 });
    const times = tg.gong.world.calls.map(c => Date.parse(c.started));
    scope = { kind: 'range', from: new Date(Math.min(...times) - 86_400_000).toISOString(), to: new Date(Math.max(...times) + 86_400_000).toISOString(), label: 'all' };
  });
  after(() => tg.close());
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'gong-search-fetch-')); tg.requests.length = 0; });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says the cost first, fetches 100 calls a request with their parties, and a second search sends nothing', async () => {
    const b = new WorkerBackend(WORKER, join(dir, 's.db'));
    try {
      const plan = await planFetch(tg.api, b, scope, Date.now());
      assert.equal(plan.total, 250);
      assert.equal(plan.stored, 0);
      // 3 listing pages (one already spent on the estimate) + 3 transcript batches.
      assert.equal(plan.requests, 2 + 3);
      assert.equal(plan.seconds, 5 / 3);
      assert.deepEqual(tg.requests, ['/v2/calls/extensive']);
      const outcome = await runFetch(tg.api, b, plan, { now: Date.now });
      assert.equal(outcome.callIds.length, 250);
      assert.equal(outcome.fetched, 250);
      assert.equal(outcome.requests, 6);
      assert.equal(tg.requests.filter(p => p === '/v2/calls/transcript').length, 3);
      const withSpeech = tg.gong.world.calls.find(c => c.transcript().length > 0)!;
      const stored = await b.get(withSpeech.id);
      assert.ok(stored && stored.monologues.length > 0);
      const party = withSpeech.parties.find(p => p.speakerId === withSpeech.transcript()[0]!.speakerId);
      assert.equal(stored.speakers[stored.monologues[0]!.speaker]?.name, party?.name, 'speakers are named from the call data');
      const r = await b.search(parseQuery(withSpeech.transcript()[0]!.sentences[0]!.text.split(' ')[0]!), { callIds: outcome.callIds });
      assert.ok(r.totalCalls > 0);

      tg.requests.length = 0;
      const again = await planFetch(tg.api, b, scope, Date.now());
      assert.deepEqual([again.stored, again.requests], [250, 0]);
      const second = await runFetch(tg.api, b, again, { now: Date.now });
      assert.equal(second.requests, 0);
      assert.deepEqual(tg.requests, [], 'the second search of the same range sent no request');
    } finally { await b.close(); }
  });

  it('a cancelled fetch keeps what it stored, and the next run (after a reload) fetches only the rest', async () => {
    const path = join(dir, 's.db');
    const b = new WorkerBackend(WORKER, path);
    const ac = new AbortController();
    let outcome;
    try {
      const plan = await planFetch(tg.api, b, scope, Date.now());
      outcome = await runFetch(tg.api, b, plan, { now: Date.now, signal: ac.signal, onProgress: p => { if (p.phase === 'fetching' && p.done > 0) ac.abort(); } });
      assert.equal(outcome.cancelled, true);
      assert.ok(outcome.fetched >= 100 && outcome.fetched < 250, `stored ${outcome.fetched} before stopping`);
    } finally { await b.close(); }
    const kept = outcome.fetched;
    tg.requests.length = 0;
    const b2 = new WorkerBackend(WORKER, path);
    try {
      const plan = await planFetch(tg.api, b2, scope, Date.now());
      assert.equal(plan.stored, kept);
      assert.deepEqual(tg.requests, [], 'the listing was kept: no request to plan');
      const rest = await runFetch(tg.api, b2, plan, { now: Date.now });
      assert.equal(rest.fetched, 250 - kept);
      assert.equal(tg.requests.filter(p => p === '/v2/calls/transcript').length, Math.ceil((250 - kept) / 100));
      assert.equal((await b2.stats()).calls, 250);
    } finally { await b2.close(); }
  });

  it('a selection of calls fetches their call data too, two requests per 100 calls', async () => {
    const b = new WorkerBackend(WORKER, join(dir, 's.db'));
    try {
      const ids = tg.gong.world.calls.slice(0, 30).map(c => c.id);
      const plan = await planFetch(tg.api, b, { kind: 'calls', callIds: ids, label: 'selected' }, Date.now());
      assert.deepEqual([plan.total, plan.stored, plan.requests, plan.spent], [30, 0, 2, 0]);
      const outcome = await runFetch(tg.api, b, plan, { now: Date.now });
      assert.equal(outcome.requests, 2);
      assert.deepEqual([...tg.requests].sort(), ['/v2/calls/extensive', '/v2/calls/transcript']);
    } finally { await b.close(); }
  });
});
