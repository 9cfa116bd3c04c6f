import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BACK } from '../../src/platform/prompter';
import { SECRET_PARTS, StateKeys, parseProfiles, secretKey, upsertProfile } from '../../src/auth/profiles';
import { Session } from '../../src/auth/session';
import { getApi, signInAnswers, signInScripted, signOutAll, startGong, useGong, waitFor, withPrompter } from './harness/index';

// Sign-in, profiles and sign-out through the real commands, SecretStorage and globalState.

describe('sign-in and profiles', function () {
  this.timeout(60_000);
  const gong = useGong({ users: 30, calls: 30 });
  after(async () => { await signOutAll(await getApi()); });

  const secretsOf = async (name: string) => {
    const { services } = await getApi();
    const out: Record<string, string | undefined> = {};
    for (const part of SECRET_PARTS) out[part] = await services.context.secrets.get(secretKey(name, part));
    return out;
  };

  it('signs in with an access key through the command and stores the secrets only in SecretStorage', async () => {
    const api = await getApi();
    const prompter = await signInScripted(api, gong(), 'Auth');
    assert.equal(api.services.session.active?.name, 'Auth');
    assert.equal(api.services.session.active?.baseUrl, gong().baseUrl);
    assert.ok(api.services.session.api(), 'a client for the active profile');
    const asked = prompter.asked;
    assert.ok(asked.filter(a => a.kind === 'input' && /secret/i.test(a.prompt ?? '')).every(a => a.password), 'the secret is asked in a password box');
    const stored = await secretsOf('Auth');
    assert.equal(stored.accessKey, gong().accessKey);
    assert.equal(stored.accessKeySecret, gong().accessKeySecret);
    const state = JSON.stringify(api.services.context.globalState.get(StateKeys.profiles));
    assert.ok(state.includes('"Auth"'));
    assert.ok(!state.includes(gong().accessKeySecret), 'no secret in globalState');
    // The views can read Gong now.
    const views = api.services.views;
    assert.ok(views, 'registerViews exposed the trees');
    const ws = await views.getChildren('workspaces');
    assert.deepEqual(ws.filter(r => r.item).map(r => r.item?.gongId), gong().world.workspaces.map(w => w.id));
  });

  it('after a reload the last profile is active at once (before SecretStorage answers); one whose secrets are gone signs out again', async () => {
    const api = await getApi();
    const { context, log } = api.services;
    if (api.services.session.active?.name !== 'Auth') await signInScripted(api, gong(), 'Auth');
    const profiles = context.globalState.get(StateKeys.profiles);
    const active = context.globalState.get(StateKeys.active);
    // A second session over the same state is what a window reload starts with.
    const restored = new Session(context, log);
    try {
      assert.equal(restored.active?.name, 'Auth', 'known from globalState alone, in the constructor');
      const client = restored.api();
      assert.ok(client, 'a client at once; its requests wait for the credentials');
      const answer = await client.request<{ workspaces?: unknown[] }>({ method: 'GET', path: '/v2/workspaces' });
      assert.equal(answer.status, 200);
      assert.equal(answer.data.workspaces?.length, gong().world.workspaces.length);
      await restored.ready;
      assert.equal(restored.active?.name, 'Auth');
    } finally { restored.dispose(); }
    await context.globalState.update(StateKeys.profiles, upsertProfile(parseProfiles(profiles), { name: 'Ghost', baseUrl: gong().baseUrl, authKind: 'basic' }));
    await context.globalState.update(StateKeys.active, 'Ghost');
    const ghost = new Session(context, log);
    try {
      assert.equal(ghost.active?.name, 'Ghost');
      const sentBefore = gong().requestCount;
      const pending = ghost.api()?.request({ method: 'GET', path: '/v2/workspaces' });
      await ghost.ready;
      assert.equal(ghost.active, undefined, 'signed out once SecretStorage had nothing');
      assert.equal(ghost.api(), undefined);
      await assert.rejects(pending ?? Promise.reject(new Error('no client')), /no stored credentials/);
      assert.equal(gong().requestCount, sentBefore, 'nothing was sent without credentials');
    } finally {
      ghost.dispose();
      await context.globalState.update(StateKeys.profiles, profiles);
      await context.globalState.update(StateKeys.active, active);
      // The two sessions set the signed-in context keys; the extension's own session sets them back.
      await api.services.session.switchTo('Auth');
    }
  });

  it('a failing sign-in says why and stores nothing', async () => {
    const api = await getApi();
    const answers = signInAnswers(gong(), 'Broken').map(a => (asked: Parameters<Extract<typeof a, (...x: never[]) => unknown>>[0]) => {
      if (asked.kind === 'input' && /secret/i.test(asked.prompt ?? '')) return 'not-the-secret';
      return typeof a === 'function' ? a(asked) : a;
    });
    const before = api.services.session.active?.name;
    await withPrompter(api, answers, async () => {
      await vscode.commands.executeCommand('gongExplorer.auth.signIn');
    });
    assert.equal(api.services.session.active?.name, before, 'the active profile is unchanged');
    assert.ok(!api.services.session.profiles().some(p => p.name === 'Broken'), 'no profile stored');
    assert.deepEqual(await secretsOf('Broken'), { accessKey: undefined, accessKeySecret: undefined, token: undefined, oauthApp: undefined, oauthTokens: undefined });
    // The same check, without the command around it, gives the typed error the message is built from.
    await assert.rejects(
      api.services.session.signIn('Broken', { baseUrl: gong().baseUrl, auth: { kind: 'basic', accessKey: gong().accessKey, accessKeySecret: 'x' } }),
      (e: unknown) => (e as { kind?: string }).kind === 'auth',
    );
    assert.ok(!api.services.session.profiles().some(p => p.name === 'Broken'));
  });

  it('an unreachable host fails the same way and stores nothing', async () => {
    const api = await getApi();
    const other = await startGong({ users: 2, calls: 2 });
    const url = other.baseUrl;
    await other.close();
    await assert.rejects(
      api.services.session.signIn('Nowhere', { baseUrl: url, auth: { kind: 'bearer', token: 't' } }),
      (e: unknown) => (e as { kind?: string }).kind === 'network',
    );
    assert.ok(!api.services.session.profiles().some(p => p.name === 'Nowhere'));
  });

  it('keeps several profiles, switches between them, and the Back button steps back', async () => {
    const api = await getApi();
    const second = gong().addToken(['api:workspaces:read', 'api:users:read']);
    // Bearer sign-in; the first answer to the token prompt is Back, which re-asks the base URL.
    let backed = false;
    const base = signInAnswers(gong(), 'Second', 'bearer');
    const answers = base.map(a => (asked: Parameters<Extract<typeof a, (...x: never[]) => unknown>>[0]) => {
      if (asked.kind === 'input' && /token/i.test(asked.prompt ?? '')) {
        if (!backed) { backed = true; return BACK; }
        return second;
      }
      return typeof a === 'function' ? a(asked) : a;
    });
    const prompter = await withPrompter(api, answers, async p => {
      await vscode.commands.executeCommand('gongExplorer.auth.signIn');
      return p;
    });
    assert.ok(backed);
    const urlAsks = prompter.asked.filter(a => a.kind === 'input' && /base URL/i.test(a.prompt ?? '')).length;
    assert.equal(urlAsks, 2, `Back returned to the base URL step; asked: ${JSON.stringify(prompter.asked.map(a => [a.kind, a.step, a.prompt ?? a.labels]))}`);
    assert.equal(api.services.session.active?.name, 'Second');
    assert.equal(api.services.session.active?.authKind, 'bearer');
    assert.deepEqual(api.services.session.profiles().map(p => p.name).sort(), ['Auth', 'Second']);
    await withPrompter(api, ['Auth'], async () => {
      await vscode.commands.executeCommand('gongExplorer.auth.switchProfile');
    });
    assert.equal(api.services.session.active?.name, 'Auth');
  });

  it('an auth failure from Gong turns the views into sign-in rows', async () => {
    const api = await getApi();
    const views = api.services.views;
    assert.ok(views);
    views.models.users.refresh();
    gong().faults.add({ path: '/v2/users', status: 401, body: { errors: ['Unauthorized'] } });
    const rows = await views.getChildren('users');
    assert.deepEqual(rows.map(r => r.contextValue), ['signInRow']);
    assert.equal(api.services.session.authFailed, true);
    await waitFor(async () => (await views.getChildren('trackers'))[0]?.contextValue === 'signInRow', 5000, 'sign-in row in other views');
    // Signing in again clears it.
    await signInScripted(api, gong(), 'Auth');
    assert.equal(api.services.session.authFailed, false);
    assert.equal((await views.getChildren('users')).filter(r => r.item).length, 30);
  });

  it('the status bar menu offers switch profile, sign out and the log', async () => {
    const api = await getApi();
    const labels = await withPrompter(api, ['Show Log'], async prompter => {
      await vscode.commands.executeCommand('gongExplorer.auth.statusMenu');
      return prompter.asked[0]?.labels ?? [];
    });
    assert.ok(labels.some(l => l.includes('Switch Profile')), labels.join(' | '));
    assert.ok(labels.some(l => l.includes('Sign Out')));
    assert.ok(labels.some(l => l.includes('Show Log')));
    assert.ok(api.services.session.stats().requestsToday > 0, 'requests are counted for the status bar');
  });

  it('signing out removes every stored secret of the profile', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('gongExplorer.auth.signOut', 'Second');
    assert.deepEqual(await secretsOf('Second'), { accessKey: undefined, accessKeySecret: undefined, token: undefined, oauthApp: undefined, oauthTokens: undefined });
    assert.ok(!api.services.session.profiles().some(p => p.name === 'Second'));
    assert.equal(api.services.session.active?.name, 'Auth', 'signing out another profile keeps the active one');
    await vscode.commands.executeCommand('gongExplorer.auth.signOut', 'Auth');
    assert.equal(api.services.session.active, undefined);
    assert.equal(api.services.session.api(), undefined);
    assert.deepEqual(await secretsOf('Auth'), { accessKey: undefined, accessKeySecret: undefined, token: undefined, oauthApp: undefined, oauthTokens: undefined });
    const views = api.services.views;
    assert.ok(views);
    assert.deepEqual(await views.getChildren('workspaces'), [], 'signed out: the welcome view shows');
  });

  it('asks before sending credentials to a host outside Gong\'s domains, naming it', async () => {
    const api = await getApi();
    let urlAsks = 0;
    const answers = signInAnswers(gong(), 'Elsewhere').map(a => (asked: Parameters<Extract<typeof a, (...x: never[]) => unknown>>[0]) => {
      if (asked.kind === 'input' && /base URL/i.test(asked.prompt ?? '')) return ++urlAsks === 1 ? 'https://gateway.example.com/gong' : gong().baseUrl;
      if (asked.kind === 'confirm') return undefined; // declined: the URL is asked again
      return typeof a === 'function' ? a(asked) : a;
    });
    const prompter = await withPrompter(api, answers, async p => {
      await vscode.commands.executeCommand('gongExplorer.auth.signIn');
      return p;
    });
    const confirm = prompter.asked.find(a => a.kind === 'confirm');
    assert.match(confirm?.message ?? '', /gateway\.example\.com is not one of Gong's hosts/);
    assert.deepEqual(confirm?.labels, ['Use This Host']);
    assert.equal(urlAsks, 2, 'declining asks for the base URL again');
    assert.equal(api.services.session.profiles().find(p => p.name === 'Elsewhere')?.baseUrl, gong().baseUrl, 'the Gong host was used, not the declined one');
    assert.equal(prompter.asked.filter(a => a.kind === 'confirm').length, 1, 'the local Gong (this machine) needs no confirmation');
  });
});

