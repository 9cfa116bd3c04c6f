import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { PanelSnapshot } from '../../src/panels/callPanels';
import { toSrt, toVtt } from '../../src/render/exporters';
import type { TranscriptModel } from '../../src/shared/models';
import { getApi, signInScripted, signOutAll, useGong, waitFor, withPrompter } from './harness/index';

// The two call panels in the real VS Code: commands, the real client against a local Gong, the built
// pages in real webviews. The webview DOM is out of reach from here, so the panels' test hook reports
// what each page was sent and what it answered (status messages after rendering, searching, filtering).

const INSPECT = 'gongExplorer.panels.inspect';

interface RouteDefLike { method: string; path: string; handler: (req: { body: unknown; query: URLSearchParams }, ctx: unknown) => unknown }

/**
 * Records the local Gong's call-data requests that concern the given calls. The views and other suites
 * talk to the same server at the same time, so the server's total count cannot tell our requests apart.
 * Wraps the handlers of the same compiled route modules the harness's local Gong runs.
 */
function watchRequests(callIds: readonly string[], folderId?: string): { seen: string[]; stop(): void } {
  const want = new Set(callIds);
  const seen: string[] = [];
  const restore: Array<() => void> = [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the very module objects the harness's local Gong runs
  const modules = ['calls', 'library'].map(m => require(join(__dirname, '../../src/localGong/routes', m)) as { routes: RouteDefLike[] });
  for (const def of modules.flatMap(m => m.routes)) {
    if (!['/v2/calls/transcript', '/v2/calls/extensive', '/v2/library/folder-content'].includes(def.path)) continue;
    const original = def.handler;
    def.handler = (req, ctx) => {
      const ids = ((req.body as { filter?: { callIds?: unknown } } | undefined)?.filter?.callIds);
      const mine = Array.isArray(ids) && ids.some(id => want.has(String(id)));
      if (mine || (folderId !== undefined && req.query.get('folderId') === folderId)) seen.push(def.path);
      return original(req, ctx);
    };
    restore.push(() => { def.handler = original; });
  }
  return { seen, stop: () => { for (const r of restore) r(); } };
}
const inspect = async (): Promise<PanelSnapshot[]> => (await vscode.commands.executeCommand<PanelSnapshot[]>(INSPECT)) ?? [];
const panelOf = async (kind: PanelSnapshot['kind'], callId: string) => (await inspect()).find(p => p.kind === kind && p.callId === callId);

describe('call panels', function () {
  this.timeout(120_000);
  const gong = useGong();
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gong-panels-'));
    await signInScripted(await getApi(), gong(), 'Panels');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signOutAll(await getApi());
    rmSync(dir, { recursive: true, force: true });
  });

  const ordinaryCall = () => {
    const c = gong().world.calls.find(x => x.scope === 'External' && x.parties.filter(p => p.methods.includes('Attendee')).length >= 2 && !x.title.includes('('));
    assert.ok(c, 'an ordinary external call');
    return c;
  };

  it('shows call details, and opening again reveals the same panel', async () => {
    const call = ordinaryCall();
    await vscode.commands.executeCommand('gongExplorer.call.showDetails', call.id);
    const p = await waitFor(async () => { const s = await panelOf('details', call.id); return s?.status && s.model ? s : undefined; }, 30_000, 'the details page rendered');
    assert.equal(p.model?.kind, 'callDetails');
    assert.equal(p.model?.title, call.title);
    assert.ok(p.sent.includes('callDetails'), `sent: ${p.sent.join(', ')}`);
    assert.ok(p.received.some(m => m.type === 'ready'));
    assert.ok((p.status?.total ?? 0) >= 3, 'several sections rendered');
    assert.equal(p.rejected, 0);
    // Strict CSP: nothing by default, scripts only with this load's nonce, no inline or eval.
    const csp = p.csp ?? '';
    assert.match(csp, /^default-src 'none';/);
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'(;|$)/.exec(csp)?.[1];
    assert.ok(nonce && Buffer.from(nonce, 'base64').length >= 16, `script-src has only a nonce of 16+ bytes: ${csp}`);
    assert.ok(!/unsafe-inline|unsafe-eval/.test(csp), csp);
    assert.deepEqual(p.localResourceRoots.map(r => r.replace(/^.*\/(dist\/webview|media)$/, '$1')).sort(), ['dist/webview', 'media']);
    await vscode.commands.executeCommand('gongExplorer.call.showDetails', call.id);
    assert.equal((await inspect()).filter(s => s.kind === 'details' && s.callId === call.id).length, 1);
  });

  it('opens a transcript, searches, filters a speaker and exports', async () => {
    const call = ordinaryCall();
    await vscode.commands.executeCommand('gongExplorer.call.openTranscript', call.id);
    const p = await waitFor(async () => { const s = await panelOf('transcript', call.id); return s?.status?.fullRenderMs !== undefined ? s : undefined; }, 30_000, 'the transcript rendered');
    const model = p.model as TranscriptModel;
    const detailsCsp = (await panelOf('details', call.id))?.csp;
    assert.notEqual(p.csp, detailsCsp, 'every page load gets its own nonce');
    assert.equal(model.kind, 'transcript');
    assert.equal(p.status?.rendered, model.monologues.length);
    const partyNames = new Set(call.parties.map(x => x.name));
    for (const s of model.speakers) assert.ok(partyNames.has(s.name) || /^Speaker \d+$/.test(s.name), `speaker ${s.name}`);

    // Search for a word of the first sentence; the page's count must equal a count over the model.
    const word = (model.monologues[0]?.sentences[0]?.text.match(/[A-Za-z]{4,}/)?.[0] ?? 'the');
    await vscode.commands.executeCommand('gongExplorer.transcript.search', word, call.id);
    const searched = await waitFor(async () => { const s = await panelOf('transcript', call.id); return s?.status?.query === word ? s.status : undefined; }, 10_000, 'search result');
    const re = new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    const expected = model.monologues.reduce((n, m) => n + m.sentences.reduce((k, s) => k + (s.text.match(re)?.length ?? 0), 0), 0);
    assert.ok(expected > 0);
    assert.equal(searched.matches, expected);
    assert.equal(searched.currentMatch, 1);

    // Filter to one speaker through the command and its scripted pick.
    const speaker = model.speakers[0];
    assert.ok(speaker);
    const api = await getApi();
    await withPrompter(api, [[speaker.name]], async () => { await vscode.commands.executeCommand('gongExplorer.transcript.filterSpeakers', call.id); });
    const filtered = await waitFor(async () => { const s = await panelOf('transcript', call.id); return s?.status?.speakers?.length === 1 ? s.status : undefined; }, 10_000, 'speaker filter');
    assert.deepEqual(filtered.speakers, [0]);
    assert.equal(filtered.visibleMonologues, model.monologues.filter(m => m.speaker === 0).length);
    const ofSpeaker = model.monologues.filter(m => m.speaker === 0).reduce((n, m) => n + m.sentences.reduce((k, s) => k + (s.text.match(re)?.length ?? 0), 0), 0);
    assert.equal(filtered.matches, ofSpeaker, 'the search now counts only the shown speaker');

    // Export: format given, then format picked; the save path comes from the script.
    const srtPath = join(dir, 'call.srt');
    const written = await withPrompter(api, [srtPath], async () => vscode.commands.executeCommand<string>('gongExplorer.transcript.export', call.id, 'srt'));
    assert.equal(written, srtPath);
    assert.equal(readFileSync(srtPath, 'utf8'), toSrt(model));
    const vttPath = join(dir, 'call.vtt');
    await withPrompter(api, ['WebVTT subtitles', vttPath], async () => { await vscode.commands.executeCommand('gongExplorer.transcript.export', call.id); });
    const vtt = readFileSync(vttPath, 'utf8');
    assert.equal(vtt, toVtt(model));
    assert.ok(vtt.startsWith('WEBVTT\n'));

    // Opening at a moment (as a time clicked in the details does) scrolls the open transcript there.
    const target = model.monologues[Math.floor(model.monologues.length / 2)]?.start ?? 0;
    const sentBefore = (await panelOf('transcript', call.id))?.sent.length ?? 0;
    await vscode.commands.executeCommand('gongExplorer.call.openTranscript', call.id, { at: target });
    const after = await waitFor(async () => { const s = await panelOf('transcript', call.id); return s && s.sent.length > sentBefore ? s : undefined; }, 10_000, 'a jump message');
    assert.deepEqual(after.sent.slice(sentBefore), ['jumpTo'], 'one jump, no reload of the transcript');
  });

  it('opens several transcripts with one transcript request', async () => {
    const ids = gong().world.calls.filter(c => !c.title.includes('(')).slice(10, 14).map(c => c.id);
    const watch = watchRequests(ids);
    try {
      await vscode.commands.executeCommand('gongExplorer.call.openTranscript', ids);
      await waitFor(async () => { const all = await inspect(); return ids.every(id => all.find(s => s.kind === 'transcript' && s.callId === id)?.model) ? true : undefined; }, 30_000, 'all transcripts loaded');
    } finally { watch.stop(); }
    // One /v2/calls/transcript and one /v2/calls/extensive (for speaker names), not one per call.
    assert.deepEqual(watch.seen.sort(), ['/v2/calls/extensive', '/v2/calls/transcript']);
  });

  it('asks before opening more than ten transcripts, and can open the first ten', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const ids = gong().world.calls.filter(c => !c.title.includes('(')).slice(20, 32).map(c => c.id);
    const api = await getApi();
    const watch = watchRequests(ids);
    let open: PanelSnapshot[];
    try {
      const prompter = await withPrompter(api, ['Open the First 10'], async p => { await vscode.commands.executeCommand('gongExplorer.call.openTranscript', ids); return p; });
      assert.match(prompter.asked[0]?.message ?? '', /Open 12 transcripts/);
      open = await waitFor(async () => { const all = (await inspect()).filter(s => s.kind === 'transcript'); return all.length === 10 && all.every(s => s.model) ? all : undefined; }, 30_000, 'ten transcripts');
    } finally { watch.stop(); }
    assert.deepEqual(open.map(s => s.callId).sort(), ids.slice(0, 10).sort());
    assert.deepEqual(watch.seen.sort(), ['/v2/calls/extensive', '/v2/calls/transcript'], 'one transcript request and one for the parties');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('exports the transcripts of a Library folder into one file', async () => {
    const world = gong().world;
    const folder = world.libraryFolders.find(f => new Set(f.callIds).size >= 2);
    assert.ok(folder, 'a folder with calls');
    const row = { id: `gongExplorer.library/folder/${folder.id}`, label: folder.name, item: { kind: 'folder', gongId: folder.id, json: {} } };
    const target = join(dir, 'folder.json');
    const api = await getApi();
    const watch = watchRequests([...new Set(folder.callIds)], folder.id);
    let result: { path: string; count: number } | undefined;
    try {
      result = await withPrompter(api, [target], async () => vscode.commands.executeCommand<{ path: string; count: number }>('gongExplorer.transcript.exportMany', row, 'json'));
    } finally { watch.stop(); }
    assert.equal(result?.path, target);
    const docs = JSON.parse(readFileSync(target, 'utf8')) as Array<{ callId: string; monologues: unknown[] }>;
    const expected = [...new Set(folder.callIds)].filter(id => (world.callsById.get(id)?.transcript().length ?? 0) > 0);
    assert.deepEqual(docs.map(d => d.callId).sort(), expected.sort());
    assert.equal(result?.count, docs.length);
    // The folder's content, one transcript request, and at most one for the speakers' names.
    const seen = watch.seen.sort();
    assert.ok(['/v2/calls/transcript', '/v2/library/folder-content'].every(p => seen.filter(x => x === p).length === 1), seen.join(', '));
    assert.ok(seen.filter(x => x === '/v2/calls/extensive').length <= 1, seen.join(', '));
  });

  it('asks to sign in when signed out, and loads by itself after sign-in', async () => {
    const api = await getApi();
    const call = gong().world.calls.filter(c => !c.title.includes('(')).at(-1);
    assert.ok(call);
    await signOutAll(api);
    await vscode.commands.executeCommand('gongExplorer.call.showDetails', call.id);
    const out = await waitFor(async () => { const s = await panelOf('details', call.id); return s?.error ? s : undefined; }, 10_000, 'a signed-out message');
    assert.match(out.error ?? '', /sign in/i);
    assert.equal(out.model, undefined);
    await signInScripted(api, gong(), 'Panels');
    const back = await waitFor(async () => { const s = await panelOf('details', call.id); return s?.model ? s : undefined; }, 30_000, 'the details after sign-in');
    assert.equal(back.model?.title, call.title);
    assert.equal(back.error, undefined);
  });

  it('shows hostile call text without failing the page', async () => {
    const call = gong().world.calls.find(c => c.title.includes('(hostile text)'));
    assert.ok(call);
    await vscode.commands.executeCommand('gongExplorer.call.showDetails', call.id);
    const p = await waitFor(async () => { const s = await panelOf('details', call.id); return s?.status && s.model ? s : undefined; }, 30_000, 'the hostile call rendered');
    assert.equal(p.model?.title, call.title);
    assert.equal(p.rejected, 0);
  });
});
