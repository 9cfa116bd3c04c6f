import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ALL_SCOPES } from '../../src/localGong/index';
import { statusText } from '../../src/status/text';
import type { TreeAccess, ViewKey } from '../../src/tree/index';
import type { TreeNode } from '../../src/tree/node';
import { getApi, signInScripted, signOutAll, useGong, waitFor, withPrompter } from './harness/index';

// Gong as a company without Engage or the meetings API sees it, in the real VS Code: a refused
// feature stays in its own view or action while everything else keeps working; nothing-found 404s
// read as empty; a token without the workspaces scope still signs in.

const RUN = 'gongExplorer.actions.run';

type Outcome =
  | { kind: 'result'; uri: string; status: number; requestId: string | undefined; text: string }
  | { kind: 'error'; message: string; hint?: string; status?: number; failure?: string; signInAgain?: boolean; retry?: boolean }
  | { kind: 'invalid'; message: string }
  | { kind: 'notConfirmed' };

async function expandAll(views: TreeAccess, view: ViewKey, rows: TreeNode[], depth = 4): Promise<TreeNode[]> {
  const seen = [...rows];
  if (depth === 0) return seen;
  for (const r of rows) if (r.collapsible !== 'none') seen.push(...await expandAll(views, view, await views.getChildren(view, r), depth - 1));
  return seen;
}

const items = (rows: TreeNode[]) => rows.filter(r => r.item);

const OTHER_VIEWS: readonly ViewKey[] = ['workspaces', 'users', 'library', 'calls', 'trackers', 'scorecards'];

describe('features turned off', function () {
  this.timeout(120_000);
  const gong = useGong({ users: 40, calls: 300, disable: ['engage', 'meetings'] });
  let views: TreeAccess;

  before(async () => {
    const api = await getApi();
    await signOutAll(api);
    await signInScripted(api, gong(), 'No Engage');
    assert.ok(api.services.views);
    views = api.services.views;
    await vscode.commands.executeCommand('workbench.view.extension.gongExplorer');
  });
  after(async () => { await signOutAll(await getApi()); });

  it('Engage Flows shows its refusal while the other six views and the status bar stay signed in', async () => {
    const api = await getApi();
    const owner = gong().world.users.find(u => u.active);
    assert.ok(owner);
    views.models.flows.setOwnerEmail(owner.emailAddress);
    const flows = await expandAll(views, 'flows', await views.getChildren('flows'));
    const refusals = flows.filter(r => r.contextValue === 'errorRow');
    assert.ok(refusals.length > 0, `a refusal row in ${flows.map(r => r.label).join(' | ')}`);
    for (const r of refusals) assert.equal(r.label, 'Engage is not enabled for this company or these credentials.');
    assert.ok(!flows.some(r => r.contextValue === 'signInRow'), 'no sign-in row in Engage Flows');
    for (const view of OTHER_VIEWS) {
      const rows = await expandAll(views, view, await views.getChildren(view), view === 'calls' ? 2 : 3);
      const bad = rows.filter(r => r.contextValue === 'errorRow' || r.contextValue === 'signInRow');
      assert.deepEqual(bad.map(r => r.label), [], `${view} keeps working`);
      if (view !== 'calls') assert.ok(rows.some(r => r.item), `${view} lists Gong objects`);
    }
    const session = api.services.session;
    assert.equal(session.authFailed, false, 'the session was not marked as refused');
    assert.equal(session.active?.name, 'No Engage');
    const status = statusText(session.active, session.stats(), session.authFailed);
    assert.match(status.text, /Gong: No Engage/);
    assert.doesNotMatch(status.tooltip, /sign in again/i);
  });

  it('Run Action on a meetings endpoint says it is in limited release and keeps the session', async () => {
    const api = await getApi();
    const owner = gong().world.users.find(u => u.active);
    assert.ok(owner);
    const out = await vscode.commands.executeCommand<Outcome>(RUN, { actionId: 'meetings.integrationStatus', input: { emails: [owner.emailAddress] } });
    assert.ok(out && out.kind === 'error', JSON.stringify(out));
    assert.equal(out.status, 403);
    assert.equal(out.failure, 'forbidden');
    assert.equal(out.signInAgain, false);
    assert.match(out.message, /The meetings API is in limited release/);
    assert.equal(api.services.session.authFailed, false);
    assert.ok(items(await views.getChildren('users')).length > 0, 'the views still load');
  });

  it('an empty stats range shows as an empty result, not as an error', async () => {
    // The required dates come with the command; the optional users (none picked) and the two creation times (skipped) are asked one by one.
    let asked = '';
    const out = await withPrompter(await getApi(), [[], 'Skip', 'Skip'], async p => {
      const r = await vscode.commands.executeCommand<Outcome>(RUN, { actionId: 'stats.interaction', input: { filter: { fromDate: '2001-01-01', toDate: '2001-01-08' } } });
      asked = JSON.stringify(p.asked);
      return r;
    });
    assert.ok(out && out.kind === 'result', `${JSON.stringify(out)}; asked ${asked}`);
    const data = JSON.parse(out.text) as Record<string, unknown>;
    assert.deepEqual(data.peopleInteractionStats, []);
    const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === out.uri);
    assert.ok(doc, 'the result document is open');
    assert.match(doc.getText(), /"peopleInteractionStats": \[\]/);
  });
});

