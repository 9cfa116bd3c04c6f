import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { secretKey } from '../../src/auth/profiles';
import type { AskedPrompt } from '../../src/platform/prompter';
import { SIGN_IN_COMMAND, getApi, signOutAll, useGong, withPrompter } from './harness/index';

/**
 * A scripted browser: loads the consent page the extension opened, submits its form with Allow (or
 * Deny), and follows Gong's redirect to the extension's loopback address, as a person's browser does.
 */
function scriptedBrowser(decision: 'allow' | 'deny', seen: string[]) {
  return async (url: string): Promise<boolean> => {
    seen.push(url);
    const page = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    const html = await page.text();
    assert.equal(page.status, 200, html);
    const form = new URLSearchParams();
    for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(m[1] ?? '', (m[2] ?? '').replace(/&amp;/g, '&'));
    form.set('decision', decision);
    const consent = await fetch(new URL('/oauth2/authorize', url), { method: 'POST', body: form, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    const back = consent.headers.get('location');
    assert.equal(consent.status, 302);
    assert.ok(back);
    // The "browser" follows the redirect in the background; the extension is waiting for it.
    void fetch(back, { signal: AbortSignal.timeout(10_000) }).then(r => r.text()).catch(() => undefined);
    return true;
  };
}

describe('OAuth sign-in with a company\'s Gong app, end to end', function () {
  this.timeout(60_000);
  // Tokens live 4 s, so a refresh comes within the test.
  const gong = useGong({ users: 15, calls: 10, oauthTokenTtlSeconds: 4 });
  after(async () => { await signOutAll(await getApi()); });

  const answers = (name: string) => Array.from({ length: 8 }, () => (asked: AskedPrompt): unknown => {
    if (asked.kind === 'pick') {
      const labels = asked.labels ?? [];
      return labels.find(l => /Gong OAuth app/.test(l)) ?? labels.find(l => /new profile/i.test(l));
    }
    const text = asked.prompt ?? '';
    if (/profile name/i.test(text)) return name;
    if (/sign-in address/i.test(text)) return gong().baseUrl;
    if (/client id/i.test(text)) return gong().oauth.clientId;
    if (/client secret/i.test(text)) return gong().oauth.clientSecret;
    throw new Error(`unexpected question: ${text}`);
  });

  it('signs in through the local Gong\'s consent page, reads Gong at the customer host, and refreshes the token before it expires', async () => {
    const api = await getApi();
    const seen: string[] = [];
    // Put back after the test; it is called through api.services again, never detached.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const restoreBrowser = api.services.openExternal;
    (api.services as { openExternal: (u: string) => Promise<boolean> }).openExternal = scriptedBrowser('allow', seen);
    try {
      const prompter = await withPrompter(api, answers('Company app'), async p => { await vscode.commands.executeCommand(SIGN_IN_COMMAND); return p; });
      assert.ok(prompter.asked.some(a => a.kind === 'input' && a.password && /client secret/i.test(a.prompt ?? '')), 'the client secret is asked as a password');
    } finally {
      (api.services as { openExternal: (u: string) => Promise<boolean> }).openExternal = restoreBrowser;
    }
    assert.equal(seen.length, 1, 'the consent page was opened once');
    const consent = new URL(seen[0] ?? '');
    assert.equal(consent.pathname, '/oauth2/authorize');
    assert.equal(consent.searchParams.get('client_id'), gong().oauth.clientId);
    assert.match(consent.searchParams.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    assert.match(consent.searchParams.get('scope') ?? '', /api:users:read/);
    assert.equal(consent.searchParams.get('client_secret'), null, 'the secret never goes in a URL');

    const session = api.services.session;
    assert.equal(session.active?.name, 'Company app');
    assert.equal(session.active?.authKind, 'oauth');
    assert.equal(session.active?.baseUrl, gong().baseUrl, 'API host from api_base_url_for_customer');
    const secrets = api.services.context.secrets;
    const stored = JSON.parse(await secrets.get(secretKey('Company app', 'oauthTokens')) ?? '{}') as { refreshToken?: string };
    assert.ok(stored.refreshToken);
    assert.equal(JSON.stringify(api.services.context.globalState.get('gongExplorer.profiles')).includes(gong().oauth.clientSecret), false, 'no secret in globalState');

    const client = session.api();
    assert.ok(client);
    const users = await client.request<{ users: unknown[] }>({ method: 'GET', path: '/v2/users' });
    assert.equal(users.data.users.length, 15);
    // Counted from here: storing the sign-in can take seconds, so the first request may already have
    // refreshed the 4 s token; the token in use now is refreshed once more within the wait below.
    const before = gong().oauth.refreshCount;
    await new Promise(r => setTimeout(r, 2300));
    await client.request({ method: 'GET', path: '/v2/workspaces' });
    assert.equal(gong().oauth.refreshCount - before, 1, 'one refresh before the 4 s token expired');
    const after = JSON.parse(await secrets.get(secretKey('Company app', 'oauthTokens')) ?? '{}') as { refreshToken?: string };
    assert.ok(after.refreshToken && after.refreshToken !== stored.refreshToken, 'the new single-use refresh token was stored');
    // The views read Gong through the refreshed token too.
    const rows = await api.services.views?.getChildren('users');
    assert.ok(rows?.some(r => r.item?.kind === 'user'));

    await session.signOut('Company app');
    assert.equal(await secrets.get(secretKey('Company app', 'oauthTokens')), undefined);
    assert.equal(await secrets.get(secretKey('Company app', 'oauthApp')), undefined);
  });

  it('a denied consent stores nothing', async () => {
    const api = await getApi();
    // Put back after the test; it is called through api.services again, never detached.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const restoreBrowser = api.services.openExternal;
    (api.services as { openExternal: (u: string) => Promise<boolean> }).openExternal = scriptedBrowser('deny', []);
    try {
      await withPrompter(api, answers('Denied app'), async () => { await vscode.commands.executeCommand(SIGN_IN_COMMAND); });
    } finally {
      (api.services as { openExternal: (u: string) => Promise<boolean> }).openExternal = restoreBrowser;
    }
    assert.equal(api.services.session.profiles().some(p => p.name === 'Denied app'), false);
    assert.equal(await api.services.context.secrets.get(secretKey('Denied app', 'oauthApp')), undefined);
  });
});
