import * as assert from 'node:assert/strict';
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

  it('loads more calls in the Calls view, grouped by day', async () => {
    const rows = await views.getChildren('calls');
    assert.equal(rows[0]?.contextValue, 'rangeRow');
    const more = rows.find(r => r.contextValue === 'loadMoreRow');
    assert.ok(more, 'a week of 5,000 calls over 120 days is more than one page');
    const before = views.models.calls.loadedCalls().length;
    await views.activate('calls', more);
    assert.equal(views.models.calls.loadedCalls().length, before + 100);
    const days = (await views.getChildren('calls')).filter(r => r.contextValue === 'day');
    const keys = days.map(d => d.item?.gongId ?? '');
    assert.deepEqual(keys, [...keys].sort().reverse());
    // A different preset through the command, answered by script.
    await withPrompter(await getApi(), ['Last 30 days'], async () => {
      await vscode.commands.executeCommand('gongExplorer.calls.setRange');
    });
    assert.equal((await views.getChildren('calls'))[0]?.label, 'Last 30 days');
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