describe('a bearer token without api:workspaces:read', function () {
  this.timeout(120_000);
  const gong = useGong({ users: 30, calls: 100 });
  after(async () => { await signOutAll(await getApi()); });

  it('signs in, says which views stay empty, and the other views work', async () => {
    const api = await getApi();
    await signOutAll(api);
    const token = gong().addToken(ALL_SCOPES.filter(s => s !== 'api:workspaces:read'));
    const note = await api.services.session.signIn('No Workspaces', { baseUrl: gong().baseUrl, auth: { kind: 'bearer', token } });
    assert.match(note ?? '', /Workspaces and Library views will stay empty/);
    assert.equal(api.services.session.active?.name, 'No Workspaces');
    const views = api.services.views;
    assert.ok(views);
    const ws = await views.getChildren('workspaces');
    assert.equal(ws[0]?.label, 'These credentials lack the scope api:workspaces:read.');
    assert.ok(items(await views.getChildren('users')).length > 0);
    assert.ok(items(await expandAll(views, 'trackers', await views.getChildren('trackers'))).length > 0);
    assert.equal(api.services.session.authFailed, false);
    // Through the sign-in command too: a token without the scope is accepted.
    await signInScripted(api, { ...gong(), bearerToken: token }, 'No Workspaces 2', 'bearer');
    assert.equal(api.services.session.active?.name, 'No Workspaces 2');
  });
});

describe('inputs the catalog does not declare', function () {
  this.timeout(60_000);
  const gong = useGong({ users: 20, calls: 20 });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signOutAll(await getApi());
  });

  it('the JSON editor warns that Gong may ignore them, and the run sends them', async () => {
    const api = await getApi();
    await signOutAll(api);
    await signInScripted(api, gong(), 'Undeclared');
    const uri = await vscode.commands.executeCommand<string>('gongExplorer.actions.editJson', { actionId: 'users.list', input: { fieldGongAddsLater: 'x' } });
    const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri);
    assert.ok(doc, 'the editor is open');
    const diags = await waitFor(() => { const d = vscode.languages.getDiagnostics(doc.uri); return d.length > 0 ? d : undefined; }, 5000, 'a diagnostic');
    const warning = diags.find(d => d.severity === vscode.DiagnosticSeverity.Warning);
    assert.ok(warning, diags.map(d => d.message).join(' | '));
    assert.match(warning.message, /fieldGongAddsLater is not among the documented inputs of users\.list: sent as given; Gong may ignore it/);
    assert.ok(!diags.some(d => d.severity === vscode.DiagnosticSeverity.Error), 'not an error');
    const out = await vscode.commands.executeCommand<Outcome>('gongExplorer.actions.runJson', uri);
    assert.ok(out && out.kind === 'result', JSON.stringify(out));
  });
});

