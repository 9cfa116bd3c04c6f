import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, getApi, signInScripted, signOutAll, startGong, useGong, waitFor } from './harness/index';

interface Manifest {
  contributes: {
    views: Record<string, Array<{ id: string; when?: string }>>;
    viewsWelcome: Array<{ view: string; contents: string; when?: string }>;
    walkthroughs: Array<{ id: string; steps: Array<{ id: string; description: string }> }>;
  };
}

function manifest(): Manifest {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  return ext.packageJSON as Manifest;
}

describe('first minute: the welcome, Loading rows, the walkthrough', function () {
  this.timeout(60_000);
  // Slow enough that a view's first rows take longer than the "Loading..." threshold.
  const gong = useGong({ latencyMs: 600, users: 40, calls: 40, seed: 3 });
  after(async () => { await signOutAll(await getApi()); });

  it('signed out: one welcome (what it does, Sign In, Try the Demo) instead of every view asking to sign in', async () => {
    const api = await getApi();
    await signOutAll(api);
    const views = manifest().contributes.views['gongExplorer'] ?? [];
    assert.ok(views.length >= 7, `${views.length} Gong views`);
    const shownSignedOut = views.filter(v => v.when !== 'gongExplorer:signedIn').map(v => v.id);
    assert.deepEqual(shownSignedOut, ['gongExplorer.workspaces'], 'only the view with the welcome shows while signed out');
    const welcome = manifest().contributes.viewsWelcome.filter(w => w.when === '!gongExplorer:signedIn');
    assert.equal(welcome.length, 1);
    assert.equal(welcome[0]?.view, 'gongExplorer.workspaces');
    for (const link of ['command:gongExplorer.auth.signIn', 'command:gongExplorer.demo.start', 'command:gongExplorer.walkthrough.open']) {
      assert.ok(welcome[0]?.contents.includes(link), link);
    }
    assert.match(welcome[0]?.contents ?? '', /browse calls, read transcripts/);
    // No rows, so VS Code shows the welcome content.
    assert.deepEqual(await api.services.views?.shownChildren('workspaces'), []);
  });

  it('a view that is loading shows "Loading...", then its rows; after a new sign-in never the previous rows', async () => {
    const api = await getApi();
    const views = api.services.views;
    assert.ok(views);
    const other = await startGong({ users: 12, calls: 10, seed: 99 });
    try {
      await signInScripted(api, other, 'Before');
      const before = (await views.getChildren('users')).filter(r => r.item?.kind === 'user').map(r => r.label);
      assert.ok(before.length > 0);

      await signInScripted(api, gong(), 'Slow');
      const shown = await views.shownChildren('users');
      assert.deepEqual(shown.map(r => [r.label, r.contextValue]), [['Loading...', 'loadingRow']], 'a Loading row, not the rows of the profile before');
      const rows = await waitFor(async () => {
        const r = await views.shownChildren('users');
        return r.some(x => x.item?.kind === 'user') ? r : undefined;
      }, 20_000, 'the users of the new profile');
      const names = new Set(gong().world.users.map(u => `${u.firstName} ${u.lastName}`));
      assert.ok(rows.filter(r => r.item).every(r => names.has(r.label)), 'only the new profile\'s users');
      // Loaded rows come at once from then on: no Loading row flashes on a redraw.
      assert.ok((await views.shownChildren('users')).some(r => r.item?.kind === 'user'));
    } finally {
      await other.close();
    }
  });

  it('Get Started opens the walkthrough: sign in, browse calls, open a transcript, run an action, search', async () => {
    const steps = manifest().contributes.walkthroughs.find(w => w.id === 'gongExplorer.getStarted')?.steps.map(s => s.id);
    assert.deepEqual(steps, ['signIn', 'browseCalls', 'openTranscript', 'runAction', 'search']);
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const step of manifest().contributes.walkthroughs[0]?.steps ?? []) {
      for (const m of step.description.matchAll(/\(command:([\w.]+)\)/g)) {
        const id = m[1] ?? '';
        // `<view>.focus` commands exist once the view is registered; the others are the extension's own.
        assert.ok(commands.has(id), `step ${step.id} links to ${id}, which is not a command`);
      }
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('gongExplorer.walkthrough.open');
    const tab = await waitFor(() => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t && /welcome|walkthrough|get started|gong/i.test(t.label) ? t : undefined;
    }, 15_000, 'the walkthrough editor');
    console.log(`    walkthrough tab: "${tab.label}"`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
