import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/tree/node';
import type { TreeAccess, ViewKey } from '../../src/tree/index';
import { getApi, signInScripted, signOutAll, useGong, waitFor, withPrompter } from './harness/index';

// The sidebar views in the real VS Code: the same providers VS Code draws from (services.views),
// the real session and client, a local Gong with 1,000 users and 5,000 calls.

const items = (rows: TreeNode[]) => rows.filter(r => r.item);

async function expandAll(views: TreeAccess, view: ViewKey, rows: TreeNode[], depth = 5): Promise<TreeNode[]> {
  const seen = [...rows];
  if (depth === 0) return seen;
  for (const r of rows) if (r.collapsible !== 'none') seen.push(...await expandAll(views, view, await views.getChildren(view, r), depth - 1));
  return seen;
}

describe('sidebar views', function () {
  this.timeout(120_000);
  const gong = useGong({ users: 1000, calls: 5000 });
  let views: TreeAccess;

  before(async () => {
    const api = await getApi();
    await signInScripted(api, gong(), 'Views');
    assert.ok(api.services.views, 'registerViews exposed the trees');
    views = api.services.views;
    await vscode.commands.executeCommand('workbench.view.extension.gongExplorer');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signOutAll(await getApi());
  });

  it('expands every view without an error row', async () => {
    const owner = gong().world.users.find(u => u.active);
    assert.ok(owner);
    // The flow owner through its command: "Type an email address..." when a list is offered, then the email.
    const email = owner.emailAddress;
    await withPrompter(await getApi(), [(asked: { kind: string }) => (asked.kind === 'pick' ? 'Type an email address...' : email), email], async () => {
      await vscode.commands.executeCommand('gongExplorer.flows.setOwner');
    });
    assert.equal(views.models.flows.ownerEmail, email);
    for (const view of ['workspaces', 'users', 'library', 'calls', 'flows', 'trackers', 'scorecards'] as const) {
      const rows = await expandAll(views, view, await views.getChildren(view));
      assert.ok(items(rows).length > 0, `${view} shows Gong objects`);
      const errors = rows.filter(r => r.contextValue === 'errorRow' || r.contextValue === 'signInRow');
      assert.deepEqual(errors.map(e => e.label), [], `${view} has no error rows`);
      assert.equal(new Set(rows.map(r => r.id)).size, rows.length, `${view} ids are unique`);
    }
    assert.match(views.models.users.description() ?? '', /^updated /);
  });

  it('loads more users, a page at a time, and keeps them across refresh', async () => {
    views.models.users.refresh();
    let rows = await views.getChildren('users');
    assert.equal(items(rows).length, 100);
    const more = rows.find(r => r.contextValue === 'loadMoreRow');
    assert.equal(more?.label, 'Load 100 more (100 of 1,000)');
    assert.ok(more);
    await views.activate('users', more);
    rows = await views.getChildren('users');
    assert.equal(items(rows).length, 200);
    assert.equal(rows.find(r => r.contextValue === 'loadMoreRow')?.label, 'Load 100 more (200 of 1,000)');
    await vscode.commands.executeCommand('gongExplorer.users.refresh');
    rows = await views.getChildren('users');
    assert.equal(items(rows).length, 200, 'refresh keeps what was loaded');
  });

  it('shows the newest calls of the range first, without load more, and exports a day of calls', async () => {
    const api = await getApi();
    const client = api.services.session.api();
    assert.ok(client);
    const range = views.models.calls.range;
    // The whole range as Gong lists it (oldest first, several pages): the view must not need this.
    const listed: Array<{ id: string; started: string }> = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const res = await client.request({ method: 'GET', path: '/v2/calls', query: { fromDateTime: range.from, toDateTime: range.to, cursor } });
      const data = res.data as { calls: Array<{ id: unknown; started: string }>; records: { cursor?: string } };
      listed.push(...data.calls.map(c => ({ id: String(c.id), started: c.started })));
      cursor = data.records.cursor;
      if (!cursor) break;
    }
    assert.ok(listed.length > 100, `a week of 5,000 calls over 120 days is more than one page (${listed.length})`);
    const newest = listed.reduce((x, c) => (Date.parse(c.started) > Date.parse(x.started) ? c : x));
    const rows = await views.getChildren('calls');
    assert.equal(rows[0]?.contextValue, 'rangeRow');
    assert.equal(rows.find(r => r.contextValue === 'loadMoreRow'), undefined, 'no load-more for the range itself');
    const days = rows.filter(r => r.contextValue === 'day');
    const keys = days.map(d => d.item?.gongId ?? '');
    assert.deepEqual(keys, [...keys].sort().reverse());
    const first = days[0];
    assert.ok(first);
    assert.equal(first.collapsible, 'expanded', 'the newest day opens by itself');
    const under = await views.getChildren('calls', first);
    assert.equal(under[0]?.item?.gongId, newest.id, 'the newest call of the range is the first call row');
    // The day's context menu exports every call of the day, fetched by the day's bounds.
    const dayIds = under.filter(r => r.item?.kind === 'call').map(r => r.item?.gongId ?? '');
    const world = gong().world;
    const expected = dayIds.filter(id => (world.callsById.get(id)?.transcript().length ?? 0) > 0);
    assert.ok(expected.length > 0, 'the day has transcripts');
    const target = join(mkdtempSync(join(tmpdir(), 'gong-day-')), 'day.json');
    try {
      const result = await withPrompter(api, [target], async () => vscode.commands.executeCommand<{ path: string; count: number }>('gongExplorer.transcript.exportMany', first, 'json'));
      const docs = JSON.parse(readFileSync(target, 'utf8')) as Array<{ callId: string }>;
      assert.deepEqual(docs.map(d => d.callId).sort(), expected.sort());
      assert.equal(result?.count, docs.length);
    } finally { rmSync(dirname(target), { recursive: true, force: true }); }
    // A different preset through the command, answered by script.
    await withPrompter(await getApi(), ['Last 30 days'], async () => {
      await vscode.commands.executeCommand('gongExplorer.calls.setRange');
    });
    assert.equal((await views.getChildren('calls'))[0]?.label, 'Last 30 days');
  });

  it('groups trackers and Engage flows under workspace rows (the same ones repeat per workspace)', async () => {
    const ws = gong().world.workspaces.map(w => w.id);
    assert.ok(ws.length > 1);
    const trackers = await views.getChildren('trackers');
    assert.deepEqual(trackers.map(r => r.item?.gongId), ws);
    const names = (await views.getChildren('trackers', trackers[0])).map(r => r.label);
    assert.ok(names.length > 0 && new Set(names).size === names.length, 'no repeated tracker inside a workspace');
    const flows = await views.getChildren('flows');
    assert.deepEqual(flows.slice(1).map(r => r.item?.gongId), ws);
  });

  it('filters through the command and clears through the filter row', async () => {
    const target = gong().world.users[3];
    assert.ok(target);
    await withPrompter(await getApi(), [target.emailAddress], async () => {
      await vscode.commands.executeCommand('gongExplorer.users.filter');
    });
    const rows = await views.getChildren('users');
    assert.equal(rows[0]?.contextValue, 'filterRow');
    assert.deepEqual(items(rows).map(r => r.item?.gongId), [target.id]);
    assert.ok(rows[0]);
    await views.activate('users', rows[0]);
    assert.equal(views.models.users.filter, '');
    assert.ok(items(await views.getChildren('users')).length >= 200);
  });

  it('Copy ID puts the exact id on the clipboard; Show Details opens a read-only JSON document', async () => {
    const user = items(await views.getChildren('users'))[5];
    assert.ok(user?.item);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('gongExplorer.item.copyId', user);
    assert.equal(await vscode.env.clipboard.readText(), user.item.gongId);
    await vscode.commands.executeCommand('gongExplorer.item.copyJson', user);
    const json = JSON.parse(await vscode.env.clipboard.readText()) as { id?: string; emailAddress?: string };
    assert.equal(json.id, user.item.gongId, 'the 19-digit id survives as a string');
    await vscode.commands.executeCommand('gongExplorer.item.showDetails', user);
    const editor = await waitFor(() => vscode.window.activeTextEditor?.document.uri.scheme === 'gong-item' ? vscode.window.activeTextEditor : undefined, 10_000, 'the details document');
    assert.ok(editor.document.getText().includes(`"${user.item.gongId}"`));
    assert.equal(editor.document.languageId, 'json');
  });

  it('Run Action on a user pre-fills users.settingsHistory with the id and runs it', async () => {
    const api = await getApi();
    const user = items(await views.getChildren('users'))[2];
    assert.ok(user?.item);
    // The row offers two actions; the script picks the settings history. Anything the run-action
    // command asks afterwards keeps its pre-filled value (or the first choice).
    const accept = (asked: { kind: string; labels?: string[]; value?: string }) =>
      asked.kind === 'input' ? (asked.value ?? '') : asked.labels?.[0];
    const outcome = await withPrompter(api, ['Settings history of this user', accept, accept, accept, accept], async prompter => {
      const out = await vscode.commands.executeCommand<{ kind?: string; status?: number; text?: string } | undefined>('gongExplorer.item.runAction', user);
      assert.equal(prompter.asked[0]?.kind, 'pick');
      const emptyId = prompter.asked.find(a => a.kind === 'input' && /user id/i.test(`${a.title ?? ''} ${a.prompt ?? ''}`) && !a.value);
      assert.equal(emptyId, undefined, 'the user id was not asked for again');
      return out;
    });
    assert.equal(outcome?.kind, 'result', JSON.stringify(outcome));
    assert.equal(outcome?.status, 200);
  });
});
