import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerBackend } from '../../../src/search/backend';
import { gongTools, runTool } from '../../../src/tools/index';
import { startTestGong, type TestGong } from '../render/localGongHelpers';

// The language-model tool is the second caller of the one search (src/search): same store, same fetch.
describe('gong_search_transcripts tool', function () {
  this.timeout(120_000);
  let tg: TestGong;
  let dir: string;
  before(async () => { tg = await startTestGong({ calls: 200, seed: 9 }); dir = mkdtempSync(join(tmpdir(), 'gong-search-tool-')); });
  after(async () => { await tg.close(); rmSync(dir, { recursive: true, force: true }); });

  it('fetches a range once within its request cap, answers calls with bold hits, and costs nothing the second time', async () => {
    const tool = gongTools.find(t => t.name === 'gong_search_transcripts');
    assert.ok(tool && tool.readOnly);
    const backend = new WorkerBackend(join(__dirname, '../../../src/search/worker.js'), join(dir, 's.db'));
    try {
      const times = tg.gong.world.calls.map(c => Date.parse(c.started));
      const range = { fromDateTime: new Date(Math.min(...times) - 1000).toISOString(), toDateTime: new Date(Math.max(...times) + 1000).toISOString() };
      const refused = await runTool(tool, { query: 'pricing', ...range, maxRequests: 2 }, { api: tg.api, search: backend });
      assert.equal(refused.isError, true);
      assert.match(refused.text, /needs 3 more Gong requests \(\d+ calls, 0 stored\), more than maxRequests 2/);
      assert.equal(refused.requests, 1, 'only the estimate was sent');

      const first = await runTool(tool, { query: 'pricing', ...range }, { api: tg.api, search: backend });
      assert.equal(first.isError, false, first.text);
      assert.equal(first.requests, 1 + 1 + 2, 'estimate, the second listing page, two transcript batches');
      assert.match(first.text, /^\d+ of \d+ calls in .* match pricing/);
      assert.match(first.text, /call \d{15,20} · \d+ match/);
      assert.match(first.text, /\[\d\d:\d\d\] .+ \((company|external|unknown)\): .*\*\*[Pp]ricing\*\*/);

      const again = await runTool(tool, { query: '"security questionnaire" side:external', ...range }, { api: tg.api, search: backend });
      assert.equal(again.isError, false, again.text);
      assert.equal(again.requests, 0);
      assert.match(again.text, /\(external\): .*\*\*[Ss]ecurity questionnaire\*\*/);

      const bad = await runTool(tool, { query: 'side:partner pricing', ...range }, { api: tg.api, search: backend });
      assert.equal(bad.isError, true);
      assert.match(bad.text, /external or company/);
    } finally { await backend.close(); }
  });

  it('says search is unavailable where no store is given (a surface without one)', async () => {
    const tool = gongTools.find(t => t.name === 'gong_search_transcripts')!;
    const answer = await runTool(tool, { query: 'pricing' }, { api: tg.api });
    assert.equal(answer.isError, true);
    assert.match(answer.text, /not available here/);
  });
});
