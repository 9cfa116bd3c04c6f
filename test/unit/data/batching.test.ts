import * as assert from 'node:assert/strict';
import { callIdOf, callIdsOf, libraryFolderOf } from '../../../src/render/callIds';
import { batches, extensiveRequest, fetchExtensive, fetchFolderCallIds, fetchTranscripts, transcriptRequest } from '../../../src/data/index';
import type { GongApi, GongRequest, GongResponse } from '../../../src/gong/types';
import { startTestGong, type TestGong } from '../render/localGongHelpers';

function idsOf(req: GongRequest): string[] {
  return ((req.body as { filter: { callIds: string[] } }).filter.callIds);
}

describe('batching call ids', () => {
  it('splits into batches of at most 100, keeps order and drops duplicates', () => {
    const ids = Array.from({ length: 250 }, (_, i) => String(1_000_000 + i));
    const b = batches([...ids, ids[0] as string, ids[7] as string]);
    assert.deepEqual(b.map(x => x.length), [100, 100, 50]);
    assert.deepEqual(b.flat(), ids);
    assert.deepEqual(batches([]), []);
    assert.deepEqual(batches(['1', '2', '3'], 2), [['1', '2'], ['3']]);
  });

  it('asks for transcripts and details as retry-safe reads of the given ids', () => {
    const t = transcriptRequest(['1', '2']);
    assert.equal(t.method, 'POST');
    assert.equal(t.path, '/v2/calls/transcript');
    assert.equal(t.retrySafe, true);
    assert.deepEqual(idsOf(t), ['1', '2']);
    const e = extensiveRequest(['9']);
    assert.equal(e.path, '/v2/calls/extensive');
    assert.equal(e.retrySafe, true);
    const body = e.body as { contentSelector: { context: string; exposedFields: { interaction: Record<string, boolean>; content: Record<string, boolean> } } };
    assert.equal(body.contentSelector.context, 'Extended');
    assert.equal(body.contentSelector.exposedFields.interaction['personInteractionStats'], true);
    assert.equal(body.contentSelector.exposedFields.content['trackerOccurrences'], true);
  });

  it('sends one request per 100 ids to a counting client', async () => {
    const seen: GongRequest[] = [];
    const api: GongApi = {
      async request<T>(): Promise<GongResponse<T>> { throw new Error('not used'); },
      async *pages<T>(req: GongRequest): AsyncIterableIterator<GongResponse<T>> {
        seen.push(req);
        yield { status: 200, data: { callTranscripts: idsOf(req).map(callId => ({ callId, transcript: [] })) } as T, requestId: 'r', retries: 0 };
      },
    };
    const ids = Array.from({ length: 230 }, (_, i) => String(5_000_000 + i));
    const got = await fetchTranscripts(api, ids);
    assert.equal(seen.length, 3);
    assert.deepEqual(seen.map(r => idsOf(r).length), [100, 100, 30]);
    assert.equal(got.size, 230);
  });

  describe('against the local Gong', function () {
    this.timeout(120_000);
    let t: TestGong;
    before(async () => { t = await startTestGong({ calls: 240, seed: 7 }); });
    after(async () => { await t?.close(); });

    it('fetches 230 transcripts with 3 requests, not 230', async () => {
      // Skip the 2-hour workshop call so the test stays quick; batching does not depend on size.
      const ids = t.gong.world.calls.filter(c => !c.title.includes('(2h workshop)')).slice(0, 230).map(c => c.id);
      assert.equal(ids.length, 230);
      const before = t.gong.requestCount;
      t.requests.length = 0;
      const got = await fetchTranscripts(t.api, ids);
      const sent = t.gong.requestCount - before;
      assert.equal(got.size, 230, 'every call came back');
      assert.deepEqual(t.requests, Array(3).fill('/v2/calls/transcript'), 'three batches of at most 100 ids');
      assert.ok(sent >= 3 && sent <= 3 + 2 * 3, `the server saw the 3 requests (plus any transport retries), got ${sent}`);
    });

    it('opens a Library folder as the calls it holds', async () => {
      const folder = t.gong.world.libraryFolders.find(f => f.callIds.length > 1);
      assert.ok(folder, 'a folder with calls');
      const row = { id: 'gongExplorer.library/folder/x', item: { kind: 'folder', gongId: folder.id, json: {} } };
      assert.equal(libraryFolderOf(row), folder.id);
      assert.equal(libraryFolderOf({ item: { kind: 'call', gongId: folder.id } }), undefined);
      const ids = await fetchFolderCallIds(t.api, folder.id);
      assert.deepEqual([...ids].sort(), [...new Set(folder.callIds)].sort());
    });

    it('fetches the details of 150 calls with 2 requests', async () => {
      const ids = t.gong.world.calls.slice(0, 150).map(c => c.id);
      const before = t.gong.requestCount;
      const got = await fetchExtensive(t.api, ids);
      assert.equal(got.size, 150);
      assert.equal(t.gong.requestCount - before, 2);
    });
  });
});

describe('call ids from command arguments', () => {
  it('takes ids, tree rows and days of calls', () => {
    assert.equal(callIdOf('3091725504466128837'), '3091725504466128837');
    assert.equal(callIdOf(' 42 '), '42');
    assert.equal(callIdOf({ callId: '7' }), '7');
    const callRow = { id: 'gongExplorer.calls/day/2026-11-21/call/99', label: 'x', item: { kind: 'call', gongId: '99', callId: '99', json: {} } };
    assert.equal(callIdOf(callRow), '99');
    assert.deepEqual(callIdsOf(callRow), ['99']);
    const dayRow = { id: 'gongExplorer.calls/day/2026-11-21', item: { kind: 'day', gongId: '2026-11-21', json: { day: '2026-11-21', callIds: ['1', '2', '1'] } } };
    assert.deepEqual(callIdsOf(dayRow), ['1', '2']);
    assert.deepEqual(callIdsOf(['5', { callId: '6' }, 'nope']), ['5', '6']);
  });

  it('refuses what is not a call id', () => {
    for (const bad of [undefined, null, '', 'abc', '12a', '1'.repeat(31), { id: 'gongExplorer.calls/x' }, 5, [], {}]) {
      assert.equal(callIdOf(bad), undefined, JSON.stringify(bad));
    }
    const cyclic: Record<string, unknown> = {};
    cyclic['item'] = cyclic;
    assert.equal(callIdOf(cyclic), undefined);
    assert.deepEqual(callIdsOf(cyclic), []);
  });
});
