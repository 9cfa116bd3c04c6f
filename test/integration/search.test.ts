import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { PanelSnapshot } from '../../src/panels/callPanels';
import { WorkerBackend } from '../../src/search/backend';
import type { SearchScope } from '../../src/search/fetch';
import { parseQuery } from '../../src/search/query';
import { STORE_FILE, prepareStoreFolder, searchRootOf, storeFolderOf } from '../../src/search/storePath';
import { getApi, signInScripted, signOutAll, useGong, waitFor, withPrompter } from './harness/index';

// Call search in the real VS Code: the store in its worker thread (dist/searchWorker.js on the
// extension host's node:sqlite), the real client against a local Gong, the Search view's command to
// open a hit in the real transcript panel, and the export command writing files.

const inspect = async (): Promise<PanelSnapshot[]> => (await vscode.commands.executeCommand<PanelSnapshot[]>('gongExplorer.panels.inspect')) ?? [];

describe('call search', function () {
  this.timeout(180_000);
  const gong = useGong();
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gong-search-it-'));
    await signInScripted(await getApi(), gong(), 'Search');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signOutAll(await getApi());
    rmSync(dir, { recursive: true, force: true });
  });

  it('searches a range, opens a hit at its moment with the match in the transcript search box, exports, and searches again without a request', async () => {
    const api = await getApi();
    const search = api.services.search;
    assert.ok(search, 'registerSearch set services.search');
    const g = gong();
    // An ordinary call with speech, and a phrase from the middle of its transcript.
    const call = g.world.calls.find(c => !/\(.*\)$/.test(c.title) && c.transcript().length > 6);
    assert.ok(call, 'the local Gong has an ordinary call with a transcript');
    const mono = call.transcript()[5]!;
    const sentence = mono.sentences[0]!;
    const words = sentence.text.replace(/[^\p{L}\p{N} ]/gu, ' ').split(/\s+/).filter(w => w.length > 2).slice(0, 2);
    const query = `"${words.join(' ')}"`;
    const started = Date.parse(call.started);
    const scope: SearchScope = { kind: 'range', from: new Date(started - 6 * 3600_000).toISOString(), to: new Date(started + 6 * 3600_000).toISOString(), label: 'twelve hours' };

    const shown = await search.search(scope, query);
    assert.ok(shown.requests >= 2, `listed and fetched (${shown.requests} requests)`);
    const found = shown.result.calls.find(c => c.callId === call.id);
    assert.ok(found, `call ${call.id} is among ${shown.result.calls.map(c => c.callId).join(', ')}`);
    const hit = found.hits.find(h => h.at === sentence.start) ?? found.hits[0]!;
    assert.ok(hit.ranges.length > 0);
    assert.equal(hit.text.slice(hit.ranges[0]![0], hit.ranges[0]![1]).toLowerCase().replace(/[^a-z0-9]+/g, ' '), words.join(' ').toLowerCase().replace(/[^a-z0-9]+/g, ' '));
    const party = call.parties.find(p => p.speakerId === mono.speakerId);
    if (hit.at === sentence.start && party?.name) assert.equal(hit.speaker, party.name, 'the hit names its speaker from the call data');

    // The same range again: answered from the store, not one request.
    const before = api.services.session.stats().requestsToday;
    const again = await search.search(scope, query);
    assert.equal(again.requests, 0);
    assert.equal(api.services.session.stats().requestsToday, before, 'no request reached the scheduler');
    assert.deepEqual(again.result.calls.map(c => c.callId), shown.result.calls.map(c => c.callId));

    // Opening the hit: the transcript panel at that moment with the matched words in its search box.
    await vscode.commands.executeCommand('gongExplorer.search.openHit', { callId: call.id, hit });
    const matched = hit.text.slice(hit.ranges[0]![0], hit.ranges[0]![1]);
    const panel = await waitFor(async () => (await inspect()).find(p => p.kind === 'transcript' && p.callId === call.id && p.status?.query === matched && (p.status.matches ?? 0) > 0), 60_000, 'the transcript searched for the hit');
    const sent = panel.sent;
    assert.ok(sent.indexOf('find') > sent.indexOf('transcript') && sent.indexOf('jumpTo') > sent.indexOf('find'), `posted ${sent.join(', ')}`);

    // Exports: CSV with one row per hit, Markdown grouped by call with the match in bold.
    const csv = await vscode.commands.executeCommand<string>('gongExplorer.search.export', 'csv', join(dir, 'r.csv'));
    assert.equal(csv, join(dir, 'r.csv'));
    const csvText = readFileSync(join(dir, 'r.csv'), 'utf8');
    assert.match(csvText, /^call_id,title,date,url,call_matches,time,time_ms,speaker,side,text\r\n/);
    assert.ok(csvText.includes(`${call.id},`), 'the call is a row of the CSV');
    await vscode.commands.executeCommand('gongExplorer.search.export', 'markdown', join(dir, 'r.md'));
    const md = readFileSync(join(dir, 'r.md'), 'utf8');
    assert.ok(md.includes(`call ${call.id}`));
    assert.ok(md.replace(/\\/g, '').includes(`**${matched}**`), 'the match is bold');
  });

  it('refuses a bad query with its reason and keeps the results shown', async () => {
    const api = await getApi();
    const search = api.services.search!;
    const shownBefore = search.last();
    await assert.rejects(search.search('stored', 'side:partner pricing'), /external or company/);
    assert.equal(search.last(), shownBefore);
    const stored = await search.search('stored', 'the');
    assert.equal(stored.requests, 0);
    assert.ok(stored.result.searchedCalls > 0, 'every stored call was searched');
  });

  it('clears the store through Manage Stored Transcripts in place: the file stays, empty for the other process too, and the range is fetched again', async () => {
    const api = await getApi();
    const search = api.services.search!;
    const call = gong().world.calls.find(c => !/\(.*\)$/.test(c.title) && c.transcript().length > 2)!;
    const started = Date.parse(call.started);
    const scope: SearchScope = { kind: 'range', from: new Date(started - 3600_000).toISOString(), to: new Date(started + 3600_000).toISOString(), label: 'two hours' };
    const query = call.transcript()[0]!.sentences[0]!.text.split(/\s+/).filter(w => /^\p{L}{4,}$/u.test(w))[0] ?? 'the';
    await search.search(scope, query);
    const file = join(search.storeFolder()!, STORE_FILE);
    // A second store on the file, as the MCP server VS Code starts has it.
    const other = new WorkerBackend(join(__dirname, '..', '..', 'src', 'search', 'worker.js'), file);
    try {
      const stats = await search.backend()!.stats();
      assert.ok(stats.calls > 0);
      assert.ok((await other.search(parseQuery(query))).searchedCalls > 0, 'the other store sees the stored calls');
      const prompter = await withPrompter(api, ['Search', 'Clear'], async p => {
        await vscode.commands.executeCommand('gongExplorer.search.store');
        return p;
      });
      assert.equal(prompter.remaining, 0, `asked: ${prompter.asked.map(a => a.message ?? a.title).join(' / ')}`);
      const confirm = prompter.asked.find(a => a.kind === 'confirm')!;
      assert.equal(confirm.message, `Clear the ${stats.calls.toLocaleString('en-US')} stored ${stats.calls === 1 ? 'call' : 'calls'} of Search?`);
      assert.match(confirm.detail ?? '', /\d+\.\d MB/);
      assert.ok(existsSync(file), 'the store file stays in place');
      const after = await search.backend()!.stats();
      assert.deepEqual([after.calls, after.scopes], [0, 0]);
      assert.equal((await other.stats()).calls, 0);
      assert.equal((await other.search(parseQuery(query))).searchedCalls, 0, 'the other store finds nothing');
      assert.equal(search.last(), undefined, 'results of cleared calls are no longer shown');

      const again = await search.search(scope, query);
      assert.ok(again.requests >= 2, `listed and fetched again (${again.requests} requests)`);
      assert.ok(again.result.calls.some(c => c.callId === call.id), `call ${call.id} is found again`);
      assert.ok((await other.search(parseQuery(query))).calls.some(c => c.callId === call.id), 'the other store finds what was fetched again');
    } finally { await other.close(); }
  });

  it('clears the store of a signed-out profile through SQLite, removes its folder and drops its fetch to resume', async () => {
    const api = await getApi();
    const { context } = api.services;
    const folder = storeFolderOf(searchRootOf(context.globalStorageUri.fsPath), 'Gone', 'https://gone.test');
    prepareStoreFolder(folder, 'Gone', 'https://gone.test');
    const left = new WorkerBackend(join(__dirname, '..', '..', 'src', 'search', 'worker.js'), join(folder, STORE_FILE));
    const call = { id: '42', title: 'Left behind', started: Date.UTC(2026, 0, 5), speakers: [{ name: 'Ann', side: 'company' }], monologues: [{ speaker: 0, sentences: [[0, 1000, 'Pricing for the pilot.']] }] };
    assert.equal(await left.putJson([JSON.stringify(call)]), 1);
    await left.close();
    const pendingKey = 'gongExplorer.search.pending';
    await context.globalState.update(pendingKey, { profile: 'Gone', scope: { kind: 'calls', callIds: ['42'], label: 'one call' }, query: 'pricing' });
    try {
      const prompter = await withPrompter(api, ['Gone', 'Clear'], async p => {
        await vscode.commands.executeCommand('gongExplorer.search.store');
        return p;
      });
      assert.equal(prompter.remaining, 0, `asked: ${prompter.asked.map(a => a.message ?? a.title).join(' / ')}`);
      const confirm = prompter.asked.find(a => a.kind === 'confirm')!;
      assert.equal(confirm.message, 'Clear the 1 stored call of Gone?');
      assert.match(confirm.detail ?? '', /signed out: its store folder is removed too/);
      assert.equal(existsSync(folder), false, 'the signed-out profile\'s folder is removed');
      assert.equal(context.globalState.get(pendingKey), undefined, 'its fetch to resume is dropped');
    } finally {
      await context.globalState.update(pendingKey, undefined);
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
